package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// cmdObjections answers an objection as GET /api/v1/objections does, with
// the same JSON under --json.
func cmdObjections(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("objections", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "", `study name or id (default: the most recently analysed; "all" mixes every study)`)
	asJSON := fs.Bool("json", false, "print the JSON of GET /api/v1/objections")
	allRings := fs.Bool("all-rings", false, "rank quotes of every ring, not only perceived barriers")
	size := fs.Int("n", 10, "number of quotes")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return errUsage
	}
	if len(words) == 0 || *size < 1 || *size > 100 {
		fmt.Fprintln(e.stderr, "usage: verbatim objections [--data DIR] [--study NAME|all] [--all-rings] [--n 1-100] [--json] QUERY")
		return errUsage
	}
	a, err := openApp(ctx, e, *data)
	if err != nil {
		return err
	}
	defer a.Close()
	st, all, err := a.ResolveStudy(ctx, *study)
	if err != nil {
		return err
	}
	q := app.ObjectionQuery{Text: strings.Join(words, " "), AllRings: *allRings, Size: *size}
	if !all {
		q.StudyID = st.ID
	}
	res, err := a.Objections(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printObjections(e, res)
	return nil
}

func printObjections(e env, res app.Objections) {
	scope := "all studies"
	if res.Study != nil {
		scope = fmt.Sprintf("study %q", res.Study.Name)
	}
	rings := "perceived barriers"
	if res.AllRings {
		rings = "every ring"
	}
	fmt.Fprintf(e.stdout, "%q in %s (%s): %d quotes match\n", res.Query, scope, rings, res.Total)
	if len(res.Expanded) > 0 {
		fmt.Fprintf(e.stdout, "also searched: %s\n", strings.Join(res.Expanded, ", "))
	}
	printFocus(e, res.Focus)
	if len(res.Themes) > 0 {
		fmt.Fprintln(e.stdout, "\nThemes")
		for _, t := range res.Themes {
			var by []string
			for _, p := range t.ByPersona {
				by = append(by, fmt.Sprintf("%s %d of %d", p.Name, p.Participants, p.Size))
			}
			fmt.Fprintf(e.stdout, "  %s — %d of its %d quotes match", t.Theme.Label, t.Matches, t.Theme.Quotes)
			if len(by) > 0 {
				fmt.Fprintf(e.stdout, "; raised by %s", strings.Join(by, ", "))
			}
			fmt.Fprintln(e.stdout)
			if t.Quote != nil {
				fmt.Fprintf(e.stdout, "    “%s” — %s\n", persona.CleanVerbatim(t.Quote.Text), t.Quote.Participant)
			}
		}
	}
	fmt.Fprintln(e.stdout, "\nQuotes")
	for i, h := range res.Quotes {
		fmt.Fprintf(e.stdout, "%2d. %s\n    — %s, %s @ %s [%s]\n", i+1, persona.CleanVerbatim(h.Text), h.Participant, h.Source, h.Position, ringName(h.Ring))
	}
	if len(res.Answers) > 0 {
		fmt.Fprintln(e.stdout, "\nWhat they value instead")
		for _, v := range res.Answers {
			fmt.Fprintf(e.stdout, "  %s (%d raise it)\n", v.Name, v.Raising)
			for _, tq := range append(append([]app.ThemeQuote{}, v.DecisionCriteria...), v.SuccessFactors...) {
				fmt.Fprintf(e.stdout, "    %s", tq.Label)
				if tq.Quote != "" {
					fmt.Fprintf(e.stdout, ": “%s”", persona.CleanVerbatim(tq.Quote))
				}
				fmt.Fprintln(e.stdout)
			}
		}
	}
}

// printFocus says what every quote shown had to say, and that no buyer
// said it when none did.
func printFocus(e env, f app.ObjectionFocus) {
	what := strings.Join(f.Concerns, " or ")
	if what == "" && len(f.Topic) > 0 {
		what = "one of: " + strings.Join(f.Topic, ", ")
	}
	if what == "" {
		return
	}
	if f.Unanswered {
		fmt.Fprintf(e.stdout, "No buyer quote here says that (%s): %d quotes only share the query's words and are not shown.\n", what, f.SetAside)
		return
	}
	fmt.Fprintf(e.stdout, "quotes say: %s", what)
	if f.SetAside > 0 {
		fmt.Fprintf(e.stdout, " (%d that only share the query's words set aside)", f.SetAside)
	}
	fmt.Fprintln(e.stdout)
}

func ringName(r persona.Ring) string {
	if t := r.Title(); t != "" {
		return t
	}
	return "no ring"
}
