package analysis

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// topicVectors are d-dimensional vectors for words of `topics` topics:
// word j of topic t points along axis t with noise on every axis.
func topicVectors(t *testing.T, topics, perTopic, d int, rng *rand.Rand) (*Vectors, [][]string) {
	t.Helper()
	var words []string
	var data []float32
	byTopic := make([][]string, topics)
	for tp := 0; tp < topics; tp++ {
		for j := 0; j < perTopic; j++ {
			w := fmt.Sprintf("w%d_%d", tp, j)
			words = append(words, w)
			byTopic[tp] = append(byTopic[tp], w)
			for x := 0; x < d; x++ {
				val := 0.3 * rng.NormFloat64()
				if x == tp {
					val += 1
				}
				data = append(data, float32(val))
			}
		}
	}
	v, err := NewVectors(words, d, data)
	if err != nil {
		t.Fatal(err)
	}
	return v, byTopic
}

func cos32(a, b []float32) float64 {
	var ab, aa, bb float64
	for j := range a {
		ab += float64(a[j]) * float64(b[j])
		aa += float64(a[j]) * float64(a[j])
		bb += float64(b[j]) * float64(b[j])
	}
	return ab / math.Sqrt(aa*bb)
}

// TestInducedVectors: a word without a vector that occurs only beside
// the words of one topic gets a vector nearest that topic's words, and a
// document made of it alone gets a sentence vector nearest that topic's
// documents; a word seen once gets none.
func TestInducedVectors(t *testing.T) {
	const topics, perTopic, d = 4, 12, 4
	rng := rand.New(rand.NewSource(1))
	v, byTopic := topicVectors(t, topics, perTopic, d, rng)
	// Each topic has its own unknown name ("name0"...), used in half its
	// documents; "once" occurs a single time.
	var docs [][]string
	topicOf := []int{}
	for tp := 0; tp < topics; tp++ {
		for i := 0; i < 30; i++ {
			ws := byTopic[tp]
			doc := []string{ws[rng.Intn(len(ws))], ws[rng.Intn(len(ws))], ws[rng.Intn(len(ws))]}
			if i%2 == 0 {
				doc = append(doc, fmt.Sprintf("name%d", tp))
			}
			docs = append(docs, doc)
			topicOf = append(topicOf, tp)
		}
	}
	docs[0] = append(docs[0], "once")
	means := make([]float32, len(docs)*d)
	counts := make([]int, len(docs))
	for r, doc := range docs {
		for _, w := range doc {
			if i := v.Rank(w); i >= 0 {
				for j, x := range v.Vector(i) {
					means[r*d+j] += x
				}
				counts[r]++
			}
		}
		for j := 0; j < d; j++ {
			means[r*d+j] /= float32(counts[r])
		}
	}
	ind := induced(docs, v, means, counts)
	if _, ok := ind["once"]; ok {
		t.Errorf("a word seen in one document got a vector")
	}
	for tp := 0; tp < topics; tp++ {
		vec, ok := ind[fmt.Sprintf("name%d", tp)]
		if !ok {
			t.Fatalf("name%d: no induced vector", tp)
		}
		best, bc := -1, math.Inf(-1)
		for o := 0; o < topics; o++ {
			axis := make([]float32, d)
			axis[o] = 1
			if c := cos32(vec, axis); c > bc {
				best, bc = o, c
			}
		}
		if best != tp {
			t.Errorf("name%d: induced vector nearest topic %d (cos %.2f)", tp, best, bc)
		}
	}

	// Through sifEmbed: a document holding only "name2" is embedded, and
	// is nearer the mean of topic 2's documents than of any other's.
	withName := append(docs, []string{"name2"})
	rows, has := sifEmbed(withName, v)
	last := len(withName) - 1
	if !has[last] {
		t.Fatalf("a document of one induced word has no sentence vector")
	}
	cent := make([][]float32, topics)
	for tp := range cent {
		cent[tp] = make([]float32, d)
	}
	for r, tp := range topicOf {
		for j := 0; j < d; j++ {
			cent[tp][j] += rows[r*d+j]
		}
	}
	me := rows[last*d:]
	best, bc := -1, math.Inf(-1)
	for tp := range cent {
		if c := cos32(me, cent[tp]); c > bc {
			best, bc = tp, c
		}
	}
	if best != 2 {
		t.Errorf(`document "name2" nearest topic %d's documents (cos %.2f), want 2`, best, bc)
	}
}

// TestSolveSPD: X = G⁻¹·Mᵀ for a known G and M.
func TestSolveSPD(t *testing.T) {
	g := []float64{4, 1, 1, 3} // symmetric positive definite
	m := []float64{1, 2, 3, 4} // Mᵀ = [[1,3],[2,4]]
	x := solveSPD(g, m, 2)     // G·X = Mᵀ
	got := []float64{
		g[0]*x[0] + g[1]*x[2], g[0]*x[1] + g[1]*x[3],
		g[2]*x[0] + g[3]*x[2], g[2]*x[1] + g[3]*x[3],
	}
	want := []float64{1, 3, 2, 4}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-6 {
			t.Fatalf("G·X = %v, want %v", got, want)
		}
	}
	if solveSPD(make([]float64, 4), m, 2) != nil {
		t.Error("a zero matrix was solved")
	}
}

// TestContextsSharedOutAsOnOneCore: the context sums made with the words
// shared out among the cores equal, bit for bit, those made on one core
// (each word's sum is still made in document order), on a corpus large
// enough to be shared out, with words that have vectors and words that
// do not.
func TestContextsSharedOutAsOnOneCore(t *testing.T) {
	const d = 8
	rng := rand.New(rand.NewSource(3))
	v, byTopic := topicVectors(t, 6, 20, d, rng)
	var docs [][]string
	for r := 0; r < 3000; r++ {
		var doc []string
		for range 2 + rng.Intn(10) {
			if rng.Intn(5) == 0 {
				doc = append(doc, fmt.Sprintf("unknown%d", rng.Intn(300)))
				continue
			}
			tp := byTopic[rng.Intn(len(byTopic))]
			doc = append(doc, tp[rng.Intn(len(tp))])
		}
		docs = append(docs, doc)
	}
	was := induceOOV
	induceOOV = false
	means, _ := sifEmbed(docs, v) // any vectors per document will do
	induceOOV = was
	counts := make([]int, len(docs))
	for r, doc := range docs {
		for _, w := range doc {
			if _, ok := v.index[w]; ok {
				counts[r]++
			}
		}
	}
	one, oovOne := shardContexts(docs, v, means, counts, 0, 1)
	for _, shards := range []int{2, 3} {
		var all []map[string]*wordContext
		oov := false
		for k := range shards {
			c, o := shardContexts(docs, v, means, counts, k, shards)
			all, oov = append(all, c), oov || o
		}
		n := 0
		for _, c := range all {
			for w, a := range c {
				n++
				b := one[w]
				if b == nil || a.n != b.n {
					t.Fatalf("%d shards: word %q: %v, one core %v", shards, w, a, b)
				}
				for j := range a.sum {
					if math.Float64bits(a.sum[j]) != math.Float64bits(b.sum[j]) {
						t.Fatalf("%d shards: word %q dim %d: %v, one core %v", shards, w, j, a.sum[j], b.sum[j])
					}
				}
			}
		}
		if n != len(one) || oov != oovOne || !oov {
			t.Fatalf("%d shards: %d words (one core %d), unknown words %v (one core %v)", shards, n, len(one), oov, oovOne)
		}
	}
	got, oov := contexts(docs, v, means, counts)
	if len(got) != len(one) || oov != oovOne {
		t.Fatalf("contexts: %d words, one core %d", len(got), len(one))
	}
}
