package analysis

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestHeadlineSkipsCourtesyAndAnswers: the most central quote of a theme
// does not head it when it only observes a courtesy, nor, in a barrier
// theme, when it is an institution's answer to the barrier; a buyer's own
// sentence does.
func TestHeadlineSkipsCourtesyAndAnswers(t *testing.T) {
	tests := []struct {
		name  string
		ring  persona.Ring
		first string // the most central quote
		want  int    // index of the headline: 0 first, 1 the buyer's
	}{
		{"courtesy", persona.RingSuccess, "Thank you, and I'm very grateful for the opportunity to clarify.", 1},
		{"answer to a barrier", persona.RingBarriers, "They can have access to the wage subsidy from the first day.", 1},
		{"the same answer as a decision criterion", persona.RingCriteria, "They can have access to the wage subsidy from the first day.", 0},
		{"a buyer's complaint stays", persona.RingBarriers, "Small firms waited three months for the wage subsidy.", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			texts := []string{tt.first, "The wage subsidy took three months to reach our small shop."}
			c := &corpus{}
			for i, s := range texts {
				c.quotes = append(c.quotes, persona.Quote{ID: int64(i + 1), Text: s, Tokens: nlp.Shared().Tag(s)})
				c.ring = append(c.ring, tt.ring)
				c.hidden = append(c.hidden, false)
				c.pinned = append(c.pinned, false)
			}
			c.central = []float64{0.9, 0.5}
			if got := headline(c, []int{0, 1}, "wage subsidy"); got != tt.want {
				t.Errorf("headline = %q; want %q", texts[got], texts[tt.want])
			}
		})
	}
}
