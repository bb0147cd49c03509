package analysis

import (
	"math"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestZZBetheRealData (diagnostic, session grouping8): the number of
// negative eigenvalues of the Bethe Hessian of the documents' kNN graph
// (Saade, Krzakala, Zdeborová 2014), per suite set, on a subsample.
// BH_SETS, BH_MAX (comma list of sizes).
func TestZZBetheRealData(t *testing.T) {
	if os.Getenv("BH_MAX") == "" || raceEnabled {
		t.Skip("diagnostic: set BH_MAX")
	}
	var sizes []int
	for _, f := range strings.Split(os.Getenv("BH_MAX"), ",") {
		n, _ := strconv.Atoi(f)
		sizes = append(sizes, n)
	}
	only := os.Getenv("BH_SETS")
	for _, set := range Suite {
		if only != "" && !strings.Contains(","+only+",", ","+set.Name+",") {
			continue
		}
		all, allLab, err := set.Load(dataDir)
		if err != nil {
			t.Skip(err)
		}
		for _, mx := range sizes {
			texts, labels := Subsample(all, allLab, mx, 1)
			toks, truth, err := evalInput(texts, labels)
			if err != nil {
				t.Fatal(err)
			}
			labs := 0
			for _, x := range truth {
				labs = max(labs, x+1)
			}
			sp := NewTokenSpace(toks, DefaultVectors())
			rng := rand.New(rand.NewSource(1))
			sample := sampleIDs(sp, rng)
			_, nb, nw := smoothed(sp, sample, smoothNN, smoothAlpha)
			g := knnGraph(nb, nw)
			n := len(g.deg)
			var s1, s2 float64
			for i := 0; i < n; i++ {
				d := float64(g.ptr[i+1] - g.ptr[i])
				s1 += d
				s2 += d * d
			}
			c := s1 / float64(n)
			rc := math.Sqrt(s2/s1 - 1)
			r0 := math.Sqrt(c)
			un := func(r float64) int {
				h := make([]float64, n*n)
				for i := 0; i < n; i++ {
					d := float64(g.ptr[i+1] - g.ptr[i])
					h[i*n+i] = r*r - 1 + d
					for e := g.ptr[i]; e < g.ptr[i+1]; e++ {
						h[i*n+int(g.adj[e])] = -r
					}
				}
				return negCount(h, n)
			}
			wt := func(r float64) int {
				h := make([]float64, n*n)
				for i := 0; i < n; i++ {
					h[i*n+i] = 1
					for e := g.ptr[i]; e < g.ptr[i+1]; e++ {
						w := math.Min(g.w[e], 0.999*r)
						h[i*n+i] += w * w / (r*r - w*w)
						h[i*n+int(g.adj[e])] = -r * w / (r*r - w*w)
					}
				}
				return negCount(h, n)
			}
			t.Logf("%-14s n %5d labels %3d  mean deg %.1f  r_c %.2f: BH neg %d | r=sqrt(c) %.2f: %d | weighted(r_c) %d", set.Name, n, labs, c, rc, un(rc), r0, un(r0), wt(rc))
		}
	}
}

// negCount counts the negative eigenvalues of the symmetric n×n matrix h
// (row major, overwritten) by Sylvester's law of inertia on an LDLᵀ
// factorization without pivoting.
func negCount(h []float64, n int) int {
	neg := 0
	for k := 0; k < n; k++ {
		p := h[k*n+k]
		if p == 0 {
			p = 1e-12
		}
		if p < 0 {
			neg++
		}
		rowk := h[k*n : (k+1)*n]
		for i := k + 1; i < n; i++ {
			l := h[i*n+k] / p
			if l == 0 {
				continue
			}
			rowi := h[i*n : (i+1)*n]
			for j := k + 1; j <= i; j++ {
				rowi[j] -= l * rowk[j]
			}
		}
		// keep symmetry: copy lower to upper for the next pivot column reads
		for i := k + 1; i < n; i++ {
			h[(k+1)*n+i] = h[i*n+k+1]
		}
	}
	return neg
}

// TestZZStackDiagRealData (diagnostic, session grouping8): where
// StackOverflow loses against plain TF-IDF k-means: the view (joined vs
// TF-IDF alone), k (chosen vs true), the merge path (over-cluster, merge,
// refine vs k-means++ told the same k) and the spectral switch.
// SD_SETS, SD_MAX.
func TestZZStackDiagRealData(t *testing.T) {
	if os.Getenv("SD_MAX") == "" || raceEnabled {
		t.Skip("diagnostic: set SD_MAX")
	}
	mx, _ := strconv.Atoi(os.Getenv("SD_MAX"))
	only := os.Getenv("SD_SETS")
	for _, set := range Suite {
		if only != "" && !strings.Contains(","+only+",", ","+set.Name+",") {
			continue
		}
		all, allLab, err := set.Load(dataDir)
		if err != nil {
			t.Skip(err)
		}
		texts, labels := Subsample(all, allLab, mx, 1)
		toks, truth, err := evalInput(texts, labels)
		if err != nil {
			t.Fatal(err)
		}
		labs := 0
		for _, x := range truth {
			labs = max(labs, x+1)
		}
		for _, view := range []string{"joined", "tfidf"} {
			vec := DefaultVectors()
			if view == "tfidf" {
				vec = nil
			}
			sp := NewTokenSpace(toks, vec)
			rng := rand.New(rand.NewSource(1))
			sample := sampleIDs(sp, rng)
			pts, nb, nw := smoothed(sp, sample, smoothNN, smoothAlpha)
			g := knnGraph(nb, nw)
			report := func(what string, m *model) {
				r := score(truth, finish(sp, sample, m).Assign)
				t.Logf("%-14s %-6s %-34s k %3d  %.3f / %.3f / %.3f  modularity %.3f", set.Name, view, what, m.k, r.NMI, r.ARI, r.ACC, modularity(g, m.assign, m.k))
			}
			auto := chooseK(pts, ClusterOptions{Seed: 1}, rand.New(rand.NewSource(1)))
			report("merge path (chosen k)", auto)
			if alt := spectral(g, pts, auto.k, rand.New(rand.NewSource(1))); alt != nil {
				report("spectral at chosen k", alt)
			}
			report("k-means++ x4 at chosen k", bestKmeans(pts, auto.k, rand.New(rand.NewSource(1))))
			km := bestKmeans(pts, labs, rand.New(rand.NewSource(1)))
			report("k-means++ x4 at true k", km)
			if alt := spectral(g, pts, labs, rand.New(rand.NewSource(1))); alt != nil {
				report("spectral at true k", alt)
			}
		}
	}
}

// TestZZGapRealData (diagnostic, session grouping8): the gap statistic
// (Tibshirani, Walther, Hastie 2001) of the product's representation
// against a null corpus: the same tokens dealt at random into documents
// of the same lengths (every word as common as before, co-occurrence
// destroyed), put through the same pipeline. W_k = Σ (1 − cosine to the
// centroid) of the best of 4 k-means++ runs on the smoothed points.
// GAP_SETS, GAP_MAX, GAP_B (null copies, default 2).
func TestZZGapRealData(t *testing.T) {
	if os.Getenv("GAP_MAX") == "" || raceEnabled {
		t.Skip("diagnostic: set GAP_MAX")
	}
	mx, _ := strconv.Atoi(os.Getenv("GAP_MAX"))
	B := 2
	seed := int64(1)
	if v, err := strconv.Atoi(os.Getenv("GAP_SEED")); err == nil {
		seed = int64(v)
	}
	if b, err := strconv.Atoi(os.Getenv("GAP_B")); err == nil {
		B = b
	}
	grid := []int{5, 10, 15, 20, 30, 40, 55, 75, 100, 140}
	only := os.Getenv("GAP_SETS")
	for _, set := range Suite {
		if only != "" && !strings.Contains(","+only+",", ","+set.Name+",") {
			continue
		}
		all, allLab, err := set.Load(dataDir)
		if err != nil {
			t.Skip(err)
		}
		texts, labels := Subsample(all, allLab, mx, 1)
		toks, truth, err := evalInput(texts, labels)
		if err != nil {
			t.Fatal(err)
		}
		labs := 0
		for _, x := range truth {
			labs = max(labs, x+1)
		}
		prep := func(tk [][]persona.Token) (sparsePoints, int) {
			sp := NewTokenSpace(tk, DefaultVectors())
			sample := sampleIDs(sp, rand.New(rand.NewSource(1)))
			pts, _, _ := smoothed(sp, sample, smoothNN, smoothAlpha)
			return pts, len(sample)
		}
		logW := func(pts sparsePoints, n, k int) (float64, EvalResult) {
			m := bestKmeans(pts, k, rand.New(rand.NewSource(seed)))
			var r EvalResult
			if n == len(toks) {
				r = score(truth, m.assign)
			}
			return math.Log(float64(n) - m.obj), r
		}
		var flat []persona.Token
		for _, d := range toks {
			flat = append(flat, d...)
		}
		nulls := make([][][]persona.Token, B)
		for b := range nulls {
			rng := rand.New(rand.NewSource(100*seed + int64(b)))
			perm := rng.Perm(len(flat))
			pos := 0
			nulls[b] = make([][]persona.Token, len(toks))
			for i, d := range toks {
				for range d {
					nulls[b][i] = append(nulls[b][i], flat[perm[pos]])
					pos++
				}
			}
		}
		dataPts, dataN := prep(toks)
		nullPts := make([]sparsePoints, B)
		nullN := make([]int, B)
		for b := range nulls {
			nullPts[b], nullN[b] = prep(nulls[b])
		}
		var prevGap, prevSd float64
		for gi, k := range grid {
			if k > len(toks)/5 {
				break
			}
			ld, r := logW(dataPts, dataN, k)
			var ln []float64
			for b := range nulls {
				l, _ := logW(nullPts[b], nullN[b], k)
				ln = append(ln, l)
			}
			var mean, sd float64
			for _, v := range ln {
				mean += v
			}
			mean /= float64(len(ln))
			for _, v := range ln {
				sd += (v - mean) * (v - mean)
			}
			sd = math.Sqrt(sd/float64(len(ln))) * math.Sqrt(1+1/float64(len(ln)))
			gap := mean - ld
			mark := ""
			if gi > 0 && prevGap >= gap-sd {
				mark = "  <- Gap(prev) >= Gap(k) - s(k)"
			}
			t.Logf("seed %d %-14s labels %3d  k %3d  logW %.4f  null %.4f  gap %.4f  s %.4f  (%.3f / %.3f / %.3f)%s", seed, set.Name, labs, k, ld, mean, gap, sd, r.NMI, r.ARI, r.ACC, mark)
			prevGap, prevSd = gap, sd
		}
		_ = prevSd
	}
}

// TestZZNullEdgeRealData (diagnostic, session grouping8): the number of
// eigenvalues of the normalised Laplacian of the documents' kNN graph
// below the smallest non-trivial one of a null graph: the same pipeline
// on a corpus whose tokens are dealt at random into documents of the
// same lengths. Eigenvalue counts by Sylvester inertia (negCount).
// NE_SETS, NE_MAX.
func TestZZNullEdgeRealData(t *testing.T) {
	if os.Getenv("NE_MAX") == "" || raceEnabled {
		t.Skip("diagnostic: set NE_MAX")
	}
	mx, _ := strconv.Atoi(os.Getenv("NE_MAX"))
	only := os.Getenv("NE_SETS")
	for _, set := range Suite {
		if only != "" && !strings.Contains(","+only+",", ","+set.Name+",") {
			continue
		}
		all, allLab, err := set.Load(dataDir)
		if err != nil {
			t.Skip(err)
		}
		texts, labels := Subsample(all, allLab, mx, 1)
		toks, truth, err := evalInput(texts, labels)
		if err != nil {
			t.Fatal(err)
		}
		labs := 0
		for _, x := range truth {
			labs = max(labs, x+1)
		}
		lap := func(tk [][]persona.Token) (func(tau float64) int, int) {
			sp := NewTokenSpace(tk, DefaultVectors())
			sample := sampleIDs(sp, rand.New(rand.NewSource(1)))
			_, nb, nw := smoothed(sp, sample, smoothNN, smoothAlpha)
			g := knnGraph(nb, nw)
			n := len(g.deg)
			return func(tau float64) int {
				h := make([]float64, n*n)
				for i := 0; i < n; i++ {
					h[i*n+i] = 1 - tau
					for e := g.ptr[i]; e < g.ptr[i+1]; e++ {
						j := int(g.adj[e])
						h[i*n+j] -= g.w[e] / math.Sqrt(g.deg[i]*g.deg[j])
					}
				}
				return negCount(h, n)
			}, n
		}
		var flat []persona.Token
		for _, d := range toks {
			flat = append(flat, d...)
		}
		perm := rand.New(rand.NewSource(100)).Perm(len(flat))
		null := make([][]persona.Token, len(toks))
		pos := 0
		for i, d := range toks {
			for range d {
				null[i] = append(null[i], flat[perm[pos]])
				pos++
			}
		}
		nullCount, nn := lap(null)
		comps := nullCount(1e-9)
		lo, hi := 0.0, 1.0
		for range 12 {
			mid := (lo + hi) / 2
			if nullCount(mid) > comps {
				hi = mid
			} else {
				lo = mid
			}
		}
		dataCount, n := lap(toks)
		t.Logf("%-14s labels %3d  n %d (null %d)  null components %d  null edge λ %.4f  data eigenvalues below it %d (below ½ of it %d, 2× %d)",
			set.Name, labs, n, nn, comps, hi, dataCount(hi), dataCount(hi/2), dataCount(min(2*hi, 1)))
	}
}
