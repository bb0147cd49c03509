package analysis

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
)

// TestRunLeavesCallerQuotes checks that Run, which reads the caller's
// quotes without copying them, still never changes them: a set-ring edit
// applies to the analysis (the quote's label has the new ring) but not to
// Input.Quotes.
func TestRunLeavesCallerQuotes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []persona.Edit
	}{
		{"no edits", nil},
		{"set ring", []persona.Edit{{Kind: persona.EditSetRing, Ring: persona.RingBarriers, QuoteIDs: []int64{100, 101}}}},
		{"hide and pin", []persona.Edit{{Kind: persona.EditHideQuote, QuoteIDs: []int64{102}}, {Kind: persona.EditPinQuote, QuoteIDs: []int64{103}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := themeInput(t)
			for i := range in.Quotes {
				in.Quotes[i].Ring, in.Quotes[i].RingSet = persona.RingNone, false
			}
			in.Edits = tc.edits
			before := make([]persona.Quote, len(in.Quotes))
			copy(before, in.Quotes)
			a, err := Run(in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(before, in.Quotes); diff != "" {
				t.Errorf("Run changed the caller's quotes (-before +after):\n%s", diff)
			}
			for _, e := range tc.edits {
				if e.Kind != persona.EditSetRing {
					continue
				}
				for _, l := range a.Labels {
					if slices.Contains(e.QuoteIDs, l.QuoteID) && l.Ring != e.Ring {
						t.Errorf("quote %d: ring %q, want %q from the edit", l.QuoteID, l.Ring, e.Ring)
					}
				}
			}
		})
	}
}
