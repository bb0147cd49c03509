package app

import (
	"context"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// valuedTheme is a persona of the study with a decision-criteria or
// success-factor theme among its first three that has at least two top
// quotes, the persona values panel showing the first.
func valuedTheme(t *testing.T, a *App, studyID int64) (persona.Profile, persona.Theme) {
	t.Helper()
	ctx := context.Background()
	ps, err := a.cachedPersonas(ctx, studyID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		for _, ring := range []persona.Ring{persona.RingCriteria, persona.RingSuccess} {
			ids := p.Rings[ring][:min(3, len(p.Rings[ring]))]
			themes, err := a.cachedThemes(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				if th, ok := themes[id]; ok && len(th.TopQuoteIDs) >= 2 {
					return p, th
				}
			}
		}
	}
	t.Skip("no persona of the demo has a valued theme with two top quotes")
	return persona.Profile{}, persona.Theme{}
}

// shownQuote is the quote the persona's values show for theme th.
func shownQuote(t *testing.T, a *App, p persona.Profile, th persona.Theme) ThemeQuote {
	t.Helper()
	v, err := a.cachedPersonaValues(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	for _, tq := range append(v.DecisionCriteria, v.SuccessFactors...) {
		if tq.ThemeID == th.ID {
			return tq
		}
	}
	t.Fatalf("persona %d's values %+v lack theme %d", p.ID, v, th.ID)
	return ThemeQuote{}
}

// A quote hidden after the analysis is never the quote a persona's values
// ("What they value instead") show for its theme: not when a researcher
// pinned it (pinning puts it first among the theme's top quotes) and then
// hid it, not after a re-analysis replays both edits; the theme shows
// another of its top quotes instead.
func TestPersonaValuesNeverShowAHiddenQuote(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	p, th := valuedTheme(t, a, st.ID)
	first := shownQuote(t, a, p, th)
	if first.QuoteID == 0 {
		t.Fatalf("theme %d shows no quote before any hide", th.ID)
	}
	// Pinned, then hidden (a hidden quote cannot be pinned; one pinned
	// before may be hidden after).
	pin := true
	if _, err := a.EditQuote(ctx, first.QuoteID, QuoteEdit{Pinned: &pin}); err != nil {
		t.Fatal(err)
	}
	hide := true
	if _, err := a.EditQuote(ctx, first.QuoteID, QuoteEdit{Hidden: &hide}); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		ps, err := a.cachedPersonas(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			v, err := a.cachedPersonaValues(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, tq := range append(v.DecisionCriteria, v.SuccessFactors...) {
				if tq.QuoteID == 0 {
					continue
				}
				q, err := a.store.Quote(ctx, tq.QuoteID)
				if err != nil {
					t.Errorf("%s: persona %d shows quote %d for theme %d, which is gone: %v", when, p.ID, tq.QuoteID, tq.ThemeID, err)
				} else if q.Hidden {
					t.Errorf("%s: persona %d shows the hidden quote %d for theme %d", when, p.ID, tq.QuoteID, tq.ThemeID)
				}
			}
		}
	}
	check("after hiding and pinning")
	if again := shownQuote(t, a, p, th); again.QuoteID == 0 {
		t.Errorf("theme %d shows no quote once its first is hidden; want its next top quote", th.ID)
	}
	if _, err := a.Analyze(ctx, st.ID, nil); err != nil {
		t.Fatal(err)
	}
	check("after re-analysis")
}

// TestValuesInsteadAreValues: "What they value instead" names what the
// raising buyers value — never a catch-all ("Mixed remarks (…)", which
// names nothing) — and shows, for each theme, the theme's own top quote a
// raising buyer said when there is one, not whatever remark of theirs the
// theme happens to hold.
func TestValuesInsteadAreValues(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	ps, err := a.cachedPersonas(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	checked, catchAlls := 0, 0
	for _, p := range ps {
		all, err := a.cachedThemes(ctx, append(append([]int64{}, p.Rings[persona.RingCriteria]...), p.Rings[persona.RingSuccess]...))
		if err != nil {
			t.Fatal(err)
		}
		for _, th := range all {
			if analysis.FallbackTheme(th) {
				catchAlls++
			}
		}
		v, err := a.raisersValues(ctx, p, p.ParticipantIDs)
		if err != nil {
			t.Fatal(err)
		}
		raising := map[int64]bool{}
		for _, id := range p.ParticipantIDs {
			raising[id] = true
		}
		for _, tq := range append(v.DecisionCriteria, v.SuccessFactors...) {
			th, err := a.cachedTheme(ctx, tq.ThemeID)
			if err != nil {
				t.Fatal(err)
			}
			if analysis.FallbackTheme(th) {
				t.Errorf("persona %q values the catch-all %q", p.Name, th.Label)
			}
			top, err := a.store.QuotesByID(ctx, th.TopQuoteIDs)
			if err != nil {
				t.Fatal(err)
			}
			if q, ok := firstShown(th.TopQuoteIDs, quotesByID(top), func(q persona.Quote) bool { return raising[q.ParticipantID] }); ok {
				checked++
				if tq.QuoteID != q.ID {
					t.Errorf("persona %q, theme %q shows %q; want its top quote %q", p.Name, th.Label, tq.Quote, q.Text)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no value theme with a top quote by its raisers: the test checks nothing")
	}
	t.Logf("%d themes checked; %d catch-alls among the personas' value rings", checked, catchAlls)

	// The demo's analysis may name every value theme: make one of those
	// the raisers value a catch-all, as an analysis of mixed talk labels
	// it, and it must leave what they value instead.
	for _, p := range ps {
		v, err := a.raisersValues(ctx, p, p.ParticipantIDs)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.DecisionCriteria)+len(v.SuccessFactors) == 0 {
			continue
		}
		valued := append(v.DecisionCriteria, v.SuccessFactors...)[0]
		th, err := a.store.Theme(ctx, valued.ThemeID)
		if err != nil {
			t.Fatal(err)
		}
		th.Label, th.LabelSet = "Mixed remarks (pricing, setup)", false
		if !analysis.FallbackTheme(th) {
			t.Fatalf("%q is no catch-all to analysis.FallbackTheme: the test checks nothing", th.Label)
		}
		if err := a.store.SaveTheme(ctx, th); err != nil {
			t.Fatal(err)
		}
		a.Invalidate(st.ID)
		if v, err = a.raisersValues(ctx, p, p.ParticipantIDs); err != nil {
			t.Fatal(err)
		}
		for _, tq := range append(v.DecisionCriteria, v.SuccessFactors...) {
			if tq.ThemeID == th.ID {
				t.Errorf("persona %q values the catch-all %q (theme %d)", p.Name, tq.Label, th.ID)
			}
		}
		return
	}
	t.Fatal("no persona values any theme: the catch-all case checks nothing")
}
