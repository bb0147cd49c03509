package analysis

import (
	"math"
	"math/rand"
	"sort"
)

// Spectral alternative (see Cluster): the documents' kNN graph, its
// leading eigenvectors as coordinates and k-means there; Cluster keeps it
// when its partition has the higher modularity on the graph.
const spectralIters = 30 // subspace iterations

// graph is a symmetric weighted adjacency in compressed rows.
type graph struct {
	ptr []int
	adj []int32
	w   []float64
	deg []float64 // weighted degree
}

// knnGraph symmetrises the neighbour lists nb/nw (each edge weight is the
// mean of its two directions, a one-way edge counts half) and drops
// non-positive similarities.
func knnGraph(nb [][]int32, nw [][]float32) *graph {
	n := len(nb)
	type edge struct {
		i, j int32
		w    float64
	}
	var count int
	for _, l := range nb {
		count += len(l)
	}
	edges := make([]edge, 0, 2*count)
	for i := range nb {
		for q, j := range nb[i] {
			if w := float64(nw[i][q]); w > 0 {
				edges = append(edges, edge{int32(i), j, w / 2}, edge{j, int32(i), w / 2})
			}
		}
	}
	sort.Slice(edges, func(a, b int) bool {
		if edges[a].i != edges[b].i {
			return edges[a].i < edges[b].i
		}
		return edges[a].j < edges[b].j
	})
	g := &graph{ptr: make([]int, n+1), deg: make([]float64, n)}
	for k := 0; k < len(edges); {
		e := edges[k]
		w := 0.0
		for ; k < len(edges) && edges[k].i == e.i && edges[k].j == e.j; k++ {
			w += edges[k].w
		}
		g.adj = append(g.adj, e.j)
		g.w = append(g.w, w)
		g.ptr[e.i+1] = len(g.adj)
		g.deg[e.i] += w
	}
	for i := 1; i <= n; i++ {
		g.ptr[i] = max(g.ptr[i], g.ptr[i-1])
	}
	return g
}

// spectralEmbed returns the d leading eigenvectors of the lazy normalised
// adjacency ½(I + D^-½ W D^-½) of g by subspace iteration, as rows scaled
// to unit length (Ng, Jordan and Weiss), for spherical k-means, and the
// estimated d-th smallest eigenvalue of the normalised Laplacian
// I − D^-½ W D^-½ (0 for d separate components, up to 2).
func spectralEmbed(g *graph, d int, rng *rand.Rand) (densePoints, float64) {
	n := len(g.deg)
	inv := make([]float64, n)
	for i, x := range g.deg {
		if x > 0 {
			inv[i] = 1 / math.Sqrt(x)
		}
	}
	x := make([]float64, n*d)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	y := make([]float64, n*d)
	orthonormalize(x, n, d, 2)
	var lastEig float64
	for it := range spectralIters {
		parallel(n, func(lo, hi, _ int) {
			for i := lo; i < hi; i++ {
				yi := y[i*d : (i+1)*d]
				xi := x[i*d : (i+1)*d]
				for c := range yi {
					yi[c] = 0.5 * xi[c]
				}
				for e := g.ptr[i]; e < g.ptr[i+1]; e++ {
					j := int(g.adj[e])
					w := 0.5 * g.w[e] * inv[i] * inv[j]
					xj := x[j*d : (j+1)*d]
					for c := range yi {
						yi[c] += w * xj[c]
					}
				}
			}
		})
		// One Cholesky-QR pass keeps the columns apart between steps; the
		// last step gets a second for full orthonormality.
		passes := 1
		if it == spectralIters-1 {
			passes = 2
			// Rayleigh quotient of the last (orthonormal) column: its
			// eigenvalue λ of the lazy adjacency, 2(1−λ) of the Laplacian.
			var lam float64
			for i := 0; i < n; i++ {
				lam += x[i*d+d-1] * y[i*d+d-1]
			}
			lastEig = 2 * (1 - lam)
		}
		orthonormalize(y, n, d, passes)
		x, y = y, x
	}
	out := make([]float32, n*d)
	for i := 0; i < n; i++ {
		normalize(x[i*d:(i+1)*d], out[i*d:(i+1)*d])
	}
	return densePoints{d: d, data: out}, lastEig
}

// orthonormalize makes the d columns of the n×d row-major matrix y
// orthonormal: Cholesky-QR done passes times (a second pass repairs what
// the first loses to rounding), falling back to Gram–Schmidt if the Gram
// matrix is not positive definite.
func orthonormalize(y []float64, n, d, passes int) {
	for range passes {
		if !cholQR(y, n, d) {
			gramSchmidt(y, n, d)
			return
		}
	}
}

func cholQR(y []float64, n, d int) bool {
	var part [chunks][]float64
	parallel(n, func(lo, hi, c int) {
		g := make([]float64, d*d)
		for i := lo; i < hi; i++ {
			row := y[i*d : (i+1)*d]
			for a, va := range row {
				if va == 0 {
					continue
				}
				ga := g[a*d:]
				for b := a; b < d; b++ {
					ga[b] += va * row[b]
				}
			}
		}
		part[c] = g
	})
	g := make([]float64, d*d)
	for _, p := range part {
		for k, v := range p {
			g[k] += v
		}
	}
	// Cholesky g = RᵀR with R upper triangular (stored in g's upper half).
	for a := 0; a < d; a++ {
		s := g[a*d+a]
		for k := 0; k < a; k++ {
			s -= g[k*d+a] * g[k*d+a]
		}
		if s <= 1e-12*max(1, g[a*d+a]) {
			return false
		}
		r := math.Sqrt(s)
		g[a*d+a] = r
		for b := a + 1; b < d; b++ {
			t := g[a*d+b]
			for k := 0; k < a; k++ {
				t -= g[k*d+a] * g[k*d+b]
			}
			g[a*d+b] = t / r
		}
	}
	// y ← y R⁻¹, row by row (forward substitution on Rᵀ).
	parallel(n, func(lo, hi, _ int) {
		for i := lo; i < hi; i++ {
			row := y[i*d : (i+1)*d]
			for b := 0; b < d; b++ {
				t := row[b]
				for k := 0; k < b; k++ {
					t -= row[k] * g[k*d+b]
				}
				row[b] = t / g[b*d+b]
			}
		}
	})
	return true
}

func gramSchmidt(y []float64, n, d int) {
	for c := 0; c < d; c++ {
		for p := 0; p < c; p++ {
			var dt float64
			for i := 0; i < n; i++ {
				dt += y[i*d+c] * y[i*d+p]
			}
			for i := 0; i < n; i++ {
				y[i*d+c] -= dt * y[i*d+p]
			}
		}
		var norm float64
		for i := 0; i < n; i++ {
			norm += y[i*d+c] * y[i*d+c]
		}
		if norm == 0 {
			continue
		}
		s := 1 / math.Sqrt(norm)
		for i := 0; i < n; i++ {
			y[i*d+c] *= s
		}
	}
}

// spectral clusters the points into k groups in the spectral coordinates
// of their neighbour graph g (k/2 leading eigenvectors; the best objective of
// restarts k-means++ runs) and returns them as a model over pts: the
// spectral assignment with centroids recomputed in pts's space, so that
// documents outside the sample are assigned by those. It returns nil when
// the graph is too small for k groups.
func spectral(g *graph, pts points, k int, rng *rand.Rand) *model {
	if k < 2 || pts.len() < 4*k || len(g.adj) == 0 {
		return nil
	}
	emb, _ := spectralEmbed(g, max(2, k/2), rng)
	best := bestKmeans(emb, k, rng)
	m := &model{k: k, assign: best.assign, sim: best.sim, cent: make([][]float32, k)}
	for c := range m.cent {
		m.cent[c] = make([]float32, pts.dim())
	}
	m.update(pts)
	return m
}
