package pgindex

import (
	"context"
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/search"
	"github.com/verbatimhq/verbatim/search/searchtest"
)

// A search ranked by relevance reads at most the rank cap of matches:
// past it the total is the cap, marked capped, facets are skipped and the
// page holds only quotes that match. Within the cap, and sorted by date,
// everything is counted.
func TestRankCap(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(ctx, pgtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(ctx, searchtest.Docs(t)); err != nil {
		t.Fatal(err)
	}
	matching := []int64{3, 5, 6, 12} // "review", as the conformance suite has it
	facets := []string{"ring", "theme"}
	cases := []struct {
		name        string
		cap         int
		byDate      bool
		total       uint64
		capped      bool
		wantFacets  bool
		wantHitsLen int
	}{
		{"over the cap", 2, false, 2, true, false, 2},
		{"at the cap", 4, false, 4, false, true, 4},
		{"over the cap, sorted by date: all counted", 2, true, 4, false, true, 4},
		{"no cap", 0, false, 4, false, true, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix.rankCap = c.cap
			res, err := ix.Search(ctx, search.Query{Match: search.MustParse("review"), SortByDate: c.byDate, Facets: facets, FacetCap: 100})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != c.total || res.TotalCapped != c.capped {
				t.Errorf("total %d capped %v, want %d %v", res.Total, res.TotalCapped, c.total, c.capped)
			}
			if res.FacetsCapped == c.wantFacets || (len(res.Facets["ring"]) > 0) != c.wantFacets {
				t.Errorf("facets %v (capped %v), want counted %v", res.Facets, res.FacetsCapped, c.wantFacets)
			}
			if len(res.Hits) != c.wantHitsLen {
				t.Errorf("%d hits, want %d", len(res.Hits), c.wantHitsLen)
			}
			for _, h := range res.Hits {
				if !slices.Contains(matching, h.ID) {
					t.Errorf("hit %d does not match", h.ID)
				}
				if len(h.Fragments) == 0 {
					t.Errorf("hit %d has no highlight", h.ID)
				}
			}
		})
	}
}

// singleLexeme recognises the one-word tsqueries resolve writes, whose
// frequency the planner's statistics may hold, and nothing else.
func TestSingleLexeme(t *testing.T) {
	cases := []struct {
		tsq, word string
		ok        bool
	}{
		{"'price'", "price", true},
		{"'o''brien'", "o'brien", true},
		{"'pric':*", "", false},
		{"'secur' <-> 'review'", "", false},
		{"'secur' & 'review'", "", false},
		{"('budget' | 'budgets')", "", false},
		{"''", "", false},
	}
	for _, c := range cases {
		word, ok := singleLexeme(c.tsq)
		if word != c.word || ok != c.ok {
			t.Errorf("singleLexeme(%q) = %q, %v; want %q, %v", c.tsq, word, ok, c.word, c.ok)
		}
	}
}
