package analysis

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// namingFixture is eight buyers in two personas of four (ids 1-4, 5-8)
// and three recurring themes: "steep learning curve" (a barrier raised
// by 1-4), "text" (a lone word, raised by 1-4) and "price per seat"
// (raised by 5-8). said lists, per phrase, the buyer indexes who said it
// in one quote.
func namingFixture(said map[string][]int) ([]persona.Profile, []persona.Theme, []buyer, *phraseUse) {
	themes := []persona.Theme{
		{ID: 1, Label: "steep learning curve", Ring: persona.RingBarriers, Recurring: true, Phrases: []string{"training videos"}},
		{ID: 2, Label: "text", Ring: persona.RingPriority, Recurring: true},
		{ID: 3, Label: "price per seat", Ring: persona.RingCriteria, Recurring: true, Phrases: []string{"seat price", "annual contract"}},
	}
	buyers := make([]buyer, 8)
	for i := range buyers {
		buyers[i].p.ID = int64(i + 1)
		if i < 4 {
			buyers[i].all = []int{0, 1}
		} else {
			buyers[i].all = []int{2}
		}
	}
	profile := func(ids ...int64) persona.Profile {
		pr := persona.Profile{ParticipantIDs: ids, Size: len(ids), ThemeCounts: map[int64]int{}}
		for _, id := range ids {
			for _, t := range buyers[id-1].all {
				pr.ThemeCounts[themes[t].ID]++
			}
		}
		return pr
	}
	out := []persona.Profile{profile(1, 2, 3, 4), profile(5, 6, 7, 8)}
	pu := newPhraseUse(themes, nil, buyers)
	for i, text := range pu.texts {
		for _, b := range said[text] {
			pu.by[i][b] = true
		}
	}
	return out, themes, buyers, pu
}

// TestNameAllFindings: a persona is named by its distinctive theme's
// label when its members said it, by the theme's phrase when they did
// not, never by a lone word; one set apart by nothing, by what most of
// its members said, said as such.
func TestNameAllFindings(t *testing.T) {
	tests := []struct {
		name string
		said map[string][]int
		want [2]string
	}{
		{"labels said", map[string][]int{"steep learning curve": {0, 1, 2}, "price per seat": {4, 5}},
			[2]string{"Steep learning curve", "Price per seat"}},
		{"phrase when the label was not said", map[string][]int{"steep learning curve": {0}, "training videos": {1, 2}, "price per seat": {4, 5}},
			[2]string{"Training videos", "Price per seat"}},
		{"said by the others as much sets no one apart: said as what most raised", map[string][]int{"steep learning curve": {0, 1, 4, 5}, "price per seat": {4, 5, 6}},
			[2]string{"Mostly raised: steep learning curve", "Price per seat"}},
		{"nothing said twice", map[string][]int{"price per seat": {4, 5, 6}},
			[2]string{"Other participants", "Price per seat"}},
	}
	for _, tt := range tests {
		out, themes, buyers, pu := namingFixture(tt.said)
		nameAll(out, themes, buyers, nil, pu)
		if out[0].Name != tt.want[0] || out[1].Name != tt.want[1] {
			t.Errorf("%s: names %q, %q; want %q, %q", tt.name, out[0].Name, out[1].Name, tt.want[0], tt.want[1])
		}
	}
}

// TestNameAllUnique: when two personas' best phrase is the same, the
// second takes its next phrase, not a number.
func TestNameAllUnique(t *testing.T) {
	out, themes, buyers, pu := namingFixture(map[string][]int{"steep learning curve": {0, 1, 2}, "price per seat": {4, 5}, "annual contract": {6, 7}})
	// Both personas raised the barrier theme; only the first said it.
	for _, id := range []int64{1, 3} {
		out[1].ThemeCounts[id] = 4
	}
	nameAll(out, themes, buyers, nil, pu)
	if out[0].Name == out[1].Name || numberedName.MatchString(out[1].Name) {
		t.Errorf("names %q, %q; want two different names without a number", out[0].Name, out[1].Name)
	}
}
