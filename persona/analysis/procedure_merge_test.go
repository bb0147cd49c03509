package analysis

import (
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
