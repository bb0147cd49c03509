package app

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// A theme's headline is a copy of one quote's text. Once a researcher
// hides that quote, the headline is shown nowhere: not on the themes, the
// report or a persona page, though no analysis has run since.
func TestHiddenQuoteIsNoLongerAHeadline(t *testing.T) {
	ctx := context.Background()
	a, st := demoApp(t)
	themes, err := a.store.Themes(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	var q persona.Quote
	for _, x := range themes {
		if x.HeadlineQuoteID == 0 || x.Headline == "" {
			continue
		}
		if q, err = a.store.Quote(ctx, x.HeadlineQuoteID); err == nil {
			break
		}
	}
	if q.ID == 0 {
		t.Fatal("no demo theme has a headline; the test proves nothing")
	}
	hide := true
	if _, err := a.EditQuote(ctx, q.ID, QuoteEdit{Hidden: &hide}); err != nil {
		t.Fatal(err)
	}
	var shown []string
	now, err := a.Themes(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range now {
		shown = append(shown, x.Headline)
		if x.HeadlineQuoteID == q.ID {
			t.Errorf("theme %d still has the hidden quote %d as its headline", x.ID, q.ID)
		}
	}
	rep, err := a.Report(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range rep.Themes {
		shown = append(shown, x.Headline)
	}
	ps, err := a.store.Personas(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		page, err := a.CachedPersonaJSON(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		shown = append(shown, string(page))
	}
	if strings.Contains(strings.Join(shown, "\n"), q.Text) {
		t.Errorf("the hidden quote %q is still shown as a headline", q.Text)
	}
}
