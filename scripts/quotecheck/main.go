// Command quotecheck judges what a study shows as representative by
// persona.WhyUnquotable: every theme's headline and first three top quotes
// of a `verbatim analyze --json` output, or quotes given one a line on
// stdin ("-"), with the kind of source (transcript or survey). It prints
// the counts by reason, with "shown" each quotable quote of stdin, and
// with another third argument each unquotable quote
// (docs/READING.md, Session quotes5).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

type q struct {
	ID   int64  `json:"id"`
	Text string `json:"text"`
}
type th struct {
	Label    string `json:"label"`
	Headline string `json:"headline"`
	Top      []q    `json:"top_quotes"`
}

func main() {
	// usage: quotecheck FILE.json transcript|survey [v]; judge - KIND [v|shown]: lines on stdin
	if os.Args[1] == "-" {
		sc := bufio.NewScanner(os.Stdin)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		n, bad := 0, map[string]int{}
		for sc.Scan() {
			s := sc.Text()
			w := persona.WhyUnquotable(persona.Quote{Text: s, Kind: persona.Kind(os.Args[2]), Tokens: nlp.Shared().Tag(s)})
			n++
			if w == "" && len(os.Args) > 3 && os.Args[3] == "shown" {
				fmt.Printf("%-18s %q\n", "shown", s)
			}
			if w != "" {
				bad[w]++
				if len(os.Args) > 3 && os.Args[3] != "shown" {
					fmt.Printf("%-18s %q\n", w, s)
				}
			}
		}
		fmt.Println("quotes", n, "unquotable", bad)
		return
	}
	b, _ := os.ReadFile(os.Args[1])
	var d struct {
		Themes []th `json:"themes"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		panic(err)
	}
	kind := persona.Kind(os.Args[2])
	verbose := len(os.Args) > 3
	tag := nlp.Shared()
	judge := func(s string) string {
		return persona.WhyUnquotable(persona.Quote{Text: s, Kind: kind, Tokens: tag.Tag(s)})
	}
	hc, tc := map[string]int{}, map[string]int{}
	nh, nt, none := 0, 0, 0
	for _, t := range d.Themes {
		if t.Headline == "" {
			none++
		} else {
			nh++
			w := judge(t.Headline)
			hc[w]++
			if verbose && w != "" {
				fmt.Printf("H %-18s %q\n", w, t.Headline)
			}
		}
		for i, x := range t.Top {
			if i == 3 {
				break
			}
			nt++
			w := judge(x.Text)
			tc[w]++
			if verbose && w != "" {
				fmt.Printf("T %-18s %q\n", w, x.Text)
			}
		}
	}
	pr := func(m map[string]int) string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		s := ""
		for _, k := range ks {
			if k != "" {
				s += fmt.Sprintf(" %s=%d", k, m[k])
			}
		}
		return s
	}
	fmt.Printf("themes %d; headlines %d (none %d), unquotable %d:%s; top-3 quotes %d, unquotable %d:%s\n",
		len(d.Themes), nh, none, nh-hc[""], pr(hc), nt, nt-tc[""], pr(tc))
}
