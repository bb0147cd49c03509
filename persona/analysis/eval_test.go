package analysis

import (
	"errors"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
)

// dataDir is the shared real data, relative to this package.
const dataDir = "../../../shared/data"

func openData(t *testing.T, rel string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(dataDir, rel))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("real data missing in CI: %v", err)
		}
		t.Skipf("real data not found (%v); skipping", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestEvaluateRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	// Every set of the development suite, seed 1, k chosen automatically,
	// with the default (embedded) word vectors, and again with the full
	// set when $VERBATIM_VECTORS names a file. The bars (issue 11): k
	// within half to twice the labels, ARI and accuracy at least the plain
	// baseline's at the true k, computed on the same texts. Floors are the
	// embedded figures of seed 1 minus a small margin (docs/GROUPING.md
	// has all three seeds); sets that miss a bar say so in bars and keep
	// their floors, so a regression still fails.
	evals := []realEval{
		// seeds 1–3: .687–.691 / .371–.386 / .507–.524 at k 71–72
		{set: "banking77", bars: true, nmi: 0.66, ari: 0.35, acc: 0.48},
		// .690–.702 / .410–.447 / .507–.556 at k 49–53
		{set: "hwu64", bars: true, nmi: 0.67, ari: 0.39, acc: 0.48},
		// all 20,000 titles: .425–.443 / .315–.319 / .431–.444 at k 62–66;
		// here 10,000 (subsampled to bound the run time). Misses the bars:
		// the tag names are not in the embedded vectors, and fragments
		// formed around generic words ("best way", "error") never merge
		// (docs/GROUPING.md).
		{set: "stackoverflow", max: 10000, nmi: 0.38, ari: 0.25, acc: 0.36},
		// .318–.319 / .094–.098 / .222–.232 at k 40–44
		{set: "nhs", bars: true, nmi: 0.30, ari: 0.085, acc: 0.21},
		// .326–.335 / .066–.073 / .210–.220 at k 29–31: ARI and accuracy
		// over the baseline, but k under half the 75 labels
		{set: "laptops", nmi: 0.31, ari: 0.055, acc: 0.20},
		// seed 1 .309/.148/.291 at k 27 (seeds 1–3: ARI .145–.158, ACC .284–.294)
		{set: "serdif", bars: true, nmi: 0.29, ari: 0.14, acc: 0.27},
	}
	type config struct {
		name string
		opt  EvalOptions
	}
	configs := []config{{"embedded", EvalOptions{Vectors: EmbeddedVectors()}}}
	if path := os.Getenv(VectorsEnv); path != "" && path != VectorsOff && path != "none" {
		full := vectorsFrom(path)
		if full == nil {
			t.Fatalf("$%s=%s cannot be read", VectorsEnv, path)
		}
		configs = append(configs, config{"full", EvalOptions{Vectors: full}})
	}
	sets := map[string]SuiteSet{}
	for _, s := range Suite {
		sets[s.Name] = s
	}
	for _, cfg := range configs {
		for _, tt := range evals {
			t.Run(cfg.name+"/"+tt.set, func(t *testing.T) {
				set := sets[tt.set]
				openData(t, set.Files[0]).Close() // skip when the data is absent
				start := time.Now()
				res, err := RunSuiteSet(dataDir, set, []int64{1}, tt.max, cfg.opt)
				if err != nil {
					t.Fatal(err)
				}
				r, b := res.Runs[0], res.Baseline
				t.Logf("%s %s: n=%d labels=%d k=%d NMI %.3f ARI %.3f ACC %.3f (baseline %.3f/%.3f/%.3f) in %v",
					cfg.name, tt.set, r.N, res.Labels, r.K, r.NMI, r.ARI, r.ACC, b.NMI, b.ARI, b.ACC, time.Since(start))
				if tt.bars {
					if 2*r.K < res.Labels || r.K > 2*res.Labels {
						t.Errorf("k = %d; want within %d..%d", r.K, (res.Labels+1)/2, 2*res.Labels)
					}
					if r.ARI < b.ARI || r.ACC < b.ACC {
						t.Errorf("ARI %.3f ACC %.3f; want at least the plain baseline's %.3f / %.3f", r.ARI, r.ACC, b.ARI, b.ACC)
					}
				}
				if cfg.name == "embedded" && (r.NMI < tt.nmi || r.ARI < tt.ari || r.ACC < tt.acc) {
					t.Errorf("NMI %.3f ARI %.3f ACC %.3f; want at least %.3f / %.3f / %.3f", r.NMI, r.ARI, r.ACC, tt.nmi, tt.ari, tt.acc)
				}
			})
		}
	}
}

// realEval is one suite set and the figures it must reach.
type realEval struct {
	set           string
	max           int  // subsample to this many texts (0: all)
	bars          bool // the bars are met and checked
	nmi, ari, acc float64
}

func TestReadLabels(t *testing.T) {
	in := "\ufeffid,text,category\n1,\"Hello, card\",a\n2,,b\n3,refund please,c\n"
	texts, labels, err := ReadLabels(strings.NewReader(in), "text", "category")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Hello, card", "refund please"}, texts); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a", "c"}, labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if _, _, err := ReadLabels(strings.NewReader(in), "content", "tag"); !errors.Is(err, persona.ErrInvalid) {
		t.Errorf("missing columns: err = %v; want ErrInvalid", err)
	}
}

// BenchmarkCluster100k clusters 100,000 synthetic documents. With
// $VERBATIM_VECTORS set, each synthetic term is mapped to a fixed real word
// of the vectors and the joined space is clustered, loading the vectors
// inside the timer.
func BenchmarkCluster100k(b *testing.B) {
	docs, topic := synthCorpus(100000, 150, 3000, 1)
	path := os.Getenv(VectorsEnv)
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	for range b.N {
		done := make(chan struct{})
		go sampleHeap(done, &peak)
		opt := DefaultSpaceOptions
		if path != "" {
			if opt.Vectors = vectorsFrom(path); opt.Vectors == nil {
				b.Fatalf("cannot load $%s", VectorsEnv)
			}
			opt.Words = synthWords(docs, opt.Vectors)
		}
		c := NewSpaceWith(docs, opt).Cluster(ClusterOptions{Seed: 1})
		close(done)
		b.ReportMetric(float64(c.K), "k")
		b.ReportMetric(ARI(topic, c.Assign), "ari")
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// synthWords maps synthCorpus terms to real words of v: term t becomes the
// word of rank 1000 + hash(t) mod 50000.
func synthWords(docs [][]string, v *Vectors) [][]string {
	out := make([][]string, len(docs))
	for i, d := range docs {
		for _, t := range d {
			h := fnv.New32a()
			h.Write([]byte(t))
			out[i] = append(out[i], v.Word(1000+int(h.Sum32()%50000)))
		}
	}
	return out
}
