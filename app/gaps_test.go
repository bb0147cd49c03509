package app

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/samples"
)

// demoCollateral stores the demo's two collateral documents and checks
// them: the one in the buyers' words and the one in vendor-speak.
func demoCollateral(t *testing.T, a *App, st persona.Study) (buyers, vendor *GapReport) {
	t.Helper()
	ctx := context.Background()
	check := func(name string) *GapReport {
		data, err := fs.ReadFile(samples.Collateral, "collateral/"+name)
		if err != nil {
			t.Fatal(err)
		}
		c, err := a.AddCollateral(ctx, st.ID, name, data, "test")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := a.CheckCollateral(ctx, c.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	return check("fieldnote-in-buyers-words.md"), check("fieldnote-vendor-speak.html")
}

// testGapCheckRanks runs the check on the real demo analysis: the document written in the buyers' words must cover more of
// every persona's top themes than the vendor-speak one, use more of the
// buyers' words, and the vendor-speak one's clichés must be named.
// TestGapsOnDemo runs the content-gap check and the survey sizing on one
// analysed demo study (loading it is the slow part).
func TestGapsOnDemo(t *testing.T) {
	a, st := demoApp(t)
	t.Run("ranks the demo collateral", func(t *testing.T) { testGapCheckRanks(t, a, st) })
	t.Run("stores and refuses", func(t *testing.T) { testGapCheckStores(t, a, st) })
	t.Run("survey sizing traced to quotes", func(t *testing.T) { testSurveySizing(t, a, st) })
}

func testGapCheckRanks(t *testing.T, a *App, st persona.Study) {
	buyers, vendor := demoCollateral(t, a, st)
	if len(buyers.Personas) == 0 || len(buyers.Personas) != len(vendor.Personas) {
		t.Fatalf("personas: %d and %d", len(buyers.Personas), len(vendor.Personas))
	}
	for i, b := range buyers.Personas {
		v := vendor.Personas[i]
		t.Logf("%s: coverage %.2f (%d of %d themes) vs %.2f (%d of %d)", b.Name, b.Coverage, b.Addressed, b.Themes, v.Coverage, v.Addressed, v.Themes)
		if b.Coverage <= v.Coverage {
			t.Errorf("persona %q: buyers'-words coverage %.2f not above vendor-speak %.2f", b.Name, b.Coverage, v.Coverage)
		}
		if len(b.Missing) >= len(v.Missing) {
			t.Errorf("persona %q: buyers'-words document lacks %d buyer phrases, vendor-speak %d", b.Name, len(b.Missing), len(v.Missing))
		}
		for _, r := range b.Rings {
			for _, m := range r.Themes {
				if m.Addressed && (m.Passage == "" || m.Score < m.Threshold || len(m.Quotes) == 0) {
					t.Errorf("theme %q addressed without a passage over the bar and buyer quotes: %+v", m.Label, m)
				}
			}
		}
	}
	t.Logf("buyer language: %.2f vs %.2f", buyers.BuyerLanguage, vendor.BuyerLanguage)
	if buyers.BuyerLanguage <= vendor.BuyerLanguage {
		t.Errorf("buyer language: buyers'-words %.2f not above vendor-speak %.2f", buyers.BuyerLanguage, vendor.BuyerLanguage)
	}
	flagged := map[string]bool{}
	for _, p := range vendor.VendorPhrases {
		flagged[p.Text] = true
	}
	for _, w := range []string{"best-in-class", "seamless", "synergy", "holistic"} {
		if !flagged[w] {
			t.Errorf("vendor-speak: %q not flagged as a phrase the buyers never use", w)
		}
	}
	for _, p := range buyers.VendorPhrases {
		if p.Cliche {
			t.Errorf("buyers'-words document: cliché %q flagged", p.Text)
		}
	}
	if len(buyers.VendorPhrases) >= len(vendor.VendorPhrases) {
		t.Errorf("vendor phrases: buyers'-words %d not below vendor-speak %d", len(buyers.VendorPhrases), len(vendor.VendorPhrases))
	}
}

func testGapCheckStores(t *testing.T, a *App, st persona.Study) {
	ctx := context.Background()
	c1, err := a.AddCollateral(ctx, st.ID, "a.txt", []byte("We pass your security review."), "u")
	if err != nil {
		t.Fatal(err)
	}
	c2, err := a.AddCollateral(ctx, st.ID, "again.txt", []byte("We pass your security review."), "u")
	if err != nil || c2.ID != c1.ID {
		t.Errorf("same content again = %d, %v; want the stored %d", c2.ID, err, c1.ID)
	}
	list, err := a.store.CollateralList(ctx, st.ID)
	if err != nil || len(list) == 0 || list[0].ID != c1.ID || list[0].Text != "" {
		t.Errorf("list = %+v, %v; want the newest document first, without its text", list, err)
	}
	_, err = a.AddCollateral(ctx, st.ID, "b.pdf", []byte("%PDF-1.7 ..."), "u")
	if !errors.Is(err, persona.ErrInvalid) || !strings.Contains(err.Error(), "cannot read the PDF's text") {
		t.Errorf("truncated PDF: err = %v; want ErrInvalid saying the PDF cannot be read", err)
	}
	empty, err := a.store.CreateStudy(ctx, "Empty")
	if err != nil {
		t.Fatal(err)
	}
	c3, err := a.AddCollateral(ctx, empty.ID, "a.txt", []byte("Words about pricing."), "u")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CheckCollateral(ctx, c3.ID, 0); !errors.Is(err, ErrNoAnalysis) {
		t.Errorf("check in a study without analysis: err = %v; want ErrNoAnalysis", err)
	}
}

// testSurveySizing checks every sized theme against the quotes it
// counts: each counted answer is a survey answer in the theme, one per
// respondent, and the interval is over all 174 respondents.
func testSurveySizing(t *testing.T, a *App, st persona.Study) {
	ctx := context.Background()
	sizing, err := a.SurveySizing(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	themes, err := a.store.Themes(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sizing) == 0 {
		t.Fatal("no theme sized")
	}
	sized := 0
	for _, th := range themes {
		sz, ok := sizing[th.ID]
		if !ok {
			continue
		}
		member := map[int64]bool{}
		for _, id := range th.QuoteIDs {
			member[id] = true
		}
		if sz.Survey.N != 174 || sz.InterviewsOf != 14 || sz.Interviewees < 1 || sz.Interviewees > th.Participants {
			t.Errorf("theme %q: %+v; want n 174, of 14, 1..%d interviewees", th.Label, sz, th.Participants)
		}
		qs, err := a.store.QuotesByID(ctx, sz.SurveyQuoteIDs)
		if err != nil {
			t.Fatal(err)
		}
		people := map[int64]bool{}
		for _, q := range qs {
			if q.Kind != persona.KindSurvey || !member[q.ID] || people[q.ParticipantID] {
				t.Errorf("theme %q: counted quote %d (kind %s, member %v, repeat %v)", th.Label, q.ID, q.Kind, member[q.ID], people[q.ParticipantID])
			}
			people[q.ParticipantID] = true
		}
		if len(people) != sz.Survey.K || sz.Survey.Low > sz.Survey.Share || sz.Survey.High < sz.Survey.Share {
			t.Errorf("theme %q: %d respondents traced, k = %d, interval %+v", th.Label, len(people), sz.Survey.K, sz.Survey)
		}
		if sz.Survey.K > 0 {
			sized++
		}
	}
	if sized < 10 {
		t.Errorf("only %d interview themes found in the survey", sized)
	}
}
