package analysis

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
)

// exhaustiveNeighbors scores every pair that shares a TF-IDF feature with
// its full cosine (TF-IDF part summed in the row's feature order, as the
// inverted index does, plus the word-vector dot product) and keeps the m
// best: what neighbors must return, however it prunes.
func exhaustiveNeighbors(s *Space, ids []int, m int) ([][]int32, [][]float32) {
	nb := make([][]int32, len(ids))
	nw := make([][]float32, len(ids))
	for r, i := range ids {
		ai, av := s.sparseRow(i)
		var cands []neighbor
		for o, j := range ids {
			if o == r {
				continue
			}
			bi, bv := s.sparseRow(j)
			var sc float32
			for k, t := range ai {
				if p := sort.Search(len(bi), func(p int) bool { return bi[p] >= t }); p < len(bi) && bi[p] == t {
					sc += av[k] * bv[p]
				}
			}
			if sc <= 0 {
				continue
			}
			if dr, do := s.denseRow(i), s.denseRow(j); dr != nil && do != nil {
				sc += dot32(dr, do)
			}
			cands = append(cands, neighbor{int32(o), sc})
		}
		sort.Slice(cands, func(a, b int) bool { return cands[a].before(cands[b]) })
		cands = cands[:min(m, len(cands))]
		nb[r] = make([]int32, len(cands))
		nw[r] = make([]float32, len(cands))
		for q, c := range cands {
			nb[r][q], nw[r][q] = c.r, c.s
		}
	}
	return nb, nw
}

// TestNeighborsMatchExhaustive checks that the pruned neighbour search
// returns exactly the neighbours and similarities of scoring every pair,
// with and without word vectors, on generated buyer quotes (many ties and
// near-duplicates) for several list lengths.
func TestNeighborsMatchExhaustive(t *testing.T) {
	in := generate(1500, 60, 7)
	for _, tc := range []struct {
		name string
		vec  *Vectors
		m    int
	}{
		{"vectors m=30", DefaultVectors(), 30},
		{"vectors m=5", DefaultVectors(), 5},
		{"vectors m=1", DefaultVectors(), 1},
		{"tfidf only m=30", nil, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs := make([][]persona.Token, len(in.Quotes))
			for i, q := range in.Quotes {
				docs[i] = q.Tokens
			}
			s := NewTokenSpace(docs, tc.vec)
			ids := make([]int, 0, s.Len())
			for i := 0; i < s.Len(); i += 2 { // a subset, as Cluster samples
				ids = append(ids, i)
			}
			gotB, gotW := neighbors(s, ids, tc.m)
			wantB, wantW := exhaustiveNeighbors(s, ids, tc.m)
			if diff := cmp.Diff(wantB, gotB); diff != "" {
				t.Errorf("neighbour rows differ from exhaustive scoring (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantW, gotW); diff != "" {
				t.Errorf("neighbour similarities differ from exhaustive scoring (-want +got):\n%s", diff)
			}
		})
	}
}
