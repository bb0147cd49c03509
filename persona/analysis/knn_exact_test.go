package analysis

import (
	"encoding/csv"
	"os"
	"slices"
	"sort"
	"strconv"
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

// TestNeighborsMatchExhaustive checks that the pruned, grouped neighbour
// search returns exactly the neighbours and similarities of scoring every
// pair, with and without word vectors, for several list lengths, on
// generated buyer quotes (many repeated sentences and ties), the same with
// a distinct extra word in each quote (no two rows alike) and real
// labelled sentences.
func TestNeighborsMatchExhaustive(t *testing.T) {
	gen := generate(1500, 60, 7)
	repeats := make([][]persona.Token, len(gen.Quotes))
	distinct := make([][]persona.Token, len(gen.Quotes))
	for i, q := range gen.Quotes {
		repeats[i] = q.Tokens
		distinct[i] = append(slices.Clone(q.Tokens), persona.Token{Text: "w" + strconv.Itoa(i%500), Tag: "NN"})
	}
	var labelled [][]persona.Token
	for _, ex := range readRingEval(t) {
		labelled = append(labelled, plainTokens(ex))
	}
	for _, corpus := range []struct {
		name string
		docs [][]persona.Token
	}{{"repeats", repeats}, {"distinct", distinct}, {"labelled", labelled}} {
		for _, tc := range []struct {
			name string
			vec  *Vectors
			m    int
		}{
			{"vectors m=30", DefaultVectors(), 30},
			{"vectors m=5", DefaultVectors(), 5},
			{"vectors m=1", DefaultVectors(), 1},
			{"vectors m=0", DefaultVectors(), 0},
			{"tfidf only m=30", nil, 30},
		} {
			t.Run(corpus.name+" "+tc.name, func(t *testing.T) {
				s := NewTokenSpace(corpus.docs, tc.vec)
				ids := make([]int, 0, s.Len())
				for i := 0; i < s.Len(); i += 2 { // a subset, as Cluster samples
					if !s.Empty(i) {
						ids = append(ids, i)
					}
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
}

// readRingEval is the text of the labelled ring sentences.
func readRingEval(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/ring_eval.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[0])
	}
	return out
}
