package analysis

import (
	"encoding/binary"
	"math"
	"slices"
	"sort"
)

// neighbors finds, for each of documents ids of s, its m most similar
// other documents among ids (by cosine), using an inverted index over the
// TF-IDF features: candidates share a term with the document and are
// ranked by their full cosine, word-vector part included. It returns them
// as positions in ids with their similarities, best first.
//
// Two things keep it fast without changing the result, which is exactly
// that of scoring every candidate pair (TestNeighborsMatchExhaustive):
//
//   - Rows that are identical (repeated sentences) are scored once, as one
//     group: a group's members have the same similarity to any row, tie
//     in member order, and a row's list is its group's m+1 best without
//     the row itself.
//   - The word-vector part is most of the cost (a 100-dimension dot
//     product per candidate), so it is computed only for candidates that
//     can still make the list: the groups of highest TF-IDF score are
//     scored first, and any other whose TF-IDF score plus the
//     Cauchy–Schwarz bound on its word-vector part (the product of the two
//     parts' norms, with a margin far above float32 rounding) falls below
//     the worst kept so far is skipped.
func neighbors(s *Space, ids []int, m int) ([][]int32, [][]float32) {
	n := len(ids)
	nb := make([][]int32, n)
	nw := make([][]float32, n)
	g := sameRows(s, ids)
	ng := len(g.rep)
	post := make([][]int32, s.Dim())
	postW := make([][]float32, s.Dim())
	dense := make([][]float32, ng)
	dnorm := make([]float64, ng)
	for u, r := range g.rep {
		idx, val := s.sparseRow(ids[r])
		for k, j := range idx {
			post[j] = append(post[j], int32(u))
			postW[j] = append(postW[j], val[k])
		}
		dense[u] = s.denseRow(ids[r])
		var sq float64
		for _, x := range dense[u] {
			sq += float64(x) * float64(x)
		}
		dnorm[u] = math.Sqrt(sq)
	}
	keep := m + 1 // a row's own group may hold the row itself
	parallel(ng, func(lo, hi, _ int) {
		score := make([]float32, ng)
		done := make([]bool, ng)
		var touched []int32
		top := make([]neighbor, 0, keep+1)
		first := make([]neighbor, 0, keep+1)
		for u := lo; u < hi; u++ {
			touched = touched[:0]
			idx, val := s.sparseRow(ids[g.rep[u]])
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
			du := dense[u]
			full := func(o int32) float32 {
				sc := score[o]
				if du != nil && dense[o] != nil {
					sc += dot32(du, dense[o])
				}
				return sc
			}
			// add offers a group's members, lowest row first: once one is
			// turned away, the rest (same score, higher rows) would be too.
			add := func(o int32, sc float32) {
				for _, r := range g.members[o] {
					c := neighbor{r, sc}
					if m <= 0 || (len(top) == keep && !c.before(top[keep-1])) {
						return
					}
					top = keepBest(top, c, keep)
				}
			}
			// The groups best by TF-IDF score alone set a first bar.
			first = first[:0]
			for _, o := range touched {
				if score[o] > 0 {
					first = keepBest(first, neighbor{o, score[o]}, keep)
				}
			}
			for _, c := range first {
				add(c.r, full(c.r))
				done[c.r] = true
			}
			for _, o := range touched {
				if score[o] > 0 && !done[o] {
					if len(top) == keep && du != nil && dense[o] != nil &&
						float64(score[o])+denseBound(dnorm[u], dnorm[o]) < float64(top[keep-1].s) {
						score[o] = 0
						continue
					}
					add(o, full(o))
				}
				score[o] = 0
			}
			for _, c := range first {
				done[c.r] = false
			}
			for _, r := range g.members[u] {
				nb[r], nw[r] = without(top, r, m)
			}
		}
	})
	return nb, nw
}

// without is the first m of top (best first) leaving out row r.
func without(top []neighbor, r int32, m int) ([]int32, []float32) {
	k := min(len(top), m)
	if slices.ContainsFunc(top, func(c neighbor) bool { return c.r == r }) {
		k = min(len(top)-1, m)
	}
	rows, sims := make([]int32, 0, k), make([]float32, 0, k)
	for _, c := range top {
		if len(rows) == k {
			break
		}
		if c.r != r {
			rows, sims = append(rows, c.r), append(sims, c.s)
		}
	}
	return rows, sims
}

// rowGroups are the distinct rows of a set: each group's first row (a
// position in the set) and its members in ascending order.
type rowGroups struct {
	rep     []int
	members [][]int32
}

// sameRows groups documents ids of s whose rows (features and weights) are
// bit-for-bit the same.
func sameRows(s *Space, ids []int) rowGroups {
	var g rowGroups
	group := make(map[string]int, len(ids))
	var key []byte
	for r, i := range ids {
		idx, val, dr := s.parts(i)
		key = binary.LittleEndian.AppendUint32(key[:0], uint32(len(idx)))
		for k, j := range idx {
			key = binary.LittleEndian.AppendUint32(key, uint32(j))
			key = binary.LittleEndian.AppendUint32(key, math.Float32bits(val[k]))
		}
		for _, x := range dr {
			key = binary.LittleEndian.AppendUint32(key, math.Float32bits(x))
		}
		u, ok := group[string(key)]
		if !ok {
			u = len(g.rep)
			group[string(key)] = u
			g.rep = append(g.rep, r)
			g.members = append(g.members, nil)
		}
		g.members[u] = append(g.members[u], int32(r))
	}
	return g
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
