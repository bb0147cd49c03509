package app

import (
	"context"
	"testing"
)

// Against Verbatim's themes or the seeded coding, which code every quote
// they read, a researcher's figures rest on the quotes the researcher
// coded: a quote they never coded is not one they judged, so it is no
// unit (before, each such quote in a source they coded counted as their
// "not applied" against the machine's code, and ann vs the seeded coding
// read about 50 % over every quote of her sources, none of which she had
// judged). Her seeds stay out of the seeded comparison, so it rests on
// her review decisions; the disagreement list holds only those.
func TestAgreementWithAutomaticCodersCountsWhatTheResearcherCoded(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	ann := Actor{ID: 11, Name: "ann"}
	codes := seedDemo(t, a, st.ID, ann)
	if _, err := a.SuggestCodes(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	rv, err := a.ReviewQueue(ctx, st.ID, 0, 0)
	if err != nil || len(rv.Items) < 2 {
		t.Fatalf("queue %d items, %v", len(rv.Items), err)
	}
	// Accepting agrees with the seeded coding only where it applied the
	// code: the first item it coded is accepted, the first other one
	// corrected.
	fi, si := -1, -1
	for i, it := range rv.Items {
		switch {
		case fi < 0 && it.Coded:
			fi = i
		case si < 0:
			si = i
		}
	}
	if fi < 0 || si < 0 {
		t.Fatalf("queue of %d items: no coded item to accept and another to correct", len(rv.Items))
	}
	first, second := rv.Items[fi], rv.Items[si]
	if _, err := a.DecideSuggestion(ctx, first.Quote.ID, first.Suggested.ID, ann); err != nil {
		t.Fatal(err)
	}
	other := codes[0].ID
	if second.Suggested.ID == other {
		other = codes[1].ID
	}
	if _, err := a.DecideSuggestion(ctx, second.Quote.ID, other, ann); err != nil {
		t.Fatal(err)
	}
	coded, err := a.visibleCodings(ctx, st.ID, ann)
	if err != nil {
		t.Fatal(err)
	}
	mine := map[int64]bool{}
	for _, c := range coded {
		if c.CoderID == ann.ID {
			mine[c.QuoteID] = true
		}
	}
	rep, err := a.Agreement(ctx, st.ID, ann)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, c := range rep.Comparisons {
		if len(c.Coders) != 2 || c.Coders[0].ID != ann.ID {
			continue
		}
		switch c.Coders[1].ID {
		case SeededCoder:
			seen++
			// Her two decisions: the accepted one agrees, the corrected not.
			if c.Units != 2 || c.Compared != 2 || c.Overall.Percent.Value <= 0 || c.Overall.Percent.Value >= 1 {
				t.Errorf("ann vs the seeded coding: %d units, %d compared, %.3f; want her 2 decisions, one agreed", c.Units, c.Compared, c.Overall.Percent.Value)
			}
			d, err := a.Disagreements(ctx, st.ID, ann.ID, SeededCoder, ann)
			if err != nil {
				t.Fatal(err)
			}
			if d.Units != 2 || len(d.Items) != 1 || d.Items[0].Quote.ID != second.Quote.ID {
				t.Errorf("ann vs the seeded coding disagree on %d of %d; want the corrected quote %d of 2", len(d.Items), d.Units, second.Quote.ID)
			}
		case VerbatimCoder:
			seen++
			if c.Units != len(mine) {
				t.Errorf("ann vs Verbatim: %d units; want the %d quotes she coded", c.Units, len(mine))
			}
		}
	}
	if seen != 2 {
		t.Fatalf("comparisons %+v; want ann vs Verbatim and vs the seeded coding", rep.Comparisons)
	}
}
