package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestAnalyzeSamplesGolden locks the analysis of the demo study: same
// input, same themes and personas (the analysis is deterministic).
func TestAnalyzeSamplesGolden(t *testing.T) {
	_, out := analysedDemo(t)
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

// TestAnalyzeRecurringThreshold checks --recurring: persona rings list only
// recurring themes, so with a threshold of 6 no theme raised by fewer than
// six participants appears in them, while with the default (2) some do.
func TestAnalyzeRecurringThreshold(t *testing.T) {
	data := ingestedSamples(t)
	// smallest participants count among the themes persona rings list
	minListed := func(args ...string) int {
		t.Helper()
		code, out, errs := runCLI(t, append([]string{"analyze", "--data", data, "--study", "Demo", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("analyze %v exit %d: %s", args, code, errs)
		}
		var res struct {
			Themes []struct {
				ID           int64 `json:"id"`
				Participants int   `json:"participants"`
			} `json:"themes"`
			Personas []struct {
				Rings map[string][]int64 `json:"rings"`
			} `json:"personas"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		parts := map[int64]int{}
		for _, th := range res.Themes {
			parts[th.ID] = th.Participants
		}
		least, listed := 1<<30, 0
		for _, p := range res.Personas {
			for _, ids := range p.Rings {
				for _, id := range ids {
					least = min(least, parts[id])
					listed++
				}
			}
		}
		if listed == 0 {
			t.Fatalf("analyze %v: no theme in any persona ring", args)
		}
		return least
	}
	// The default (2) lists some theme raised by `least` buyers; a threshold
	// just above it must drop every such theme.
	least := minListed()
	if least < 2 {
		t.Fatalf("default threshold: a persona ring lists a theme raised by %d participants; want at least 2", least)
	}
	above := strconv.Itoa(least + 1)
	if got := minListed("--recurring", above); got <= least {
		t.Errorf("--recurring %s: a persona ring lists a theme raised by %d participants", above, got)
	}
	if code, _, errs := runCLI(t, "analyze", "--data", data, "--study", "Demo", "--recurring", "0"); code == 0 || !strings.Contains(errs, "--recurring 0") {
		t.Errorf("--recurring 0: exit %d, stderr %q; want an error naming the flag", code, errs)
	}
	t.Setenv("VERBATIM_RECURRING", "two")
	if code, _, errs := runCLI(t, "analyze", "--data", data, "--study", "Demo"); code == 0 || !strings.Contains(errs, "VERBATIM_RECURRING") {
		t.Errorf("VERBATIM_RECURRING=two: exit %d, stderr %q; want an error naming the variable", code, errs)
	}
}

// analysedDemo is a fresh data directory with the demo as the CLI makes
// it (the sample interviews and survey ingested into Demo, the
// participants' attributes, `analyze --json`), and what that analyze
// printed: built once, for the golden and for the SQLite side of the
// migration to PostgreSQL.
func analysedDemo(t *testing.T) (data, analyzeJSON string) {
	t.Helper()
	data = copiedData(t, "demo-analysed", func(t *testing.T, data string) {
		copyDir(t, ingestedSamples(t), data)
		if code, _, errs := runCLI(t, "attributes", "--data", data, "--study", "Demo", "../../samples/participants.csv"); code != 0 {
			t.Fatalf("attributes: %s", errs)
		}
		code, out, errs := runCLI(t, "analyze", "--data", data, "--study", "Demo", "--json")
		if code != 0 {
			t.Fatalf("analyze exit %d: %s", code, errs)
		}
		demoAnalyzeJSON = out
	})
	return data, demoAnalyzeJSON
}

// demoAnalyzeJSON is what analyze --json printed when analysedDemo's
// template was built.
var demoAnalyzeJSON string

// ingestedSamples is a fresh data directory with the sample interviews and
// survey ingested into the study Demo, not analysed (a copy of one made
// once).
func ingestedSamples(t *testing.T) string {
	t.Helper()
	return copiedData(t, "ingested", func(t *testing.T, data string) {
		if code, _, errs := runCLI(t, "ingest", "--data", data, "--study", "Demo", "../../samples/interviews", "../../samples/survey"); code != 0 {
			t.Fatalf("ingest: %s", errs)
		}
	})
}
