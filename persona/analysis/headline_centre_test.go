package analysis

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestHeadlineSaysTheTheme: among sentences that all say the label, the
// headline is the one that says most of the theme's telling words, not
// the one the clustering put nearest its centre.
func TestHeadlineSaysTheTheme(t *testing.T) {
	texts := []string{
		"The pricing page lists every plan we looked at last spring.",
		"The pricing per seat doubled when we moved to annual billing.",
		"Our pricing review took most of the quarter in the end.",
	}
	c := &corpus{}
	for i, s := range texts {
		c.quotes = append(c.quotes, persona.Quote{ID: int64(i + 1), Kind: persona.KindTranscript, Text: s, Tokens: nlp.Shared().Tag(s)})
		c.ring = append(c.ring, persona.RingBarriers)
		c.hidden, c.pinned = append(c.hidden, false), append(c.pinned, false)
	}
	c.central = []float64{0.9, 0.5, 0.6}
	members := []int{0, 1, 2}
	telling := map[string]float64{normWord("pricing"): 1, normWord("seat"): 2, normWord("annual"): 1, normWord("billing"): 1}
	for _, tc := range []struct {
		name    string
		telling map[string]float64
		want    int
	}{
		{"telling words decide", telling, 1},
		{"without them, the clustering's centre", nil, 0},
	} {
		got := headlineBy(c, members, "pricing", nil, headlineCentrality(c, members, tc.telling), nil)
		if got != tc.want {
			t.Errorf("%s: headline = %q, want %q", tc.name, texts[max(got, 0)], texts[tc.want])
		}
	}
}

// TestProcedureThemeLabel: a theme most of whose quotes run a formal
// meeting is labelled so, and shows no headline.
func TestProcedureThemeLabel(t *testing.T) {
	texts := []string{
		"As usual, you'll be sent a transcript to check for accuracy following the meeting.",
		"Item 3, then, is papers to note.",
		"We've received apologies for absence from Hefin David.",
		"The funding for schools is not enough this year.",
	}
	c := &corpus{}
	for i, s := range texts {
		c.quotes = append(c.quotes, persona.Quote{ID: int64(i + 1), Kind: persona.KindTranscript, Text: s, Tokens: nlp.Shared().Tag(s)})
		c.ring = append(c.ring, persona.RingJourney)
		c.hidden, c.pinned = append(c.hidden, false), append(c.pinned, false)
		c.central = append(c.central, 0.5)
	}
	w := &work{ring: persona.RingJourney, members: []int{0, 1, 2, 3}}
	if got := muteLabel(c, w); got != procedureLabel {
		t.Errorf("muteLabel = %q, want %q", got, procedureLabel)
	}
	w.label = procedureLabel
	if h := shownHeadline(c, w, newShowable(c, w.members)); h >= 0 {
		t.Errorf("a procedure theme is headed by %q", texts[h])
	}
	// Written answers are never a meeting's procedure.
	q := c.quotes[1]
	q.Kind = persona.KindSurvey
	if mute(q) {
		t.Errorf("a survey answer %q is muted as procedure", q.Text)
	}
}
