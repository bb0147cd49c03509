package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// TestCodebookSuggestCLI: `codebook suggest` refuses a codebook without
// seeds, and codes the rest once two codes have example quotes.
func TestCodebookSuggestCLI(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	copyFile(t, "../../samples/interviews/01-dana-whitfield-brightlane.txt", filepath.Join(in, "dana.txt"))
	if code, out, errs := runCLI(t, "ingest", "--data", data, "--study", "S", in); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DataDir: data}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := a.StudyByName(ctx, "S")
	if err != nil {
		t.Fatal(err)
	}
	var qs []persona.Quote
	if err := a.EachQuotePage(ctx, st.ID, 100, false, func(p []persona.Quote) error { qs = append(qs, p...); return nil }); err != nil || len(qs) < 6 {
		t.Fatalf("quotes: %d %v", len(qs), err)
	}
	if _, err := a.CreateCode(ctx, st.ID, app.CodeInput{Name: "Empty"}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if code, _, errs := runCLI(t, "codebook", "suggest", "--data", data, "--study", "S"); code != 1 || !strings.Contains(errs, "examples") {
		t.Fatalf("suggest without seeds: exit %d %q; want 1 asking for examples", code, errs)
	}
	if a, err = app.Open(ctx, app.Config{DataDir: data}, nil); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"First", "Second"} {
		if _, err := a.CreateCode(ctx, st.ID, app.CodeInput{Name: name, Examples: []int64{qs[3*i].ID, qs[3*i+1].ID, qs[3*i+2].ID}}); err != nil {
			t.Fatal(err)
		}
	}
	a.Close()
	code, out, errs := runCLI(t, "codebook", "suggest", "--data", data, "--study", "S")
	if code != 0 || !strings.Contains(out, "6 seeds") {
		t.Fatalf("suggest: exit %d %s%s", code, out, errs)
	}
}
