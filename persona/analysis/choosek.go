package analysis

import (
	"math"
	"math/rand"
)

// chooseK picks k without labels by over-clustering and merging: k-means
// with 2·√n clusters (within the bounds), then clusters are merged while
// some pair is nearer to one group than to chance (see merge), while k
// exceeds opt.MaxK, and never below opt.MinK. The merged centroids seed a
// final k-means.
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

// merge agglomerates m's clusters over the points p: the pair with the
// highest affinity (see affinity) is merged, again and again, while some
// pair's affinity is positive (and while k exceeds hi; never below lo). It
// returns the merged unit centroids (normalised member sums).
//
// Two groups are one theme when the mean cosine between their members is
// nearer to the mean cosine within them than to the mean cosine of two
// documents drawn at random (ρ, measured on the data). Every quantity is a
// mean over pairs of documents, so the rule does not depend on the groups'
// sizes, and nothing is tuned. (The rule it replaces, centroid cosine above
// that of two random groups of the same sizes, let related themes merge
// while they were small and kept them apart once large, so the k it chose
// grew with the number of documents, about 0.6·√n on every set of the
// suite whatever its labels: docs/GROUPING.md, session grouping7.)
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
	for ; left > lo; left-- {
		ba, bb, bs := -1, -1, math.Inf(-1)
		for a := 0; a < K; a++ {
			for b := a + 1; alive[a] && b < K; b++ {
				if alive[b] {
					if e := affinity(gram, size, rho, a, b); e > bs {
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

// affinity of groups a and b, given the Gram matrix of their member sums
// over unit vectors, their sizes and the mean cosine rho of two distinct
// documents: (ρab − ρ) − (ρw − ρab), where ρab is the mean cosine between a
// member of a and one of b and ρw the mean of the two groups' own mean
// cosines between distinct members. Positive when ρab is nearer to ρw than
// to chance. A group of one has no pair of its own; it shows no cohesion
// beyond chance, so its ρ stands in for its own mean cosine.
func affinity(gram [][]float64, size []float64, rho float64, a, b int) float64 {
	within := func(t int) float64 {
		if s := size[t]; s >= 2 {
			return (gram[t][t] - s) / (s * (s - 1))
		}
		return rho
	}
	cross := gram[a][b] / (size[a] * size[b])
	return 2*cross - rho - (within(a)+within(b))/2
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
