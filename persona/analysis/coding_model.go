package analysis

import (
	"context"
	"fmt"
	"math"
)

// The coding model (Coder.Code):
//
//  1. A softmax regression (coding_softmax.go) is fitted on the seeds'
//     rows: the smoothed TF-IDF and word-vector rows of the theme
//     clustering, with the word vectors' weight the seeds chose. Every
//     other quote gets each code's probability.
//  2. The probability that a quote's best code is right is calibrated on
//     the seeds (calibrate): half of each code's seeds are held out in
//     turn, coded from the other seeds, and a logistic curve maps a
//     held-out seed's best probability and its margin over the second best
//     to whether it came out right.
//
// Before session seeded7 the scores were each quote's cosine to the codes'
// seed centroids (blended with the nearest seed) spread over the
// neighbour graph (label spreading, Zhou et al. 2004). The regression is
// right more often on every set of the suite, and spreading its
// probabilities, or self-training on confident quotes, lowers it
// (docs/SEEDED.md). Earlier sessions measured self-training on centroids,
// per-code z-scores and re-estimating how common each code is, and did
// not keep them either.

// fitResult is each row's best code and the calibrated probability that
// it is right.
type fitResult struct {
	best []int
	conf []float64
}

// fit codes every row from lab (each row's seeded code or -1) over k
// codes, with cal or, when nil, a calibration measured on these seeds.
func (c *Coder) fit(ctx context.Context, lab []int, k int, cal *calibration) (fitResult, calibration, error) {
	if cal == nil {
		m := c.calibrate(lab, k)
		cal = &m
	}
	if err := ctx.Err(); err != nil {
		return fitResult{}, calibration{}, fmt.Errorf("analysis: code: %w", err)
	}
	f := c.scores(c.fitSoftmax(lab, k, cal.dense), lab, nil)
	n := len(lab)
	res := fitResult{best: make([]int, n), conf: make([]float64, n)}
	for r := 0; r < n; r++ {
		b, top, margin := bestTwo(f[r*k : (r+1)*k])
		res.best[r], res.conf[r] = b, cal.prob(top, margin)
	}
	if cal.gate.c != nil && !gateOff {
		bg := background(lab)
		gs := c.codebookScores(c.gateModel(lab, bg), lab, nil)
		pi := cal.gate.share(gs, res.best, bg)
		if gateDebug != nil {
			gateDebug(pi)
		}
		for r := 0; r < n; r++ {
			if lab[r] < 0 {
				res.conf[r] = cal.gate.apply(res.conf[r], pi, cal.gate.ratio(gs[r], res.best[r]))
			}
		}
	}
	return res, *cal, nil
}

// bestTwo is the index of the highest score, that score, and its margin
// over the second highest (the score itself when there is one code).
func bestTwo(row []float32) (best int, top, margin float64) {
	first, second := math.Inf(-1), math.Inf(-1)
	for j, v := range row {
		x := float64(v)
		switch {
		case x > first:
			second, first, best = first, x, j
		case x > second:
			second = x
		}
	}
	if math.IsInf(second, -1) {
		second = 0
	}
	return best, first, first - second
}

// influence is each row's weight in the neighbour graph: how much the
// rows that list it as a neighbour lean on it (the sum of its normalised
// in-edge weights), scaled so the largest is 1.
func influence(nb [][]int32, nw [][]float32) []float64 {
	in := make([]float64, len(nb))
	for r := range nb {
		var tot float64
		for _, w := range nw[r] {
			if w > 0 {
				tot += float64(w)
			}
		}
		if tot == 0 {
			continue
		}
		for q, o := range nb[r] {
			if w := nw[r][q]; w > 0 {
				in[o] += float64(w) / tot
			}
		}
	}
	var hi float64
	for _, x := range in {
		hi = max(hi, x)
	}
	if hi > 0 {
		for r := range in {
			in[r] /= hi
		}
	}
	return in
}
