package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/codebook"
)

// TestAddExamplesToAFullCode: a code that already has the most examples
// a code may have gains none from an examples file: the import says so
// and counts no example added and no code that gained one (before, it
// counted the code as gaining examples and rewrote it unchanged), while
// a code with room gains the quote.
func TestAddExamplesToAFullCode(t *testing.T) {
	a, st := demoApp(t)
	ctx := context.Background()
	var quotes []persona.Quote
	err := a.EachQuotePage(ctx, st.ID, 500, false, func(page []persona.Quote) error {
		for _, q := range page {
			if !q.Hidden && len(q.Text) > 60 {
				quotes = append(quotes, q)
			}
		}
		return nil
	})
	if err != nil || len(quotes) < persona.MaxCodeExamples+2 {
		t.Fatalf("%d long quotes, %v; the test needs %d", len(quotes), err, persona.MaxCodeExamples+2)
	}
	full := make([]int64, persona.MaxCodeExamples)
	for i := range full {
		full[i] = quotes[i].ID
	}
	if _, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "Full", Examples: full}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "Room"}); err != nil {
		t.Fatal(err)
	}
	extra := quotes[persona.MaxCodeExamples]
	for _, tc := range []struct {
		code         string
		added, codes int
		warns        bool
	}{{"Full", 0, 0, true}, {"Room", 1, 1, false}} {
		res, err := a.AddExamples(ctx, st.ID, []codebook.Example{{Line: 2, Code: tc.code, Text: extra.Text}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != tc.added || res.Codes != tc.codes || (len(res.Warnings) > 0) != tc.warns {
			t.Errorf("%s: added %d to %d codes, warnings %q; want %d to %d, warned %v", tc.code, res.Added, res.Codes, res.Warnings, tc.added, tc.codes, tc.warns)
		}
		if tc.warns && !strings.Contains(fmt.Sprint(res.Warnings), tc.code) {
			t.Errorf("%s: the warning %q does not name the code", tc.code, res.Warnings)
		}
	}
}
