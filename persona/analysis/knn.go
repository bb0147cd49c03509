package analysis

import "sort"

// neighbors finds, for each of documents ids of s, its m most similar
// other documents among ids (by cosine), using an inverted index over the
// TF-IDF features: candidates share a term with the document and are
// ranked by their full cosine, word-vector part included. It returns them as positions in ids with their similarities, best first.
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
	// Each row's dense part (the word-vector half) once, not per pair.
	dense := make([][]float32, n)
	for r, i := range ids {
		dense[r] = s.denseRow(i)
	}
	nb := make([][]int32, n)
	nw := make([][]float32, n)
	parallel(n, func(lo, hi, _ int) {
		score := make([]float32, n)
		var touched []int32
		top := make([]neighbor, 0, m+1)
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
			for _, o := range touched {
				if int(o) != r && score[o] > 0 {
					sc := score[o]
					if dr != nil && dense[o] != nil {
						sc += dot32(dr, dense[o])
					}
					top = keepBest(top, neighbor{o, sc}, m)
				}
				score[o] = 0
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
