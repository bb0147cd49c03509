package bleveindex

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/search"
)

var docs = []search.Doc{
	{ID: 1, StudyID: 1, SourceID: 10, Source: "a.vtt", Format: "vtt", Kind: "transcript", ParticipantID: 100, Speaker: "Sam",
		Attributes: map[string]string{"Company size": "51-200", "Role": "CFO"}, Text: "Honestly it was far too expensive for what it does.",
		Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Ring: "perceived_barriers", ThemeID: 7, PersonaID: 3},
	{ID: 2, StudyID: 1, SourceID: 10, Source: "a.vtt", Format: "vtt", Kind: "transcript", ParticipantID: 100, Speaker: "Sam",
		Attributes: map[string]string{"Company size": "51-200", "Role": "CFO"}, Text: "The pricing had to be predictable every year.",
		Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Ring: "decision_criteria", ThemeID: 8, PersonaID: 3},
	{ID: 3, StudyID: 1, SourceID: 11, Source: "b.csv", Format: "csv", Kind: "survey", ParticipantID: 101, Speaker: "row 2",
		Attributes: map[string]string{"Company size": "5000+", "Role": "CISO"}, Text: "Security review took months; the price was expensive too.",
		Date: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Ring: "perceived_barriers", ThemeID: 9, PersonaID: 4},
	{ID: 4, StudyID: 2, SourceID: 12, Source: "c.txt", Format: "text", Kind: "transcript", ParticipantID: 102, Speaker: "Ann",
		Text: "Expensive tools never get approved here.", Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Hidden: true},
}

func openMem(t *testing.T) *Index {
	t.Helper()
	ix, fresh, err := Open("")
	if err != nil || !fresh {
		t.Fatalf("Open in memory = %v, fresh %v", err, fresh)
	}
	if err := ix.Put(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func expr(t testing.TB, text string) *search.Expr {
	t.Helper()
	e, err := search.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func ids(r search.Result) []int64 {
	var out []int64
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func TestSearch(t *testing.T) {
	ix := openMem(t)
	tests := []struct {
		name string
		q    search.Query
		want []int64
	}{
		{"stemmed match, hidden excluded", search.Query{Match: expr(t, "expensives"), SortByDate: true}, []int64{3, 1}},
		{"filter by ring", search.Query{Match: expr(t, "price OR pricing OR expensive"), Filters: map[string][]string{"ring": {"decision_criteria"}}}, []int64{2}},
		{"filter by attribute", search.Query{Filters: map[string][]string{search.AttrField("Company size"): {"5000+"}}}, []int64{3}},
		{"filter by persona and study", search.Query{Filters: map[string][]string{"persona": {"3"}, "study": {"1"}}, SortByDate: true}, []int64{1, 2}},
		{"include hidden", search.Query{Match: expr(t, "approved"), IncludeHidden: true}, []int64{4}},
		{"study filter over most quotes (rewritten as an exclusion)", search.Query{Match: expr(t, "expensive"), Filters: map[string][]string{"study": {"1"}}, IncludeHidden: true, SortByDate: true}, []int64{3, 1}},
		{"study filter over few quotes", search.Query{Match: expr(t, "expensive"), Filters: map[string][]string{"study": {"2"}}, IncludeHidden: true}, []int64{4}},
		{"phrase", search.Query{Match: expr(t, `"security review"`)}, []int64{3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(res)
			if tc.q.SortByDate || len(tc.want) == 1 {
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("hits (-want +got):\n%s", diff)
				}
			} else if len(got) != len(tc.want) {
				t.Errorf("hits %v; want %v", got, tc.want)
			}
		})
	}
}

func TestHighlightsAndFacets(t *testing.T) {
	ix := openMem(t)
	res, err := ix.Search(context.Background(), search.Query{Match: expr(t, "expensive"), Facets: []string{"ring", "persona", search.AttrField("Role")}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Fatalf("total = %d; want 2", res.Total)
	}
	for _, h := range res.Hits {
		if len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0], "<mark>expensive</mark>") {
			t.Errorf("hit %d fragments %q; want the match marked", h.ID, h.Fragments)
		}
	}
	want := map[string][]search.FacetCount{
		"ring":      {{Value: "perceived_barriers", Count: 2}},
		"persona":   {{Value: "3", Count: 1}, {Value: "4", Count: 1}},
		"attr.role": {{Value: "CFO", Count: 1}, {Value: "CISO", Count: 1}},
	}
	if diff := cmp.Diff(want, res.Facets); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
}

func TestHighlightEscapesHTML(t *testing.T) {
	ix, _, _ := Open("")
	defer ix.Close()
	ix.Put(context.Background(), []search.Doc{{ID: 1, StudyID: 1, Text: `the price <script>alert(1)</script> was "><img src=x onerror=alert(2)>`}})
	res, err := ix.Search(context.Background(), search.Query{Match: expr(t, "price")})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search = %v %v", res, err)
	}
	f := strings.Join(res.Hits[0].Fragments, "")
	if strings.Contains(f, "<script") || strings.Contains(f, "<img") || !strings.Contains(f, "&lt;script&gt;") {
		t.Errorf("fragment %q is not escaped", f)
	}
}

func TestDeleteField(t *testing.T) {
	ix := openMem(t)
	if err := ix.DeleteSource(context.Background(), 10); err != nil {
		t.Fatal(err)
	}
	got, _ := ix.IDs(context.Background())
	if len(got) != 2 {
		t.Errorf("ids after deleting source 10 = %v; want 3 and 4", got)
	}
	// Source 10's participant goes with it; the others stay.
	for p, want := range map[string]bool{"100": false, "101": true, "102": true} {
		v, err := ix.idx.GetInternal(participantKey(p))
		if err != nil || (len(v) > 0) != want {
			t.Errorf("participant %s kept = %v (%v), want %v", p, len(v) > 0, err, want)
		}
	}
	if a := ix.participantAttrs("100"); a != nil {
		t.Errorf("participant 100's attributes still cached: %v", a)
	}
}

func TestOpenRebuildsStaleOrBrokenIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, fresh, err := Open(dir)
	if err != nil || !fresh {
		t.Fatalf("first open = %v fresh %v; want fresh", err, fresh)
	}
	ix.Put(context.Background(), docs[:1])
	ix.Close()
	ix, fresh, err = Open(dir)
	if err != nil || fresh {
		t.Fatalf("reopen = %v fresh %v; want the same index", err, fresh)
	}
	n, _ := ix.Count(context.Background())
	ix.idx.SetInternal(versionKey, []byte("0"))
	ix.Close()
	if n != 1 {
		t.Errorf("count after reopen = %d; want 1", n)
	}
	ix, fresh, err = Open(dir)
	if err != nil || !fresh {
		t.Fatalf("open with old mapping version = %v fresh %v; want rebuilt", err, fresh)
	}
	ix.Close()
	// Corrupt the index metadata: it must be recreated, not fail.
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, fresh, err = Open(dir)
	if err != nil || !fresh {
		t.Fatalf("open corrupt index = %v fresh %v; want recreated", err, fresh)
	}
	if n, _ := ix.Count(context.Background()); n != 0 {
		t.Errorf("recreated index has %d docs; want 0", n)
	}
	ix.Close()
}

func TestFacetCap(t *testing.T) {
	ix := openMem(t)
	q := search.Query{Match: expr(t, "expensive"), Facets: []string{"ring"}, FacetCap: 1}
	res, err := ix.Search(context.Background(), q)
	if err != nil || !res.FacetsCapped || len(res.Facets) != 0 || res.Total != 2 {
		t.Errorf("over the cap: %+v %v; want hits counted, facets skipped and flagged", res, err)
	}
	q.FacetCap = 2
	res, err = ix.Search(context.Background(), q)
	if err != nil || res.FacetsCapped || len(res.Facets["ring"]) != 1 || res.Facets["ring"][0].Count != 2 {
		t.Errorf("within the cap: %+v %v; want the ring facet counted", res, err)
	}
}

// An update or delete leaves the old quote in the term dictionary's counts
// until its segment merges. A filter on a field every quote carries must
// still become an exclusion; one on a field some quotes lack must not.
func TestRewriteWithStaleDictionaryCounts(t *testing.T) {
	dict := map[string]map[string]uint64{
		"study":  {"1": 1000, "2": 12}, // 5 of these were replaced or deleted
		"ring":   {"perceived_barriers": 990, "decision_criteria": 15},
		"hidden": {"false": 1012},
	}
	terms := func(f string, limit int) map[string]uint64 { return dict[f] }
	q := rewrite(plan{Query: search.Query{Filters: map[string][]string{"study": {"1"}, "ring": {"perceived_barriers"}}}}, 1007, terms)
	if diff := cmp.Diff(map[string][]string{"ring": {"perceived_barriers"}}, q.Filters); diff != "" {
		t.Errorf("filters (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][2]string{{"study", "2"}}, q.exclude); diff != "" {
		t.Errorf("exclusions (-want +got):\n%s", diff)
	}
	if !q.IncludeHidden {
		t.Error("nothing hidden, yet the hidden exclusion stayed")
	}
}

// Facet values are stored per quote, uncompressed (see document); they
// must survive updates and segment merges.
func TestFacetsAfterUpdatesAndMerge(t *testing.T) {
	ix, _, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, batch := range [][]search.Doc{docs[:1], docs[1:3], docs[3:], docs[:2]} { // a segment each, then updates
		if err := ix.Put(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
	moved := docs[2]
	moved.Ring, moved.PersonaID = "decision_criteria", 3
	if err := ix.Put(context.Background(), []search.Doc{moved}); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		res, err := ix.Search(context.Background(), search.Query{Match: expr(t, "expensive OR pricing"), IncludeHidden: true,
			Facets: []string{"ring", "persona", "source", search.AttrField("Role")}, FacetSize: 10})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]search.FacetCount{
			"ring":      {{Value: "decision_criteria", Count: 2}, {Value: "perceived_barriers", Count: 1}},
			"persona":   {{Value: "3", Count: 3}},
			"source":    {{Value: "10", Count: 2}, {Value: "11", Count: 1}, {Value: "12", Count: 1}},
			"attr.role": {{Value: "CFO", Count: 2}, {Value: "CISO", Count: 1}},
		}
		if diff := cmp.Diff(want, res.Facets); diff != "" {
			t.Errorf("%s: facets (-want +got):\n%s", when, diff)
		}
	}
	check("before merge")
	adv, err := ix.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	if err := adv.(*scorch.Scorch).ForceMerge(context.Background(), &mergeplan.SingleSegmentMergePlanOptions); err != nil {
		t.Fatal(err)
	}
	check("after merge")
}

// A facet on a field filtered to one value is the total, without counting.
func TestFacetOfFilteredField(t *testing.T) {
	ix := openMem(t)
	for _, q := range []search.Query{
		{Match: expr(t, "expensive"), Filters: map[string][]string{"ring": {"perceived_barriers"}, "study": {"1"}}, Facets: []string{"ring", "persona", "study"}},
		{Match: expr(t, "expensive"), Filters: map[string][]string{"ring": {"perceived_barriers"}, "study": {"1"}}, Facets: []string{"ring", "persona", "study"}, FacetCap: 10},
	} {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]search.FacetCount{
			"ring":    {{Value: "perceived_barriers", Count: 2}},
			"persona": {{Value: "3", Count: 1}, {Value: "4", Count: 1}},
			"study":   {{Value: "1", Count: 2}},
		}
		if diff := cmp.Diff(want, res.Facets); diff != "" {
			t.Errorf("cap %d: facets (-want +got):\n%s", q.FacetCap, diff)
		}
	}
	res, _ := ix.Search(context.Background(), search.Query{Match: expr(t, "nothing"), Filters: map[string][]string{"ring": {"perceived_barriers"}}, Facets: []string{"ring"}})
	if diff := cmp.Diff(map[string][]search.FacetCount{"ring": {}}, res.Facets); diff != "" {
		t.Errorf("no hits: facets (-want +got):\n%s", diff)
	}
}

func TestCompact(t *testing.T) {
	ix, _, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, d := range docs {
		if err := ix.Put(context.Background(), []search.Doc{d}); err != nil {
			t.Fatal(err)
		}
	}
	q := search.Query{Match: expr(t, "expensive OR pricing"), Facets: []string{"ring"}}
	before, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Segments(); err != nil || n != 1 {
		t.Errorf("segments after Compact = %d, %v; want 1", n, err)
	}
	after, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ids(before), ids(after)); diff != "" || !cmp.Equal(before.Facets, after.Facets) {
		t.Errorf("results changed by Compact: ids (-before +after)\n%s\nfacets %v -> %v", diff, before.Facets, after.Facets)
	}
}

// TestTupleFacets checks the ring, theme, persona and kind facets, which
// are counted through one joined field and split back: counts per value,
// quotes without a value not counted, bleve's order (count descending,
// then value) and the facet size.
func TestTupleFacets(t *testing.T) {
	ix, _, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var batch []search.Doc
	add := func(n int, ring string, theme, persona int64, kind string) {
		for range n {
			batch = append(batch, search.Doc{ID: int64(len(batch) + 1), StudyID: 1, SourceID: 1, Kind: kind, Text: "pricing worry",
				Ring: ring, ThemeID: theme, PersonaID: persona})
		}
	}
	add(3, "perceived_barriers", 7, 1, "transcript")
	add(2, "perceived_barriers", 8, 2, "survey")
	add(2, "decision_criteria", 9, 1, "transcript")
	add(1, "", 0, 0, "note") // not analysed yet: only its kind counts
	if err := ix.Put(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), search.Query{Match: expr(t, "pricing"), Facets: []string{"ring", "theme", "persona", "kind", "source"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]search.FacetCount{
		"ring":    {{Value: "perceived_barriers", Count: 5}, {Value: "decision_criteria", Count: 2}},
		"theme":   {{Value: "7", Count: 3}, {Value: "8", Count: 2}, {Value: "9", Count: 2}},
		"persona": {{Value: "1", Count: 5}, {Value: "2", Count: 2}},
		"kind":    {{Value: "transcript", Count: 5}, {Value: "survey", Count: 2}, {Value: "note", Count: 1}},
		"source":  {{Value: "1", Count: 8}},
	}
	if diff := cmp.Diff(want, res.Facets); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
	res, err = ix.Search(context.Background(), search.Query{Match: expr(t, "pricing"), Facets: []string{"theme"}, FacetSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string][]search.FacetCount{"theme": {{Value: "7", Count: 3}, {Value: "8", Count: 2}}}, res.Facets); diff != "" {
		t.Errorf("theme facet, size 2 (-want +got):\n%s", diff)
	}
}

// TestCompactPending checks that a compaction cut short is remembered in
// the index (and so is resumed at the next start) and that a finished one
// clears the mark.
func TestCompactPending(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, _, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := ix.Put(context.Background(), []search.Doc{d}); err != nil {
			t.Fatal(err)
		}
	}
	if ix.CompactPending() {
		t.Fatal("pending before any compaction")
	}
	cut, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ix.Compact(cut); err == nil {
		t.Fatal("Compact with a cancelled context returned nil")
	}
	ix.Close()
	ix, fresh, err := Open(dir)
	if err != nil || fresh {
		t.Fatalf("reopen: %v, fresh %v", err, fresh)
	}
	defer ix.Close()
	if !ix.CompactPending() {
		t.Fatal("a compaction cut short is not pending after reopening")
	}
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ix.CompactPending() {
		t.Error("still pending after a finished compaction")
	}
}

// Attribute facets are counted from the attributes each participant's
// quotes were last indexed with: they follow a re-index with new
// attributes, and they survive closing and reopening the index (the
// attributes are kept in it, not only in memory).
func TestAttributeFacetsFollowParticipants(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, _, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	facets := func(ix *Index, when string, want map[string][]search.FacetCount) {
		t.Helper()
		res, err := ix.Search(context.Background(), search.Query{Match: expr(t, "expensive OR pricing"), IncludeHidden: true,
			Facets: []string{search.AttrField("Role"), search.AttrField("Company size"), "participant"}})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, res.Facets); diff != "" {
			t.Errorf("%s: facets (-want +got):\n%s", when, diff)
		}
	}
	facets(ix, "indexed", map[string][]search.FacetCount{
		"attr.role":         {{Value: "CFO", Count: 2}, {Value: "CISO", Count: 1}},
		"attr.company_size": {{Value: "51-200", Count: 2}, {Value: "5000+", Count: 1}},
		"participant":       {{Value: "100", Count: 2}, {Value: "101", Count: 1}, {Value: "102", Count: 1}},
	})
	// Participant 100 becomes a CEO and loses its company size; 102 gains a role.
	changed := []search.Doc{docs[0], docs[1], docs[3]}
	for i := range changed {
		changed[i].Attributes = map[string]string{"Role": "CEO"}
	}
	if err := ix.Put(context.Background(), changed); err != nil {
		t.Fatal(err)
	}
	want := map[string][]search.FacetCount{
		"attr.role":         {{Value: "CEO", Count: 3}, {Value: "CISO", Count: 1}},
		"attr.company_size": {{Value: "5000+", Count: 1}},
		"participant":       {{Value: "100", Count: 2}, {Value: "101", Count: 1}, {Value: "102", Count: 1}},
	}
	facets(ix, "re-indexed", want)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, fresh, err := Open(dir)
	if err != nil || fresh {
		t.Fatalf("reopen: %v, fresh %v", err, fresh)
	}
	defer ix.Close()
	facets(ix, "reopened", want)
	// The attribute filter and the facet agree.
	res, err := ix.Search(context.Background(), search.Query{Match: expr(t, "expensive OR pricing"), IncludeHidden: true,
		Filters: map[string][]string{search.AttrField("Role"): {"CEO"}}})
	if err != nil || res.Total != 3 {
		t.Errorf("filter attr.role=CEO: total %d, %v; want 3", res.Total, err)
	}
}

// simplify strips the wrappers of a parsed query string; the hits, their
// order and the total must be those of the query as parsed.
func TestSimplifyKeepsOrder(t *testing.T) {
	ix, _, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	words := []string{"price", "pricing", "security", "review", "budget", "the", "data", "migration", "team", "slow"}
	var batch []search.Doc
	for i := range 300 {
		var b strings.Builder
		for j := range 3 + i%11 { // lengths and term frequencies vary
			b.WriteString(words[(i*7+j*j*3+j)%len(words)])
			b.WriteByte(' ')
		}
		if i%5 == 0 {
			b.WriteString("security review")
		}
		batch = append(batch, search.Doc{ID: int64(i + 1), StudyID: 1, SourceID: 1, ParticipantID: 1, Kind: "transcript", Text: b.String()})
	}
	if err := ix.Put(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	m := ix.idx.Mapping()
	if _, ok := simplify(mustParse(t, "price"), m).(*query.TermQuery); !ok {
		t.Fatal(`"price" did not simplify to a term query`)
	}
	for _, qs := range []string{"price", "prices", "security review", `"security review"`, "the price", "+budget data",
		"budget -slow", "text:team", "budgt~1", "pric*", "the", "security^3 review", "data OR team OR slow"} {
		run := func(q query.Query) ([]string, uint64) {
			res, err := ix.idx.Search(bleve.NewSearchRequestOptions(q, 300, 0, false))
			if err != nil {
				t.Fatalf("%s: %v", qs, err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			return ids, res.Total
		}
		wantIDs, wantTotal := run(bleve.NewQueryStringQuery(qs))
		gotIDs, gotTotal := run(simplify(mustParse(t, qs), m))
		if gotTotal != wantTotal || !slices.Equal(gotIDs, wantIDs) {
			t.Errorf("%s: simplified total %d, hits %v; parsed %d, %v", qs, gotTotal, gotIDs, wantTotal, wantIDs)
		}
		if wantTotal == 0 && qs != "the" {
			t.Errorf("%s: no hits; the test data should match it", qs)
		}
	}
}

func mustParse(t *testing.T, qs string) query.Query {
	t.Helper()
	q, err := bleve.NewQueryStringQuery(qs).Parse()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// A query with no searchable word (a stop word, punctuation) matches
// nothing, with or without filters and exclusions around it.
func TestNoSearchableWordMatchesNothing(t *testing.T) {
	ix := openMem(t) // docs hold a hidden quote: the hidden exclusion is on
	the := expr(t, "the")
	for _, q := range []search.Query{{Match: the}, {Match: expr(t, "+the")}, {Match: expr(t, `"the"`)}, {Match: expr(t, "&")},
		{Match: the, Filters: map[string][]string{"persona": {"3", "4"}}, IncludeHidden: true},
		{Match: the, Filters: map[string][]string{"study": {"1"}}}} {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 0 {
			t.Errorf("%q %v: total %d, hits %v; want none", q.Match, q.Filters, res.Total, ids(res))
		}
	}
}

// A facet asked for twice (a filter's and the page's) is counted once.
func TestFacetAskedTwice(t *testing.T) {
	ix := openMem(t)
	role := search.AttrField("Role")
	res, err := ix.Search(context.Background(), search.Query{Match: expr(t, "expensive OR pricing"),
		Filters: map[string][]string{role: {"CFO", "CISO"}}, Facets: []string{"ring", role, role, "ring"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]search.FacetCount{
		role:   {{Value: "CFO", Count: 2}, {Value: "CISO", Count: 1}},
		"ring": {{Value: "perceived_barriers", Count: 2}, {Value: "decision_criteria", Count: 1}},
	}
	if diff := cmp.Diff(want, res.Facets); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
}

// Two attribute names that normalise to one key ("Role", "role "): the
// value a quote is filtered by and the value its facet counts agree.
func TestCollidingAttributeNames(t *testing.T) {
	ix, _, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var batch []search.Doc
	for p := int64(1); p <= 40; p++ {
		batch = append(batch, search.Doc{ID: p, StudyID: 1, SourceID: 1, ParticipantID: p, Text: "pricing",
			Attributes: map[string]string{"Role": "CFO", "role ": "CEO"}})
	}
	if err := ix.Put(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	role := search.AttrField("Role")
	res, err := ix.Search(context.Background(), search.Query{Match: expr(t, "pricing"), Filters: map[string][]string{role: {"CFO", "nobody"}}, Facets: []string{role}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 40 || len(res.Facets[role]) != 1 || res.Facets[role][0] != (search.FacetCount{Value: "CFO", Count: 40}) {
		t.Errorf("filter attr.role=CFO: %d hits, facet %v; want 40 and CFO 40", res.Total, res.Facets[role])
	}
}
