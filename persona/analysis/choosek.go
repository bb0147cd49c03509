package analysis

import (
	"math"
	"math/rand"
)

// chooseK picks k without labels by over-clustering and merging: k-means
// with 2·√n clusters (within the bounds), then clusters are merged while
// some pair's centroids are more similar than chance for their sizes (see
// merge), while k exceeds opt.MaxK, and never below opt.MinK. The merged
// centroids seed a final k-means.
func chooseK(p points, opt ClusterOptions, rng *rand.Rand) *model {
	n := p.len()
	lo := max(1, opt.MinK)
	hi := n
	if opt.MaxK > 0 {
		hi = min(hi, opt.MaxK)
	}
	lo = min(lo, hi)
	over := int(math.Ceil(2 * math.Sqrt(float64(n))))
	if opt.MaxK > 0 {
		over = min(over, 2*opt.MaxK)
	}
	over = max(over, lo)
	over = min(over, n)
	m := kmeans(p, over, rng, maxIter)
	cent := merge(p, m, lo, hi)
	f := &model{k: len(cent), cent: cent}
	f.refine(p, maxIter)
	return f
}

// merge agglomerates m's clusters over the points p: the pair whose
// centroid cosine most exceeds nullCos for their sizes is merged, again
// and again, while some pair exceeds it (and while k exceeds hi; never
// below lo). It returns the merged unit centroids (normalised member sums).
//
// Two groups are one theme when their centroids are at least as similar
// as those of two groups of the same sizes drawn at random from the same
// documents: the bar comes from the data (the documents' mean pairwise
// cosine) and the sizes, so nothing is tuned. It rises with the sizes (a
// random group's centroid tends to the corpus mean), which keeps large
// distinct themes apart and lets small fragments of one theme join.
func merge(p points, m *model, lo, hi int) [][]float32 {
	K := m.k
	sums := make([][]float64, K)
	for k := range sums {
		sums[k] = make([]float64, p.dim())
	}
	size := make([]float64, K)
	for i, a := range m.assign {
		p.addTo(i, sums[a])
		size[a]++
	}
	n := float64(p.len())
	total := make([]float64, p.dim())
	for _, s := range sums {
		for j, x := range s {
			total[j] += x
		}
	}
	rho := 0.0
	if n > 1 {
		rho = (dot64(total, total) - n) / (n * (n - 1))
	}
	gram := make([][]float64, K)
	for a := range gram {
		gram[a] = make([]float64, K)
	}
	parallel(K, func(lo, hi, _ int) {
		for a := lo; a < hi; a++ {
			for b := 0; b <= a; b++ {
				gram[a][b] = dot64(sums[a], sums[b])
			}
		}
	})
	for a := range gram {
		for b := 0; b < a; b++ {
			gram[b][a] = gram[a][b]
		}
	}
	alive := make([]bool, K)
	left := 0
	for a := range alive {
		alive[a] = size[a] > 0
		if alive[a] {
			left++
		}
	}
	excess := func(a, b int) float64 {
		c := gram[a][b] / math.Sqrt(gram[a][a]*gram[b][b])
		return c - nullCos(size[a], size[b], rho)
	}
	for ; left > lo; left-- {
		ba, bb, bs := -1, -1, math.Inf(-1)
		for a := 0; a < K; a++ {
			for b := a + 1; alive[a] && b < K; b++ {
				if alive[b] {
					if e := excess(a, b); e > bs {
						ba, bb, bs = a, b, e
					}
				}
			}
		}
		if ba < 0 || (bs <= 0 && left <= hi) {
			break
		}
		for j, x := range sums[bb] {
			sums[ba][j] += x
		}
		for o := 0; o < K; o++ {
			gram[ba][o] += gram[bb][o]
		}
		for o := 0; o < K; o++ {
			gram[o][ba] = gram[ba][o]
		}
		gram[ba][ba] = gram[ba][ba] + gram[bb][ba] // ‖Sa+Sb‖² = Gaa+2Gab+Gbb
		size[ba] += size[bb]
		alive[bb] = false
	}
	var out [][]float32
	for a := 0; a < K; a++ {
		if alive[a] {
			c := make([]float32, p.dim())
			normalize(sums[a], c)
			out = append(out, c)
		}
	}
	return out
}

// nullCos is the expected cosine between the centroids (member sums) of
// two disjoint groups of na and nb unit vectors drawn at random from a
// set whose distinct members have mean cosine rho: E[Sa·Sb] = na·nb·rho
// over √(E‖Sa‖²·E‖Sb‖²), E‖S‖² = n + n(n−1)·rho.
func nullCos(na, nb, rho float64) float64 {
	if rho <= 0 {
		return 0
	}
	return na * nb * rho / math.Sqrt((na+na*(na-1)*rho)*(nb+nb*(nb-1)*rho))
}

func dot64(a, b []float64) float64 {
	var s float64
	for j := range a {
		s += a[j] * b[j]
	}
	return s
}

// modularity is the modularity of the partition assign of g's nodes
// (Newman 2004): Σ over groups of (internal weight / 2m − (degree / 2m)²).
func modularity(g *graph, assign []int, k int) float64 {
	in := make([]float64, k)
	deg := make([]float64, k)
	var total float64
	for i := range g.deg {
		a := assign[i]
		for e := g.ptr[i]; e < g.ptr[i+1]; e++ {
			if assign[g.adj[e]] == a {
				in[a] += g.w[e]
			}
		}
		deg[a] += g.deg[i]
		total += g.deg[i]
	}
	if total == 0 {
		return 0
	}
	var q float64
	for c := range in {
		q += in[c]/total - (deg[c]/total)*(deg[c]/total)
	}
	return q
}
