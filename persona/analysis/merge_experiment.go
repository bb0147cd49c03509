package analysis

import (
	"fmt"
	"math"
	"math/rand"
	"os"
	"strconv"
)

// Throwaway experiment (session grouping7): alternative stop rules for the
// chance-level merge, chosen by VERBATIM_MERGE; VERBATIM_MERGEDIAG=1 prints
// the merge trajectory to stderr.
var mergeMode = os.Getenv("VERBATIM_MERGE")
var mergeDiag = os.Getenv("VERBATIM_MERGEDIAG") != ""

// nullNoise returns τ = E[(e_i·e_j)²] and v = Var(μ·x_i), where e = x − μ
// and μ is the points' mean, estimated from random pairs (fixed seed).
func nullNoise(p points, total []float64) (tau, v float64) {
	n := p.len()
	if n < 3 {
		return 0, 0
	}
	mu := make([]float32, p.dim())
	for j, x := range total {
		mu[j] = float32(x / float64(n))
	}
	rho := 0.0
	for _, x := range mu {
		rho += float64(x) * float64(x)
	}
	proj := make([]float64, n)
	var m1, m2 float64
	for i := 0; i < n; i++ {
		proj[i] = float64(p.dot(i, mu))
		m1 += proj[i]
		m2 += proj[i] * proj[i]
	}
	m1 /= float64(n)
	v = m2/float64(n) - m1*m1
	rng := rand.New(rand.NewSource(7))
	anchors := min(200, n)
	buf := make([]float64, p.dim())
	c := make([]float32, p.dim())
	var s float64
	cnt := 0
	for a := 0; a < anchors; a++ {
		j := rng.Intn(n)
		clear(buf)
		p.addTo(j, buf)
		for q, x := range buf {
			c[q] = float32(x)
		}
		for r := 0; r < 100; r++ {
			i := rng.Intn(n)
			if i == j {
				continue
			}
			e := float64(p.dot(i, c)) - proj[i] - proj[j] + rho
			s += e * e
			cnt++
		}
	}
	return s / float64(cnt), v
}

// nullSD is the approximate standard deviation of the centroid cosine of
// two random disjoint groups of sizes a and b.
func nullSD(a, b, rho, tau, v float64) float64 {
	num := a*b*tau + a*b*(a+b)*v
	den := (a + a*(a-1)*rho) * (b + b*(b-1)*rho)
	return math.Sqrt(num / den)
}

func mergeLog(format string, args ...any) {
	if mergeDiag {
		fmt.Fprintf(os.Stderr, format, args...)
	}
}

type mergeExp struct {
	rho, tau, v float64
	sparseDim   int
	gs          [][]float64 // sparse-half Gram of the member sums
	rhoS, rhoD  float64     // per-half chance level (over mean half norm²)
}

func newMergeExp(p points, m *model, sums [][]float64, total []float64, rho float64, K int) *mergeExp {
	x := &mergeExp{rho: rho}
	if mergeMode == "zmax" || mergeMode == "z" || mergeDiag {
		x.tau, x.v = nullNoise(p, total)
		mergeLog("merge: n=%d K=%d rho=%.4f tau=%.5f v=%.6f\n", p.len(), K, rho, x.tau, x.v)
	}
	if mergeMode == "both" || mergeMode == "either" || mergeMode == "sparseor" {
		sp := p.(sparsePoints)
		sd := sp.s.sparseDim
		x.sparseDim = sd
		var qs, qd float64
		for r := range sp.ids {
			idx, val, dr := sp.s.parts(sp.ids[r])
			for k, j := range idx {
				if int(j) < sd {
					qs += float64(val[k]) * float64(val[k])
				} else {
					qd += float64(val[k]) * float64(val[k])
				}
			}
			for _, y := range dr {
				qd += float64(y) * float64(y)
			}
		}
		n := float64(p.len())
		ts := dot64(total[:sd], total[:sd])
		td := dot64(total[sd:], total[sd:])
		x.rhoS = (ts - qs) / (n * (n - 1)) / (qs / n)
		x.rhoD = (td - qd) / (n * (n - 1)) / (qd / n)
		x.gs = make([][]float64, K)
		for a := range x.gs {
			x.gs[a] = make([]float64, K)
			for b := range K {
				x.gs[a][b] = dot64(sums[a][:sd], sums[b][:sd])
			}
		}
		mergeLog("merge: rhoS=%.4f rhoD=%.4f qs=%.3f qd=%.3f\n", x.rhoS, x.rhoD, qs/n, qd/n)
	}
	return x
}

func (x *mergeExp) eligible(a, b int, e float64, size []float64, gram [][]float64, M float64) bool {
	switch mergeMode {
	case "zmax":
		sd := nullSD(size[a], size[b], x.rho, x.tau, x.v)
		return e > math.Sqrt(2*math.Log(max(M, 2)))*sd
	case "mid", "mid2", "mid3":
		return x.mid(a, b, size, gram) > 0
	case "z":
		z, _ := strconv.ParseFloat(os.Getenv("VERBATIM_MERGEZ"), 64)
		return e > z*nullSD(size[a], size[b], x.rho, x.tau, x.v)
	case "both", "either", "sparseor":
		gs := x.gs
		cs := gs[a][b] / math.Sqrt(gs[a][a]*gs[b][b])
		gda, gdb, gdab := gram[a][a]-gs[a][a], gram[b][b]-gs[b][b], gram[a][b]-gs[a][b]
		cd := gdab / math.Sqrt(gda*gdb)
		okS := cs > nullCos(size[a], size[b], x.rhoS)
		okD := cd > nullCos(size[a], size[b], x.rhoD)
		if mergeMode == "both" {
			return okS && okD
		}
		if mergeMode == "sparseor" {
			return e > 0 || okS
		}
		return okS || okD
	}
	return e > 0
}

func (x *mergeExp) merged(ba, bb, K int) {
	if x.gs == nil {
		return
	}
	g := x.gs
	for o := 0; o < K; o++ {
		g[ba][o] += g[bb][o]
	}
	for o := 0; o < K; o++ {
		g[o][ba] = g[ba][o]
	}
	g[ba][ba] = g[ba][ba] + g[bb][ba]
}

func (x *mergeExp) log(left, a, b int, e float64, size []float64, gram [][]float64, M float64) {
	if !mergeDiag {
		return
	}
	c := gram[a][b] / math.Sqrt(gram[a][a]*gram[b][b])
	sd := nullSD(size[a], size[b], x.rho, x.tau, x.v)
	mergeLog("  k=%d sizes %.0f+%.0f cos=%.3f null=%.3f sd=%.3f z=%.2f zmax=%.2f\n", left, size[a], size[b], c, c-e, sd, e/sd, math.Sqrt(2*math.Log(max(M, 2))))
}

func overFactor() float64 {
	if f, err := strconv.ParseFloat(os.Getenv("VERBATIM_OVER"), 64); err == nil && f > 0 {
		return f
	}
	return 2
}

// mid is the size-free effect-size score: how much nearer the pair's mean
// cross cosine is to the groups' own within cosine than to chance (ρ):
// (ρab − ρ) − (ρw − ρab), ρw the mean of the two groups' within cosines.
func (x *mergeExp) mid(a, b int, size []float64, gram [][]float64) float64 {
	within := func(t int) float64 {
		s := size[t]
		if s < 2 {
			return math.NaN()
		}
		return (gram[t][t] - s) / (s * (s - 1))
	}
	rab := gram[a][b] / (size[a] * size[b])
	wa, wb := within(a), within(b)
	if mergeMode == "mid3" {
		if math.IsNaN(wa) {
			wa = x.rho
		}
		if math.IsNaN(wb) {
			wb = x.rho
		}
	}
	switch {
	case math.IsNaN(wa) && math.IsNaN(wb):
		wa, wb = rab, rab
	case math.IsNaN(wa):
		wa = wb
	case math.IsNaN(wb):
		wb = wa
	}
	return 2*rab - x.rho - (wa+wb)/2
}

// score orders the eligible pairs: the product's excess, or mid for mid2.
func (x *mergeExp) score(a, b int, e float64, size []float64, gram [][]float64) float64 {
	if mergeMode == "mid2" || mergeMode == "mid3" {
		return x.mid(a, b, size, gram)
	}
	return e
}
