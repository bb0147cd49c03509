package analysis

import (
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestRenamedLabelIsTaken: a label a researcher gave a theme is one no
// other theme takes. Renaming the price theme to the label the security
// theme was given left two themes with one label: the researcher's
// label was not counted among the labels in use.
func TestRenamedLabelIsTaken(t *testing.T) {
	in := themeInput(t)
	first := mustRun(t, in)
	price, sec := themeWith(first, 100), themeWith(first, 106)
	if price == nil || sec == nil || price == sec {
		t.Fatal("no two themes to rename")
	}
	in.Edits = []persona.Edit{{Kind: persona.EditRenameTheme, ThemeQuotes: [][]int64{price.QuoteIDs}, Label: sec.Label}}
	a := mustRun(t, in)
	seen := map[string]int64{}
	for _, th := range a.Themes {
		l := strings.ToLower(th.Label)
		if id, dup := seen[l]; dup {
			t.Errorf("themes %d and %d are both labelled %q", id, th.ID, th.Label)
		}
		seen[l] = th.ID
	}
	if th := themeWith(a, 100); th == nil || th.Label != sec.Label || !th.LabelSet {
		t.Errorf("renamed theme = %+v; want the researcher's label %q", th, sec.Label)
	}
}
