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
				c.quotes = append(c.quotes, persona.Quote{ID: int64(i + 1), Kind: persona.KindTranscript, Text: s, Tokens: nlp.Shared().Tag(s)})
				c.ring = append(c.ring, tt.ring)
				c.hidden = append(c.hidden, false)
				c.pinned = append(c.pinned, false)
			}
			c.central = []float64{0.9, 0.5}
			if got := headline(c, []int{0, 1}, "wage subsidy", nil); got != tt.want {
				t.Errorf("headline = %q; want %q", texts[got], texts[tt.want])
			}
		})
	}
}

// TestCompoundOf: a mixed theme's noun that is mostly said as half of a
// two-word phrase is shown as the phrase; a noun said mostly alone, or a
// phrase with a function word or a name, is not.
func TestCompoundOf(t *testing.T) {
	tests := []struct {
		name   string
		df     int            // quotes of the theme saying the noun
		phrase map[string]int // phrase key -> quotes saying it whole
		want   string
	}{
		{"compound said in most quotes", 4, map[string]int{"learning machine": 3}, "machine learning"},
		{"compound said in under half", 7, map[string]int{"learning machine": 3}, ""},
		{"said by one quote", 2, map[string]int{"learning machine": 1}, ""},
		{"three words are no compound", 3, map[string]int{"deep learning machine": 3}, ""},
		{"a name", 3, map[string]int{"bob machine": 3}, ""},
	}
	for _, tt := range tests {
		st := &phraseStats{
			n: 1000, df: map[string]int{"machine": 10}, names: map[string]bool{"bob": true},
			themeDF:  []map[string]int{{"machine": tt.df}},
			phraseDF: []map[string]int{tt.phrase},
			surface:  map[string]map[string]int{"learning machine": {"machine learning": 3}},
		}
		if got := st.compoundOf(0, "machine"); got != tt.want {
			t.Errorf("%s: compoundOf = %q; want %q", tt.name, got, tt.want)
		}
	}
}
