package analysis

import (
	"fmt"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestHeadlineCentralityIsDeterministic: the same theme gives bit for bit
// the same centralities on every call (the analysis gives the same output
// for the same input), whatever order Go walks its maps in.
func TestHeadlineCentralityIsDeterministic(t *testing.T) {
	words := []string{"pricing", "seat", "annual", "billing", "support", "onboarding", "integration", "export",
		"dashboard", "report", "contract", "renewal", "discount", "security", "audit", "migration", "training",
		"licence", "invoice", "vendor", "procurement", "budget", "forecast", "pipeline", "quota"}
	c := &corpus{}
	var docs [][]persona.Token
	for i := range 40 {
		s := fmt.Sprintf("The %s and the %s of the %s mattered to our %s team.", words[i%len(words)], words[(i*7+3)%len(words)],
			words[(i*11+5)%len(words)], words[(i*13+1)%len(words)])
		toks := nlp.Shared().Tag(s)
		c.quotes = append(c.quotes, persona.Quote{ID: int64(i + 1), Kind: persona.KindTranscript, Text: s, Tokens: toks})
		c.ring = append(c.ring, persona.RingBarriers)
		c.hidden, c.pinned = append(c.hidden, false), append(c.pinned, false)
		c.central = append(c.central, 0.5)
		docs = append(docs, toks)
	}
	sp := NewTokenSpace(docs, nil)
	members := indexes(len(docs))
	for i := range members {
		c.space, c.doc = append(c.space, sp), append(c.doc, i)
	}
	telling := map[string]float64{}
	for i, w := range words {
		telling[normWord(w)] = 1 / float64(3*i+7)
	}
	first := headlineCentrality(c, members, telling)
	for run := range 50 {
		got := headlineCentrality(c, members, telling)
		for _, i := range members {
			if got[i] != first[i] {
				t.Fatalf("run %d: quote %d's centrality %v, first run %v", run, i, got[i], first[i])
			}
		}
	}
}
