package analysis

import (
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

func TestMergeProcedureThemes(t *testing.T) {
	j, b := persona.RingJourney, persona.RingBarriers
	ws := []*work{
		{ring: j, label: "Meeting procedure, 7 quotes", members: []int{5, 9}},
		{ring: j, label: "vendor shortlist", members: []int{1, 2}},
		{ring: j, label: "Meeting procedure, 7 quotes from 2 people", members: []int{3, 9}},
		{ring: b, label: "Meeting procedure", members: []int{4}},
		{ring: b, label: "Meeting procedure agenda", labelSet: true, members: []int{6}},
		{ring: b, label: "meeting procedures", members: []int{7}}, // a buyers' phrase
	}
	out := mergeProcedureThemes(ws)
	if len(out) != 5 {
		t.Fatalf("%d themes; want 5 (the journey's two procedure themes one)", len(out))
	}
	m := out[0]
	if m.ring != j || !isProcedureLabel(m.label) || m.label == procedureLabel || len(m.members) != 3 {
		t.Errorf("merged theme = %q %v in %s; want a counted procedure label (barriers has the plain one) over 3 quotes", m.label, m.members, m.ring)
	}
	if out[2].label != "Meeting procedure" || out[3].label != "Meeting procedure agenda" || out[4].label != "meeting procedures" {
		t.Errorf("other themes changed: %q %q %q", out[2].label, out[3].label, out[4].label)
	}
}

func TestMergeMixedThemes(t *testing.T) {
	b, v := persona.RingBarriers, persona.RingCriteria
	mb, mv := ringMixedLabel(b), ringMixedLabel(v)
	ws := []*work{
		{ring: b, label: mb, members: []int{1, 2}, phrases: []string{"a", "b"}, distinct: []string{"a"}},
		{ring: b, label: "pricing", members: []int{3}},
		{ring: b, label: mb + ", 11 quotes", members: []int{4, 5, 6}, phrases: []string{"c", "a"}},
		{ring: b, label: mb + ", 11 quotes from 4 people", members: []int{7}},
		{ring: b, label: mb + " 2", members: []int{2, 8}},
		{ring: b, label: "Mixed remarks on clients", members: []int{9}},
		{ring: b, label: mb + ", 3 quotes", labelSet: true, members: []int{10}}, // a researcher's
		{ring: v, label: mb, members: []int{11}},                                // another ring's words: not v's
		{ring: v, label: mv, members: []int{12}},
	}
	out := mergeMixedThemes(ws)
	var got []string
	for _, w := range out {
		got = append(got, w.label)
	}
	want := []string{"pricing", mb, "Mixed remarks on clients", mb + ", 3 quotes", mb, mv}
	if !slices.Equal(got, want) {
		t.Fatalf("labels %q; want %q", got, want)
	}
	m := out[1]
	if m.ring != b || !slices.Equal(m.members, []int{1, 2, 4, 5, 6, 7, 8}) {
		t.Errorf("merged theme %v in %s; want every member of the four once", m.members, m.ring)
	}
	if !slices.Equal(m.phrases, []string{"c", "a", "b"}) || m.distinct != nil || m.telling != nil {
		t.Errorf("merged phrases %q, distinct %q; want the parts' phrases, largest first, and no part's headline words", m.phrases, m.distinct)
	}
	// A researcher's theme named exactly the ring's mixed label keeps it;
	// the merged catch-all is counted instead of taking the same name.
	ws = []*work{
		{ring: b, label: mb, labelSet: true, members: []int{1}},
		{ring: b, label: mb + " 2", members: []int{2, 3}},
		{ring: b, label: mb + ", 4 quotes", members: []int{4}},
	}
	got = nil
	for _, w := range mergeMixedThemes(ws) {
		got = append(got, w.label)
	}
	if want := []string{mb, mb + ", 3 quotes"}; !slices.Equal(got, want) {
		t.Errorf("beside a researcher's theme of the same name: labels %q; want %q", got, want)
	}
}
