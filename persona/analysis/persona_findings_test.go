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
	out := []persona.Profile{buyersProfile(themes, buyers, 1, 2, 3, 4), buyersProfile(themes, buyers, 5, 6, 7, 8)}
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

// TestNameAllFocus: a persona set apart by a phrase that judges is named
// by it; one set apart only by a topic, and by no trait, is named as a
// focus, not as if the topic were a finding about them.
func TestNameAllFocus(t *testing.T) {
	out, themes, buyers, pu := namingFixture(map[string][]int{"steep learning curve": {0, 1, 2}, "price per seat": {4, 5}})
	pu.judges = make([]bool, len(pu.texts))
	for i, text := range pu.texts {
		pu.judges[i] = text == "steep learning curve"
	}
	nameAll(out, themes, buyers, nil, pu)
	if want := [2]string{"Steep learning curve", "Focus: price per seat"}; out[0].Name != want[0] || out[1].Name != want[1] {
		t.Errorf("names %q, %q; want %q, %q", out[0].Name, out[1].Name, want[0], want[1])
	}
}

// TestSaidNear: a quote says a phrase when its words stand together, at
// most nearSlack other words among them, in any order.
func TestSaidNear(t *testing.T) {
	tests := []struct {
		quote string
		keys  []string
		want  bool
	}{
		{"we need a perfect model", []string{"perfect", "model"}, true},
		{"then the model is perfect", []string{"perfect", "model"}, true},
		{"we missed the forecast by 18%", []string{"miss", "forecast"}, true},
		{"after a missed quarter the cfo wanted the forecast rebuilt", []string{"miss", "forecast"}, false},
		{"I spend most of my week on calls, every single day, all the time", []string{"spend", "time"}, false},
		{"steep learning curve at first", []string{"steep", "learn", "curve"}, true},
	}
	for _, tt := range tests {
		keys := make([]string, len(tt.keys))
		for i, k := range tt.keys {
			keys[i] = normWord(k)
		}
		if got := saidNear(plainTokens(tt.quote), keys); got != tt.want {
			t.Errorf("saidNear(%q, %v) = %v, want %v", tt.quote, keys, got, tt.want)
		}
	}
}

// TestSpokenCase: a phrase is written as the buyers say it where that is
// in capitals; other words keep the candidate's case.
func TestSpokenCase(t *testing.T) {
	forms := map[string]map[string]int{
		normWord("bic"):       {"BIC": 7, "bic": 1},
		normWord("criterion"): {"criterion": 4, "Criterion": 1},
		normWord("us"):        {"us": 40, "US": 3},
		normWord("a"):         {"A": 9},
	}
	tests := []struct{ in, want string }{
		{"bic criterion", "BIC criterion"},
		{"us market", "us market"},
		{"plan a", "plan a"},
	}
	for _, tt := range tests {
		if got := spokenCase(tt.in, forms); got != tt.want {
			t.Errorf("spokenCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// buyersProfile is the persona of the buyers with ids (1-based into
// buyers), each theme counted once per member who raised it.
func buyersProfile(themes []persona.Theme, buyers []buyer, ids ...int64) persona.Profile {
	pr := persona.Profile{ParticipantIDs: ids, Size: len(ids), ThemeCounts: map[int64]int{}}
	for _, id := range ids {
		for _, t := range buyers[id-1].all {
			pr.ThemeCounts[themes[t].ID]++
		}
	}
	return pr
}
