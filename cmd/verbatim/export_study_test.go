package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/qdpx"
)

// TestExportStudyQDPX: `export study --format qdpx -o FILE` writes a
// REFI-QDA project that `ingest FILE.qdpx` takes back into another study;
// a bad format or a missing -o is a usage error, and a PDF transcript
// goes in like any other.
func TestExportStudyQDPX(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	for _, f := range []string{"01-dana-whitfield-brightlane.txt", "05-hannah-brooks-corvane.otter.txt", "11-jess-tran-pebblecart.txt"} {
		copyFile(t, "../../samples/interviews/"+f, filepath.Join(in, f))
	}
	copyFile(t, "../../persona/ingest/testdata/transcripts/word.pdf", filepath.Join(in, "dana.pdf"))
	if code, out, errs := runCLI(t, "ingest", "--data", data, "--study", "Orig", in); code != 0 || !strings.Contains(out, "(pdf: ") {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "analyze", "--data", data, "--study", "Orig"); code != 0 {
		t.Fatalf("analyze: exit %d %s", code, errs)
	}
	file := filepath.Join(t.TempDir(), "orig.qdpx")
	if code, _, errs := runCLI(t, "export", "study", "--data", data, "--study", "Orig", "--format", "qdpx", "-o", file); code != 0 {
		t.Fatalf("export: exit %d %s", code, errs)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := qdpx.Read(b)
	if err != nil {
		t.Fatalf("exported file does not read back: %v", err)
	}
	if len(p.Sources) != 4 || len(p.Codes) != 5 || len(p.Cases) == 0 {
		t.Errorf("export: %d sources, %d ring codes, %d cases; want 4, 5, some", len(p.Sources), len(p.Codes), len(p.Cases))
	}
	code, out, errs := runCLI(t, "ingest", "--data", data, "--study", "Copy", file)
	if code != 0 || !strings.Contains(out, "(qdpx: ") || !strings.Contains(out, "researcher themes") {
		t.Errorf("ingest .qdpx: exit %d\n%s%s", code, out, errs)
	}
	for _, args := range [][]string{
		{"export", "study", "--data", data, "--format", "nvivo", "-o", file},
		{"export", "study", "--data", data, "--format", "qdpx"},
	} {
		if code, _, errs := runCLI(t, args...); code != 2 || !strings.Contains(errs, "usage: verbatim export study") {
			t.Errorf("%v: exit %d %q; want a usage error", args, code, errs)
		}
	}
}
