package app

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/verbatimhq/verbatim/persona/store"
)

// TestSERDIFQuoteRecall ingests the SERDIF usability-study transcripts and
// measures the share of the researchers' 1,930 coded quotes that
// Verbatim's extracted buyer quotes overlap: a coded quote counts as
// overlapped when a Verbatim quote from the same session either holds at
// least half of its words or lies within it (80% of the Verbatim quote's
// words, at least five, are in the coded quote — coded quotes often span
// several sentences, Verbatim's are sentences). The stricter "one quote
// holds half" share is logged too. Run with -v to see the figures.
//
// It runs in make test's second line (no race detector): it measures
// quote extraction on the 17 real transcripts, ~60 s under -race;
// the parallel ingest it goes through (IngestPaths) is race-checked by
// the tests that ingest the demo interviews (TestReanalysisIndexesWhatChanged,
// TestQDPXRoundTrip).
func TestSERDIFQuoteRecallRealData(t *testing.T) {
	if raceEnabled {
		t.Skip("real-data evaluation; runs without -race (make test's second line)")
	}
	dir := sharedData(t, "serdif_usability_study")
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, _ := a.store.EnsureStudy(ctx, "serdif")
	for _, r := range a.IngestPaths(ctx, st.ID, []string{filepath.Join(dir, "transcripts")}, nil) {
		if r.Status != StatusOK {
			t.Fatalf("%s: %s", r.Path, r.Error)
		}
	}
	bySource := map[string][][]string{} // session -> quotes' words
	srcs, _ := a.store.Sources(ctx, st.ID)
	for _, src := range srcs {
		qs, err := a.store.Quotes(ctx, store.QuoteFilter{SourceID: src.ID})
		if err != nil {
			t.Fatal(err)
		}
		key := strings.TrimSuffix(src.Name, filepath.Ext(src.Name))
		for _, q := range qs {
			bySource[key] = append(bySource[key], words(q.Text))
		}
	}
	f, err := os.Open(filepath.Join(dir, "thematic_analysis", "all_tags_20220303.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found, strict, total := 0, 0, 0
	for _, row := range rows[1:] {
		doc, content := strings.TrimSuffix(row[1], filepath.Ext(row[1])), row[3]
		w := words(content)
		if len(w) == 0 {
			continue
		}
		total++
		hit, holds := false, false
		for _, q := range bySource[doc] {
			holds = holds || covered(w, q) >= 0.5
			hit = hit || holds || (len(q) >= 5 && covered(q, w) >= 0.8)
		}
		if hit {
			found++
		}
		if holds {
			strict++
		}
	}
	recall := float64(found) / float64(total)
	t.Logf("SERDIF quote recall: %d of %d coded quotes (%.1f%%) overlap a Verbatim quote; %d (%.1f%%) have half their words in one quote",
		found, total, 100*recall, strict, 100*float64(strict)/float64(total))
	if total != 1930 || recall < 0.88 {
		t.Errorf("recall %.3f over %d coded quotes; want >= 0.88 over 1930", recall, total)
	}
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// covered is the share of coded's words that q holds (as a multiset).
func covered(coded, q []string) float64 {
	have := map[string]int{}
	for _, w := range q {
		have[w]++
	}
	n := 0
	for _, w := range coded {
		if have[w] > 0 {
			have[w]--
			n++
		}
	}
	return float64(n) / float64(len(coded))
}
