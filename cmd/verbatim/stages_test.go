package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestAnalyzeStages checks --stages: one line per stage the analysis
// went through, in order, each with its wall time, CPU time and
// goroutine counts as numbers.
func TestAnalyzeStages(t *testing.T) {
	data := interviewSamples(t)
	file := filepath.Join(t.TempDir(), "stages.txt")
	if code, _, errs := runCLI(t, "analyze", "--data", data, "--study", "Demo", "--stages", file); code != 0 {
		t.Fatalf("analyze exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var got []string
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) != 5 {
			t.Fatalf("line %q: %d fields, want 5", l, len(f))
		}
		for _, v := range f[1:] {
			if x, err := strconv.ParseFloat(v, 64); err != nil || x < 0 {
				t.Fatalf("line %q: %q is no duration or count", l, v)
			}
		}
		got = append(got, f[0])
	}
	want := []string{"start", "open", "loading", "rings", "themes", "edits", "personas", "labels", "saving", "indexing", "report", "close"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("stages %v, want %v", got, want)
	}
}
