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
	// dense is the word vectors' weight in the features (½: equal to
	// TF-IDF's; see Coder.features).
	dense float64
	// gate is the codebook gate measured on the held-out seeds (see
	// coding_gate.go); nil when nothing was held out.
	gate gate
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

// denseWeights are the word vectors' weights in the features that
// calibrate chooses from: equal to TF-IDF's (the theme clustering's, and
// preferred), TF-IDF alone, word vectors alone. A study whose codes are
// told apart by their words (StackOverflow's tags) or by their meanings
// can say so through its seeds. The grid is fixed, the same for every
// study.
var denseWeights = []float64{0.5, 0, 1}

// calibrateDebug, when set (development tests), sees each weight's
// held-out accuracy.
var calibrateDebug func(dense, acc float64, n int)

// calibrateDebugYs, when set (development tests), sees each weight's
// held-out outcomes (1 right, 0 wrong), in the same seed order for every
// weight.
var calibrateDebugYs func(dense float64, ys []float64)

// calibrate measures the coding on the seeds themselves: for each code
// with two seeds or more, its seeds are split in two halves by order; each
// half in turn is held out and coded from all the other seeds. The word
// vectors' weight (denseWeights) is chosen by the held-out seeds, and a
// logistic curve is fitted from each held-out seed's best score and
// margin to whether its best code is its seeded one. The curve comes from
// codings with half the seeds of those codes, so it tends to
// underestimate the full coding's accuracy.
func (c *Coder) calibrate(lab []int, k int) calibration {
	return c.measure(lab, k, false)
}

// measure is calibrate; with denseOnly it only chooses the word vectors'
// weight (the same choice: the gate and the curve do not enter it), which
// is all a quote's best code depends on (Coder.bestCodes).
func (c *Coder) measure(lab []int, k int, denseOnly bool) calibration {
	perCode := make([][]int, k)
	for r, l := range lab {
		if l >= 0 {
			perCode[l] = append(perCode[l], r)
		}
	}
	xs := make([][][2]float64, len(denseWeights))
	ys := make([][]float64, len(denseWeights))
	var gScores []float64
	var gCodes []int
	bg := background(lab)
	for fold := range 2 {
		held := append([]int(nil), lab...)
		var out []int
		want := make([]bool, len(lab))
		for _, rows := range perCode {
			if len(rows) < 2 {
				continue
			}
			for q, r := range rows {
				if q%2 == fold {
					held[r] = -1
					out = append(out, r)
					want[r] = true
				}
			}
		}
		if len(out) == 0 {
			continue
		}
		if !denseOnly {
			gs := c.codebookScores(c.gateModel(held, bg), held, want)
			for _, r := range out {
				gScores, gCodes = append(gScores, gs[r]), append(gCodes, lab[r])
			}
		}
		for d, dense := range denseWeights {
			f := c.scores(c.fitSoftmax(held, k, dense), held, want)
			for _, r := range out {
				b, top, margin := bestTwo(f[r*k : (r+1)*k])
				y := 0.0
				if b == lab[r] {
					y = 1
				}
				xs[d], ys[d] = append(xs[d], [2]float64{top, margin}), append(ys[d], y)
			}
		}
	}
	acc := make([]float64, len(denseWeights))
	for d := range denseWeights {
		var r float64
		for _, y := range ys[d] {
			r += y
		}
		if len(ys[d]) > 0 {
			acc[d] = r / float64(len(ys[d]))
		}
		if calibrateDebug != nil {
			calibrateDebug(denseWeights[d], acc[d], len(ys[d]))
		}
		if calibrateDebugYs != nil {
			calibrateDebugYs(denseWeights[d], ys[d])
		}
	}
	// The word vectors' weight: the first unless another's held-out
	// accuracy beats it by more than one standard error (a few dozen
	// held-out seeds cannot tell weights apart more finely).
	se := math.Sqrt(acc[0] * (1 - acc[0]) / math.Max(1, float64(len(ys[0]))))
	best := 0
	for d := 1; d < len(denseWeights); d++ {
		if acc[d] > acc[0]+se && acc[d] > acc[best] {
			best = d
		}
	}
	if denseOnly {
		return calibration{dense: denseWeights[best]}
	}
	cal := calibration{dense: denseWeights[best], gate: newGate(gScores, gCodes, k)}
	if len(ys[best]) == 0 {
		return cal
	}
	if acc[best] == 0 {
		cal.allWrong = true
		return cal
	}
	// The anchor: a quote the model has no preference for (every code at
	// 1/k, margin 0) has its best code by chance, right one time in k. It
	// keeps the curve falling toward such quotes even when every held-out
	// seed came out right.
	x, y := append(xs[best], [2]float64{1 / float64(k), 0}), append(ys[best], 1/float64(k))
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
