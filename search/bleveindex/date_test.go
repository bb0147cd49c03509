package bleveindex

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/search"
	"github.com/verbatimhq/verbatim/search/searchtest"
)

// bleveDateIndex is an in-memory index that indexes each quote's date as
// mapping version 8 did: a bleve date field, its value and 15 coarser
// prefixes as terms and doc values.
func bleveDateIndex(t *testing.T) *Index {
	t.Helper()
	m := newMapping()
	date := bleve.NewDateTimeFieldMapping()
	date.IncludeInAll = false
	date.Store = false
	m.DefaultMapping.AddFieldMappingsAt("date", date)
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(idx, "")
	ix.bleveDate = true
	return ix
}

// datedDocs are n quotes over a few words, with dates that repeat, differ
// by a nanosecond, fall before 1970 or are the zero time (which neither
// version can represent, so neither indexes).
func datedDocs(n int) []search.Doc {
	base := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	dates := []time.Time{
		base, base.Add(time.Nanosecond), base.Add(-time.Nanosecond), base.AddDate(0, 0, 1),
		time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC), time.Date(1999, 12, 31, 23, 59, 59, 999, time.UTC),
		time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), {}, base.AddDate(-3, 0, 0),
	}
	words := []string{"price", "pricing", "security", "onboarding", "expensive", "slow", "support", "renewal", "contract", "export"}
	rings := []string{"perceived_barriers", "success_factors", "decision_criteria"}
	docs := make([]search.Doc, n)
	for i := range docs {
		src := int64(i/40 + 1)
		text := fmt.Sprintf("The %s was %s and the %s too.", words[i%len(words)], words[(i*7+3)%len(words)], words[(i*3+1)%len(words)])
		docs[i] = search.Doc{
			ID: int64(i + 1), StudyID: 1, SourceID: src, Source: fmt.Sprintf("s%d.vtt", src), Format: "vtt", Kind: "transcript",
			ParticipantID: src*10 + int64(i%3), Speaker: fmt.Sprintf("P%d", i%3), Attributes: map[string]string{"Role": []string{"CFO", "CTO"}[i%2]},
			Text: text, Date: dates[(i*5+int(src))%len(dates)], Ring: rings[i%len(rings)], ThemeID: int64(i%6 + 1), PersonaID: int64(i%2 + 1),
			Hidden: i%97 == 0,
		}
	}
	return docs
}

// Indexing the date as one term (mapping version 9) changes no search
// result: every search of the conformance suite, and searches sorted by
// date (with text, filters, facets and pages that cut through quotes of
// equal date) over quotes of many dates, give the same hits, scores,
// totals, facets and fragments as with bleve's date field, and the same
// highlights.
func TestDateSortUnchanged(t *testing.T) {
	ctx := context.Background()
	before := bleveDateIndex(t)
	defer before.Close()
	after, _, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer after.Close()
	docs := append(searchtest.Docs(t), datedDocs(3000)...)
	for i := range docs[len(searchtest.Docs(t)):] {
		docs[len(searchtest.Docs(t))+i].ID += 1_000_000 // clear of the suite's ids
	}
	for _, ix := range []*Index{before, after} {
		if err := ix.Put(ctx, docs); err != nil {
			t.Fatal(err)
		}
	}
	// The two really index the date differently.
	terms := func(ix *Index) int {
		d, err := ix.idx.FieldDict("date")
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		n := 0
		for e, err := d.Next(); err == nil && e != nil; e, err = d.Next() {
			n++
		}
		return n
	}
	if b, a := terms(before), terms(after); a == 0 || a >= b {
		t.Fatalf("date terms: %d before, %d after; want fewer after, and some", b, a)
	}

	var queries []search.Query
	for _, c := range searchtest.Cases(t) {
		if q, err := c.SearchQuery(); err == nil {
			queries = append(queries, q)
		}
	}
	facets := []string{"ring", "theme", "persona", "kind", "source", "participant", "attr.role"}
	for _, text := range []string{"", "price", "security OR export", `"the price"`, "pric*"} {
		for _, page := range [][2]int{{0, 10}, {10, 10}, {0, 100}, {95, 50}, {2990, 20}} {
			for _, filters := range []map[string][]string{nil, {"ring": {"success_factors"}}, {"theme": {"2", "5"}, "attr.role": {"CTO"}}} {
				q := search.Query{SortByDate: true, From: page[0], Size: page[1], Filters: filters, Facets: facets}
				if text != "" {
					q.Match = search.MustParse(text)
				}
				queries = append(queries, q)
				q.IncludeHidden = true
				queries = append(queries, q)
			}
		}
	}
	for i, q := range queries {
		want, errB := before.Search(ctx, q)
		got, errA := after.Search(ctx, q)
		if (errB == nil) != (errA == nil) {
			t.Errorf("search %d: error %v before, %v after", i, errB, errA)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("search %d (%+v): results differ (-before +after):\n%s", i, q, diff)
		}
	}
	sameHighlights(t, before, after, docs)
}
