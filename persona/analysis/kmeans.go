package analysis

import (
	"math"
	"math/rand"
	"sync"
)

// points is what spherical k-means needs of a set of unit vectors: their
// dot product with a dense centroid, and adding one into a dense sum.
type points interface {
	len() int
	dim() int
	dot(i int, c []float32) float32
	addTo(i int, sum []float64)
}

// sparsePoints are a subset of a Space's TF-IDF rows.
type sparsePoints struct {
	s   *Space
	ids []int
}

func (p sparsePoints) len() int { return len(p.ids) }
func (p sparsePoints) dim() int { return p.s.Dim() }
func (p sparsePoints) dot(i int, c []float32) float32 {
	idx, val, dr := p.s.parts(p.ids[i])
	var d float32
	if dr != nil {
		d = dot32(dr, c[p.s.sparseDim:])
	} else if nd := len(p.s.terms) - p.s.sparseDim; nd > 0 && len(idx) >= nd && int(idx[len(idx)-nd]) == p.s.sparseDim {
		// A row's word-vector dimensions are a contiguous block at its end.
		d = dot32(val[len(val)-nd:], c[p.s.sparseDim:])
		idx, val = idx[:len(idx)-nd], val[:len(val)-nd]
	}
	for k, j := range idx {
		d += val[k] * c[j]
	}
	return d
}
func (p sparsePoints) addTo(i int, sum []float64) {
	idx, val, dr := p.s.parts(p.ids[i])
	for k, j := range idx {
		sum[j] += float64(val[k])
	}
	for k, x := range dr {
		sum[p.s.sparseDim+k] += float64(x)
	}
}

// densePoints are rows of a dense row-major matrix.
type densePoints struct {
	d    int
	data []float32
}

func (p densePoints) len() int { return len(p.data) / p.d }
func (p densePoints) dim() int { return p.d }
func (p densePoints) row(i int) []float32 {
	return p.data[i*p.d : (i+1)*p.d]
}
func (p densePoints) dot(i int, c []float32) float32 {
	return dot32(p.row(i), c)
}
func (p densePoints) addTo(i int, sum []float64) {
	for j, v := range p.row(i) {
		sum[j] += float64(v)
	}
}

func dot32(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// chunks is the fixed number of pieces parallel loops split work into, so
// results never depend on the number of cores.
const chunks = 8

// parallel runs f over [0,n) in chunks, on up to GOMAXPROCS goroutines.
func parallel(n int, f func(lo, hi, chunk int)) {
	if n < 2000 {
		for c := 0; c < chunks; c++ {
			f(n*c/chunks, n*(c+1)/chunks, c)
		}
		return
	}
	var wg sync.WaitGroup
	for c := 0; c < chunks; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			f(n*c/chunks, n*(c+1)/chunks, c)
		}(c)
	}
	wg.Wait()
}

// model is a spherical k-means solution: unit centroids, each point's
// cluster and cosine to its centroid, and the objective (sum of cosines).
type model struct {
	k      int
	cent   [][]float32
	assign []int
	sim    []float32
	obj    float64
}

// assignAll puts every point in its most similar centroid's cluster and
// returns how many points moved.
func (m *model) assignAll(p points) int {
	n := p.len()
	if len(m.assign) != n {
		m.assign = make([]int, n)
		for i := range m.assign {
			m.assign[i] = -1
		}
		m.sim = make([]float32, n)
	}
	var moved [chunks]int
	var obj [chunks]float64
	parallel(n, func(lo, hi, c int) {
		for i := lo; i < hi; i++ {
			best, bs := 0, float32(math.Inf(-1))
			for k, ct := range m.cent {
				if s := p.dot(i, ct); s > bs {
					best, bs = k, s
				}
			}
			if m.assign[i] != best {
				moved[c]++
				m.assign[i] = best
			}
			m.sim[i] = bs
			obj[c] += float64(bs)
		}
	})
	m.obj = 0
	total := 0
	for c := range chunks {
		m.obj += obj[c]
		total += moved[c]
	}
	return total
}

// update recomputes centroids as normalized means. An empty cluster takes
// the point least similar to its own centroid.
func (m *model) update(p points) {
	sums := make([][]float64, m.k)
	counts := make([]int, m.k)
	for k := range sums {
		sums[k] = make([]float64, p.dim())
	}
	for i, k := range m.assign {
		p.addTo(i, sums[k])
		counts[k]++
	}
	for k := range sums {
		if counts[k] == 0 {
			worst := 0
			for i := range m.sim {
				if m.sim[i] < m.sim[worst] {
					worst = i
				}
			}
			m.sim[worst] = 1 // not chosen twice
			clear(sums[k])
			p.addTo(worst, sums[k])
		}
		normalize(sums[k], m.cent[k])
	}
}

func normalize(sum []float64, out []float32) {
	var norm float64
	for _, v := range sum {
		norm += v * v
	}
	if norm == 0 {
		clear(out)
		return
	}
	inv := 1 / math.Sqrt(norm)
	for j, v := range sum {
		out[j] = float32(v * inv)
	}
}

// seed chooses k initial centroids by k-means++ (D² sampling on cosine
// distance).
func seed(p points, k int, rng *rand.Rand) [][]float32 {
	n := p.len()
	cent := make([][]float32, 0, k)
	sum := make([]float64, p.dim())
	add := func(i int) {
		clear(sum)
		p.addTo(i, sum)
		c := make([]float32, p.dim())
		normalize(sum, c)
		cent = append(cent, c)
	}
	add(rng.Intn(n))
	dist := make([]float64, n)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	for len(cent) < k {
		c := cent[len(cent)-1]
		var total [chunks]float64
		parallel(n, func(lo, hi, ch int) {
			for i := lo; i < hi; i++ {
				d := max(0, 1-float64(p.dot(i, c)))
				if d < dist[i] {
					dist[i] = d
				}
				total[ch] += dist[i] * dist[i]
			}
		})
		var t float64
		for _, x := range total {
			t += x
		}
		next := rng.Intn(n)
		if t > 0 {
			r := rng.Float64() * t
			for i, d := range dist {
				r -= d * d
				if r <= 0 {
					next = i
					break
				}
			}
		}
		add(next)
	}
	return cent
}

// kmeans runs spherical k-means from k-means++ seeds until fewer than
// 0.1% of points move or maxIter rounds.
func kmeans(p points, k int, rng *rand.Rand, maxIter int) *model {
	k = max(1, min(k, p.len()))
	m := &model{k: k, cent: seed(p, k, rng)}
	m.refine(p, maxIter)
	return m
}

// refine alternates assignment and centroid updates.
func (m *model) refine(p points, maxIter int) {
	for it := 0; it < maxIter; it++ {
		moved := m.assignAll(p)
		if it > 0 && moved <= p.len()/1000 {
			return
		}
		m.update(p)
	}
	m.assignAll(p)
}
