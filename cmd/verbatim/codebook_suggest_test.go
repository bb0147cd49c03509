package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// TestCodebookSuggestCLI: the CLI alone can seed the seeded coding. A
// codebook imported from CSV carries no quotes, so `codebook suggest`
// refuses, saying which study and what to do (not ending in the sentinel
// ": invalid"); `codebook examples` gives the codes example quotes named
// by their text (a whole quote, or a part of one), and `codebook suggest`
// then codes the rest from them.
func TestCodebookSuggestCLI(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	copyFile(t, "../../samples/interviews/01-dana-whitfield-brightlane.txt", filepath.Join(in, "dana.txt"))
	if code, out, errs := runCLI(t, "ingest", "--data", data, "--study", "S", in); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	codebookCSV := filepath.Join(in, "codebook.csv")
	if err := os.WriteFile(codebookCSV, []byte("tag,description\nFirst,the first topic\nSecond,the second topic\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCLI(t, "codebook", "import", "--data", data, "--study", "S", codebookCSV); code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("import: exit %d %s%s", code, out, errs)
	}
	code, _, errs := runCLI(t, "codebook", "suggest", "--data", data, "--study", "S")
	if code != 1 || !strings.Contains(errs, `study "S"`) || !strings.Contains(errs, "none of its 2 codes has an example") ||
		!strings.Contains(errs, "codebook examples") || strings.HasSuffix(strings.TrimSpace(errs), ": invalid") {
		t.Fatalf("suggest without seeds: exit %d %q; want 1 naming the study, the codes without examples and `codebook examples`, without the sentinel", code, errs)
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
	if err := a.EachQuotePage(ctx, st.ID, 100, false, func(p []persona.Quote) error { qs = append(qs, p...); return nil }); err != nil || len(qs) < 8 {
		t.Fatalf("quotes: %d %v", len(qs), err)
	}
	a.Close()
	// Quotes long enough to be unique; the first of each code given in part.
	var long []persona.Quote
	for _, q := range qs {
		if len(q.Text) > 60 {
			long = append(long, q)
		}
	}
	if len(long) < 6 {
		t.Fatalf("only %d long quotes", len(long))
	}
	examples := filepath.Join(in, "examples.csv")
	f, err := os.Create(examples)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"document", "tag", "content"})
	for i, name := range []string{"First", "Second"} {
		for j := range 3 {
			text := long[3*i+j].Text
			if j == 0 {
				text = strings.ToUpper(text[5 : len(text)-5]) // a part, in another case
			}
			w.Write([]string{"dana.txt", name, text})
		}
	}
	w.Write([]string{"dana.txt", "Third", long[0].Text})
	w.Write([]string{"dana.txt", "First", "words nobody said in this interview"})
	w.Flush()
	f.Close()
	code, out, errs := runCLI(t, "codebook", "examples", "--data", data, "--study", "S", examples)
	if code != 0 || !strings.Contains(out, "8 rows read, 6 example quotes added to 2 codes") ||
		!strings.Contains(out, `no code "Third"`) || !strings.Contains(out, "matches no shown quote") {
		t.Fatalf("examples: exit %d %s%s", code, out, errs)
	}
	code, out, errs = runCLI(t, "codebook", "suggest", "--data", data, "--study", "S")
	if code != 0 || !strings.Contains(out, "6 seeds") {
		t.Fatalf("suggest: exit %d %s%s", code, out, errs)
	}
}
