// Package searchtest is the conformance suite every search.Indexer passes:
// one small set of quotes (testdata/docs.json), the searches run over it
// with the hits, order, facets, highlights or error each must give
// (testdata/search.json), and the writes that follow, each with the search
// that checks it (testdata/mutations.json) — in the data-driven style of
// bleve's own search tests. A backend's test calls Run with a function that
// opens an empty index.
package searchtest

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/search"
)

//go:embed testdata/*.json
var testdata embed.FS

// Case is one search and what it must give.
type Case struct {
	Name          string              `json:"name"`
	Query         string              `json:"query"`
	Filters       map[string][]string `json:"filters"`
	Facets        []string            `json:"facets"`
	FacetSize     int                 `json:"facet_size"`
	FacetCap      int                 `json:"facet_cap"`
	SortByDate    bool                `json:"sort_by_date"`
	IncludeHidden bool                `json:"include_hidden"`
	NoHighlight   bool                `json:"no_highlight"`
	From          int                 `json:"from"`
	Size          int                 `json:"size"`
	Want          Want                `json:"want"`
}

// Want is what a search must give. Hits are compared as a set, Ordered in
// order; Top are the first hits in order, TopSet the first hits in any
// order. Total defaults to the number of hits. Facets, when set, must be
// exactly the result's. Marks lists, by quote id, what its fragment must
// contain. Error is "limit" (a LimitError) or "query" (an ErrQuery).
type Want struct {
	Hits         []int64                        `json:"hits"`
	Ordered      []int64                        `json:"ordered"`
	Top          []int64                        `json:"top"`
	TopSet       []int64                        `json:"top_set"`
	Total        *uint64                        `json:"total"`
	Facets       map[string][]search.FacetCount `json:"facets"`
	FacetsCapped bool                           `json:"facets_capped"`
	Marks        map[string][]string            `json:"marks"`
	NoFragments  bool                           `json:"no_fragments"`
	Error        string                         `json:"error"`
}

// Mutation is a write, then a search that checks it and the count after.
type Mutation struct {
	Case
	Op    string       `json:"op"` // put, delete, delete_source, delete_study, reset, none
	ID    int64        `json:"id"`
	IDs   []int64      `json:"ids"`
	Docs  []search.Doc `json:"docs"`
	Count uint64       `json:"count"`
}

func load[T any](t *testing.T, name string) T {
	t.Helper()
	var v T
	b, err := testdata.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// Docs is the suite's quotes.
func Docs(t *testing.T) []search.Doc { return load[[]search.Doc](t, "docs.json") }

// Cases is the suite's searches (testdata/search.json).
func Cases(t *testing.T) []Case { return load[[]Case](t, "search.json") }

// SearchQuery is the search c runs (c.Query parsed).
func (c Case) SearchQuery() (search.Query, error) {
	match, err := search.Parse(c.Query)
	if err != nil {
		return search.Query{}, err
	}
	return search.Query{Match: match, Filters: c.Filters, Facets: c.Facets, FacetSize: c.FacetSize, FacetCap: c.FacetCap,
		SortByDate: c.SortByDate, IncludeHidden: c.IncludeHidden, NoHighlight: c.NoHighlight, From: c.From, Size: c.Size}, nil
}

// Run runs the whole suite against the indexes open makes (each empty).
func Run(t *testing.T, open func(t *testing.T) search.Indexer) {
	ctx := context.Background()
	docs := Docs(t)
	t.Run("search", func(t *testing.T) {
		ix := open(t)
		if err := ix.Put(ctx, docs); err != nil {
			t.Fatal(err)
		}
		if n, err := ix.Count(ctx); err != nil || n != uint64(len(docs)) {
			t.Fatalf("count = %d, %v; want %d", n, err, len(docs))
		}
		for _, c := range load[[]Case](t, "search.json") {
			t.Run(c.Name, func(t *testing.T) { Check(t, ix, c) })
		}
	})
	t.Run("ties", func(t *testing.T) { Ties(t, open(t)) })
	t.Run("writes", func(t *testing.T) {
		ix := open(t)
		if err := ix.Put(ctx, docs); err != nil {
			t.Fatal(err)
		}
		for _, m := range load[[]Mutation](t, "mutations.json") {
			if !t.Run(m.Name, func(t *testing.T) { mutate(t, ix, m) }) {
				return // the next steps build on this one
			}
		}
	})
}

func mutate(t *testing.T, ix search.Indexer, m Mutation) {
	ctx := context.Background()
	var err error
	switch m.Op {
	case "put":
		err = ix.Put(ctx, m.Docs)
	case "delete":
		err = ix.Delete(ctx, m.IDs)
	case "delete_source":
		err = ix.DeleteSource(ctx, m.ID)
	case "delete_study":
		err = ix.DeleteStudy(ctx, m.ID)
	case "reset":
		err = ix.Reset(ctx)
	case "none":
	default:
		t.Fatalf("unknown op %q", m.Op)
	}
	if err != nil {
		t.Fatalf("%s: %v", m.Op, err)
	}
	Check(t, ix, m.Case)
	n, err := ix.Count(ctx)
	if err != nil || n != m.Count {
		t.Errorf("count = %d, %v; want %d", n, err, m.Count)
	}
	ids, err := ix.IDs(ctx)
	if err != nil || uint64(len(ids)) != m.Count {
		t.Errorf("ids = %v, %v; want %d of them", ids, err, m.Count)
	}
}

// Check runs one case against ix.
func Check(t *testing.T, ix search.Indexer, c Case) {
	t.Helper()
	match, err := search.Parse(c.Query)
	if c.Want.Error != "" {
		checkError(t, err, c.Want.Error)
		return
	}
	if err != nil {
		t.Fatalf("parse %q: %v", c.Query, err)
	}
	q := search.Query{Match: match, Filters: c.Filters, Facets: c.Facets, FacetSize: c.FacetSize, FacetCap: c.FacetCap,
		SortByDate: c.SortByDate, IncludeHidden: c.IncludeHidden, NoHighlight: c.NoHighlight, From: c.From, Size: c.Size}
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %q: %v", c.Query, err)
	}
	got := make([]int64, len(res.Hits))
	for i, h := range res.Hits {
		got[i] = h.ID
	}
	w := c.Want
	total := uint64(len(w.Hits) + len(w.Ordered))
	if w.Total != nil {
		total = *w.Total
	}
	if res.Total != total {
		t.Errorf("total %d; want %d (hits %v)", res.Total, total, got)
	}
	if w.Ordered != nil && !slices.Equal(got, w.Ordered) {
		t.Errorf("hits %v; want %v in that order", got, w.Ordered)
	}
	if w.Hits != nil && !cmp.Equal(sorted(got), sorted(w.Hits)) {
		t.Errorf("hits %v; want %v (any order)", got, w.Hits)
	}
	if n := len(w.Top); n > 0 && (len(got) < n || !slices.Equal(got[:n], w.Top)) {
		t.Errorf("hits %v; want %v first", got, w.Top)
	}
	if n := len(w.TopSet); n > 0 && (len(got) < n || !cmp.Equal(sorted(got[:n]), sorted(w.TopSet))) {
		t.Errorf("hits %v; want %v first, in any order", got, w.TopSet)
	}
	for i := 1; i < len(res.Hits) && !c.SortByDate && match != nil; i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("hit %d scores %g above hit %d's %g", res.Hits[i].ID, res.Hits[i].Score, res.Hits[i-1].ID, res.Hits[i-1].Score)
		}
	}
	if w.Facets != nil {
		if diff := cmp.Diff(w.Facets, res.Facets); diff != "" {
			t.Errorf("facets (-want +got):\n%s", diff)
		}
	}
	if res.FacetsCapped != w.FacetsCapped {
		t.Errorf("facets capped %v; want %v", res.FacetsCapped, w.FacetsCapped)
	}
	checkFragments(t, res, w)
}

func checkError(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case err == nil:
		t.Errorf("no error; want a %s error", want)
	case !errors.Is(err, search.ErrQuery):
		t.Errorf("error %v is not an ErrQuery", err)
	case want == "limit" && !search.IsLimit(err):
		t.Errorf("error %v is not a limit", err)
	case want == "query" && search.IsLimit(err):
		t.Errorf("error %v is a limit; want a query error", err)
	}
}

// checkFragments checks each hit's fragments: <mark> the only markup, the
// marks the case lists present.
func checkFragments(t *testing.T, res search.Result, w Want) {
	t.Helper()
	for _, h := range res.Hits {
		if w.NoFragments && len(h.Fragments) > 0 {
			t.Errorf("hit %d has fragments %q; none were asked for", h.ID, h.Fragments)
		}
		for _, f := range h.Fragments {
			if rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(f); strings.ContainsAny(rest, "<>") {
				t.Errorf("hit %d fragment %q holds markup besides <mark>", h.ID, f)
			}
		}
		joined := strings.Join(h.Fragments, " ")
		for _, m := range w.Marks[strconv.FormatInt(h.ID, 10)] {
			if !strings.Contains(joined, m) {
				t.Errorf("hit %d fragments %q; want them to contain %q", h.ID, h.Fragments, m)
			}
		}
	}
	for id := range w.Marks {
		n, _ := strconv.ParseInt(id, 10, 64)
		if !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.ID == n }) {
			t.Errorf("marks expected on quote %s, which is not a hit", id)
		}
	}
}

func sorted(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	if out == nil {
		out = []int64{}
	}
	return out
}
