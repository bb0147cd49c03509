package app

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
	"github.com/verbatimhq/verbatim/search"
)

// indexFacets counts a study's quotes in the search index by ring, theme,
// persona and hidden flag.
func indexFacets(t *testing.T, a *App, studyID int64) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, hidden := range []bool{true, false} {
		res, err := a.index.Search(context.Background(), search.Query{Filters: map[string][]string{"study": {strconv.FormatInt(studyID, 10)}},
			Facets: []string{"ring", "theme", "persona"}, FacetSize: 10000, IncludeHidden: hidden, NoHighlight: true})
		if err != nil {
			t.Fatal(err)
		}
		if !hidden {
			out["visible"] = int(res.Total)
			continue
		}
		for field, counts := range res.Facets {
			for _, c := range counts {
				out[field+"="+c.Value] += c.Count
			}
		}
	}
	return out
}

// storeFacets counts the same from the database.
func storeFacets(t *testing.T, a *App, studyID int64) map[string]int {
	t.Helper()
	fs, err := a.store.StudyQuoteFacets(context.Background(), studyID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, f := range fs {
		if f.Ring != "" {
			out["ring="+string(f.Ring)]++
		}
		if f.ThemeID != 0 {
			out["theme="+strconv.FormatInt(f.ThemeID, 10)]++
		}
		if f.PersonaID != 0 {
			out["persona="+strconv.FormatInt(f.PersonaID, 10)]++
		}
		if !f.Hidden {
			out["visible"]++
		}
	}
	return out
}

// TestReanalysisIndexesWhatChanged checks that after each analysis the
// search index agrees with the database on every quote's ring, theme,
// persona and hidden flag, though a re-analysis re-indexes only the
// sources whose quotes changed: after a first analysis, after an
// unchanged re-run, after a ring corrected in the database alone (only
// the analysis carries it to the index) and after a source was left
// unindexed.
func TestReanalysisIndexesWhatChanged(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, err := a.store.EnsureStudy(ctx, "Demo")
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join("..", "samples", "interviews", "*"))
	for _, r := range a.IngestPaths(ctx, st.ID, paths, nil) {
		if r.Status != StatusOK {
			t.Fatalf("%s: %s", r.Path, r.Error)
		}
	}
	check := func(step string) {
		t.Helper()
		if _, err := a.Analyze(ctx, st.ID, nil); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if diff := cmp.Diff(storeFacets(t, a, st.ID), indexFacets(t, a, st.ID)); diff != "" {
			t.Errorf("%s: index differs from the database (-store +index):\n%s", step, diff)
		}
		pending, err := a.store.UnindexedSources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) > 0 {
			t.Errorf("%s: %d sources left marked unindexed", step, len(pending))
		}
	}
	check("first analysis")
	check("unchanged re-run")
	fs, err := a.store.StudyQuoteFacets(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	moved := 0
	for _, f := range fs {
		if f.Ring != persona.RingBarriers && moved < 3 {
			if err := a.store.SetQuoteRing(ctx, f.ID, persona.RingBarriers); err != nil {
				t.Fatal(err)
			}
			moved++
		}
	}
	check("rings corrected")
	srcs, err := a.store.Sources(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.store.MarkIndexed(ctx, srcs[0].ID, false); err != nil {
		t.Fatal(err)
	}
	check("a source left unindexed")
}

// TestChangedSources checks the comparison of quote facets before and
// after saving an analysis.
func TestChangedSources(t *testing.T) {
	f := func(id, src int64, ring persona.Ring, theme int64) store.QuoteFacets {
		return store.QuoteFacets{ID: id, SourceID: src, Ring: ring, ThemeID: theme}
	}
	before := []store.QuoteFacets{f(1, 10, persona.RingBarriers, 5), f(2, 10, persona.RingBarriers, 5), f(3, 20, persona.RingSuccess, 6), f(5, 30, persona.RingSuccess, 6)}
	for _, tc := range []struct {
		name  string
		after []store.QuoteFacets
		want  map[int64]bool
	}{
		{"same", before, map[int64]bool{}},
		{"theme moved", []store.QuoteFacets{f(1, 10, persona.RingBarriers, 5), f(2, 10, persona.RingBarriers, 7), f(3, 20, persona.RingSuccess, 6), f(5, 30, persona.RingSuccess, 6)}, map[int64]bool{10: true}},
		{"ring moved", []store.QuoteFacets{f(1, 10, persona.RingBarriers, 5), f(2, 10, persona.RingBarriers, 5), f(3, 20, persona.RingBarriers, 6), f(5, 30, persona.RingSuccess, 6)}, map[int64]bool{20: true}},
		{"new quote", append(append([]store.QuoteFacets(nil), before...), f(9, 40, persona.RingSuccess, 6)), map[int64]bool{40: true}},
		{"quote gone", []store.QuoteFacets{f(1, 10, persona.RingBarriers, 5), f(3, 20, persona.RingSuccess, 6), f(5, 30, persona.RingSuccess, 6)}, map[int64]bool{}},
		{"first analysis", before, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := before
			want := tc.want
			if tc.want == nil { // nothing before: every source
				b, want = nil, map[int64]bool{10: true, 20: true, 30: true}
			}
			if diff := cmp.Diff(want, changedSources(b, tc.after)); diff != "" {
				t.Errorf("changed sources (-want +got):\n%s", diff)
			}
		})
	}
}
