package analysis

import (
	"context"
	"fmt"
	"math"
)

// The coding model (Coder.Code):
//
//  1. Each code's centroid is the normalised sum of its seeds' smoothed
//     rows; every quote scores, per code, the mean of its cosine to the
//     centroid and its cosine to the code's nearest seed.
//  2. The scores spread over the neighbour graph (label spreading, Zhou et
//     al. 2004, started from the centroid scores instead of zeros): each
//     quote's scores become a blend of its own and its neighbours', the
//     seeds held at their code.
//  3. The probability that a quote's best code is right is calibrated on
//     the seeds (calibrate): half of each code's seeds are held out in
//     turn, coded from the other seeds, and a logistic curve maps a
//     held-out seed's best score and its margin over the second best to
//     whether it came out right.
//
// Self-training (confident quotes joining their code's centroid), a
// softmax regression on the seeds, per-code z-scores of the scores and
// re-estimating how common each code is were measured and not kept
// (docs/SEEDED.md).
const (
	// spreadIters bounds the spreading rounds; α^k makes later ones vanish.
	spreadIters = 10
)

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
	f := c.spread(c.cosines(lab, k, cal.dense), lab, k, cal.alpha)
	n := len(lab)
	res := fitResult{best: make([]int, n), conf: make([]float64, n)}
	for r := 0; r < n; r++ {
		b, top, margin := bestTwo(f[r*k : (r+1)*k])
		res.best[r], res.conf[r] = b, cal.prob(top, margin)
	}
	return res, *cal, nil
}

// cosines returns the rows' cosines to the k codes' seed centroids
// (row-major, n×k; -1 for a code without seeds).
func (c *Coder) cosines(lab []int, k int, dense float64) []float32 {
	n := len(lab)
	dim := c.pts.dim()
	sums := make([][]float64, k)
	for j := range sums {
		sums[j] = make([]float64, dim)
	}
	has := make([]bool, k)
	for r, l := range lab {
		if l >= 0 {
			c.addScaled(r, 1, sums[l])
			has[l] = true
		}
	}
	cent := make([][]float32, k)
	for j, s := range sums {
		cent[j] = c.weighted(unit32(s), dense)
	}
	s := make([]float32, n*k)
	parallel(n, func(lo, hi, _ int) {
		for r := lo; r < hi; r++ {
			row := s[r*k : (r+1)*k]
			for j := range cent {
				if has[j] {
					row[j] = c.pts.dot(r, cent[j])
				} else {
					row[j] = -1
				}
			}
		}
	})
	// Blend in the nearest seed of each code.
	near := c.nearestSeeds(lab, k, dense)
	for q, v := range near {
		s[q] = (s[q] + v) / 2
	}
	return s
}

// nearestSeeds returns each row's cosine to the most similar seed of each
// code other than the row itself (row-major, n×k; -1 for a code without
// seeds). A code whose quotes speak of several things is then near every
// quote like one of its seeds, not only those like their mean.
func (c *Coder) nearestSeeds(lab []int, k int, dense float64) []float32 {
	n := len(lab)
	var seedRows []int
	var cols [][]float32
	for r, l := range lab {
		if l >= 0 {
			seedRows, cols = append(seedRows, r), append(cols, c.seedColumn(r, dense))
		}
	}
	out := make([]float32, n*k)
	for q := range out {
		out[q] = -1
	}
	parallel(n, func(lo, hi, _ int) {
		for r := lo; r < hi; r++ {
			row := out[r*k : (r+1)*k]
			for q, sr := range seedRows {
				if sr != r {
					row[lab[sr]] = max(row[lab[sr]], cols[q][r])
				}
			}
		}
	})
	return out
}

// seedColumn is every row's cosine to row r, computed once per Coder and
// kept: the seeds change little between codings (calibration folds, a
// researcher's next decision).
func (c *Coder) seedColumn(r int, dense float64) []float32 {
	key := seedCol{r, dense}
	c.mu.Lock()
	col, ok := c.cols[key]
	c.mu.Unlock()
	if ok {
		return col
	}
	v := make([]float64, c.pts.dim())
	c.addScaled(r, 1, v)
	vec := c.weighted(unit32(v), dense)
	col = make([]float32, len(c.pts.ids))
	parallel(len(col), func(lo, hi, _ int) {
		for o := lo; o < hi; o++ {
			col[o] = c.pts.dot(o, vec)
		}
	})
	c.mu.Lock()
	c.cols[key] = col
	c.mu.Unlock()
	return col
}

// spread is label spreading of the scores s over the neighbour graph:
// F ← (1−α)·S + α·W·F with W each row's neighbour similarities normalised
// to sum 1, seeds held at 1 for their code and 0 elsewhere.
func (c *Coder) spread(cos []float32, lab []int, k int, alpha float64) []float32 {
	n := len(lab)
	s := append([]float32(nil), cos...)
	for r, l := range lab {
		if l >= 0 {
			row := s[r*k : (r+1)*k]
			clear(row)
			row[l] = 1
		}
	}
	f := append([]float32(nil), s...)
	next := make([]float32, len(f))
	for range spreadIters {
		parallel(n, func(lo, hi, _ int) {
			for r := lo; r < hi; r++ {
				out := next[r*k : (r+1)*k]
				if lab[r] >= 0 {
					copy(out, f[r*k:(r+1)*k])
					continue
				}
				var tot float32
				for _, w := range c.nw[r] {
					if w > 0 {
						tot += w
					}
				}
				own := s[r*k : (r+1)*k]
				for j := range out {
					out[j] = float32(1-alpha) * own[j]
				}
				if tot == 0 {
					for j := range out {
						out[j] += float32(alpha) * f[r*k+j]
					}
					continue
				}
				for q, o := range c.nb[r] {
					w := c.nw[r][q]
					if w <= 0 {
						continue
					}
					a := float32(alpha) * w / tot
					src := f[int(o)*k : (int(o)+1)*k]
					for j := range out {
						out[j] += a * src[j]
					}
				}
			}
		})
		f, next = next, f
	}
	return f
}

// unit32 is s scaled to unit length, as float32; zero stays zero.
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

// addScaled adds w times row r to sum.
func (c *Coder) addScaled(r int, w float64, sum []float64) {
	p := c.pts
	idx, val, dr := p.s.parts(p.ids[r])
	for q, j := range idx {
		sum[j] += w * float64(val[q])
	}
	for q, x := range dr {
		sum[p.s.sparseDim+q] += w * float64(x)
	}
}

// seedCol keys a cached seed column: the seed's row and the word
// vectors' weight.
type seedCol struct {
	row   int
	dense float64
}

// weighted scales a unit vector's word-vector part by 2·dense and its
// TF-IDF part by 2·(1−dense), in place: a row's cosine to it is then
// 2·((1−dense)·its TF-IDF dot + dense·its vector dot), the plain cosine
// at dense ½ (the two parts are joined at equal weight).
func (c *Coder) weighted(v []float32, dense float64) []float32 {
	if dense == 0.5 {
		return v
	}
	sd := c.pts.s.sparseDim
	ws, wd := float32(2*(1-dense)), float32(2*dense)
	for j := range v {
		if j < sd {
			v[j] *= ws
		} else {
			v[j] *= wd
		}
	}
	return v
}
