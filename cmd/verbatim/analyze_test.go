package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestAnalyzeSamplesGolden locks the analysis of the demo study: same
// input, same themes and personas (the analysis is deterministic).
func TestAnalyzeSamplesGolden(t *testing.T) {
	data := t.TempDir()
	if code, _, errs := runCLI(t, "ingest", "--data", data, "--study", "Demo", "../../samples/interviews", "../../samples/survey"); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	if code, _, errs := runCLI(t, "attributes", "--data", data, "--study", "Demo", "../../samples/participants.csv"); code != 0 {
		t.Fatalf("attributes: %s", errs)
	}
	code, out, errs := runCLI(t, "analyze", "--data", data, "--study", "Demo", "--json")
	if code != 0 {
		t.Fatalf("analyze exit %d: %s", code, errs)
	}
	golden := filepath.Join("testdata", "analyze_samples.json")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/verbatim -run Golden -update)", err)
	}
	if diff := cmp.Diff(string(want), out); diff != "" {
		t.Errorf("analyze --json differs from %s (-want +got):\n%s", golden, diff)
	}
}
