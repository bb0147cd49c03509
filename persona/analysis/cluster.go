package analysis

import (
	"math"
	"math/rand"
	"sort"
)

// ClusterOptions tune Cluster. K == 0 chooses k automatically between
// MinK and MaxK (0 means no bound).
type ClusterOptions struct {
	K, MinK, MaxK int
	Seed          int64
}

// Clustering is a partition of a Space's documents.
type Clustering struct {
	K      int
	Assign []int // cluster of each document, 0..K-1
	// Centrality is each document's cosine similarity to its cluster centroid.
	Centrality []float64
}

// Tuning of the method; see Cluster.
const (
	sampleCap   = 10000 // documents clustered directly; the rest are assigned
	smoothNN    = 30    // neighbours blended into each sampled document
	smoothAlpha = 0.3   // weight of the neighbours (times their cosine)
	smoothKeep  = 160   // neighbour features kept per smoothed document
	restarts    = 4     // k-means++ runs when K is given; best objective wins
	maxIter     = 50
)

// Cluster partitions the space by spherical k-means over neighbour-smoothed
// TF-IDF vectors:
//
//  1. Up to sampleCap documents are drawn (all of them when fewer). Each is
//     blended with its smoothNN most similar sampled documents, weighted by
//     similarity, which lends short texts the vocabulary of their paraphrases.
//  2. With K set, k-means++ seeds and Lloyd rounds find K clusters. With K
//     zero, chooseK over-clusters and merges (see choosek.go) to pick k and
//     the starting centroids.
//  3. The k groups are found again in the spectral coordinates of the
//     sampled documents' neighbour graph (spectral.go), and of the two
//     partitions the one of higher modularity on that graph is kept: the
//     same criterion that chose k, so no threshold decides.
//  4. Every document is assigned to its most similar centroid (sampled
//     documents keep their assignment); clusters are numbered by size,
//     largest first.
//
// The result depends only on the documents and opt.Seed.
func (s *Space) Cluster(opt ClusterOptions) Clustering {
	n := s.Len()
	if n == 0 {
		return Clustering{}
	}
	rng := rand.New(rand.NewSource(opt.Seed))
	sample := sampleIDs(s, rng)
	if len(sample) == 0 { // no document has a term
		return Clustering{K: 1, Assign: make([]int, n), Centrality: make([]float64, n)}
	}
	pts, nb, nw := smoothed(s, sample, smoothNN, smoothAlpha)
	g := knnGraph(nb, nw)
	var m *model
	if opt.K > 0 {
		m = bestKmeans(pts, opt.K, rng)
	} else {
		m = chooseK(pts, opt, rng)
	}
	if alt := spectral(g, pts, m.k, rng); alt != nil && modularity(g, alt.assign, alt.k) > modularity(g, m.assign, m.k) {
		m = alt
	}
	return finish(s, sample, m)
}

// bestKmeans runs k-means from restarts k-means++ seedings and returns the
// solution with the best objective.
func bestKmeans(p points, k int, rng *rand.Rand) *model {
	best := kmeans(p, k, rng, maxIter)
	for range restarts - 1 {
		if o := kmeans(p, k, rng, maxIter); o.obj > best.obj {
			best = o
		}
	}
	return best
}

// sampleIDs returns the documents with terms, or a seeded random sample of
// sampleCap of them, in ascending order.
func sampleIDs(s *Space, rng *rand.Rand) []int {
	var ids []int
	for i := 0; i < s.Len(); i++ {
		if !s.Empty(i) {
			ids = append(ids, i)
		}
	}
	if len(ids) <= sampleCap {
		return ids
	}
	rng.Shuffle(len(ids), func(a, b int) { ids[a], ids[b] = ids[b], ids[a] })
	ids = ids[:sampleCap]
	sort.Ints(ids)
	return ids
}

// finish assigns every document and numbers clusters by size.
func finish(s *Space, sample []int, m *model) Clustering {
	n := s.Len()
	assign := make([]int, n)
	central := make([]float64, n)
	inSample := make([]int, n)
	for i := range inSample {
		inSample[i] = -1
	}
	for r, i := range sample {
		inSample[i] = r
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	raw := sparsePoints{s, all}
	parallel(n, func(lo, hi, _ int) {
		for i := lo; i < hi; i++ {
			best, bs := -1, float32(math.Inf(-1))
			for k, c := range m.cent {
				if v := raw.dot(i, c); v > bs {
					best, bs = k, v
				}
			}
			if r := inSample[i]; r >= 0 {
				best = m.assign[r]
				bs = raw.dot(i, m.cent[best])
			}
			assign[i], central[i] = best, float64(bs)
		}
	})
	// Documents without terms join the largest cluster.
	size := make([]int, m.k)
	for i, a := range assign {
		if !s.Empty(i) {
			size[a]++
		}
	}
	largest := 0
	for k := range size {
		if size[k] > size[largest] {
			largest = k
		}
	}
	for i := range assign {
		if s.Empty(i) {
			assign[i], central[i] = largest, 0
			size[largest]++
		}
	}
	// Renumber: largest first, ties by first member; drop empty clusters.
	first := make([]int, m.k)
	for k := range first {
		first[k] = n
	}
	for i, a := range assign {
		first[a] = min(first[a], i)
	}
	order := make([]int, 0, m.k)
	for k := range size {
		if size[k] > 0 {
			order = append(order, k)
		}
	}
	sort.Slice(order, func(a, b int) bool {
		ka, kb := order[a], order[b]
		if size[ka] != size[kb] {
			return size[ka] > size[kb]
		}
		return first[ka] < first[kb]
	})
	newID := make([]int, m.k)
	for r, k := range order {
		newID[k] = r
	}
	for i := range assign {
		assign[i] = newID[assign[i]]
	}
	return Clustering{K: len(order), Assign: assign, Centrality: central}
}

// smoothed returns documents ids of s, each blended with its m nearest
// sampled neighbours (weight alpha times cosine) and renormalized, as
// sparse points over the same features, with the neighbour lists (as
// positions in ids and similarities) it used.
func smoothed(s *Space, ids []int, m int, alpha float64) (sparsePoints, [][]int32, [][]float32) {
	nb, nw := neighbors(s, ids, m)
	out := &Space{n: len(ids), terms: s.terms, idf: s.idf, ptr: make([]int, len(ids)+1), sparseDim: s.sparseDim}
	rows := make([][]int32, len(ids))
	vals := make([][]float32, len(ids))
	parallel(len(ids), func(lo, hi, _ int) {
		sum := make([]float64, s.Dim())
		var touched []int32
		for r := lo; r < hi; r++ {
			touched = touched[:0]
			add := func(i int, w float64) {
				idx, val, dr := s.parts(i)
				for k, j := range idx {
					if sum[j] == 0 {
						touched = append(touched, j)
					}
					sum[j] += w * float64(val[k])
				}
				for k, x := range dr {
					j := int32(s.sparseDim + k)
					if sum[j] == 0 {
						touched = append(touched, j)
					}
					sum[j] += w * float64(x)
				}
			}
			add(ids[r], 1)
			for q, o := range nb[r] {
				add(ids[o], alpha*float64(nw[r][q]))
			}
			// Keep the document's own features and the smoothKeep heaviest
			// of the rest.
			if own := s.rowLen(ids[r]); len(touched) > own+smoothKeep {
				rest := touched[own:] // add put the document's own features first
				sort.Slice(rest, func(a, b int) bool {
					if sum[rest[a]] != sum[rest[b]] {
						return sum[rest[a]] > sum[rest[b]]
					}
					return rest[a] < rest[b]
				})
				keep := smoothKeep
				for _, j := range rest[keep:] {
					sum[j] = 0
				}
				touched = touched[:own+keep]
			}
			sort.Slice(touched, func(a, b int) bool { return touched[a] < touched[b] })
			var norm float64
			for _, j := range touched {
				norm += sum[j] * sum[j]
			}
			inv := 1 / math.Sqrt(norm)
			for _, j := range touched {
				if sum[j] != 0 {
					rows[r] = append(rows[r], j)
					vals[r] = append(vals[r], float32(sum[j]*inv))
				}
				sum[j] = 0
			}
		}
	})
	for r := range rows {
		out.ptr[r+1] = out.ptr[r] + len(rows[r])
		out.idx = append(out.idx, rows[r]...)
		out.val = append(out.val, vals[r]...)
	}
	all := make([]int, len(ids))
	for i := range all {
		all[i] = i
	}
	return sparsePoints{out, all}, nb, nw
}
