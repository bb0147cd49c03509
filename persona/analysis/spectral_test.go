package analysis

import (
	"math"
	"math/rand"
	"testing"
)

// twoTriangles is the graph of two triangles {0,1,2} and {3,4,5} joined by
// the edge 2–3, every weight 1, as neighbour lists in both directions.
func twoTriangles() ([][]int32, [][]float32) {
	edges := [][2]int32{{0, 1}, {0, 2}, {1, 2}, {3, 4}, {3, 5}, {4, 5}, {2, 3}}
	nb := make([][]int32, 6)
	nw := make([][]float32, 6)
	for _, e := range edges {
		nb[e[0]] = append(nb[e[0]], e[1])
		nw[e[0]] = append(nw[e[0]], 1)
		nb[e[1]] = append(nb[e[1]], e[0])
		nw[e[1]] = append(nw[e[1]], 1)
	}
	return nb, nw
}

func TestModularity(t *testing.T) {
	g := knnGraph(twoTriangles())
	// Worked by hand: 7 edges; the triangles hold 6 of them (12/14 of the
	// degree), each triangle has degree 7 of 14: Q = 12/14 − 2·(1/2)² = 5/14.
	tests := []struct {
		name   string
		assign []int
		k      int
		want   float64
	}{
		{"triangles", []int{0, 0, 0, 1, 1, 1}, 2, 5.0 / 14},
		{"one group", []int{0, 0, 0, 0, 0, 0}, 1, 0},
		// {0,1} and {2,3,4,5}: inside 1 + 4 edges = 10/14; degrees 4 and 10.
		{"cut through a triangle", []int{0, 0, 1, 1, 1, 1}, 2, 10.0/14 - (4.0/14)*(4.0/14) - (10.0/14)*(10.0/14)},
	}
	for _, tt := range tests {
		if got := g.modularity(tt.assign, tt.k); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: modularity = %v; want %v", tt.name, got, tt.want)
		}
	}
}

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
	emb := spectralEmbed(knnGraph(nb, nw), groups, rand.New(rand.NewSource(1)))
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
