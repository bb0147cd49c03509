package app

import (
	"context"
	"strings"
	"testing"
)

// A theme's headline is a copy of one quote's text. Once a researcher
// hides that quote, the headline is shown nowhere: not on the themes, the
// report or a persona page, though no analysis has run since.
func TestHiddenQuoteIsNoLongerAHeadline(t *testing.T) {
	ctx := context.Background()
	a, st := demoApp(t)
	q := headlineQuote(t, a, st.ID)
	hide := true
	if _, err := a.EditQuote(ctx, q.ID, QuoteEdit{Hidden: &hide}); err != nil {
		t.Fatal(err)
	}
	themes, shown := shownHeadlines(t, a, st.ID)
	for _, x := range themes {
		if x.HeadlineQuoteID == q.ID {
			t.Errorf("theme %d still has the hidden quote %d as its headline", x.ID, q.ID)
		}
	}
	if strings.Contains(shown, q.Text) {
		t.Errorf("the hidden quote %q is still shown as a headline", q.Text)
	}
}
