package analysis

import (
	"bytes"
	"fmt"
	"sort"
	"testing"

	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/nlp"
	"github.com/verbatimhq/verbatim/persona/redact"
)

func TestP9Diff(t *testing.T) {
	lang := nlp.Shared()
	for _, set := range []struct {
		name  string
		files func(t *testing.T) map[string][]byte
	}{{"ml", readGlob("ml_practitioner_interviews/Interview_*.txt")}, {"qmsum", qmsumFiles(3)}} {
		files := set.files(t)
		added := map[string]int{}
		examples := map[string]string{}
		total := 0
		for name, data := range files {
			doc, _ := ingest.Parse(name, bytes.NewReader(data))
			var texts, names []string
			for _, tu := range doc.Turns {
				texts = append(texts, tu.Text)
				if redact.PersonName(tu.Speaker) {
					names = append(names, tu.Speaker)
				}
			}
			mk := func() *redact.Redactor {
				r := &redact.Redactor{Pseudonyms: redact.NewPseudonyms(nil), Entities: lang.Entities, Names: names}
				r.Learn(texts...)
				return r
			}
			a, b := mk(), mk()
			b.Prepare(texts...)
			for _, tx := range texts {
				had := map[[2]int]bool{}
				for _, s := range a.Find(tx) {
					had[[2]int{s.Start, s.End}] = true
				}
				for _, s := range b.Find(tx) {
					if !had[[2]int{s.Start, s.End}] {
						w := tx[s.Start:s.End]
						added[w]++
						total++
						if _, ok := examples[w]; !ok {
							examples[w] = tx[max(0, s.Start-50):min(len(tx), s.End+50)]
						}
					}
				}
			}
		}
		ws := make([]string, 0, len(added))
		for w := range added {
			ws = append(ws, w)
		}
		sort.Slice(ws, func(i, j int) bool { return added[ws[i]] > added[ws[j]] })
		fmt.Printf("== %s: %d new spans, %d distinct\n", set.name, total, len(ws))
		for _, w := range ws {
			fmt.Printf("%4d %-25q %q\n", added[w], w, examples[w])
		}
	}
}
