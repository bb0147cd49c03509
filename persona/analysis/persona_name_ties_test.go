package analysis

import (
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestNearTiesByReach: a theme leads a persona's naming themes only when
// its lift beats the next one's by more than one member can change; a
// near tie goes to the theme more members raised.
func TestNearTiesByReach(t *testing.T) {
	// 40 buyers, a persona of 10 (30 others). Lifts: A 6 of 10 and 1
	// other (18), B 9 of 10 and 2 others (13.5), C 9 of 10 and 6 others
	// (4.5). A with one member fewer (15) does not beat B with one more
	// (15): a tie, which B's reach (9 against 6) wins. C is clearly
	// below both.
	st := personaStats{n: 40, themeTotal: map[int64]int{1: 7, 2: 11, 3: 15}}
	pr := persona.Profile{Size: 10, ThemeCounts: map[int64]int{1: 6, 2: 9, 3: 9}}
	if got, want := nearTiesByReach([]int64{1, 2, 3}, pr, st), []int64{2, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("near tie: order %v, want %v", got, want)
	}
	// A clear lead keeps its place: A held by 8 of 10 and 1 other (24;
	// with one fewer, 21) against B with one more (15).
	st.themeTotal[1], pr.ThemeCounts[1] = 9, 8
	if got, want := nearTiesByReach([]int64{1, 2, 3}, pr, st), []int64{1, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("clear lead: order %v, want %v", got, want)
	}
}

// TestNameAllLeaderWithoutPhraseLabel: the theme that sets a persona
// apart most names it through its key phrase when its label is no phrase
// (a lone word, a negated finding), rather than yielding to the next
// theme's label.
func TestNameAllLeaderWithoutPhraseLabel(t *testing.T) {
	themes := []persona.Theme{
		{ID: 1, Label: "events", Ring: persona.RingPriority, Recurring: true, Phrases: []string{"event date"}},
		{ID: 2, Label: "polar plot", Ring: persona.RingPriority, Recurring: true},
		{ID: 3, Label: "price per seat", Ring: persona.RingCriteria, Recurring: true},
	}
	// Buyers 0-3 raise themes 1 and 2, buyers 4-7 theme 3 and three of
	// them theme 2: theme 1 sets the first persona apart clearly.
	raised := [][]int{{0, 1}, {0, 1}, {0, 1}, {0, 1}, {1, 2}, {1, 2}, {1, 2}, {2}}
	buyers := make([]buyer, len(raised))
	for i := range buyers {
		buyers[i].p.ID, buyers[i].all = int64(i+1), raised[i]
	}
	out := []persona.Profile{buyersProfile(themes, buyers, 1, 2, 3, 4), buyersProfile(themes, buyers, 5, 6, 7, 8)}
	pu := newPhraseUse(themes, nil, buyers)
	said := map[string][]int{"event date": {0, 1, 2}, "polar plot": {0, 1, 2}, "price per seat": {4, 5, 6}}
	for i, text := range pu.texts {
		for _, b := range said[text] {
			pu.by[i][b] = true
		}
	}
	nameAll(out, themes, buyers, nil, pu)
	if want := [2]string{"Event date", "Price per seat"}; out[0].Name != want[0] || out[1].Name != want[1] {
		t.Errorf("names %q, %q; want %q, %q", out[0].Name, out[1].Name, want[0], want[1])
	}
}
