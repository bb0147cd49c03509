//go:build unix

// Load tests of the search index alone, one query at a time, against a
// large index built by cmd/loadtest (skipped unless VERBATIM_LOAD_INDEX
// names its index directory). CPU per query moves much less than wall
// time when other processes share the machine.
//
//	go test -c -o /tmp/search.test ./search && cd search &&
//	VERBATIM_LOAD_INDEX=/tmp/vb-load/index /tmp/search.test -test.run 'TestLoad1M$'

package search

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

var loadWords = []string{"expensive", "price", "security review", "integration", "migration", "procurement", "forecast", "renewal", "budget", "onboarding", "residency", "support", "data", "time", "problem"}

// TestLoad1M times the load test's queries one at a time against a large
// index: VERBATIM_LOAD_INDEX=/path/to/index go test -run TestLoad1M -v ./search
func TestLoad1M(t *testing.T) {
	dir := os.Getenv("VERBATIM_LOAD_INDEX")
	if dir == "" {
		t.Skip("VERBATIM_LOAD_INDEX not set")
	}
	ix := openReadOnly(t, dir)
	defer ix.Close()
	ctx := context.Background()
	kinds := map[string]func(w string) Query{
		"search": func(w string) Query {
			return Query{Text: w, Filters: map[string][]string{"study": {"1"}}, Facets: []string{"ring", "theme", "persona", "kind"}, FacetSize: 10, FacetCap: 20000, Size: 10}
		},
		"faceted": func(w string) Query {
			return Query{Text: w, Filters: map[string][]string{"study": {"1"}, "ring": {"perceived_barriers"}, AttrField("Role"): {"IT / Security"}},
				Facets: []string{"ring", "theme", "persona", "kind", AttrField("Role"), AttrField("Company size")}, FacetSize: 10, FacetCap: 20000, Size: 10}
		},
		"objections": func(w string) Query {
			return Query{Text: w, Filters: map[string][]string{"study": {"1"}, "ring": {"perceived_barriers"}}, Facets: []string{"theme"}, FacetSize: 10, Size: 10}
		},
	}
	if os.Getenv("VERBATIM_LOAD_DEBUG") != "" {
		q := ix.rewriteFilters(kinds["faceted"]("data"))
		bq, _ := buildQuery(q, ix.idx.Mapping())
		b, _ := json.Marshal(bq)
		t.Logf("faceted data: %s", b)
		q = ix.rewriteFilters(kinds["search"]("data"))
		bq, _ = buildQuery(q, ix.idx.Mapping())
		b, _ = json.Marshal(bq)
		t.Logf("search data: %s", b)
	}
	var dump *os.File
	if f := os.Getenv("VERBATIM_LOAD_DUMP"); f != "" {
		var err error
		if dump, err = os.Create(f); err != nil {
			t.Fatal(err)
		}
		defer dump.Close()
	}
	// VERBATIM_LOAD_WORDS=data,time and VERBATIM_LOAD_REPEAT=200 narrow
	// a run down for profiling (-test.cpuprofile).
	words, n := loadWords, 5
	if w := os.Getenv("VERBATIM_LOAD_WORDS"); w != "" {
		words = strings.Split(w, ",")
	}
	if r, err := strconv.Atoi(os.Getenv("VERBATIM_LOAD_REPEAT")); err == nil && r > 0 {
		n = r
	}
	for _, kind := range []string{"search", "faceted", "objections"} {
		var all time.Duration
		cpu0 := cpuTime()
		for _, w := range words {
			q := kinds[kind](w)
			ix.Search(ctx, q) // warm
			var res Result
			var err error
			start := time.Now()
			for i := 0; i < n; i++ {
				res, err = ix.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
			}
			took := time.Since(start) / time.Duration(n)
			if dump != nil {
				fmt.Fprintf(dump, "%s %q total=%d capped=%v\n", kind, w, res.Total, res.FacetsCapped)
				for _, h := range res.Hits {
					fmt.Fprintf(dump, "  %d %.4f %q\n", h.ID, h.Score, h.Fragments)
				}
				fs := make([]string, 0, len(res.Facets))
				for f := range res.Facets {
					fs = append(fs, f)
				}
				sort.Strings(fs)
				for _, f := range fs {
					fmt.Fprintf(dump, "  facet %s %v\n", f, res.Facets[f])
				}
			}
			all += took
			t.Logf("%-10s %-16s %7d hits capped=%-5v %6.1f ms", kind, w, res.Total, res.FacetsCapped, float64(took.Microseconds())/1000)
		}
		cpu := cpuTime() - cpu0
		fmt.Printf("%-10s mean %5.1f ms per query, cpu %5.1f ms\n", kind, float64(all.Microseconds())/1000/float64(len(words)), float64(cpu.Microseconds())/1000/float64((n+1)*len(words)))
	}
}

func TestLoad1MTerms(t *testing.T) {
	dir := os.Getenv("VERBATIM_LOAD_INDEX")
	if dir == "" {
		t.Skip("VERBATIM_LOAD_INDEX not set")
	}
	ix := openReadOnly(t, dir)
	defer ix.Close()
	n, _ := ix.idx.DocCount()
	t.Logf("doccount %d", n)
	for _, f := range []string{"study", "hidden", "kind", "format", "ring"} {
		t.Logf("%s: %v", f, ix.terms(f, 64))
	}
	t.Logf("stats: %v", ix.idx.StatsMap()["index"])
}

func TestLoad1MForceMerge(t *testing.T) {
	dir := os.Getenv("VERBATIM_MERGE_INDEX")
	if dir == "" {
		t.Skip("VERBATIM_MERGE_INDEX not set")
	}
	idx, err := bleve.Open(dir) // whatever its mapping version
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(idx, false)
	defer ix.Close()
	adv, _ := ix.idx.Advanced()
	s := adv.(*scorch.Scorch)
	start := time.Now()
	if err := s.ForceMerge(context.Background(), &mergeplan.SingleSegmentMergePlanOptions); err != nil {
		t.Fatal(err)
	}
	t.Logf("force merge took %v; segments %v", time.Since(start), ix.idx.StatsMap()["index"].(map[string]interface{})["num_root_filesegments"])
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// openReadOnly opens an index whatever its mapping version, without
// changing it (Open would rebuild one of another version).
func openReadOnly(t *testing.T, dir string) *Index {
	t.Helper()
	idx, err := bleve.OpenUsing(dir, map[string]any{"read_only": true})
	if err != nil {
		t.Fatal(err)
	}
	return newIndex(idx, false)
}

func TestLoad1MSegments(t *testing.T) {
	dir := os.Getenv("VERBATIM_LOAD_INDEX")
	if dir == "" {
		t.Skip("VERBATIM_LOAD_INDEX not set")
	}
	ix := openReadOnly(t, dir)
	defer ix.Close()
	adv, err := ix.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		var del uint64
		if d := s.Deleted(); d != nil {
			del = d.GetCardinality()
		}
		t.Logf("segment %d: %d docs, %d deleted", s.Id(), s.Count()+del, del)
	}
}

func TestLoad1MHeap(t *testing.T) {
	dir := os.Getenv("VERBATIM_LOAD_INDEX")
	if dir == "" {
		t.Skip("VERBATIM_LOAD_INDEX not set")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	ix := openReadOnly(t, dir)
	opened := time.Since(start)
	defer ix.Close()
	ix.Search(context.Background(), Query{Text: "price", Facets: []string{"ring", "theme", "persona", "kind", AttrField("Role")}, Size: 10})
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("open %v, heap %d MB after open and a faceted search", opened, (after.HeapAlloc-before.HeapAlloc)>>20)
}
