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
	nb := make([][]int32, n)
	nw := make([][]float32, n)
	parallel(n, func(lo, hi, _ int) {
		score := make([]float32, n)
		var touched []int32
		type cand struct {
			r int32
			s float32
		}
		var cands []cand
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
			cands = cands[:0]
			dr := s.denseRow(ids[r])
			for _, o := range touched {
				if int(o) != r && score[o] > 0 {
					sc := score[o]
					if dr != nil {
						if do := s.denseRow(ids[o]); do != nil {
							sc += dot32(dr, do)
						}
					}
					cands = append(cands, cand{o, sc})
				}
				score[o] = 0
			}
			sort.Slice(cands, func(a, b int) bool {
				if cands[a].s != cands[b].s {
					return cands[a].s > cands[b].s
				}
				return cands[a].r < cands[b].r
			})
			c := min(m, len(cands))
			nb[r] = make([]int32, c)
			nw[r] = make([]float32, c)
			for q := 0; q < c; q++ {
				nb[r][q], nw[r][q] = cands[q].r, cands[q].s
			}
		}
	})
	return nb, nw
}
