package analysis

import "math"

// calibration maps a quote's best score and its margin over the second
// best to the probability that the best code is right:
// σ(b0 + b1·top + b2·margin). fitted is false when the seeds could not
// measure the coding: no code has two seeds (prob then is the margin
// itself, on the scale where a seed's margin is 1: a quote is coded when
// its best code beats the next by more than half of what a seed's does),
// or every held-out seed came out wrong (prob is 0).
type calibration struct {
	b      [3]float64
	fitted bool
	// allWrong is true when every held-out seed came out wrong.
	allWrong bool
	// alpha is the neighbours' share in label spreading.
	alpha float64
	// dense is the word vectors' weight in the cosines (½: equal to
	// TF-IDF's; see Coder.weighted).
	dense float64
}

// prob is the calibrated probability that a row's best code is right.
func (c calibration) prob(top, margin float64) float64 {
	switch {
	case c.fitted:
		return sigmoid(c.b[0] + c.b[1]*top + c.b[2]*margin)
	case c.allWrong:
		return 0
	}
	return math.Max(0, math.Min(1, margin))
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// spreadAlphas are the neighbours' shares in label spreading that
// calibrate chooses from, by the held-out seeds' accuracy: how much a
// quote should follow its neighbours rather than its own words differs
// between corpora (measured on the suite: .95 best on NHS, .5 on HWU64).
var spreadAlphas = []float64{0.5, 0.8, 0.95}

// denseWeights are the word vectors' weights in the cosines that
// calibrate chooses from, the first preferred.
var denseWeights = []float64{0.5, 0, 1}

// calibrateDebug, when set (development tests), sees each choice's
// held-out accuracy.
var calibrateDebug func(dense, alpha, acc float64, n int)

// calibrate measures the coding on the seeds themselves: for each code
// with two seeds or more, its seeds are split in two halves by order; each
// half in turn is held out and coded from all the other seeds. The
// spreading share (spreadAlphas) under which most held-out seeds come out
// right is kept, and a logistic curve is fitted from each held-out seed's
// best score and margin to whether its best code is its seeded one. The
// curve comes from codings with half the seeds of those codes, so it
// tends to underestimate the full coding's accuracy.
func (c *Coder) calibrate(lab []int, k int) calibration {
	perCode := make([][]int, k)
	for r, l := range lab {
		if l >= 0 {
			perCode[l] = append(perCode[l], r)
		}
	}
	type choice struct{ dense, alpha float64 }
	var choices []choice
	for _, d := range denseWeights {
		for _, a := range spreadAlphas {
			choices = append(choices, choice{d, a})
		}
	}
	xs := make([][][2]float64, len(choices))
	ys := make([][]float64, len(choices))
	for fold := range 2 {
		held := append([]int(nil), lab...)
		var out []int
		for _, rows := range perCode {
			if len(rows) < 2 {
				continue
			}
			for q, r := range rows {
				if q%2 == fold {
					held[r] = -1
					out = append(out, r)
				}
			}
		}
		if len(out) == 0 {
			continue
		}
		var s []float32
		for a, ch := range choices {
			if a == 0 || ch.dense != choices[a-1].dense {
				s = c.cosines(held, k, ch.dense)
			}
			f := c.spread(s, held, k, ch.alpha)
			for _, r := range out {
				b, top, margin := bestTwo(f[r*k : (r+1)*k])
				y := 0.0
				if b == lab[r] {
					y = 1
				}
				xs[a], ys[a] = append(xs[a], [2]float64{top, margin}), append(ys[a], y)
			}
		}
	}
	cal := calibration{alpha: choices[0].alpha, dense: choices[0].dense}
	acc := make([]float64, len(choices))
	for a := range choices {
		var r float64
		for _, y := range ys[a] {
			r += y
		}
		if len(ys[a]) > 0 {
			acc[a] = r / float64(len(ys[a]))
		}
	}
	if calibrateDebug != nil {
		for a, ch := range choices {
			calibrateDebug(ch.dense, ch.alpha, acc[a], len(ys[a]))
		}
	}
	held := float64(len(ys[0]))
	se := func(p float64) float64 { return math.Sqrt(p * (1 - p) / math.Max(1, held)) }
	// The word vectors' weight: the theme clustering's (the first) unless
	// another's held-out accuracy, averaged over the spreading shares,
	// beats it by more than one standard error. The seeds then say this
	// study's codes follow its words (StackOverflow's tags) or their
	// meanings more than the two joined at equal weight.
	nd := len(denseWeights)
	na := len(spreadAlphas)
	mean := make([]float64, nd)
	for d := range nd {
		for a := range na {
			mean[d] += acc[d*na+a] / float64(na)
		}
	}
	dense := 0
	for d := 1; d < nd; d++ {
		if mean[d] > mean[0]+se(mean[0]) && mean[d] > mean[dense] {
			dense = d
		}
	}
	// The spreading share: the first (the least reliance on the graph)
	// whose held-out accuracy is within one standard error of the best
	// (the one-standard-error rule of Breiman et al. 1984): a few dozen
	// held-out seeds cannot tell shares apart more finely.
	top := dense * na
	for a := range na {
		if acc[dense*na+a] > acc[top] {
			top = dense*na + a
		}
	}
	best := top
	for a := range na {
		if acc[dense*na+a] >= acc[top]-se(acc[top]) {
			best = dense*na + a
			break
		}
	}
	right := acc[best] * float64(len(ys[best]))
	cal.alpha, cal.dense = choices[best].alpha, choices[best].dense
	if len(ys[best]) == 0 {
		return cal
	}
	if right == 0 {
		cal.allWrong = true
		return cal
	}
	// The anchor: a quote with nothing in common with any code (best score
	// and margin 0) has its best code by chance, right one time in k. It
	// keeps the curve falling toward such quotes even when every held-out
	// seed came out right.
	x, y := append(xs[best], [2]float64{0, 0}), append(ys[best], 1/float64(k))
	cal.b, cal.fitted = monotoneLogistic(x, y), true
	return cal
}

// monotoneLogistic is logistic, refitted on the best score alone when the
// margin's coefficient comes out negative and on the margin alone when
// the score's does: a code cannot be less likely right because it is
// nearer or further ahead of the next, so a negative coefficient is noise
// from few held-out seeds.
func monotoneLogistic(xs [][2]float64, ys []float64) [3]float64 {
	b := logistic(xs, ys)
	if b[1] >= 0 && b[2] >= 0 {
		return b
	}
	only := func(j int) [3]float64 {
		x := make([][2]float64, len(xs))
		for i := range xs {
			x[i][0] = xs[i][j]
		}
		c := logistic(x, ys)
		out := [3]float64{c[0], 0, 0}
		out[1+j] = max(c[1], 0)
		return out
	}
	if b[2] < 0 {
		return only(0)
	}
	return only(1)
}

// logisticRidge keeps the logistic fit finite when the held-out seeds are
// separable by score; it is small next to the number of seeds.
const logisticRidge = 1e-2

// logistic fits σ(b0 + b1·x0 + b2·x1) to ys by Newton's method on the
// log-likelihood with a small ridge on b1 and b2 (features standardised
// inside, coefficients returned on the original scale).
func logistic(xs [][2]float64, ys []float64) [3]float64 {
	n := float64(len(xs))
	var mean, sd [2]float64
	for _, x := range xs {
		mean[0], mean[1] = mean[0]+x[0]/n, mean[1]+x[1]/n
	}
	for _, x := range xs {
		for j := range 2 {
			d := x[j] - mean[j]
			sd[j] += d * d / n
		}
	}
	for j := range 2 {
		sd[j] = math.Sqrt(sd[j])
		if sd[j] == 0 {
			sd[j] = 1
		}
	}
	z := make([][3]float64, len(xs))
	for i, x := range xs {
		z[i] = [3]float64{1, (x[0] - mean[0]) / sd[0], (x[1] - mean[1]) / sd[1]}
	}
	var b [3]float64
	for range 50 {
		var g [3]float64
		var h [3][3]float64
		for i, zi := range z {
			p := sigmoid(b[0]*zi[0] + b[1]*zi[1] + b[2]*zi[2])
			for a := range 3 {
				g[a] += (ys[i] - p) * zi[a]
				for c := range 3 {
					h[a][c] += p * (1 - p) * zi[a] * zi[c]
				}
			}
		}
		for a := 1; a < 3; a++ {
			g[a] -= logisticRidge * b[a]
			h[a][a] += logisticRidge
		}
		h[0][0] += 1e-9
		step, ok := solve3(h, g)
		if !ok {
			break
		}
		var move float64
		for a := range 3 {
			b[a] += step[a]
			move = math.Max(move, math.Abs(step[a]))
		}
		if move < 1e-8 {
			break
		}
	}
	// Back to the original scale.
	b1, b2 := b[1]/sd[0], b[2]/sd[1]
	return [3]float64{b[0] - b1*mean[0] - b2*mean[1], b1, b2}
}

// solve3 solves h·x = g by Gaussian elimination with partial pivoting.
func solve3(h [3][3]float64, g [3]float64) ([3]float64, bool) {
	a := [3][4]float64{}
	for i := range 3 {
		a[i] = [4]float64{h[i][0], h[i][1], h[i][2], g[i]}
	}
	for col := range 3 {
		p := col
		for r := col + 1; r < 3; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		if math.Abs(a[p][col]) < 1e-12 {
			return [3]float64{}, false
		}
		a[col], a[p] = a[p], a[col]
		for r := range 3 {
			if r != col {
				f := a[r][col] / a[col][col]
				for c := col; c < 4; c++ {
					a[r][c] -= f * a[col][c]
				}
			}
		}
	}
	return [3]float64{a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]}, true
}
