package api

import (
	"testing"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// An objection card shows the theme's own quotes among the answer's; when
// none of them ranks there, the theme's best showable match (Quote) backs
// it instead of an empty card.
func TestObjectionViewsBackEachThemeWithAQuote(t *testing.T) {
	answer := app.QuoteHit{ID: 1, Text: "The seat price is too high for us.", ThemeID: 3}
	beyond := app.QuoteHit{ID: 9, Text: "Setup took our admin three weeks.", ThemeID: 4}
	obj := app.Objections{
		Themes: []app.ObjectionTheme{
			{Theme: persona.Theme{ID: 3, Label: "seat price"}, Matches: 2, Quote: &answer},
			{Theme: persona.Theme{ID: 4, Label: "setup"}, Matches: 1, Quote: &beyond},
		},
		Quotes: []app.QuoteHit{answer},
	}
	views, _ := objectionViews(obj, nil)
	if len(views) != 2 {
		t.Fatalf("%d cards, want 2", len(views))
	}
	for i, want := range []int64{1, 9} {
		if len(views[i].Quotes) != 1 || views[i].Quotes[0].ID != want {
			t.Errorf("card %q shows %+v; want quote %d alone", views[i].Label, views[i].Quotes, want)
		}
	}
}
