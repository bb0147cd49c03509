package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestFallbackTheme: labels that say what a theme's quotes are not (no
// shared finding, not English, coded values, a ring's own name) are
// fallbacks; a finding, a topic and any label a researcher set are not.
func TestFallbackTheme(t *testing.T) {
	tests := []struct {
		label    string
		labelSet bool
		want     bool
	}{
		{"Mixed remarks (perceived barriers)", false, true},
		{"Mixed remarks (success factors), 63 quotes", false, true},
		{"Mixed remarks (buyer's journey), 4 quotes from 3 people", false, true},
		{"Mixed remarks on clients", false, true},
		{"Non-English perceived barriers", false, true},
		{"Coded values (decision criteria)", false, true},
		{"Meeting procedure", false, true},
		{"Meeting procedure, 7 quotes from 4 people", false, true},
		{"Perceived barriers", false, true},
		{"Success factors, 4 quotes", false, true},
		{"", false, true},
		{"steep learning curve", false, false},
		{"price per seat", false, false},
		{"Mixed remarks (perceived barriers)", true, false},
		{"Mixed martial arts sponsorship", false, false},
		{"Meeting procedure 2", false, true},
		{"Meeting procedures", false, false},             // a phrase: buyers of board software
		{"Meeting procedures and minutes", false, false}, // talk of them
	}
	for _, tt := range tests {
		if got := fallbackTheme(persona.Theme{Label: tt.label, LabelSet: tt.labelSet}); got != tt.want {
			t.Errorf("fallbackTheme(%q, set %v) = %v, want %v", tt.label, tt.labelSet, got, tt.want)
		}
	}
}

// TestFallbackThemeIsNoTrait: a catch-all theme only one persona raised
// (the highest lift of all) is neither listed in what sets it apart nor
// named after, not even through its key phrases; the finding it also
// raised is both.
func TestFallbackThemeIsNoTrait(t *testing.T) {
	themes := []persona.Theme{
		{ID: 1, Label: "Mixed remarks (perceived barriers)", Ring: persona.RingBarriers, Recurring: true, Phrases: []string{"demo videos"}},
		{ID: 2, Label: "steep learning curve", Ring: persona.RingBarriers, Recurring: true},
		{ID: 3, Label: "price per seat", Ring: persona.RingCriteria, Recurring: true},
	}
	buyers := make([]buyer, 8)
	for i := range buyers {
		buyers[i].p.ID = int64(i + 1)
		switch {
		case i < 4:
			buyers[i].all = []int{0, 1}
		case i == 4:
			buyers[i].all = []int{1, 2} // the finding is not theirs alone
		default:
			buyers[i].all = []int{2}
		}
	}
	groups := [][]int{{0, 1, 2, 3}, {4, 5, 6, 7}}
	out := make([]persona.Profile, len(groups))
	for g, ms := range groups {
		out[g] = describe(themes, buyers, nil, ms, 1)
	}
	setDistinct(out, themes, buyers, nil, groups)
	var listed []int64
	for _, d := range out[0].Distinct {
		listed = append(listed, d.ThemeID)
		if d.ThemeID == 1 {
			t.Errorf("what sets them apart lists the catch-all %q", themes[0].Label)
		}
	}
	if len(listed) == 0 || listed[0] != 2 {
		t.Errorf("what sets them apart: themes %v, want the finding (2) first", listed)
	}
	// The ring lists the catch-all last, though its lift is the highest.
	if got := themesByLift(out[0], themes, newPersonaStats(themes, buyers), persona.RingBarriers); !slices.Equal(got, []int64{2, 1}) {
		t.Errorf("barriers ring: themes %v, want [2 1] (the finding before the catch-all)", got)
	}
	for _, tt := range []struct {
		name    string
		finding []int // members who said "steep learning curve" in one quote
		want    string
	}{
		{"the finding said", []int{0, 1}, "Steep learning curve"},
		{"the finding said by one member only", []int{0}, ""},
	} {
		pu := newPhraseUse(themes, nil, buyers)
		said := map[string][]int{"demo videos": {0, 1, 2, 3}, "steep learning curve": tt.finding, "price per seat": {5, 6}}
		for i, text := range pu.texts {
			for _, b := range said[text] {
				pu.by[i][b] = true
			}
		}
		named := slices.Clone(out)
		nameAll(named, themes, buyers, nil, pu)
		if tt.want != "" && named[0].Name != tt.want {
			t.Errorf("%s: name %q, want %q", tt.name, named[0].Name, tt.want)
		}
		if strings.Contains(named[0].Name, "emo videos") {
			t.Errorf("%s: name %q comes from the catch-all's phrase", tt.name, named[0].Name)
		}
	}
}
