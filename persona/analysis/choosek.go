package analysis

import (
	"math"
	"math/rand"
)

// mergeBelow is the centroid cosine under which two clusters count as
// different themes: chooseK merges the most similar pair of clusters while
// their cosine is at least this.
const mergeBelow = 0.30

// chooseK picks k without labels by over-clustering and merging: k-means
// with 2·√n clusters (within the bounds), then the two clusters with the
// most similar centroids are merged, again and again, while that
// similarity is at least mergeBelow (or k exceeds opt.MaxK, and never
// below opt.MinK); with word vectors joined, at least mergeThreshold. The merged centroids seed a final k-means.
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
	cent := merge(m, lo, hi, mergeThreshold(p, m))
	f := &model{k: len(cent), cent: cent}
	f.refine(p, maxIter)
	return f
}

// merge agglomerates m's clusters by centroid cosine (size-weighted
// centroids) and returns the merged unit centroids.
func merge(m *model, lo, hi int, below float64) [][]float32 {
	size := make([]float64, m.k)
	for _, a := range m.assign {
		size[a]++
	}
	type cl struct {
		c    []float64
		size float64
	}
	var cs []cl
	for k, c := range m.cent {
		if size[k] == 0 {
			continue
		}
		v := make([]float64, len(c))
		for j, x := range c {
			v[j] = float64(x)
		}
		cs = append(cs, cl{v, size[k]})
	}
	// Pairwise similarities, updated after each merge.
	sim := make([][]float64, len(cs))
	for a := range cs {
		sim[a] = make([]float64, len(cs))
		for b := 0; b < a; b++ {
			sim[a][b] = dot64(cs[a].c, cs[b].c)
			sim[b][a] = sim[a][b]
		}
	}
	alive := make([]bool, len(cs))
	for a := range alive {
		alive[a] = true
	}
	for left := len(cs); left > lo; left-- {
		ba, bb, bs := -1, -1, math.Inf(-1)
		for a := range cs {
			for b := a + 1; alive[a] && b < len(cs); b++ {
				if alive[b] && sim[a][b] > bs {
					ba, bb, bs = a, b, sim[a][b]
				}
			}
		}
		if bs < below && left <= hi {
			break
		}
		var norm float64
		for j := range cs[ba].c {
			v := cs[ba].c[j]*cs[ba].size + cs[bb].c[j]*cs[bb].size
			cs[ba].c[j] = v
			norm += v * v
		}
		for j := range cs[ba].c {
			cs[ba].c[j] /= math.Sqrt(norm)
		}
		cs[ba].size += cs[bb].size
		alive[bb] = false
		for o := range cs {
			if alive[o] && o != ba {
				sim[ba][o] = dot64(cs[ba].c, cs[o].c)
				sim[o][ba] = sim[ba][o]
			}
		}
	}
	var out [][]float32
	for a := range cs {
		if alive[a] {
			c := make([]float32, len(cs[a].c))
			for j, x := range cs[a].c {
				c[j] = float32(x)
			}
			out = append(out, c)
		}
	}
	return out
}

// mergeThreshold is mergeBelow for TF-IDF alone. With word-vector
// dimensions (see Space.join) clusters are tighter and centroids closer,
// so the cosine distance 1−mergeBelow is scaled by how much tighter the
// over-clustering m is in the joined space than in its TF-IDF part: the
// ratio of the mean member-to-centroid cosine distances, measured on the
// data, so no second constant is tuned.
func mergeThreshold(p points, m *model) float64 {
	sp, ok := p.(sparsePoints)
	if !ok || sp.s.sparseDim >= sp.s.Dim() || m.obj == 0 {
		return mergeBelow
	}
	sd := sp.s.sparseDim
	cn := make([]float64, m.k) // norms of the centroids' TF-IDF parts
	for k, c := range m.cent {
		var x float64
		for _, v := range c[:sd] {
			x += float64(v) * float64(v)
		}
		cn[k] = math.Sqrt(x)
	}
	var sparseCos float64
	counted := 0
	for i := 0; i < p.len(); i++ {
		idx, val := sp.s.Row(sp.ids[i])
		c := m.cent[m.assign[i]]
		var dot, nn float64
		for q, j := range idx {
			if int(j) >= sd {
				break
			}
			dot += float64(val[q]) * float64(c[j])
			nn += float64(val[q]) * float64(val[q])
		}
		if nn == 0 || cn[m.assign[i]] == 0 {
			continue
		}
		sparseCos += dot / math.Sqrt(nn) / cn[m.assign[i]]
		counted++
	}
	if counted == 0 {
		return mergeBelow
	}
	dj := 1 - m.obj/float64(p.len())
	ds := 1 - sparseCos/float64(counted)
	if ds <= 0 || dj <= 0 {
		return mergeBelow
	}
	return 1 - (1-mergeBelow)*dj/ds
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
