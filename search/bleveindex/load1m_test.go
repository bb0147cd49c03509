//go:build unix

// Load tests of the search index alone, one query at a time, against a
// large index built by cmd/loadtest (skipped unless VERBATIM_LOAD_INDEX
// names its index directory). CPU per query moves much less than wall
// time when other processes share the machine.
//
//	go test -c -o /tmp/search.test ./search && cd search &&
//	VERBATIM_LOAD_INDEX=/tmp/vb-load/index /tmp/search.test -test.run 'TestLoad1M$'

package bleveindex

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/verbatimhq/verbatim/search"
)

var loadWords = []string{"expensive", "price", "security review", "integration", "migration", "procurement", "forecast", "renewal", "budget", "onboarding", "residency", "support", "data", "time", "problem"}

// TestLoad1M times the load test's queries one at a time against a large
// index and checks their results (checkLoadResult);
// VERBATIM_LOAD_DUMP=FILE writes every result, to compare two versions.
func TestLoad1M(t *testing.T) {
	dir := os.Getenv("VERBATIM_LOAD_INDEX")
	if dir == "" {
		t.Skip("VERBATIM_LOAD_INDEX not set")
	}
	ix := openReadOnly(t, dir)
	defer ix.Close()
	ctx := context.Background()
	kinds := map[string]func(w string) search.Query{
		"search": func(w string) search.Query {
			return search.Query{Match: expr(t, w), Filters: map[string][]string{"study": {"1"}}, Facets: []string{"ring", "theme", "persona", "kind"}, FacetSize: 10, FacetCap: 20000, Size: 10}
		},
		"faceted": func(w string) search.Query {
			return search.Query{Match: expr(t, w), Filters: map[string][]string{"study": {"1"}, "ring": {"perceived_barriers"}, search.AttrField("Role"): {"IT / Security"}},
				Facets: []string{"ring", "theme", "persona", "kind", search.AttrField("Role"), search.AttrField("Company size")}, FacetSize: 10, FacetCap: 20000, Size: 10}
		},
		"objections": func(w string) search.Query {
			return search.Query{Match: expr(t, w), Filters: map[string][]string{"study": {"1"}, "ring": {"perceived_barriers"}}, Facets: []string{"theme"}, FacetSize: 10, Size: 10}
		},
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
			var res search.Result
			var err error
			start := time.Now()
			for i := 0; i < n; i++ {
				res, err = ix.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
			}
			took := time.Since(start) / time.Duration(n)
			checkLoadResult(t, kind+" "+w, q, res)
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
	return newIndex(idx, "")
}

// checkLoadResult checks what must hold of any result on the large index:
// hits in score order within the page size, facets counted exactly when
// the total is within the cap, a facet filtered to one value equal to the
// total, and no facet counting more quotes than matched.
func checkLoadResult(t *testing.T, what string, q search.Query, res search.Result) {
	t.Helper()
	if len(res.Hits) > q.Size || uint64(len(res.Hits)) > res.Total {
		t.Errorf("%s: %d hits for size %d, total %d", what, len(res.Hits), q.Size, res.Total)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("%s: hit %d scores above hit %d", what, i, i-1)
		}
	}
	if want := q.FacetCap > 0 && res.Total > uint64(q.FacetCap); res.FacetsCapped != want {
		t.Errorf("%s: facets capped %v with total %d and cap %d", what, res.FacetsCapped, res.Total, q.FacetCap)
	}
	if res.FacetsCapped {
		return
	}
	for _, f := range q.Facets {
		counts, ok := res.Facets[f]
		if !ok {
			t.Errorf("%s: facet %s missing", what, f)
			continue
		}
		sum := 0
		for _, c := range counts {
			sum += c.Count
		}
		if uint64(sum) > res.Total {
			t.Errorf("%s: facet %s counts %d quotes of %d", what, f, sum, res.Total)
		}
		if vals := q.Filters[f]; len(vals) == 1 && res.Total > 0 && (len(counts) != 1 || counts[0] != search.FacetCount{Value: vals[0], Count: int(res.Total)}) {
			t.Errorf("%s: facet %s filtered to %s = %v, want the total %d", what, f, vals[0], counts, res.Total)
		}
	}
}
