package analysis

import (
	"math"
	"math/rand"
	"testing"
)

func TestKNNGraphSymmetrises(t *testing.T) {
	// A one-way edge 0→1 of weight 0.8 counts half each way; a two-way
	// edge 1↔2 with weights 0.6 and 0.4 becomes their mean.
	g := knnGraph([][]int32{{1}, {2}, {1}}, [][]float32{{0.8}, {0.6}, {0.4}})
	want := map[[2]int]float64{{0, 1}: 0.4, {1, 0}: 0.4, {1, 2}: 0.5, {2, 1}: 0.5}
	got := map[[2]int]float64{}
	for i := range g.deg {
		for e := g.ptr[i]; e < g.ptr[i+1]; e++ {
			got[[2]int{i, int(g.adj[e])}] = g.w[e]
		}
	}
	if len(got) != len(want) {
		t.Fatalf("edges = %v; want %v", got, want)
	}
	for e, w := range want {
		if math.Abs(got[e]-w) > 1e-6 {
			t.Errorf("edge %v weight %v; want %v", e, got[e], w)
		}
	}
}

func TestSpectralEmbedSeparatesCliques(t *testing.T) {
	// Three cliques of 20 joined in a ring by single weak edges: in the
	// spectral coordinates each clique is a tight group, far from the others.
	const size, groups = 20, 3
	n := size * groups
	nb := make([][]int32, n)
	nw := make([][]float32, n)
	link := func(a, b int, w float32) {
		nb[a] = append(nb[a], int32(b))
		nw[a] = append(nw[a], w)
	}
	for c := range groups {
		for a := range size {
			for b := range size {
				if a != b {
					link(c*size+a, c*size+b, 1)
				}
			}
		}
		link(c*size, ((c+1)%groups)*size+1, 0.1)
	}
	emb, eig := spectralEmbed(knnGraph(nb, nw), groups, rand.New(rand.NewSource(1)))
	if eig > 0.1 {
		t.Errorf("third Laplacian eigenvalue %.3f; want near 0 for three weakly joined cliques", eig)
	}
	for i := range n {
		for j := range n {
			cos := float64(dot32(emb.row(i), emb.row(j)))
			if same := i/size == j/size; same && cos < 0.9 || !same && cos > 0.5 {
				t.Fatalf("cos(%d, %d) = %.3f (same clique: %v)", i, j, cos, same)
			}
		}
	}
	m := kmeans(emb, groups, rand.New(rand.NewSource(1)), maxIter)
	truth := make([]int, n)
	for i := range truth {
		truth[i] = i / size
	}
	if ari := ARI(truth, m.assign); ari != 1 {
		t.Errorf("k-means in spectral coordinates: ARI %v; want 1", ari)
	}
}

func TestOrthonormalize(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	const n, d = 500, 7
	y := make([]float64, n*d)
	for i := range y {
		y[i] = rng.NormFloat64()
	}
	orthonormalize(y, n, d, 2)
	for a := range d {
		for b := range d {
			var s float64
			for i := range n {
				s += y[i*d+a] * y[i*d+b]
			}
			want := 0.0
			if a == b {
				want = 1
			}
			if math.Abs(s-want) > 1e-9 {
				t.Errorf("column %d · column %d = %v; want %v", a, b, s, want)
			}
		}
	}
}
