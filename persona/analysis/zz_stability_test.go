package analysis

import (
	"fmt"
	"math"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestZZStabilityRealData (diagnostic, session grouping9): stability-based
// k along the product's merge dendrogram. The product's points (sample,
// smoothing) are split into two random halves A and B; each half is
// over-clustered (k-means at 2·√n) and merged down by the product's order
// (largest excess over nullCos first), and at each k of a grid the cut is
// refined. B's points are then assigned to A's nearest centroid and the
// two partitions of B compared (and the same with A and B swapped):
//
//   - PS: prediction strength (Tibshirani & Walther 2005), the smallest
//     over B's clusters (of 2+ members) of the share of its pairs that A's
//     centroids put together; PSw the same pooled over all pairs.
//   - ARI between B's own partition and the transferred one.
//
// With STAB_NULL=1 the same is measured on a null corpus (every token
// dealt at random into documents of the same lengths) and the difference
// reported (Clest, Dudoit & Fridlyand 2002). The whole sample is also cut
// at each k and scored against the labels (merge path at that k).
// STAB_SETS, STAB_SEEDS (default 1), STAB_MAX (subsample, default all).
func TestZZStabilityRealData(t *testing.T) {
	if os.Getenv("STAB_SEEDS") == "" || raceEnabled {
		t.Skip("diagnostic: set STAB_SEEDS")
	}
	var seeds []int64
	for _, f := range strings.Split(os.Getenv("STAB_SEEDS"), ",") {
		s, _ := strconv.Atoi(f)
		seeds = append(seeds, int64(s))
	}
	mx, _ := strconv.Atoi(os.Getenv("STAB_MAX"))
	withNull := os.Getenv("STAB_NULL") == "1"
	grid := []int{5, 8, 10, 13, 16, 20, 25, 30, 35, 40, 50, 60, 70, 80, 100, 120, 150}
	only := os.Getenv("STAB_SETS")
	for _, set := range Suite {
		if only != "" && !strings.Contains(","+only+",", ","+set.Name+",") {
			continue
		}
		all, allLab, err := set.Load(dataDir)
		if err != nil {
			t.Skip(err)
		}
		texts, labels := Subsample(all, allLab, mx, 1)
		toks, truth, err := evalInput(texts, labels)
		if err != nil {
			t.Fatal(err)
		}
		labs := 0
		for _, x := range truth {
			labs = max(labs, x+1)
		}
		sp := NewTokenSpace(toks, DefaultVectors())
		var nsp *Space
		if withNull {
			nsp = NewTokenSpace(shuffledCorpus(toks, 7), DefaultVectors())
		}
		for _, seed := range seeds {
			rng := rand.New(rand.NewSource(seed))
			sample := sampleIDs(sp, rng)
			pts, _, _ := smoothed(sp, sample, smoothNN, smoothAlpha)
			curve := stabCurve(pts, grid, seed)
			var ncurve map[int]stabPoint
			if withNull {
				nsample := sampleIDs(nsp, rand.New(rand.NewSource(seed)))
				npts, _, _ := smoothed(nsp, nsample, smoothNN, smoothAlpha)
				ncurve = stabCurve(npts, grid, seed)
			}
			// The whole sample along its own dendrogram, scored.
			whole := dendroCuts(pts, grid, rand.New(rand.NewSource(seed)))
			for _, k := range grid {
				c, ok := curve[k]
				if !ok {
					continue
				}
				line := fmt.Sprintf("seed %d %-14s labels %3d n %5d  k %3d  PS %.3f PSw %.3f ARI %.3f", seed, set.Name, labs, len(sample), k, c.ps, c.psw, c.ari)
				if withNull {
					nc := ncurve[k]
					line += fmt.Sprintf(" | null PS %.3f PSw %.3f ARI %.3f | dPSw %.3f dARI %.3f", nc.ps, nc.psw, nc.ari, c.psw-nc.psw, c.ari-nc.ari)
				}
				if m, ok := whole[k]; ok {
					r := score(truth, finish(sp, sample, m).Assign)
					line += fmt.Sprintf(" | labels %.3f / %.3f / %.3f", r.NMI, r.ARI, r.ACC)
				}
				t.Log(line)
			}
		}
	}
}

type stabPoint struct{ ps, psw, ari float64 }

// shuffledCorpus deals every token of toks at random into documents of
// the same lengths.
func shuffledCorpus(toks [][]persona.Token, seed int64) [][]persona.Token {
	var flat []persona.Token
	for _, d := range toks {
		flat = append(flat, d...)
	}
	perm := rand.New(rand.NewSource(seed)).Perm(len(flat))
	out := make([][]persona.Token, len(toks))
	pos := 0
	for i, d := range toks {
		for range d {
			out[i] = append(out[i], flat[perm[pos]])
			pos++
		}
	}
	return out
}

// subPoints are a subset of other points.
type subPoints struct {
	p   points
	ids []int
}

func (s subPoints) len() int                       { return len(s.ids) }
func (s subPoints) dim() int                       { return s.p.dim() }
func (s subPoints) dot(i int, c []float32) float32 { return s.p.dot(s.ids[i], c) }
func (s subPoints) addTo(i int, sum []float64)     { s.p.addTo(s.ids[i], sum) }

// stabCurve splits p in two random halves and measures, at each k of
// grid, the prediction strength and transfer ARI both ways (averaged).
func stabCurve(p points, grid []int, seed int64) map[int]stabPoint {
	rng := rand.New(rand.NewSource(1000 + seed))
	perm := rng.Perm(p.len())
	h := p.len() / 2
	a := subPoints{p, perm[:h]}
	b := subPoints{p, perm[h:2*h]}
	ca := dendroCuts(a, grid, rand.New(rand.NewSource(seed)))
	cb := dendroCuts(b, grid, rand.New(rand.NewSource(seed+1)))
	out := map[int]stabPoint{}
	for _, k := range grid {
		ma, okA := ca[k]
		mb, okB := cb[k]
		if !okA || !okB {
			continue
		}
		x := transferStab(b, mb, ma)
		y := transferStab(a, ma, mb)
		out[k] = stabPoint{(x.ps + y.ps) / 2, (x.psw + y.psw) / 2, (x.ari + y.ari) / 2}
	}
	return out
}

// transferStab compares own (a partition of q) with q assigned to the
// nearest centroid of other.
func transferStab(q points, own, other *model) stabPoint {
	n := q.len()
	lab := make([]int, n)
	parallel(n, func(lo, hi, _ int) {
		for i := lo; i < hi; i++ {
			best, bs := 0, float32(math.Inf(-1))
			for c, ct := range other.cent {
				if s := q.dot(i, ct); s > bs {
					best, bs = c, s
				}
			}
			lab[i] = best
		}
	})
	type key struct{ j, c int }
	cnt := map[key]float64{}
	size := make([]float64, own.k)
	for i := range lab {
		cnt[key{own.assign[i], lab[i]}]++
		size[own.assign[i]]++
	}
	same := make([]float64, own.k)
	for kk, m := range cnt {
		same[kk.j] += m * (m - 1)
	}
	ps := math.Inf(1)
	var num, den float64
	for j := range size {
		if size[j] < 2 {
			continue
		}
		pairs := size[j] * (size[j] - 1)
		ps = math.Min(ps, same[j]/pairs)
		num += same[j]
		den += pairs
	}
	psw := 0.0
	if den > 0 {
		psw = num / den
	}
	return stabPoint{ps, psw, ariOf(own.assign, lab)}
}

// ariOf is the adjusted Rand index of two partitions.
func ariOf(x, y []int) float64 {
	type key struct{ a, b int }
	cnt := map[key]float64{}
	ra, rb := map[int]float64{}, map[int]float64{}
	for i := range x {
		cnt[key{x[i], y[i]}]++
		ra[x[i]]++
		rb[y[i]]++
	}
	c2 := func(v float64) float64 { return v * (v - 1) / 2 }
	var sij, sa, sb float64
	for _, v := range cnt {
		sij += c2(v)
	}
	for _, v := range ra {
		sa += c2(v)
	}
	for _, v := range rb {
		sb += c2(v)
	}
	n := c2(float64(len(x)))
	exp := sa * sb / n
	mx := (sa + sb) / 2
	if mx == exp {
		return 0
	}
	return (sij - exp) / (mx - exp)
}

// dendroCuts over-clusters p as chooseK does (2·√n), records the
// product's merge order down to one group, and returns for each k of grid
// (not above the fragments) the cut's centroids refined by k-means.
func dendroCuts(p points, grid []int, rng *rand.Rand) map[int]*model {
	n := p.len()
	over := min(n, int(math.Ceil(2*math.Sqrt(float64(n)))))
	m := kmeans(p, over, rng, maxIter)
	order := mergeOrder(p, m)
	out := map[int]*model{}
	ks := append([]int(nil), grid...)
	sort.Sort(sort.Reverse(sort.IntSlice(ks)))
	parent := make([]int, m.k)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	alive := 0
	size := make([]int, m.k)
	for _, a := range m.assign {
		size[a]++
	}
	for _, s := range size {
		if s > 0 {
			alive++
		}
	}
	step := 0
	for _, k := range ks {
		if k > alive || k < 2 {
			continue
		}
		for alive-step > k && step < len(order) {
			pr := order[step]
			parent[find(pr[1])] = find(pr[0])
			step++
		}
		// centroids of the cut
		root := map[int]int{}
		var sums [][]float64
		for i, a := range m.assign {
			r := find(a)
			c, ok := root[r]
			if !ok {
				c = len(sums)
				root[r] = c
				sums = append(sums, make([]float64, p.dim()))
			}
			p.addTo(i, sums[c])
		}
		f := &model{k: len(sums), cent: make([][]float32, len(sums))}
		for c := range sums {
			f.cent[c] = make([]float32, p.dim())
			normalize(sums[c], f.cent[c])
		}
		f.refine(p, maxIter)
		out[k] = f
	}
	return out
}

// mergeOrder is merge's order without its stop: the pairs of m's clusters
// merged, largest excess over nullCos first, down to one group.
func mergeOrder(p points, m *model) [][2]int {
	o, _ := mergeOrderEx(p, m)
	return o
}

// mergeOrderEx is mergeOrder with each merge's excess over nullCos.
func mergeOrderEx(p points, m *model) ([][2]int, []float64) {
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
		for b := 0; b <= a; b++ {
			gram[a][b] = dot64(sums[a], sums[b])
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
	var order [][2]int
	var exc []float64
	for ; left > 1; left-- {
		ba, bb, bs := -1, -1, math.Inf(-1)
		for a := 0; a < K; a++ {
			for b := a + 1; alive[a] && b < K; b++ {
				if alive[b] {
					e := gram[a][b]/math.Sqrt(gram[a][a]*gram[b][b]) - nullCos(size[a], size[b], rho)
					if e > bs {
						ba, bb, bs = a, b, e
					}
				}
			}
		}
		if ba < 0 {
			break
		}
		for o := 0; o < K; o++ {
			gram[ba][o] += gram[bb][o]
		}
		for o := 0; o < K; o++ {
			gram[o][ba] = gram[ba][o]
		}
		gram[ba][ba] = gram[ba][ba] + gram[bb][ba]
		size[ba] += size[bb]
		alive[bb] = false
		order = append(order, [2]int{ba, bb})
		exc = append(exc, bs)
	}
	return order, exc
}

// TestZZLogOddsRealData (diagnostic, session grouping9): a lexical
// distinctiveness stop. Along the product's merge order over the whole
// sample's 2·√n fragments, each merged pair's largest |z| of a word's
// log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
// Quinn 2008; the prior is the corpus's own counts, α_w = corpus count of
// w): the pair is lexically distinct when some word has |z| > 1.96.
// Reports the k where the first distinct pair would be merged (a stop
// rule) and how many of the product's merges (excess > 0) are distinct.
// LO_SETS, LO_SEEDS.
func TestZZLogOddsRealData(t *testing.T) {
	if os.Getenv("LO_SEEDS") == "" || raceEnabled {
		t.Skip("diagnostic: set LO_SEEDS")
	}
	var seeds []int64
	for _, f := range strings.Split(os.Getenv("LO_SEEDS"), ",") {
		s, _ := strconv.Atoi(f)
		seeds = append(seeds, int64(s))
	}
	only := os.Getenv("LO_SETS")
	for _, set := range Suite {
		if only != "" && !strings.Contains(","+only+",", ","+set.Name+",") {
			continue
		}
		all, allLab, err := set.Load(dataDir)
		if err != nil {
			t.Skip(err)
		}
		toks, truth, err := evalInput(all, allLab)
		if err != nil {
			t.Fatal(err)
		}
		labs := 0
		for _, x := range truth {
			labs = max(labs, x+1)
		}
		sp := NewTokenSpace(toks, DefaultVectors())
		terms := make([][]string, len(toks))
		prior := map[string]float64{}
		for i, d := range toks {
			terms[i] = Terms(d)
			for _, w := range terms[i] {
				prior[w]++
			}
		}
		var a0 float64
		for _, c := range prior {
			a0 += c
		}
		for _, seed := range seeds {
			rng := rand.New(rand.NewSource(seed))
			sample := sampleIDs(sp, rng)
			pts, _, _ := smoothed(sp, sample, smoothNN, smoothAlpha)
			n := pts.len()
			over := min(n, int(math.Ceil(2*math.Sqrt(float64(n)))))
			m := kmeans(pts, over, rng, maxIter)
			order, exc := mergeOrderEx(pts, m)
			cnt := make([]map[string]float64, m.k)
			tot := make([]float64, m.k)
			for c := range cnt {
				cnt[c] = map[string]float64{}
			}
			for r, i := range sample {
				for _, w := range terms[i] {
					cnt[m.assign[r]][w]++
					tot[m.assign[r]]++
				}
			}
			maxZ := func(a, b int) (float64, string) {
				best, bw := 0.0, ""
				seen := map[string]bool{}
				for _, src := range []map[string]float64{cnt[a], cnt[b]} {
					for w := range src {
						if seen[w] {
							continue
						}
						seen[w] = true
						al := prior[w]
						ya, yb := cnt[a][w], cnt[b][w]
						d := math.Log((ya+al)/(tot[a]+a0-ya-al)) - math.Log((yb+al)/(tot[b]+a0-yb-al))
						z := math.Abs(d) / math.Sqrt(1/(ya+al)+1/(yb+al))
						if z > best {
							best, bw = z, w
						}
					}
				}
				return best, bw
			}
			alive := 0
			for _, c := range tot {
				if c > 0 {
					alive++
				}
			}
			groups := alive
			productK, stopK := -1, -1
			distinct, merges := 0, 0
			var zs []float64
			for s, pr := range order {
				z, w := maxZ(pr[0], pr[1])
				if exc[s] > 0 {
					merges++
					zs = append(zs, z)
					if z > 1.96 {
						distinct++
					}
				} else if productK < 0 {
					productK = groups
				}
				if z > 1.96 && stopK < 0 {
					stopK = groups
					t.Logf("seed %d %-14s first distinct pair at k %d: |z| %.2f on %q (sizes %v, %v)", seed, set.Name, groups, z, w, tot[pr[0]], tot[pr[1]])
				}
				for w, c := range cnt[pr[1]] {
					cnt[pr[0]][w] += c
				}
				tot[pr[0]] += tot[pr[1]]
				groups--
			}
			// The skip rule: the product's greedy merge (largest excess
			// first, while above chance), but a pair with a word over
			// |z| 1.96 is never merged.
			for _, zc := range []float64{1.96, 3.29} {
				f := mergeLex(pts, m, sample, terms, prior, a0, zc)
				f.refine(pts, maxIter)
				r := score(truth, finish(sp, sample, f).Assign)
				t.Logf("seed %d %-14s labels %3d  skip rule |z| %.2f: k %d  %.3f / %.3f / %.3f", seed, set.Name, labs, zc, f.k, r.NMI, r.ARI, r.ACC)
			}
			sort.Float64s(zs)
			q := func(f float64) float64 {
				if len(zs) == 0 {
					return 0
				}
				return zs[int(f*float64(len(zs)-1))]
			}
			t.Logf("seed %d %-14s labels %3d n %5d fragments %3d  product stops at k %d; log-odds stop at k %d; product merges with a word |z|>1.96: %d of %d; max|z| quartiles %.2f %.2f %.2f", seed, set.Name, labs, n, alive, productK, stopK, distinct, merges, q(.25), q(.5), q(.75))
		}
	}
}

// mergeLex is merge with a veto: a pair is merged only when no word's
// log-odds z (informative Dirichlet prior, the corpus counts) exceeds zc.
func mergeLex(p points, m *model, sample []int, terms [][]string, prior map[string]float64, a0, zc float64) *model {
	K := m.k
	sums := make([][]float64, K)
	for k := range sums {
		sums[k] = make([]float64, p.dim())
	}
	size := make([]float64, K)
	cnt := make([]map[string]float64, K)
	tot := make([]float64, K)
	for c := range cnt {
		cnt[c] = map[string]float64{}
	}
	for r, a := range m.assign {
		p.addTo(r, sums[a])
		size[a]++
		for _, w := range terms[sample[r]] {
			cnt[a][w]++
			tot[a]++
		}
	}
	n := float64(p.len())
	total := make([]float64, p.dim())
	for _, s := range sums {
		for j, x := range s {
			total[j] += x
		}
	}
	rho := (dot64(total, total) - n) / (n * (n - 1))
	gram := make([][]float64, K)
	for a := range gram {
		gram[a] = make([]float64, K)
		for b := 0; b <= a; b++ {
			gram[a][b] = dot64(sums[a], sums[b])
			gram[b][a] = gram[a][b]
		}
	}
	maxZ := func(a, b int) float64 {
		best := 0.0
		for _, src := range []map[string]float64{cnt[a], cnt[b]} {
			for w := range src {
				al := prior[w]
				ya, yb := cnt[a][w], cnt[b][w]
				d := math.Log((ya+al)/(tot[a]+a0-ya-al)) - math.Log((yb+al)/(tot[b]+a0-yb-al))
				if z := math.Abs(d) / math.Sqrt(1/(ya+al)+1/(yb+al)); z > best {
					best = z
				}
			}
		}
		return best
	}
	veto := make([][]int8, K) // 0 unknown, 1 distinct, 2 not
	for a := range veto {
		veto[a] = make([]int8, K)
	}
	alive := make([]bool, K)
	for a := range alive {
		alive[a] = size[a] > 0
	}
	for {
		type cand struct {
			a, b int
			e    float64
		}
		var cs []cand
		for a := 0; a < K; a++ {
			for b := a + 1; alive[a] && b < K; b++ {
				if alive[b] {
					e := gram[a][b]/math.Sqrt(gram[a][a]*gram[b][b]) - nullCos(size[a], size[b], rho)
					if e > 0 {
						cs = append(cs, cand{a, b, e})
					}
				}
			}
		}
		sort.Slice(cs, func(i, j int) bool { return cs[i].e > cs[j].e })
		ba, bb := -1, -1
		for _, c := range cs {
			if veto[c.a][c.b] == 0 {
				v := int8(2)
				if maxZ(c.a, c.b) > zc {
					v = 1
				}
				veto[c.a][c.b], veto[c.b][c.a] = v, v
			}
			if veto[c.a][c.b] == 2 {
				ba, bb = c.a, c.b
				break
			}
		}
		if ba < 0 {
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
		gram[ba][ba] = gram[ba][ba] + gram[bb][ba]
		size[ba] += size[bb]
		for w, c := range cnt[bb] {
			cnt[ba][w] += c
		}
		tot[ba] += tot[bb]
		alive[bb] = false
		for o := 0; o < K; o++ {
			veto[ba][o], veto[o][ba] = 0, 0
		}
	}
	f := &model{}
	for a := 0; a < K; a++ {
		if alive[a] {
			c := make([]float32, p.dim())
			normalize(sums[a], c)
			f.cent = append(f.cent, c)
		}
	}
	f.k = len(f.cent)
	return f
}
