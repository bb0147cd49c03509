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
	// Floors are the figures reached with seed 1 minus a small margin. The
	// issue's bars: beat the plain baseline on serdif (TF-IDF + spherical
	// k-means told the true k: .273/.147/.272) and reach .65/.35/.45 on
	// banking77 with k chosen automatically. TF-IDF alone beats the first
	// and comes close to the second; with word vectors the second is met
	// and serdif beats the baseline on NMI and ARI but not on accuracy.
	banking := realEval{"banking77", "banking77/train.csv", "text", "category", 77, true, 0, 0, 0}
	serdif := realEval{"serdif", "serdif_usability_study/thematic_analysis/all_tags_20220303.csv", "content", "tag", 22, true, 0, 0, 0}
	type config struct {
		name  string
		opt   EvalOptions
		evals []realEval
	}
	configs := []config{
		// TF-IDF alone (the default): seed 1 reaches .647/.335/.463 at
		// k = 71 on banking77 (spectral) and .309/.160/.296 at k = 30 on
		// serdif (k-means).
		{"tfidf", EvalOptions{Seed: 1, NoVectors: true}, []realEval{
			withFloors(banking, 0.63, 0.32, 0.44),
			withFloors(serdif, 0.30, 0.15, 0.28),
		}},
	}
	switch v := DefaultVectors(); {
	case v != nil:
		// Joined with GloVe: seed 1 reaches .696/.387/.503 at k = 81 on
		// banking77 (the spectral partition wins) and .335/.150/.270 at
		// k = 46 on serdif (k-means wins; k is above twice the tags).
		s := serdif
		s.checkK = false
		configs = append(configs, config{"glove", EvalOptions{Seed: 1, Vectors: v}, []realEval{
			withFloors(banking, 0.67, 0.36, 0.47),
			withFloors(s, 0.32, 0.147, 0.26),
		}})
	case os.Getenv("CI") == "true":
		t.Errorf("$%s unset or unreadable in CI: .ci/run fetches the vectors (make vectors)", VectorsEnv)
	default:
		t.Logf("$%s unset: the word-vector evaluation is skipped (make vectors)", VectorsEnv)
	}
	for _, cfg := range configs {
		for _, tt := range cfg.evals {
			t.Run(cfg.name+"/"+tt.name, func(t *testing.T) {
				texts, labels, err := ReadLabels(openData(t, tt.file), tt.textCol, tt.labelCol)
				if err != nil {
					t.Fatal(err)
				}
				start := time.Now()
				r, err := Evaluate(texts, labels, cfg.opt)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s %s: n=%d k=%d NMI %.3f ARI %.3f ACC %.3f in %v", cfg.name, tt.name, r.N, r.K, r.NMI, r.ARI, r.ACC, time.Since(start))
				if tt.checkK && (r.K < tt.classes/2 || r.K > 2*tt.classes) {
					t.Errorf("k = %d; want within %d..%d", r.K, tt.classes/2, 2*tt.classes)
				}
				if r.NMI < tt.nmi || r.ARI < tt.ari || r.ACC < tt.acc {
					t.Errorf("NMI %.3f ARI %.3f ACC %.3f; want at least %.3f / %.3f / %.3f", r.NMI, r.ARI, r.ACC, tt.nmi, tt.ari, tt.acc)
				}
			})
		}
	}
}

// realEval is one labelled data set and the figures it must reach.
type realEval struct {
	name, file, textCol, labelCol string
	classes                       int
	checkK                        bool // k within half to twice classes
	nmi, ari, acc                 float64
}

func withFloors(e realEval, nmi, ari, acc float64) realEval {
	e.nmi, e.ari, e.acc = nmi, ari, acc
	return e
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
