package analysis

import (
	"encoding/binary"
	"math"
	"sort"
)

// neighbors finds, for each of documents ids of s, its m most similar
// other documents among ids (by cosine), using an inverted index over the
// TF-IDF features: candidates share a term with the document and are
// ranked by their full cosine, word-vector part included. It returns them as positions in ids with their similarities, best first.
//
// The word-vector part is most of the cost (a 100-dimension dot product
// per candidate pair), so it is computed only for candidates that can
// still make the list: the m candidates of highest TF-IDF score are
// scored first, and any other whose TF-IDF score plus the Cauchy–Schwarz
// bound on its word-vector part (the product of the two parts' norms,
// with a margin for float32 rounding) falls below the m-th best so far is
// skipped. Rows whose word-vector parts are identical (repeated
// sentences) share one product per row. The result is exactly that of
// scoring every candidate.
func neighbors(s *Space, ids []int, m int) ([][]int32, [][]float32) {
	n := len(ids)
	post := make([][]int32, s.Dim())
	postW := make([][]float32, s.Dim())
	for r, i := range ids {
		idx, val := s.sparseRow(i)
		for k, j := range idx {
			post[j] = append(post[j], int32(r))
			postW[j] = append(postW[j], val[k])
		}
	}
	// Each row's dense part (the word-vector half) once, not per pair,
	// with its norm for the bound.
	dense := make([][]float32, n)
	dnorm := make([]float64, n)
	for r, i := range ids {
		dense[r] = s.denseRow(i)
		var sq float64
		for _, x := range dense[r] {
			sq += float64(x) * float64(x)
		}
		dnorm[r] = math.Sqrt(sq)
	}
	canon := sameDense(dense)
	nb := make([][]int32, n)
	nw := make([][]float32, n)
	parallel(n, func(lo, hi, _ int) {
		score := make([]float32, n)
		done := make([]bool, n)
		// memo[c] is the row's dot product with dense row c, valid when
		// stamp[c] is the row's own stamp: rows with equal dense parts
		// (repeated sentences) share one product.
		memo := make([]float32, n)
		stamp := make([]int32, n)
		var touched []int32
		top := make([]neighbor, 0, m+1)
		first := make([]neighbor, 0, m+1)
		for r := lo; r < hi; r++ {
			touched = touched[:0]
			idx, val := s.sparseRow(ids[r])
			for k, j := range idx {
				w := val[k]
				for p, o := range post[j] {
					if score[o] == 0 {
						touched = append(touched, o)
					}
					score[o] += w * postW[j][p]
				}
			}
			top = top[:0]
			dr := dense[r]
			full := func(o int32) float32 {
				sc := score[o]
				if dr != nil && dense[o] != nil {
					c := canon[o]
					if stamp[c] != int32(r)+1 {
						memo[c], stamp[c] = dot32(dr, dense[c]), int32(r)+1
					}
					sc += memo[c]
				}
				return sc
			}
			// The m best by TF-IDF score alone set a first bar.
			first = first[:0]
			for _, o := range touched {
				if int(o) != r && score[o] > 0 {
					first = keepBest(first, neighbor{o, score[o]}, m)
				}
			}
			for _, c := range first {
				top = keepBest(top, neighbor{c.r, full(c.r)}, m)
				done[c.r] = true
			}
			for _, o := range touched {
				if int(o) != r && score[o] > 0 && !done[o] {
					if len(top) == m && dr != nil && dense[o] != nil &&
						float64(score[o])+denseBound(dnorm[r], dnorm[o]) < float64(top[m-1].s) {
						score[o] = 0
						continue
					}
					top = keepBest(top, neighbor{o, full(o)}, m)
				}
				score[o] = 0
			}
			for _, c := range first {
				done[c.r] = false
			}
			nb[r] = make([]int32, len(top))
			nw[r] = make([]float32, len(top))
			for q, c := range top {
				nb[r][q], nw[r][q] = c.r, c.s
			}
		}
	})
	return nb, nw
}

// sameDense maps each row to the first row whose dense part is
// bit-for-bit the same (itself when none is), so their dot products with
// any row are the same float32 value.
func sameDense(dense [][]float32) []int32 {
	canon := make([]int32, len(dense))
	first := make(map[string]int32, len(dense))
	var key []byte
	for r, d := range dense {
		canon[r] = int32(r)
		if d == nil {
			continue
		}
		key = key[:0]
		for _, x := range d {
			key = binary.LittleEndian.AppendUint32(key, math.Float32bits(x))
		}
		if c, ok := first[string(key)]; ok {
			canon[r] = c
		} else {
			first[string(key)] = int32(r)
		}
	}
	return canon
}

// denseBound bounds from above what the float32 dot product of two
// vectors of norms a and b, added to a float32 score, can contribute:
// Cauchy–Schwarz plus a margin far above float32 rounding over 100 terms.
func denseBound(a, b float64) float64 {
	return a*b*(1+1e-4) + 1e-5
}

// neighbor is a candidate row and its similarity.
type neighbor struct {
	r int32
	s float32
}

// before orders neighbours by similarity, then row, so ties are
// deterministic.
func (a neighbor) before(b neighbor) bool {
	if a.s != b.s {
		return a.s > b.s
	}
	return a.r < b.r
}

// keepBest inserts c into top, which holds at most m neighbours in order,
// and drops the worst past m: a bounded insertion instead of sorting every
// candidate of a row.
func keepBest(top []neighbor, c neighbor, m int) []neighbor {
	if m <= 0 || (len(top) == m && !c.before(top[m-1])) {
		return top
	}
	i := sort.Search(len(top), func(i int) bool { return c.before(top[i]) })
	if len(top) < m {
		top = append(top, neighbor{})
	}
	copy(top[i+1:], top[i:len(top)-1])
	top[i] = c
	return top
}
