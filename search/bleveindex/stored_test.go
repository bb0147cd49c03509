package bleveindex

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/search"
	"github.com/verbatimhq/verbatim/search/searchtest"
)

// storeAll stores every field of m and its sub-documents, as mapping
// version 7 did (all but "hidden" and "question").
func storeAll(m *mapping.DocumentMapping) {
	for name, sub := range m.Properties {
		for _, f := range sub.Fields {
			if name != "hidden" && name != "question" {
				f.Store = true
			}
		}
		storeAll(sub)
	}
}

// Storing only the values read back (mapping version 8) changes no
// search result: every search of the conformance suite gives the same
// hits, scores, totals, facets and fragments as on an index that stores
// every field, as version 7 did.
func TestStoringLessChangesNoResult(t *testing.T) {
	ctx := context.Background()
	docs := searchtest.Docs(t)
	old := newMapping()
	storeAll(old.DefaultMapping)
	old.StoreDynamic = true
	idx, err := bleve.NewMemOnly(old)
	if err != nil {
		t.Fatal(err)
	}
	before := newIndex(idx, "")
	defer before.Close()
	after, _, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer after.Close()
	for _, ix := range []*Index{before, after} {
		if err := ix.Put(ctx, docs); err != nil {
			t.Fatal(err)
		}
	}
	// The two indexes differ in what they store (else this test proves
	// nothing): version 7 stored the ring, version 8 does not.
	stored := func(ix *Index) int {
		req := bleve.NewSearchRequest(bleve.NewMatchAllQuery())
		req.Fields = []string{"ring", "source_name", "attr.role"}
		res, err := ix.idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, h := range res.Hits {
			n += len(h.Fields)
		}
		return n
	}
	if b, a := stored(before), stored(after); b == 0 || a != 0 {
		t.Fatalf("stored values read back: %d before, %d after; want some, then none", b, a)
	}
	cases := searchtest.Cases(t)
	compared := 0
	for _, c := range cases {
		q, err := c.SearchQuery()
		if err != nil {
			continue // a query error: no index involved
		}
		want, errB := before.Search(ctx, q)
		got, errA := after.Search(ctx, q)
		if (errB == nil) != (errA == nil) {
			t.Errorf("%s: error %v before, %v after", c.Name, errB, errA)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: results differ (-before +after):\n%s", c.Name, diff)
		}
		compared++
	}
	if compared < len(cases)/2 {
		t.Fatalf("compared %d of %d searches", compared, len(cases))
	}
	sameHighlights(t, before, after, docs)
}

// sameHighlights fails t when two indexes of docs highlight a query's words
// differently, or not at all.
func sameHighlights(t *testing.T, before, after *Index, docs []search.Doc) {
	t.Helper()
	var all []int64
	for _, d := range docs {
		all = append(all, d.ID)
	}
	m := expr(t, "price OR security OR expensive")
	hb, err := before.Highlight(context.Background(), m, all)
	if err != nil {
		t.Fatal(err)
	}
	ha, err := after.Highlight(context.Background(), m, all)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(hb, ha); diff != "" || len(ha) == 0 {
		t.Errorf("highlights differ (-before +after), or none:\n%s", diff)
	}
}
