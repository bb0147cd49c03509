package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/verbatimhq/verbatim/search"
)

func cmdSearch(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "", "only this study")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("n", 10, "number of hits")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return errUsage
	}
	if len(words) == 0 {
		fmt.Fprintln(e.stderr, "usage: verbatim search [--data DIR] [--study NAME] [--json] QUERY")
		return errUsage
	}
	a, err := openApp(ctx, e, *data)
	if err != nil {
		return err
	}
	defer a.Close()
	q := search.Query{Text: strings.Join(words, " "), Size: *limit, Filters: map[string][]string{}}
	if *study != "" {
		st, err := a.StudyByName(ctx, *study)
		if err != nil {
			return err
		}
		q.Filters["study"] = []string{strconv.FormatInt(st.ID, 10)}
	}
	res, err := a.Search(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		type hit struct {
			ID          int64    `json:"id"`
			Text        string   `json:"text"`
			Fragments   []string `json:"fragments"`
			Participant string   `json:"participant"`
			Source      string   `json:"source"`
			Position    string   `json:"position"`
		}
		out := struct {
			Total uint64 `json:"total"`
			Hits  []hit  `json:"hits"`
		}{Total: res.Total, Hits: []hit{}}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, hit{h.ID, h.Text, h.Fragments, h.Participant, h.Source, h.Position})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(e.stdout, "%d quotes match %q\n\n", res.Total, q.Text)
	for i, h := range res.Hits {
		frag := h.Text
		if len(h.Fragments) > 0 {
			frag = terminalMarks(h.Fragments[0])
		}
		fmt.Fprintf(e.stdout, "%2d. %s\n    — %s, %s @ %s\n\n", i+1, frag, h.Participant, h.Source, h.Position)
	}
	return nil
}

// terminalMarks turns bleve's HTML fragment into terminal text with the
// matches in brackets.
func terminalMarks(s string) string {
	r := strings.NewReplacer("<mark>", "[", "</mark>", "]", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`)
	return r.Replace(s)
}

func cmdReindex(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	if _, err := parseInterspersed(fs, args); err != nil {
		return errUsage
	}
	a, err := openApp(ctx, e, *data)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Reindex(ctx); err != nil {
		return err
	}
	n, err := a.IndexedQuotes()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "reindexed %d quotes\n", n)
	return nil
}
