package app

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// objectionEvalQueries are objections a sales rep would type about a cloud
// platform: the four of the issue and four more written before looking at
// any result.
var objectionEvalQueries = []string{
	"hard to learn", "costs too much", "we already use spreadsheets", "support is slow",
	"the portal is confusing", "poor documentation", "billing is unpredictable", "too complicated to set up",
}

// judgement is a reader's verdict on whether a quote is about what an
// objection query says (testdata/objection_judgements.csv).
type judgement map[[2]string]bool // query, quote text -> on topic

func readJudgements(t *testing.T) judgement {
	f, err := os.Open(filepath.Join("testdata", "objection_judgements.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	j := judgement{}
	for _, r := range rows[1:] {
		j[[2]string{r[0], r[2]}] = r[1] == "1"
	}
	return j
}

// TestObjectionsRealDataCapterra ingests the Capterra reviews of a cloud
// platform as a survey (pros, cons, overall and title become quotes
// answering those columns), analyses it, and asks each query of
// objectionEvalQueries. For the first 10 quotes it reports the share that
// are complaints — the reviewer wrote them under "cons" — and the share
// that are complaints about the query's topic: from "cons" and judged on
// topic by a reader in testdata/objection_judgements.csv (a quote nobody
// judged counts as off topic and is logged, to be read and added). Run
// with -v (and $VERBATIM_VECTORS) to see every quote.
func TestObjectionsRealDataCapterra(t *testing.T) {
	if raceEnabled {
		t.Skip("real-data evaluation; runs without -race (make test's second line)")
	}
	dir := sharedData(t, "capterra_azure_reviews")
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, _ := a.Store.EnsureStudy(ctx, "capterra")
	for _, r := range a.IngestPaths(ctx, st.ID, []string{filepath.Join(dir, "capterra_azure_reviews.csv")}, nil) {
		if r.Status != StatusOK {
			t.Fatalf("%s: %s", r.Path, r.Error)
		}
	}
	if _, err := a.Analyze(ctx, st.ID, nil); err != nil {
		t.Fatal(err)
	}
	judged := readJudgements(t)
	for _, allRings := range []bool{false, true} {
		var cons, topical, n int
		for _, query := range objectionEvalQueries {
			res, err := a.Objections(ctx, ObjectionQuery{Text: query, StudyID: st.ID, AllRings: allRings, Size: 10})
			if err != nil {
				t.Fatal(err)
			}
			var qc, qt int
			var lines []string
			for _, h := range res.Quotes {
				complaint := h.Question == "cons"
				on, ok := judged[[2]string{query, h.Text}]
				mark := "-"
				switch {
				case !ok:
					mark = "?"
				case on:
					mark = "+"
				}
				if complaint {
					qc++
					if on {
						qt++
					}
				}
				lines = append(lines, fmt.Sprintf("  %s %-8s %-20s %s", mark, h.Question, h.Ring, strings.ReplaceAll(h.Text, "\n", " ")))
			}
			cons, topical, n = cons+qc, topical+qt, n+len(res.Quotes)
			t.Logf("all rings %v, %q (expanded %v): %d/%d from cons, %d/%d cons and on topic\n%s",
				allRings, query, res.Expanded, qc, len(res.Quotes), qt, len(res.Quotes), strings.Join(lines, "\n"))
			if len(res.Quotes) < 10 {
				t.Errorf("%q: %d quotes; want 10", query, len(res.Quotes))
			}
		}
		t.Logf("all rings %v: %.2f of the first 10 quotes are from cons, %.2f are from cons and on topic (%d quotes)",
			allRings, float64(cons)/float64(n), float64(topical)/float64(n), n)
	}
}
