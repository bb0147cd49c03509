package app

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// consensusCodes are the consensus coder's code ids on a quote.
func consensusCodes(t *testing.T, a *App, quoteID int64) map[int64]bool {
	t.Helper()
	cs, err := a.store.Codings(context.Background(), store.CodingFilter{CoderID: ConsensusCoder, QuoteIDs: []int64{quoteID}})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]bool{}
	for _, c := range cs {
		out[c.CodeID] = true
	}
	return out
}

// comparisonOf is the two-coder comparison of first and second.
func comparisonOf(t *testing.T, rep AgreementReport, first, second int64) Comparison {
	t.Helper()
	for _, c := range rep.Comparisons {
		if len(c.Coders) == 2 && c.Coders[0].ID == first && c.Coders[1].ID == second {
			return c
		}
	}
	t.Fatalf("no comparison of %d and %d in %+v", first, second, rep.Comparisons)
	return Comparison{}
}

func TestSettlingMakesTheConsensusCoding(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	x, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "X code"})
	if err != nil {
		t.Fatal(err)
	}
	y, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "Y code"})
	if err != nil {
		t.Fatal(err)
	}
	ann, bob, cat := Actor{ID: 11, Name: "ann"}, Actor{ID: 12, Name: "bob"}, Actor{ID: 13, Name: "cat"}
	q := sourceQuotes(t, a, st.ID, 2)
	// ann: q0 X, q1 X.  bob: q0 Y, q1 X.  They disagree on q0 only.
	for _, c := range []struct {
		by   Actor
		q    int
		code int64
	}{{ann, 0, x.ID}, {ann, 1, x.ID}, {bob, 0, y.ID}, {bob, 1, x.ID}} {
		if _, err := a.CodeQuote(ctx, q[c.q].ID, c.code, c.by); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		choice string
		want   map[int64]bool
		// annAgrees and bobAgrees are each coder's pooled percent
		// agreement with the consensus (on q0, the one settled quote).
		annAgrees, bobAgrees float64
	}{
		{persona.SettleSecond, map[int64]bool{y.ID: true}, 0, 1},
		{persona.SettleFirst, map[int64]bool{x.ID: true}, 1, 0},
		{persona.SettleBoth, map[int64]bool{x.ID: true, y.ID: true}, 0.5, 0.5},
		{persona.SettleNone, map[int64]bool{}, 0, 0.5},
	}
	for _, tc := range cases {
		if _, err := a.Settle(ctx, q[0].ID, ann.ID, bob.ID, tc.choice, cat); err != nil {
			t.Fatal(err)
		}
		got := consensusCodes(t, a, q[0].ID)
		if len(got) != len(tc.want) {
			t.Errorf("%s: consensus codes %v; want %v", tc.choice, got, tc.want)
		}
		for id := range tc.want {
			if !got[id] {
				t.Errorf("%s: consensus codes %v; want %v", tc.choice, got, tc.want)
			}
		}
		if c := consensusCodes(t, a, q[1].ID); len(c) != 0 {
			t.Errorf("%s: an unsettled quote got a consensus coding %v", tc.choice, c)
		}
		rep, err := a.Agreement(ctx, st.ID, cat)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []struct {
			coder int64
			want  float64
		}{{ann.ID, tc.annAgrees}, {bob.ID, tc.bobAgrees}} {
			c := comparisonOf(t, rep, w.coder, ConsensusCoder)
			if c.Compared != 1 || !near(c.Overall.Percent.Value, w.want) {
				t.Errorf("%s: coder %d vs consensus: %d compared, %.2f agreement; want 1, %.2f", tc.choice, w.coder, c.Compared, c.Overall.Percent.Value, w.want)
			}
		}
		for _, c := range rep.Comparisons {
			if len(c.Coders) == 2 && c.Coders[0].ID == ann.ID && c.Coders[1].ID == bob.ID && c.Units != 2 {
				t.Errorf("%s: the consensus changed the coders' own comparison: %+v", tc.choice, c)
			}
		}
	}

	// The persona page counts the consensus on the settled quote: settled
	// as bob's Y, ann's X on q0 no longer shows there.
	if _, err := a.Settle(ctx, q[0].ID, ann.ID, bob.ID, persona.SettleSecond, cat); err != nil {
		t.Fatal(err)
	}
	// The quotes export lists the consensus on the settled quote and every
	// coder's codes elsewhere.
	exported := map[int64][]string{}
	if err := a.ExportQuotes(ctx, st.ID, func(e ExportQuote) error { exported[e.ID] = e.Codes; return nil }); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(exported[q[0].ID], "; "); got != "Y code" {
		t.Errorf("export of the settled quote: codes %q; want the consensus \"Y code\"", got)
	}
	if got := strings.Join(exported[q[1].ID], "; "); got != "X code" {
		t.Errorf("export of an unsettled quote: codes %q; want \"X code\"", got)
	}
	p, err := a.store.Participant(ctx, q[0].ParticipantID)
	if err != nil {
		t.Fatal(err)
	}
	if p.PersonaID == 0 {
		t.Skip("the coded buyer has no persona in the demo")
	}
	codes, err := a.PersonaCodes(ctx, p.PersonaID, cat)
	if err != nil {
		t.Fatal(err)
	}
	sawY := false
	for _, pc := range codes {
		for _, r := range pc.Quotes {
			if r.ID == q[0].ID && pc.Code.ID == x.ID {
				t.Errorf("persona shows ann's overruled X on the settled quote")
			}
			sawY = sawY || r.ID == q[0].ID && pc.Code.ID == y.ID
		}
	}
	if !sawY {
		t.Errorf("persona codes %+v lack the consensus Y on quote %d", codes, q[0].ID)
	}
}

// A settlement between a researcher and Verbatim (coder 0) is kept and
// shown: coder ids 0 and below survive storage.
func TestSettlingWithVerbatimIsShown(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	themes, err := a.store.Themes(ctx, st.ID)
	if err != nil || len(themes) == 0 {
		t.Fatalf("themes: %v", err)
	}
	if _, err := a.PromoteTheme(ctx, themes[0].ID); err != nil {
		t.Fatal(err)
	}
	other, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "something else"})
	if err != nil {
		t.Fatal(err)
	}
	ann := Actor{ID: 11, Name: "ann"}
	if _, err := a.CodeQuote(ctx, themes[0].HeadlineQuoteID, other.ID, ann); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Settle(ctx, themes[0].HeadlineQuoteID, ann.ID, VerbatimCoder, persona.SettleSecond, ann); err != nil {
		t.Fatal(err)
	}
	d, err := a.Disagreements(ctx, st.ID, ann.ID, VerbatimCoder, ann)
	if err != nil {
		t.Fatal(err)
	}
	if d.Settled != 1 {
		t.Errorf("settled %d of ann vs Verbatim; want 1", d.Settled)
	}
}
