package searchbench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/search"
	"github.com/verbatimhq/verbatim/search/bleveindex"
	"github.com/verbatimhq/verbatim/search/pgindex"
)

// Benchmarks compare the backends with sub-benchmarks named
// backend=bleve and backend=postgres:
//
//	go test -run '^$' -bench . -count 6 ./search/searchbench | tee bench.txt
//	benchstat -col /backend bench.txt

var cleanups []func()

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range cleanups {
		f()
	}
	os.Exit(code)
}

type backend struct {
	name string
	open func(tb testing.TB) search.Indexer
}

// backends open an empty index each: bleve on disk, PostgreSQL in a new
// database on the test server (dropped at the end of the run).
var backends = []backend{
	{"bleve", func(tb testing.TB) search.Indexer {
		dir, err := os.MkdirTemp("", "searchbench-")
		if err != nil {
			tb.Fatal(err)
		}
		ix, _, err := bleveindex.Open(filepath.Join(dir, "index"))
		if err != nil {
			tb.Fatal(err)
		}
		cleanups = append(cleanups, func() { ix.Close(); os.RemoveAll(dir) })
		return ix
	}},
	{"postgres", func(tb testing.TB) search.Indexer {
		u := newDatabase(tb)
		ix, err := pgindex.Open(context.Background(), u)
		if err != nil {
			tb.Fatal(err)
		}
		cleanups = append(cleanups, func() { ix.Close() })
		return ix
	}},
}

// newDatabase creates a database on the test server that lives until the
// run ends (pgtest.New's would go with the first benchmark).
func newDatabase(tb testing.TB) string {
	server := pgtest.ServerURL(tb)
	var b [6]byte
	rand.Read(b[:])
	name := "vb_" + hex.EncodeToString(b[:])
	exec := func(sql string) error {
		conn, err := pgx.Connect(context.Background(), server)
		if err != nil {
			return err
		}
		defer conn.Close(context.Background())
		_, err = conn.Exec(context.Background(), sql)
		return err
	}
	if err := exec("CREATE DATABASE " + name); err != nil {
		tb.Fatal(err)
	}
	if os.Getenv("VERBATIM_BENCH_KEEP") == "" { // keep it to look at its plans
		cleanups = append(cleanups, func() { exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	} else {
		fmt.Fprintln(os.Stderr, "database kept:", name)
	}
	u, err := url.Parse(server)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// loaded holds each backend's index with the whole corpus, built once.
var loaded = map[string]search.Indexer{}

func corpusIndex(b *testing.B, be backend) search.Indexer {
	if ix, ok := loaded[be.name]; ok {
		return ix
	}
	docs := corpus(b)
	ix := be.open(b)
	if err := ix.Put(context.Background(), docs); err != nil {
		b.Fatal(err)
	}
	if c, ok := ix.(search.Compactor); ok {
		if err := c.Compact(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	loaded[be.name] = ix
	return ix
}

// queries are the searches timed: what the search page asks (a page of 20
// with highlights, facets on ring, theme, persona and kind within study 1)
// for a common word, two words, a phrase, a prefix and a fuzzy word, and
// the objection search's (perceived barriers, theme facet, no highlight).
var queries = []struct {
	name, text string
	objection  bool
}{
	{"word", "card", false},
	{"words", "payment declined", false},
	{"phrase", `"top up"`, false},
	{"prefix", "transf*", false},
	{"fuzzy", "alarn~1", false},
	{"rare", "residency", false},
	{"objection", "too expensive", true},
}

func query(text string, objection bool) search.Query {
	q := search.Query{Match: search.MustParse(text), Filters: map[string][]string{"study": {"1"}}, Size: 20}
	if objection {
		q.Filters["ring"] = []string{"perceived_barriers"}
		q.Facets, q.FacetSize, q.NoHighlight = []string{"theme"}, 10, true
		return q
	}
	q.Facets, q.FacetSize, q.FacetCap = []string{"ring", "theme", "persona", "kind"}, 10, 20000
	return q
}

func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	for _, be := range backends {
		ix := corpusIndex(b, be)
		for _, qc := range queries {
			q := query(qc.text, qc.objection)
			b.Run(fmt.Sprintf("query=%s/backend=%s", qc.name, be.name), func(b *testing.B) {
				var total uint64
				for b.Loop() {
					res, err := ix.Search(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					total = res.Total
				}
				b.ReportMetric(float64(total), "hits")
			})
		}
	}
}

// BenchmarkPut times writing 1,000 quotes (one source's worth of a large
// upload) into an index already holding the corpus.
func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	docs := corpus(b)
	for _, be := range backends {
		ix := corpusIndex(b, be)
		b.Run("backend="+be.name, func(b *testing.B) {
			next := int64(len(docs)) + 1_000_000
			for b.Loop() {
				batch := make([]search.Doc, 1000)
				for i := range batch {
					batch[i] = docs[(int(next)+i)%len(docs)]
					batch[i].ID = next + int64(i)
				}
				next += int64(len(batch))
				if err := ix.Put(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "µs/quote")
		})
	}
}

// BenchmarkAgreement measures how alike the backends rank: for each query,
// the share of PostgreSQL's first 10 hits that bleve ranks among its first
// 10, ties included (a hit scoring as high as bleve's 10th counts: short
// texts tie often, and each engine breaks ties its own way), and the
// totals. It times nothing worth reading; run it with -benchtime 1x.
func BenchmarkAgreement(b *testing.B) {
	ctx := context.Background()
	ixs := make([]search.Indexer, len(backends))
	for i, be := range backends {
		ixs[i] = corpusIndex(b, be)
	}
	for _, qc := range append(queries, agreementQueries...) {
		b.Run("query="+qc.name, func(b *testing.B) {
			q := query(qc.text, qc.objection)
			q.NoHighlight = true
			var res [2]search.Result
			for b.Loop() {
				for i, ix := range ixs {
					q.Size = []int{1000, 10}[i]
					r, err := ix.Search(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					res[i] = r
				}
			}
			top := map[int64]bool{}
			for i, h := range res[0].Hits {
				if i < 10 || h.Score >= res[0].Hits[min(9, len(res[0].Hits)-1)].Score*(1-1e-9) {
					top[h.ID] = true
				}
			}
			both := 0
			for _, h := range res[1].Hits {
				if top[h.ID] {
					both++
				}
			}
			if n := len(res[1].Hits); n > 0 {
				b.ReportMetric(float64(both)/float64(n), "overlap@10")
			}
			b.ReportMetric(float64(res[0].Total), "bleve-total")
			b.ReportMetric(float64(res[1].Total), "postgres-total")
		})
	}
}

// agreementQueries add multi-word searches, where ranking decides more.
var agreementQueries = []struct {
	name, text string
	objection  bool
}{
	{"card-not-working", "card not working", false},
	{"exchange-rate", "exchange rate fee", false},
	{"set-alarm", "set an alarm for tomorrow", false},
	{"slow-support", "slow support response", false},
	{"required", "+transfer pending", false},
}
