package analysis

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Development measurements for docs/SEEDED.md (session seeded7); skipped
// unless VERBATIM_SEEDED_DEV names the sets (comma-separated, "all").
func devSets(t *testing.T) ([]SuiteSet, int) {
	only := os.Getenv("VERBATIM_SEEDED_DEV")
	if only == "" || raceEnabled {
		t.Skip("set VERBATIM_SEEDED_DEV=set,set|all to run")
	}
	maxT, _ := strconv.Atoi(os.Getenv("VERBATIM_SEEDED_MAX"))
	var out []SuiteSet
	for _, s := range Suite {
		if only == "all" || strings.Contains(","+only+",", ","+s.Name+",") {
			out = append(out, s)
		}
	}
	return out, maxT
}

func TestSeededDevDense(t *testing.T) {
	sets, maxT := devSets(t)
	ctx := context.Background()
	grids := [][]float64{{0.5}, {0}, {1}, {0.5, 0, 1}}
	n := 5
	if v, _ := strconv.Atoi(os.Getenv("VERBATIM_SEEDED_N")); v > 0 {
		n = v
	}
	defer func(g []float64) { denseWeights = g }(denseWeights)
	for _, set := range sets {
		e, err := LoadSeededEval(ctx, dataDir, set, maxT, CodingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range grids {
			denseWeights = g
			var nmi, ari, acc, cov, cacc float64
			var chosen []float64
			for _, seed := range []int64{1, 2, 3} {
				r, err := e.Run(ctx, n, seed)
				if err != nil {
					t.Fatal(err)
				}
				nmi, ari, acc, cov, cacc = nmi+r.NMI/3, ari+r.ARI/3, acc+r.ACC/3, cov+r.Coverage/3, cacc+r.CodedACC/3
				chosen = append(chosen, e.coder.last.dense)
			}
			fmt.Printf("DEV %-14s N=%d dense %-14v NMI %.3f ARI %.3f ACC %.3f cov %.3f codedACC %.3f chosen %v\n", set.Name, n, g, nmi, ari, acc, cov, cacc, chosen)
		}
	}
}

// TestSeededDevCeiling: how far a learner with ALL labels gets on the
// same features: 5-fold cross-validation (train on 4/5 of the labelled
// texts, score the other fifth), nearest centroid and a softmax
// regression, on the Coder's smoothed rows.
func TestSeededDevCeiling(t *testing.T) {
	sets, maxT := devSets(t)
	ctx := context.Background()
	for _, set := range sets {
		e, err := LoadSeededEval(ctx, dataDir, set, maxT, CodingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		c := e.coder
		k := len(e.names)
		rows := len(c.pts.ids)
		truth := make([]int, rows)
		for i, r := range c.rowOf {
			if r >= 0 {
				truth[r] = e.truth[i]
			}
		}
		fold := rand.New(rand.NewSource(1)).Perm(rows)
		predC := make([]int, rows)
		predL := make([]int, rows)
		for f := range 5 {
			train := make([]bool, rows)
			for r := range rows {
				train[r] = fold[r]%5 != f
			}
			// nearest centroid
			lab := make([]int, rows)
			for r := range lab {
				lab[r] = -1
				if train[r] {
					lab[r] = truth[r]
				}
			}
			cent := make([][]float64, k)
			for j := range cent {
				cent[j] = make([]float64, c.pts.dim())
			}
			for r := range rows {
				if train[r] {
					c.addScaled(r, 1, cent[truth[r]])
				}
			}
			c32 := make([][]float32, k)
			for j := range cent {
				c32[j] = unit32(cent[j])
			}
			for r := range rows {
				if train[r] {
					continue
				}
				best, bv := 0, float32(-2)
				for j := range c32 {
					if d := c.pts.dot(r, c32[j]); d > bv {
						best, bv = j, d
					}
				}
				predC[r] = best
			}
			w := softmaxFit(c, train, truth, k, 20)
			for r := range rows {
				if !train[r] {
					predL[r] = softmaxPredict(c, w, r, k)
				}
			}
		}
		for name, p := range map[string][]int{"centroid": predC, "softmax": predL} {
			var right int
			for r := range p {
				if p[r] == truth[r] {
					right++
				}
			}
			fmt.Printf("DEV ceiling %-14s %-9s NMI %.3f ARI %.3f ACC %.3f (5-fold, all labels, %d texts)\n", set.Name, name, NMI(truth, p), ARI(truth, p), float64(right)/float64(rows), rows)
		}
	}
}

// softmaxFit is multinomial logistic regression by SGD (Adagrad-free,
// decaying step, small L2 by weight decay) on the rows marked train.
func softmaxFit(c *Coder, train []bool, truth []int, k, epochs int) []float32 {
	dim := c.pts.dim()
	w := make([]float32, dim*k)
	b := make([]float32, k)
	var ids []int
	for r, ok := range train {
		if ok {
			ids = append(ids, r)
		}
	}
	rng := rand.New(rand.NewSource(1))
	p := make([]float64, k)
	step := 0
	for ep := range epochs {
		rng.Shuffle(len(ids), func(a, b int) { ids[a], ids[b] = ids[b], ids[a] })
		lr := 0.5 / (1 + float64(ep))
		_ = step
		for _, r := range ids {
			idx, val := c.rowParts(r)
			var mx float64 = -1e30
			for j := range k {
				s := float64(b[j])
				for q, f := range idx {
					s += float64(val[q] * w[int(f)*k+j])
				}
				p[j] = s
				mx = max(mx, s)
			}
			var z float64
			for j := range k {
				p[j] = math.Exp(p[j] - mx)
				z += p[j]
			}
			for j := range k {
				g := p[j] / z
				if j == truth[r] {
					g--
				}
				gf := float32(lr * g)
				b[j] -= gf
				for q, f := range idx {
					w[int(f)*k+j] -= gf * val[q]
				}
			}
		}
	}
	return append(w, b...)
}

func softmaxPredict(c *Coder, w []float32, r, k int) int {
	dim := c.pts.dim()
	b := w[dim*k:]
	idx, val := c.rowParts(r)
	best, bv := 0, -1e30
	for j := range k {
		s := float64(b[j])
		for q, f := range idx {
			s += float64(val[q] * w[int(f)*k+j])
		}
		if s > bv {
			best, bv = j, s
		}
	}
	return best
}

// rowParts is row r's features as (index, value) pairs.
func (c *Coder) rowParts(r int) ([]int32, []float32) {
	idx, val, dr := c.pts.s.parts(c.pts.ids[r])
	if dr == nil {
		return idx, val
	}
	ix := append([]int32(nil), idx...)
	vv := append([]float32(nil), val...)
	for q, x := range dr {
		ix = append(ix, int32(c.pts.s.sparseDim+q))
		vv = append(vv, x)
	}
	return ix, vv
}

func TestSeededDevHeldOut(t *testing.T) {
	sets, maxT := devSets(t)
	ctx := context.Background()
	defer func(g []float64) { denseWeights = g }(denseWeights)
	denseWeights = []float64{0.5, 0, 0.25, 0.75, 1}
	for _, set := range sets {
		e, err := LoadSeededEval(ctx, dataDir, set, maxT, CodingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, seed := range []int64{1, 2, 3} {
			line := fmt.Sprintf("DEV heldout %-14s seed %d:", set.Name, seed)
			calibrateDebug = func(d, acc float64, n int) {
				line += fmt.Sprintf(" %.2f=%.3f (%d)", d, acc, n)
			}
			if _, err := e.Run(ctx, 5, seed); err != nil {
				t.Fatal(err)
			}
			calibrateDebug = nil
			fmt.Println(line)
		}
	}
}

// addScaled adds w times row r to sum.
func (c *Coder) addScaled(r int, w float64, sum []float64) {
	idx, val := c.rowParts(r)
	for q, j := range idx {
		sum[j] += w * float64(val[q])
	}
}

// unit32 is s scaled to unit length, as float32.
func unit32(s []float64) []float32 {
	var norm float64
	for _, x := range s {
		norm += x * x
	}
	out := make([]float32, len(s))
	if norm == 0 {
		return out
	}
	inv := 1 / math.Sqrt(norm)
	for j, x := range s {
		out[j] = float32(x * inv)
	}
	return out
}

// TestSeededDevCost: CPU time (getrusage, all threads) of Coder.Code and
// Coder.Update on each set, N = 5 seed 1.
func TestSeededDevCost(t *testing.T) {
	sets, maxT := devSets(t)
	ctx := context.Background()
	cpu := func() float64 {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
	}
	for _, set := range sets {
		t0, w0 := cpu(), time.Now()
		e, err := LoadSeededEval(ctx, dataDir, set, maxT, CodingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t1, w1 := cpu(), time.Now()
		drawn := DrawSeeds(e.truth, 5, 1)
		var seeds []Seed
		for _, i := range drawn {
			seeds = append(seeds, Seed{Quote: i, Code: e.names[e.truth[i]]})
		}
		as, err := e.coder.Code(ctx, seeds)
		if err != nil {
			t.Fatal(err)
		}
		t2, w2 := cpu(), time.Now()
		q := ReviewQueue(as)[0]
		seeds = append(seeds, Seed{Quote: q, Code: e.names[e.truth[q]]})
		if _, err := e.coder.Update(ctx, seeds); err != nil {
			t.Fatal(err)
		}
		t3, w3 := cpu(), time.Now()
		fmt.Printf("DEV cost %-14s %d quotes %d seeds: load+NewCoder %.1fs CPU (%.1fs wall), Code %.2fs CPU (%.2fs wall), Update %.2fs CPU (%.2fs wall)\n",
			set.Name, e.Len(), len(drawn), t1-t0, w1.Sub(w0).Seconds(), t2-t1, w2.Sub(w1).Seconds(), t3-t2, w3.Sub(w2).Seconds())
	}
}

// TestSeededDevSmallCodebook: a codebook of 3 codes (3 labels drawn with
// the seed, 5 seeds each) over the whole set: how many quotes of the other
// labels get a code, with and without the gate (coding_gate.go).
func TestSeededDevSmallCodebook(t *testing.T) {
	sets, maxT := devSets(t)
	ctx := context.Background()
	gateDebug = func(pi float64) { fmt.Printf("DEV pi %.3f\n", pi) }
	defer func() { gateDebug, gateOff = nil, false }()
	for _, set := range sets {
		e, err := LoadSeededEval(ctx, dataDir, set, maxT, CodingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, off := range []bool{true, false} {
			gateOff = off
			for _, seed := range []int64{1, 2, 3} {
				in, out, inCov, outCov, inRight := smallCodebookRun(t, e, 3, 5, seed)
				fmt.Printf("DEV small %-14s gate off %v seed %d: in %d coded %.3f (right %.3f) | out %d coded %.3f\n",
					set.Name, off, seed, in, inCov, inRight, out, outCov)
			}
		}
	}
}

// TestSeededDevGate: the whole codebook, N = 5 and 10, seeds 1–3, with and
// without the codebook gate: coverage and coded ACC (ACC does not move),
// and each coding's π.
func TestSeededDevGate(t *testing.T) {
	sets, maxT := devSets(t)
	ctx := context.Background()
	gateDebug = func(pi float64) { fmt.Printf("DEV pi %.3f\n", pi) }
	defer func() { gateDebug, gateOff = nil, false }()
	for _, set := range sets {
		e, err := LoadSeededEval(ctx, dataDir, set, maxT, CodingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{5, 10} {
			for _, off := range []bool{true, false} {
				gateOff = off
				var acc, cov, cacc float64
				for _, seed := range []int64{1, 2, 3} {
					r, err := e.Run(ctx, n, seed)
					if err != nil {
						t.Fatal(err)
					}
					acc, cov, cacc = acc+r.ACC/3, cov+r.Coverage/3, cacc+r.CodedACC/3
				}
				fmt.Printf("DEV gate %-14s N=%d off=%v ACC %.3f cov %.3f codedACC %.3f\n", set.Name, n, off, acc, cov, cacc)
			}
		}
	}
}

// TestSeededDevWeightRule (session seeded9): per draw, the held-out seeds'
// accuracy per word-vector weight and the scored texts' ACC with each
// weight fixed, to compare rules for choosing the weight.
func TestSeededDevWeightRule(t *testing.T) {
	sets, maxT := devSets(t)
	ctx := context.Background()
	ns := []int{3, 5, 10}
	if v, _ := strconv.Atoi(os.Getenv("VERBATIM_SEEDED_N")); v > 0 {
		ns = []int{v}
	}
	defer func(g []float64) { denseWeights = g }(denseWeights)
	for _, set := range sets {
		e, err := LoadSeededEval(ctx, dataDir, set, maxT, CodingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range ns {
			for _, seed := range []int64{1, 2, 3} {
				line := fmt.Sprintf("DEV rule %-14s N=%d seed %d: held-out", set.Name, n, seed)
				denseWeights = []float64{0.5, 0, 1}
				calibrateDebug = func(d, acc float64, m int) {
					line += fmt.Sprintf(" %.1f=%.3f (%d)", d, acc, m)
				}
				var y0 []float64
				calibrateDebugYs = func(d float64, ys []float64) {
					if d == 0.5 {
						y0 = ys
						return
					}
					b, c := 0, 0 // right only with d, right only with ½
					for i := range ys {
						switch {
						case ys[i] > y0[i]:
							b++
						case ys[i] < y0[i]:
							c++
						}
					}
					line += fmt.Sprintf(" [%.1f vs .5: +%d −%d]", d, b, c)
				}
				r, err := e.Run(ctx, n, seed)
				if err != nil {
					t.Fatal(err)
				}
				calibrateDebug, calibrateDebugYs = nil, nil
				line += fmt.Sprintf("; chosen %.1f ACC %.3f; fixed", e.coder.last.dense, r.ACC)
				for _, w := range []float64{0.5, 0, 1} {
					denseWeights = []float64{w}
					r, err := e.Run(ctx, n, seed)
					if err != nil {
						t.Fatal(err)
					}
					line += fmt.Sprintf(" %.1f=%.3f", w, r.ACC)
				}
				fmt.Println(line)
			}
		}
	}
}
