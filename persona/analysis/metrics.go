package analysis

import "math"

// contingency counts how many items have each (true class, cluster) pair.
// Classes and clusters are numbered from 0 in order of first appearance.
type contingency struct {
	n      int
	counts [][]int // [class][cluster]
	rows   []int   // class sizes
	cols   []int   // cluster sizes
}

func newContingency(truth, pred []int) contingency {
	ci, ki := renumber(truth), renumber(pred)
	var c contingency
	c.n = len(truth)
	nc, nk := 0, 0
	for i := range truth {
		nc = max(nc, ci[i]+1)
		nk = max(nk, ki[i]+1)
	}
	c.counts = make([][]int, nc)
	for r := range c.counts {
		c.counts[r] = make([]int, nk)
	}
	c.rows = make([]int, nc)
	c.cols = make([]int, nk)
	for i := range truth {
		c.counts[ci[i]][ki[i]]++
		c.rows[ci[i]]++
		c.cols[ki[i]]++
	}
	return c
}

// renumber maps arbitrary labels to 0.. in order of first appearance.
func renumber(xs []int) []int {
	m := map[int]int{}
	out := make([]int, len(xs))
	for i, x := range xs {
		v, ok := m[x]
		if !ok {
			v = len(m)
			m[x] = v
		}
		out[i] = v
	}
	return out
}

// NMI is the normalized mutual information of two partitions of the same
// items, normalized by the arithmetic mean of their entropies (as
// scikit-learn does by default). Two single-cluster partitions score 1.
func NMI(truth, pred []int) float64 {
	mustSameLen(truth, pred)
	if len(truth) == 0 {
		return 1
	}
	c := newContingency(truth, pred)
	n := float64(c.n)
	entropy := func(sizes []int) float64 {
		var h float64
		for _, s := range sizes {
			if s > 0 {
				p := float64(s) / n
				h -= p * math.Log(p)
			}
		}
		return h
	}
	hu, hv := entropy(c.rows), entropy(c.cols)
	if hu == 0 && hv == 0 {
		return 1
	}
	var mi float64
	for r, row := range c.counts {
		for k, nij := range row {
			if nij > 0 {
				x := float64(nij)
				mi += x / n * math.Log(x*n/(float64(c.rows[r])*float64(c.cols[k])))
			}
		}
	}
	return max(0, mi/((hu+hv)/2))
}

// ARI is the adjusted Rand index of two partitions of the same items
// (Hubert and Arabie): 1 for identical partitions, about 0 for chance.
func ARI(truth, pred []int) float64 {
	mustSameLen(truth, pred)
	c := newContingency(truth, pred)
	comb2 := func(x int) float64 { return float64(x) * float64(x-1) / 2 }
	var index, a, b float64
	for _, row := range c.counts {
		for _, nij := range row {
			index += comb2(nij)
		}
	}
	for _, s := range c.rows {
		a += comb2(s)
	}
	for _, s := range c.cols {
		b += comb2(s)
	}
	total := comb2(c.n)
	if total == 0 {
		return 1
	}
	expected := a * b / total
	maxIndex := (a + b) / 2
	if maxIndex == expected {
		return 1 // both partitions trivial (all singletons or one cluster)
	}
	return (index - expected) / (maxIndex - expected)
}

// Accuracy is the share of items whose cluster, matched one-to-one to a
// class by the Hungarian algorithm so as to maximize agreement, is their
// class. Clusters left unmatched (when there are more clusters than
// classes) count as wrong.
func Accuracy(truth, pred []int) float64 {
	mustSameLen(truth, pred)
	if len(truth) == 0 {
		return 1
	}
	c := newContingency(truth, pred)
	match := Hungarian(c.counts, true)
	hit := 0
	for r, k := range match {
		if k >= 0 {
			hit += c.counts[r][k]
		}
	}
	return float64(hit) / float64(c.n)
}

func mustSameLen(a, b []int) {
	if len(a) != len(b) {
		panic("analysis: partitions of different lengths")
	}
}

// Hungarian solves the assignment problem on a rows x cols matrix with the
// O(n³) shortest-augmenting-path method (Kuhn–Munkres with potentials). It
// returns, for each row, its assigned column or -1 when there are more
// rows than columns. With maximize it maximizes the total; otherwise it
// minimizes it.
func Hungarian(m [][]int, maximize bool) []int {
	rows := len(m)
	if rows == 0 {
		return nil
	}
	cols := len(m[0])
	n := max(rows, cols)
	big := 0
	for _, r := range m {
		for _, v := range r {
			big = max(big, abs(v))
		}
	}
	// Square cost matrix, 1-based as in the classic formulation; padding
	// cells cost 0 after the transform below.
	cost := func(i, j int) int {
		if i > rows || j > cols {
			return 0
		}
		v := m[i-1][j-1]
		if maximize {
			return big - v
		}
		return v
	}
	const inf = math.MaxInt / 4
	u, v := make([]int, n+1), make([]int, n+1)
	p, way := make([]int, n+1), make([]int, n+1) // p[j]: row matched to column j
	minv := make([]int, n+1)
	used := make([]bool, n+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = inf
			used[j] = false
		}
		for p[j0] != 0 {
			used[j0] = true
			i0, delta, j1 := p[j0], inf, 0
			for j := 1; j <= n; j++ {
				if used[j] {
					continue
				}
				cur := cost(i0, j) - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= n; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	out := make([]int, rows)
	for i := range out {
		out[i] = -1
	}
	for j := 1; j <= n; j++ {
		if p[j] >= 1 && p[j] <= rows && j <= cols {
			out[p[j]-1] = j - 1
		}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
