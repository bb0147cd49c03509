package app

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// sourceQuotes returns n buyer quotes of one source of the study.
func sourceQuotes(t *testing.T, a *App, studyID int64, n int) []persona.Quote {
	t.Helper()
	qs, err := a.store.Quotes(context.Background(), store.QuoteFilter{StudyID: studyID, NoTokens: true})
	if err != nil {
		t.Fatal(err)
	}
	bySource := map[int64][]persona.Quote{}
	for _, q := range qs {
		if !q.Hidden {
			bySource[q.SourceID] = append(bySource[q.SourceID], q)
			if len(bySource[q.SourceID]) == n {
				return bySource[q.SourceID]
			}
		}
	}
	t.Fatalf("no source with %d quotes", n)
	return nil
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCodebookPromoteImportExport(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	themes, err := a.store.Themes(ctx, st.ID)
	if err != nil || len(themes) == 0 {
		t.Fatalf("themes: %v", err)
	}
	th := themes[0]
	c, err := a.PromoteTheme(ctx, th.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != th.Label || c.Ring != th.Ring || len(c.ExampleQuoteIDs) == 0 || c.ExampleQuoteIDs[0] != th.HeadlineQuoteID {
		t.Errorf("promoted %+v from theme %q (%s, headline %d)", c, th.Label, th.Ring, th.HeadlineQuoteID)
	}
	if _, err := a.PromoteTheme(ctx, th.ID); !errors.Is(err, persona.ErrConflict) {
		t.Errorf("promoting twice: %v; want a conflict", err)
	}
	csv := "\xEF\xBB\xBFtag,description\nSecurity review,Infosec asks\n" + strings.ToUpper(th.Label) + ",replaced\n"
	res, err := a.ImportCodebook(ctx, st.ID, "tags.csv", []byte(csv), false)
	if err != nil || res.Format != CodebookCSV || res.Added != 1 || res.Kept != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	if _, err := a.ImportCodebook(ctx, st.ID, "bad.csv", []byte("tag\nA\n\"B\n"), false); err == nil || !strings.Contains(err.Error(), "line ") {
		t.Errorf("bad CSV: %v; want an error naming the line", err)
	}
	for _, format := range []string{CodebookCSV, CodebookQDC} {
		var buf bytes.Buffer
		if err := a.ExportCodebook(ctx, st.ID, format, &buf); err != nil {
			t.Fatal(err)
		}
		b2, _ := demoCopy(t)
		other, err := b2.store.CreateStudy(ctx, "copy "+format)
		if err != nil {
			t.Fatal(err)
		}
		res, err := b2.ImportCodebook(ctx, other.ID, "codebook."+format, buf.Bytes(), false)
		if err != nil || res.Added != 2 {
			t.Errorf("%s round trip: %+v %v", format, res, err)
		}
		cb, _ := b2.Codebook(ctx, other.ID, Actor{ID: 1})
		for _, e := range cb.Codes {
			if strings.EqualFold(e.Code.Name, th.Label) && e.Code.Ring != th.Ring {
				t.Errorf("%s round trip lost the ring: %+v", format, e.Code)
			}
		}
	}
	cb, err := a.Codebook(ctx, st.ID, Actor{ID: 1})
	if err != nil || len(cb.Codes) != 2 {
		t.Fatalf("codebook: %+v %v", cb, err)
	}
	for _, e := range cb.Codes {
		if e.Code.ID == c.ID && len(e.Examples) != len(c.ExampleQuoteIDs) {
			t.Errorf("examples shown %d of %d", len(e.Examples), len(c.ExampleQuoteIDs))
		}
	}
}

// Two researchers code four quotes of one source; the figures are the
// hand-worked ones (see the comments), the disagreements the three quotes
// where their codes differ, and a blind round hides each from the other
// until both are done.
func TestCodingAgreementBlindAndSettle(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	x, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "X code", Ring: "barriers"})
	if err != nil {
		t.Fatal(err)
	}
	y, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "Y code"})
	if err != nil {
		t.Fatal(err)
	}
	ann, bob, cat := Actor{ID: 11, Name: "ann"}, Actor{ID: 12, Name: "bob"}, Actor{ID: 13, Name: "cat"}
	round, err := a.StartRound(ctx, st.ID, []persona.RoundCoder{{ID: ann.ID, Name: ann.Name}, {ID: bob.ID, Name: bob.Name}}, nil, cat)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.StartRound(ctx, st.ID, []persona.RoundCoder{{ID: 1}, {ID: 2}}, nil, cat); !errors.Is(err, persona.ErrConflict) {
		t.Errorf("a second open round: %v", err)
	}
	q := sourceQuotes(t, a, st.ID, 4)
	// ann: q0 X, q1 X, q2 Y.   bob: q0 X, q1 Y, q3 Y.
	for _, c := range []struct {
		by   Actor
		q    int
		code int64
	}{{ann, 0, x.ID}, {ann, 1, x.ID}, {ann, 2, y.ID}, {bob, 0, x.ID}, {bob, 1, y.ID}, {bob, 3, y.ID}, {bob, 3, x.ID}} {
		if _, err := a.CodeQuote(ctx, q[c.q].ID, c.code, c.by); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.UncodeQuote(ctx, q[3].ID, x.ID, bob); err != nil {
		t.Fatal(err)
	}
	if err := a.UncodeQuote(ctx, q[3].ID, x.ID, bob); !errors.Is(err, persona.ErrNotFound) {
		t.Errorf("removing twice: %v", err)
	}

	// Blind: ann sees her own coding of q1, not bob's.
	qc, err := a.QuoteCoding(ctx, q[1].ID, ann)
	if err != nil {
		t.Fatal(err)
	}
	if !qc.Blind || len(qc.Others) != 0 || len(qc.Mine) != 1 || qc.Mine[0].ID != x.ID {
		t.Errorf("blind quote coding for ann: %+v", qc)
	}
	rep, err := a.Agreement(ctx, st.ID, ann)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Comparisons {
		for _, p := range c.Coders {
			if p.ID == bob.ID {
				t.Errorf("ann sees a comparison with bob while blind: %+v", c.Coders)
			}
		}
	}
	if _, err := a.MarkRoundDone(ctx, st.ID, true, cat); !errors.Is(err, persona.ErrForbidden) {
		t.Errorf("a non-coder marks done: %v", err)
	}
	r, err := a.MarkRoundDone(ctx, st.ID, true, ann)
	if err != nil || !r.Blind() {
		t.Fatalf("ann done: %+v %v; want still blind", r, err)
	}
	if r, err = a.MarkRoundDone(ctx, st.ID, true, bob); err != nil || r.Blind() || r.ID != round.ID {
		t.Fatalf("bob done: %+v %v; want revealed", r, err)
	}
	if qc, _ = a.QuoteCoding(ctx, q[1].ID, ann); qc.Blind || len(qc.Others) != 1 || qc.Others[0].Coder != "bob" {
		t.Errorf("after the reveal ann sees %+v", qc.Others)
	}

	rep, err = a.Agreement(ctx, st.ID, cat)
	if err != nil {
		t.Fatal(err)
	}
	var pair *Comparison
	for i, c := range rep.Comparisons {
		if len(c.Coders) == 2 && c.Coders[0].ID == ann.ID && c.Coders[1].ID == bob.ID {
			pair = &rep.Comparisons[i]
		}
	}
	if pair == nil {
		t.Fatalf("no ann-bob comparison in %+v", rep.Comparisons)
	}
	// Units q0..q3. X: ann 1 1 0 0, bob 1 0 0 0: po .75, pe .5, kappa .5.
	// Y: ann 0 0 1 0, bob 0 1 0 1: po .25, pe .5, kappa -.5.
	// Pooled: po 4/8, pe (3/8)²+(5/8)² = 34/64, kappa -2/30.
	want := map[string][2]float64{"X code": {0.75, 0.5}, "Y code": {0.25, -0.5}}
	if pair.Units != 4 || pair.Compared != 4 || len(pair.Codes) != 2 {
		t.Fatalf("ann-bob: %d units, %d codes", pair.Units, len(pair.Codes))
	}
	for _, c := range pair.Codes {
		w := want[c.Name]
		if !near(c.Percent.Value, w[0]) || c.Kappa == nil || !near(c.Kappa.Value, w[1]) {
			t.Errorf("%s: percent %+v kappa %+v; want %.2f, %.2f", c.Name, c.Percent, c.Kappa, w[0], w[1])
		}
	}
	if !near(pair.Overall.Percent.Value, 0.5) || !near(pair.Overall.Kappa.Value, -2.0/30) || pair.Overall.Alpha.Units != 8 {
		t.Errorf("overall: %+v", pair.Overall)
	}

	d, err := a.Disagreements(ctx, st.ID, ann.ID, bob.ID, cat)
	if err != nil {
		t.Fatal(err)
	}
	if d.Units != 4 || len(d.Items) != 3 {
		t.Fatalf("disagreements: %d units, %d items; want 4, 3", d.Units, len(d.Items))
	}
	if _, err := a.Settle(ctx, q[1].ID, bob.ID, ann.ID, persona.SettleBoth, cat); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Settle(ctx, q[1].ID, ann.ID, bob.ID, "maybe", cat); !errors.Is(err, persona.ErrInvalid) {
		t.Errorf("unknown choice: %v", err)
	}
	d, _ = a.Disagreements(ctx, st.ID, ann.ID, bob.ID, cat)
	if d.Settled != 1 {
		t.Fatalf("settled %d; want 1", d.Settled)
	}
	for _, it := range d.Items {
		if it.Settlement != nil && (it.Quote.ID != q[1].ID || len(it.Settlement.CodeIDs) != 2 || it.Settlement.By != "cat") {
			t.Errorf("settlement %+v", it.Settlement)
		}
	}

	// The coded buyer's persona shows the code.
	p, err := a.store.Participant(ctx, q[0].ParticipantID)
	if err != nil {
		t.Fatal(err)
	}
	if p.PersonaID != 0 {
		codes, err := a.PersonaCodes(ctx, p.PersonaID, cat)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, pc := range codes {
			if pc.Code.ID == x.ID && pc.Raised >= 1 && len(pc.Quotes) >= 1 {
				found = true
			}
		}
		if !found {
			t.Errorf("persona %d codes %+v lack X", p.PersonaID, codes)
		}
	}
}

// Verbatim's theme of a quote counts as the code of the same name, so a
// researcher's coding has figures against Verbatim's.
func TestAgreementWithVerbatim(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	themes, err := a.store.Themes(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	th := themes[0]
	c, err := a.PromoteTheme(ctx, th.ID)
	if err != nil {
		t.Fatal(err)
	}
	ann := Actor{ID: 11, Name: "ann"}
	// ann agrees on the theme's first quote and codes one quote of another theme.
	if _, err := a.CodeQuote(ctx, th.QuoteIDs[0], c.ID, ann); err != nil {
		t.Fatal(err)
	}
	rep, err := a.Agreement(ctx, st.ID, ann)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Comparisons) != 1 || rep.Comparisons[0].Coders[1].Name != VerbatimCoderName {
		t.Fatalf("comparisons: %+v", rep.Comparisons)
	}
	cmp := rep.Comparisons[0]
	if cmp.Units == 0 || cmp.Overall.Percent.Units == 0 || cmp.Overall.Percent.Value <= 0 || cmp.Overall.Percent.Value > 1 {
		t.Errorf("ann vs Verbatim: %+v", cmp)
	}
	qc, err := a.QuoteCoding(ctx, th.QuoteIDs[0], ann)
	if err != nil || len(qc.Verbatim) != 1 || qc.Verbatim[0].ID != c.ID {
		t.Errorf("Verbatim's code on the quote: %+v %v", qc.Verbatim, err)
	}
}

// A round on some sources hides other coders' codings there only.
func TestBlindRoundCoversItsSources(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	code, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "Scoped"})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := a.store.Quotes(ctx, store.QuoteFilter{StudyID: st.ID, NoTokens: true})
	if err != nil {
		t.Fatal(err)
	}
	inRound, outside := qs[0], persona.Quote{}
	for _, q := range qs {
		if q.SourceID != inRound.SourceID {
			outside = q
			break
		}
	}
	ann, bob := Actor{ID: 21, Name: "ann"}, Actor{ID: 22, Name: "bob"}
	if _, err := a.StartRound(ctx, st.ID, []persona.RoundCoder{{ID: ann.ID, Name: "ann"}, {ID: bob.ID, Name: "bob"}}, []int64{inRound.SourceID}, ann); err != nil {
		t.Fatal(err)
	}
	if _, err := a.StartRound(ctx, st.ID+1000, []persona.RoundCoder{{ID: 1}, {ID: 2}}, nil, ann); !errors.Is(err, persona.ErrNotFound) {
		t.Errorf("a round in a missing study: %v", err)
	}
	for _, q := range []persona.Quote{inRound, outside} {
		if _, err := a.CodeQuote(ctx, q.ID, code.ID, bob); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		quote      persona.Quote
		blind      bool
		othersSeen int
	}{{inRound, true, 0}, {outside, false, 1}}
	for _, c := range cases {
		qc, err := a.QuoteCoding(ctx, c.quote.ID, ann)
		if err != nil {
			t.Fatal(err)
		}
		if qc.Blind != c.blind || len(qc.Others) != c.othersSeen {
			t.Errorf("quote in source %d: blind %v, %d others; want %v, %d", c.quote.SourceID, qc.Blind, len(qc.Others), c.blind, c.othersSeen)
		}
	}
	cb, err := a.Codebook(ctx, st.ID, ann)
	if err != nil || cb.Codes[0].Codings != 1 {
		t.Errorf("ann's codebook counts %d codings; want 1 (the one outside the round)", cb.Codes[0].Codings)
	}
}
