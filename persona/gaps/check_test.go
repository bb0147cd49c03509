package gaps

import (
	"math"
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// themeFixture is a small study: three themes of buyer quotes and one
// persona raising them with different weights.
func themeFixture() ([]persona.Theme, map[int64][]Quote, persona.Profile, []string) {
	texts := map[int64][]string{
		1: {"the price per seat was too expensive for our team",
			"per seat pricing made it hard to justify for a small team",
			"honestly the cost was the biggest worry, too expensive",
			"the seat price doubled at renewal"},
		2: {"we had to pass a long security review with our vendor risk team",
			"the security review and vendor risk assessment took months",
			"vendor risk wanted the security documentation before the review",
			"our security review stalled on the vendor risk questionnaire"},
		3: {"the salesforce integration had to write notes back to the crm",
			"notes must land in salesforce fields, crm write-back was key",
			"crm integration with salesforce was the deciding criterion",
			"we needed salesforce notes written back into the crm"},
	}
	var themes []persona.Theme
	members := map[int64][]Quote{}
	var all []string
	for id := int64(1); id <= 3; id++ {
		labels := map[int64]string{1: "price per seat", 2: "security review", 3: "salesforce integration"}
		rings := map[int64]persona.Ring{1: persona.RingBarriers, 2: persona.RingBarriers, 3: persona.RingCriteria}
		themes = append(themes, persona.Theme{ID: id, Label: labels[id], Ring: rings[id]})
		for i, tx := range texts[id] {
			members[id] = append(members[id], Quote{ID: id*10 + int64(i), Text: tx})
			all = append(all, tx)
		}
	}
	p := persona.Profile{ID: 7, Name: "Buyers", Size: 10,
		Rings:       map[persona.Ring][]int64{persona.RingBarriers: {1, 2}, persona.RingCriteria: {3}},
		ThemeCounts: map[int64]int{1: 6, 2: 3, 3: 1}}
	return themes, members, p, all
}

func TestCheckCoverageWeightsByBuyers(t *testing.T) {
	themes, members, p, buyer := themeFixture()
	tests := []struct {
		name      string
		passages  []string
		addressed []int64
	}{
		{"price only", []string{"Our price per seat is on the website, so it is never too expensive for a small team."}, []int64{1}},
		{"security only", []string{"We pass your security review: vendor risk documentation on day one."}, []int64{2}},
		{"price and crm", []string{"Pricing per seat is simple and never too expensive.", "Notes are written back to Salesforce fields in your crm."}, []int64{1, 3}},
		{"nothing", []string{"A revolutionary synergy platform for modern enterprises."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Check(Input{Passages: tt.passages, Themes: themes, Members: members, Personas: []persona.Profile{p}, BuyerTexts: buyer})
			if err != nil {
				t.Fatal(err)
			}
			pr := rep.Personas[0]
			var got []int64
			want := 0
			for _, r := range pr.Rings {
				for _, m := range r.Themes {
					if m.Addressed {
						got = append(got, m.ThemeID)
					}
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.addressed) {
				t.Fatalf("addressed themes = %v; want %v", got, tt.addressed)
			}
			for _, id := range tt.addressed {
				want += p.ThemeCounts[id]
			}
			if wantCov := float64(want) / 10; math.Abs(pr.Coverage-wantCov) > 1e-9 || pr.Weight != 10 || pr.Covered != want {
				t.Errorf("coverage = %v (%d of %d); want %v (%d of 10)", pr.Coverage, pr.Covered, pr.Weight, wantCov, want)
			}
		})
	}
}

func TestCheckPersonaFilter(t *testing.T) {
	themes, members, p, buyer := themeFixture()
	in := Input{Passages: []string{"Security review passed."}, Themes: themes, Members: members, Personas: []persona.Profile{p}, BuyerTexts: buyer, PersonaID: 99}
	if _, err := Check(in); err == nil {
		t.Error("Check with an unknown persona: no error")
	}
	in.PersonaID = 7
	if rep, err := Check(in); err != nil || len(rep.Personas) != 1 {
		t.Errorf("Check(persona 7) = %v, %v; want one persona", rep, err)
	}
	in.Passages = nil
	if _, err := Check(in); err == nil {
		t.Error("Check of an empty document: no error")
	}
}

func TestVendorPhrases(t *testing.T) {
	_, _, _, buyer := themeFixture()
	voc := newVocabulary(buyer)
	passages := []string{
		"Our Fieldnote is a best-in-class platform with seamless synergy.",
		"Leverage a single pane of glass; the price per seat is seamless.",
		"Leverage cutting-edge, best-of-breed tools, not a cutting-edged one.",
	}
	words, used, got := voc.vendorPhrases(passages, nil)
	found := map[string]VendorPhrase{}
	for _, v := range got {
		found[v.Text] = v
	}
	for _, w := range []string{"best-in-class", "seamless", "synergy", "single pane of glass", "leverage", "cutting-edge", "best-of-breed"} {
		if _, ok := found[w]; !ok {
			t.Errorf("vendor phrase %q not found in %v", w, got)
		}
	}
	if found["seamless"].Count != 2 || !found["seamless"].Cliche {
		t.Errorf("seamless = %+v; want count 2, cliché", found["seamless"])
	}
	for _, w := range []string{"cutting-edge", "best-of-breed", "leverage"} {
		if !found[w].Cliche {
			t.Errorf("%q = %+v; want it marked a cliché", w, found[w])
		}
	}
	if found["cutting-edged"].Cliche {
		t.Error("cutting-edged marked a cliché: not a whole-word use of cutting-edge")
	}
	for _, w := range []string{"price", "seat", "fieldnote"} {
		if _, ok := found[w]; ok {
			t.Errorf("%q flagged as vendor language (buyers say it, or it is a name)", w)
		}
	}
	if used == 0 || used >= words {
		t.Errorf("buyer words %d of %d; want some, not all", used, words)
	}
}

func TestMissingPhrases(t *testing.T) {
	themes, _, p, _ := themeFixture()
	got := missingPhrases(themes, p.ThemeCounts, []string{"Our per-seat price is public.", "Security is our priority."})
	var texts []string
	for _, m := range got {
		texts = append(texts, m.Text)
	}
	if want := []string{"security review", "salesforce integration"}; !slices.Equal(texts, want) {
		t.Errorf("missing phrases = %v; want %v", texts, want)
	}
}
