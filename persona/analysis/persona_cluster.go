package analysis

import (
	"cmp"
	"math/rand/v2"
	"slices"

	"github.com/verbatimhq/verbatim/persona"
)

// maxMatrix is the most participants whose full distance matrix is built;
// beyond it k and the medoids are chosen on a seeded sample and everyone
// is assigned to the nearest medoid.
const maxMatrix = 1500

// clusterBuyers partitions buyers with k-medoids, choosing k in
// 2..min(8, n/3) by silhouette, and folds groups under minPersonaSize into
// their nearest neighbour. Groups hold buyer indexes, ascending.
func clusterBuyers(d gower, seed int64) [][]int {
	n := len(d.buyers)
	sample := indexes(n)
	if n > maxMatrix {
		rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
		rng.Shuffle(n, func(i, j int) { sample[i], sample[j] = sample[j], sample[i] })
		sample = sample[:maxMatrix]
		slices.Sort(sample)
	}
	m := distMatrix(d, sample)
	maxK := min(maxPersonas, len(sample)/minPersonaSize)
	beatsChance := func(assign []int, k int) bool {
		st := testSplit(d, sample, assign, k, maxK, seed)
		if splitTestSeen != nil {
			splitTestSeen(d, assign, st)
		}
		return st.beatsChance()
	}
	best := stableSplit(m, maxK, seed, beatsChance)
	if best == nil {
		return [][]int{indexes(n)}
	}
	medoids := make([]int, len(best))
	for i, b := range best {
		medoids[i] = sample[b]
	}
	return foldSmall(d, medoids)
}

// bestMedoids runs k-medoids for k in 2..maxK and keeps the partition
// with the highest mean silhouette.
func bestMedoids(m matrix, maxK int) ([]int, float64) {
	build := buildMedoids(m, maxK)
	var best []int
	bestScore := -2.0
	for k := 2; k <= min(maxK, len(build)); k++ {
		med := refineMedoids(m, slices.Clone(build[:k]))
		if s := silhouette(m, assignMatrix(m, med), k); s > bestScore+1e-9 {
			best, bestScore = med, s
		}
	}
	return best, bestScore
}

// Stability check. A split into personas must survive losing a few
// buyers: on every one of stabilityRuns seeded subsamples without a
// fifth of them, every persona must find at least minKept of
// its remaining members together again (the identity a researcher relies on when one
// interview is added or removed). Splits of a study without real groups
// fail this and the study stays one persona. Large studies are checked
// on a seeded sample of stabilitySample buyers.
const (
	stabilityRuns   = 10
	minKept         = 0.8
	stabilitySample = 400
)

// stableSplit returns the medoids of the best split by silhouette that is
// stable and beats chance (testSplit), or nil.
func stableSplit(m matrix, maxK int, seed int64, beatsChance func(assign []int, k int) bool) []int {
	type split struct {
		med   []int
		score float64
	}
	build := buildMedoids(m, maxK)
	var splits []split
	for k := 2; k <= min(maxK, len(build)); k++ {
		med := refineMedoids(m, slices.Clone(build[:k]))
		splits = append(splits, split{med, silhouette(m, assignMatrix(m, med), k)})
	}
	slices.SortStableFunc(splits, func(a, b split) int { return cmp.Compare(b.score, a.score) })
	for _, sp := range splits {
		if a := assignMatrix(m, sp.med); stable(m, a, len(sp.med), maxK, seed) && beatsChance(a, len(sp.med)) {
			return sp.med
		}
	}
	return nil
}

// resplitSameK re-splits each subsample into as many groups as the split
// under test: the check asks whether these groups hold together, not
// whether a subsample would pick the same k.
var resplitSameK = true

// stable reports whether assignment holds up on subsamples: each without
// a fifth of the points (at least two), re-split (best silhouette), every group keeps at
// least minKept of its remaining points together.
func stable(m matrix, assign []int, k, maxK int, seed int64) bool {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x57ab))
	idx := indexes(m.n)
	if m.n > stabilitySample {
		rng.Shuffle(m.n, func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		idx = idx[:stabilitySample]
		slices.Sort(idx)
	}
	drop := max(2, len(idx)/5)
	for r := 0; r < stabilityRuns; r++ {
		keep := slices.Clone(idx)
		rng.Shuffle(len(keep), func(i, j int) { keep[i], keep[j] = keep[j], keep[i] })
		keep = keep[drop:]
		slices.Sort(keep)
		sub := m.sub(keep)
		var med []int
		if resplitSameK {
			if build := buildMedoids(sub, k); len(build) == k {
				med = refineMedoids(sub, build)
			}
		} else {
			med, _ = bestMedoids(sub, min(maxK, len(keep)/minPersonaSize))
		}
		if med == nil || keptShare(assign, keep, assignMatrix(sub, med)) < minKept {
			// Tolerating one failed subsample in five let unstable splits
			// through once the themes moved (SERDIF split 13/4 and fell
			// back to one persona after any one interview changed).
			return false
		}
	}
	return true
}

// keptShare is the smallest share, over the groups of assign, of a
// group's points in keep that the sub-assignment puts together.
func keptShare(assign, keep, sub []int) float64 {
	counts := map[int]map[int]int{}
	sizes := map[int]int{}
	for j, i := range keep {
		g := assign[i]
		if counts[g] == nil {
			counts[g] = map[int]int{}
		}
		counts[g][sub[j]]++
		sizes[g]++
	}
	worst := 1.0
	for g, cs := range counts {
		best := 0
		for _, n := range cs {
			best = max(best, n)
		}
		worst = min(worst, float64(best)/float64(sizes[g]))
	}
	return worst
}

// sub is the matrix restricted to points idx.
func (m matrix) sub(idx []int) matrix {
	out := matrix{n: len(idx), d: make([]float32, len(idx)*len(idx))}
	for a, i := range idx {
		for b, j := range idx {
			out.d[a*out.n+b] = m.d[i*m.n+j]
		}
	}
	return out
}

// matrix is a symmetric distance matrix, row-major.
type matrix struct {
	n int
	d []float32
}

func (m matrix) at(i, j int) float64 { return float64(m.d[i*m.n+j]) }

func distMatrix(d gower, idx []int) matrix {
	m := matrix{n: len(idx), d: make([]float32, len(idx)*len(idx))}
	// Rows on all cores: each pair is computed by one of them and fills
	// its two cells, which no other pair writes.
	parallelRange(0, len(idx), func(i int) {
		for j := i + 1; j < len(idx); j++ {
			v := float32(d.dist(idx[i], idx[j]))
			m.d[i*m.n+j], m.d[j*m.n+i] = v, v
		}
	})
	return m
}

// buildMedoids is PAM's greedy BUILD: the most central point, then each
// point that most reduces the total distance to the nearest medoid.
func buildMedoids(m matrix, k int) []int {
	near := make([]float64, m.n)
	for i := range near {
		near[i] = 1e18
	}
	var med []int
	for len(med) < k {
		best, bestGain := -1, -1.0
		for c := 0; c < m.n; c++ {
			if slices.Contains(med, c) {
				continue
			}
			var gain float64
			for i := 0; i < m.n; i++ {
				gain += max(0, min(near[i], 2)-m.at(c, i))
			}
			if gain > bestGain {
				best, bestGain = c, gain
			}
		}
		if best < 0 {
			break
		}
		med = append(med, best)
		for i := range near {
			near[i] = min(near[i], m.at(best, i))
		}
	}
	return med
}

// refineMedoids alternates assignment and medoid update until stable.
func refineMedoids(m matrix, med []int) []int {
	for iter := 0; iter < 30; iter++ {
		assign := assignMatrix(m, med)
		members := make([][]int, len(med))
		for i, c := range assign {
			members[c] = append(members[c], i)
		}
		changed := false
		for c, ms := range members {
			best, bestCost := med[c], 1e18
			for _, i := range ms {
				var cost float64
				for _, j := range ms {
					cost += m.at(i, j)
				}
				if cost < bestCost-1e-12 {
					best, bestCost = i, cost
				}
			}
			changed = changed || best != med[c]
			med[c] = best
		}
		if !changed {
			break
		}
	}
	return med
}

func assignMatrix(m matrix, med []int) []int {
	out := make([]int, m.n)
	for i := range out {
		for c := range med {
			if m.at(i, med[c]) < m.at(i, med[out[i]]) {
				out[i] = c
			}
		}
	}
	return out
}

// silhouette is the mean silhouette width of an assignment.
func silhouette(m matrix, assign []int, k int) float64 {
	var total float64
	for i := 0; i < m.n; i++ {
		sum, cnt := make([]float64, k), make([]int, k)
		for j := 0; j < m.n; j++ {
			if j != i {
				sum[assign[j]] += m.at(i, j)
				cnt[assign[j]]++
			}
		}
		own := assign[i]
		if cnt[own] == 0 {
			continue
		}
		a, b := sum[own]/float64(cnt[own]), 1e18
		for c := 0; c < k; c++ {
			if c != own && cnt[c] > 0 {
				b = min(b, sum[c]/float64(cnt[c]))
			}
		}
		if b < 1e18 && max(a, b) > 0 {
			total += (b - a) / max(a, b)
		}
	}
	return total / float64(m.n)
}

// foldSmall assigns everyone to the nearest medoid, then repeatedly drops
// the smallest group under minPersonaSize, reassigning its members.
func foldSmall(d gower, medoids []int) [][]int {
	for {
		groups := make([][]int, len(medoids))
		for i := range d.buyers {
			best := 0
			for c := range medoids {
				if d.dist(i, medoids[c]) < d.dist(i, medoids[best]) {
					best = c
				}
			}
			groups[best] = append(groups[best], i)
		}
		small := -1
		for c, g := range groups {
			if len(g) < minPersonaSize && (small < 0 || len(g) < len(groups[small])) {
				small = c
			}
		}
		if small < 0 || len(medoids) == 1 {
			return slices.DeleteFunc(groups, func(g []int) bool { return len(g) == 0 })
		}
		medoids = slices.Delete(medoids, small, small+1)
	}
}

// setDistinct fills each persona's Distinct with the themes and attribute
// values most over-represented against the other personas (lift >= 1.2,
// held by at least 30% of the persona). A fallback theme ("Mixed remarks
// (…)": quotes that share no finding) is no trait and never listed.
func setDistinct(out []persona.Profile, themes []persona.Theme, buyers []buyer, attrs []string, groups [][]int) {
	n := len(buyers)
	if len(groups) < 2 {
		return
	}
	totalTheme := map[int64]int{}
	totalAttr := map[[2]string]int{}
	for _, b := range buyers {
		for _, t := range b.all {
			totalTheme[themes[t].ID]++
		}
		for _, k := range attrs {
			if v := b.shown[k]; v != "" {
				totalAttr[[2]string{k, v}]++
			}
		}
	}
	for g := range out {
		pr := &out[g]
		var lifts []persona.Lift
		for _, t := range themes {
			if c := pr.ThemeCounts[t.ID]; c > 0 && t.Recurring && !fallbackTheme(t) {
				lifts = appendLift(lifts, persona.Lift{ThemeID: t.ID}, c, totalTheme[t.ID], pr.Size, n)
			}
		}
		for _, k := range attrs {
			for _, cnt := range pr.Attributes[k] {
				l := persona.Lift{Attribute: k, Value: cnt.Value}
				lifts = appendLift(lifts, l, cnt.N, totalAttr[[2]string{k, cnt.Value}], pr.Size, n)
			}
		}
		slices.SortStableFunc(lifts, func(a, b persona.Lift) int {
			return cmp.Or(cmp.Compare(b.Lift, a.Lift), cmp.Compare(b.Share, a.Share))
		})
		pr.Distinct = lifts[:min(len(lifts), topDistinct)]
	}
}

// appendLift adds l when the persona share is high enough and its lift
// over the rest of the study at least 1.2.
func appendLift(lifts []persona.Lift, l persona.Lift, in, total, size, n int) []persona.Lift {
	rest := n - size
	if rest <= 0 || size == 0 {
		return lifts
	}
	l.Share = float64(in) / float64(size)
	l.Rest = float64(total-in) / float64(rest)
	l.Lift = l.Share / max(l.Rest, 1/float64(rest+1))
	if l.Share < 0.3 || l.Lift < 1.2 {
		return lifts
	}
	return append(lifts, l)
}
