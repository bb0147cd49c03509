package analysis

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
)

// A split into personas must separate its members better than chance.
// Chance is the same buyers with every feature shuffled on its own: each
// recurring theme raised by as many buyers as before but by random ones,
// each word said with its weight by random buyers, each trait's values
// dealt out at random. That keeps how common every theme, word and value
// is and destroys only what a persona is — features that go together.
// The clustering's own best split of each shuffled copy (any k it may
// choose, by the same silhouette) is what chance achieves; a split is
// real when its silhouette beats all splitNullRuns of them, a permutation
// test at p < 1/(splitNullRuns+1) = 0.05. No threshold is fitted: the
// bar is each study's own chance level.
const (
	splitNullRuns = 19
	// splitNullSample bounds the buyers the test compares on (a seeded
	// sample, as the stability check takes).
	splitNullSample = stabilitySample
)

// splitTestSeen, when set, sees every stable split tested (its
// distance, assignment over the buyers clustered, and outcome) and every
// who-segmentation (testPartition), for the real-data report.
var splitTestSeen func(d gower, assign []int, st splitTest)

// splitTest is the outcome of comparing a split with chance.
type splitTest struct {
	silhouette float64   // of the split, on the buyers compared
	null       []float64 // best silhouettes of the shuffled copies
	// segments marks a partition tested against random groups of the
	// same sizes (testPartition), not against shuffled features.
	segments bool
}

// beatsChance reports a split whose silhouette beats every shuffled copy.
func (s splitTest) beatsChance() bool {
	return len(s.null) > 0 && s.silhouette > slices.Max(s.null)
}

// z is the split's silhouette in standard deviations above chance's mean
// (for reports; the test is beatsChance).
func (s splitTest) z() float64 {
	var mean, sd float64
	for _, v := range s.null {
		mean += v
	}
	mean /= float64(len(s.null))
	for _, v := range s.null {
		sd += (v - mean) * (v - mean)
	}
	sd = math.Sqrt(sd / float64(max(1, len(s.null)-1)))
	return (s.silhouette - mean) / max(sd, 1e-9)
}

// testSplit compares a split of the buyers at sample (indexes into
// d.buyers; assign gives each its group, k groups) with chance. maxK is
// the most groups the clustering may choose.
func testSplit(d gower, sample, assign []int, k, maxK int, seed int64) splitTest {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x4e11))
	pos := indexes(len(sample))
	if len(pos) > splitNullSample {
		rng.Shuffle(len(pos), func(i, j int) { pos[i], pos[j] = pos[j], pos[i] })
		pos = pos[:splitNullSample]
		slices.Sort(pos)
	}
	idx := make([]int, len(pos))
	sub := make([]int, len(pos))
	for j, p := range pos {
		idx[j], sub[j] = sample[p], assign[p]
	}
	out := splitTest{silhouette: silhouette(distMatrix(d, idx), sub, k)}
	maxK = min(maxK, len(idx)/minPersonaSize)
	for r := 0; r < splitNullRuns; r++ {
		n := d.shuffled(idx, rng)
		_, s := bestMedoids(distMatrix(n, indexes(len(idx))), maxK)
		out.null = append(out.null, s)
	}
	return out
}

// shuffled is the gower distance over copies of the buyers at idx with
// every feature dealt out at random among them (see splitNullRuns).
func (g gower) shuffled(idx []int, rng *rand.Rand) gower {
	n := len(idx)
	out := gower{traits: g.traits, themes: g.themes, buyers: make([]buyer, n)}
	deal := newDealer(n, rng)
	// Themes: each theme's holders, as many, at random.
	holders := map[int][]int{}
	for j, i := range idx {
		for _, t := range g.buyers[i].themes {
			holders[t] = append(holders[t], j)
		}
	}
	for _, t := range slices.Sorted(maps.Keys(holders)) {
		for _, j := range deal.pick(len(holders[t])) {
			out.buyers[j].themes = append(out.buyers[j].themes, t)
		}
	}
	for j := range out.buyers {
		slices.Sort(out.buyers[j].themes)
		out.buyers[j].traits = map[string]string{}
	}
	// Traits: each one's values (blanks included) in a random order.
	for _, t := range g.traits {
		perm := rng.Perm(n)
		for j, i := range idx {
			if v := g.buyers[i].traits[t.key]; v != "" {
				out.buyers[perm[j]].traits[t.key] = v
			}
		}
	}
	if g.words == nil {
		return out
	}
	// Words: each term's weights go to random buyers; each profile is
	// then unit length again, as the real ones are.
	weights := map[int][]float64{}
	for _, i := range idx {
		for _, tw := range g.words[i] {
			weights[tw.term] = append(weights[tw.term], tw.w)
		}
	}
	out.words = make([][]termWeight, n)
	for _, term := range slices.Sorted(maps.Keys(weights)) {
		ws := weights[term]
		for x, j := range deal.pick(len(ws)) {
			out.words[j] = append(out.words[j], termWeight{term: term, w: ws[x]})
		}
	}
	for j, p := range out.words {
		var norm float64
		for _, tw := range p {
			norm += tw.w * tw.w
		}
		norm = math.Sqrt(norm)
		for x := range p {
			p[x].w /= max(norm, 1e-12)
		}
		out.words[j] = p // terms were dealt in ascending order
	}
	return out
}

// dealer picks distinct random positions among n, each pick costing
// only its size (a partial Fisher-Yates shuffle of a running order).
type dealer struct {
	perm []int
	rng  *rand.Rand
}

func newDealer(n int, rng *rand.Rand) *dealer { return &dealer{perm: indexes(n), rng: rng} }

// pick returns m distinct positions; valid until the next pick.
func (d *dealer) pick(m int) []int {
	m = min(m, len(d.perm))
	for i := 0; i < m; i++ {
		j := i + d.rng.IntN(len(d.perm)-i)
		d.perm[i], d.perm[j] = d.perm[j], d.perm[i]
	}
	return d.perm[:m]
}

// testPartition compares a partition that was not fitted to d (personas
// cut by who the buyers are, segmentByWho) with chance: its silhouette on
// d against that of splitNullRuns random partitions of the same sizes
// (its groups dealt out at random). With d over what the buyers said, it
// asks whether the segments differ in what they say. groups hold buyer
// indexes of d.
func testPartition(d gower, groups [][]int, seed int64) splitTest {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5e6))
	var idx, assign []int
	for g, ms := range groups {
		for _, i := range ms {
			idx, assign = append(idx, i), append(assign, g)
		}
	}
	if len(idx) > splitNullSample {
		pos := indexes(len(idx))
		rng.Shuffle(len(pos), func(i, j int) { pos[i], pos[j] = pos[j], pos[i] })
		pos = pos[:splitNullSample]
		slices.Sort(pos)
		var si, sa []int
		for _, p := range pos {
			si, sa = append(si, idx[p]), append(sa, assign[p])
		}
		idx, assign = si, sa
	}
	m := distMatrix(d, idx)
	out := splitTest{silhouette: silhouette(m, assign, len(groups)), segments: true}
	for r := 0; r < splitNullRuns; r++ {
		a := slices.Clone(assign)
		rng.Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
		out.null = append(out.null, silhouette(m, a, len(groups)))
	}
	return out
}
