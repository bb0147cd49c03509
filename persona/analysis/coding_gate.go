package analysis

import (
	"math"
	"math/rand"
	"sort"
)

// The codebook gate: a quote unlike every code stays uncoded.
//
// The regression's probabilities are shares among the codes the
// researcher named. With two or three codes, the best one is over one half
// for almost every quote, whether the quote is about any of them or not
// (on 5 demo interviews with 2 codes it coded 275 of 283 quotes). The
// calibration cannot see this: every held-out seed belongs to a code. So a
// second test asks whether the quote is like its best code at all, by the
// researcher's own examples: its similarity to the code's nearest seed is
// compared with how similar each held-out seed was to the nearest other
// seed of its own code. A quote less similar than gateQuantile of the
// held-out seeds keeps its Best code, but its confidence is scaled by the
// share of held-out seeds it is as similar as (below gateQuantile, so it
// stays uncoded, and at the end of the review queue).
//
// The held-out seeds are compared with half their code's seeds, quotes
// with all of them, so the gate errs toward letting quotes through. It is
// fixed, not fitted: one held-out example in ten may be less like the
// others than a quote the gate keeps out.
var gateQuantile = 0.1 // a var only so that development tests can turn it off

// gateDense is the word vectors' weight in the codebook model's features
// (equal to TF-IDF's, the theme clustering's).
const gateDense = 0.5

// gateModel fits the codebook model on the seeded rows of lab (the
// codebook) against the background rows (bg), with the word vectors'
// weight dense.
func (c *Coder) gateModel(lab []int, bg []int, dense float64) softmaxModel {
	two := make([]int, len(lab))
	for r, l := range lab {
		two[r] = -1
		if l >= 0 {
			two[r] = 0
		}
	}
	for _, r := range bg {
		two[r] = 1
	}
	return c.fitSoftmax(two, 2, dense)
}

// codebookScores is each row's probability under m of being about the
// codebook (1 for the seeded rows of lab), for the rows where want is true
// (nil: all).
func (c *Coder) codebookScores(m softmaxModel, lab []int, want []bool) []float64 {
	seeded := make([]int, len(lab))
	for r, l := range lab {
		seeded[r] = -1
		if l >= 0 {
			seeded[r] = 0
		}
	}
	f := c.scores(m, seeded, want)
	out := make([]float64, len(lab))
	for r := range out {
		out[r] = float64(f[2*r])
	}
	return out
}

// background draws the background rows: as many rows that are not seeds
// in lab as there are seeds (all of them when fewer), from a fixed seed.
func background(lab []int) []int {
	var rows []int
	seeds := 0
	for r, l := range lab {
		if l < 0 {
			rows = append(rows, r)
		} else {
			seeds++
		}
	}
	rng := rand.New(rand.NewSource(1))
	rng.Shuffle(len(rows), func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
	return rows[:min(backgroundPerSeed*seeds, len(rows))]
}

// gate is the held-out seeds' similarities to their codes' nearest
// training seed, sorted; empty when nothing was held out (no gate).
type gate []float64

// share is the fraction of the held-out similarities at or below s.
func (g gate) share(s float64) float64 {
	return float64(sort.SearchFloat64s(g, math.Nextafter(s, math.Inf(1)))) / float64(len(g))
}

// apply scales conf by the gate for a row whose codebook score is s.
func (g gate) apply(conf, s float64) float64 {
	if len(g) == 0 {
		return conf
	}
	if gateMode == 1 {
		var mean float64
		for _, x := range g {
			mean += x
		}
		mean /= float64(len(g))
		return conf * math.Min(1, s/mean)
	}
	if gateMode < 0 {
		return conf
	}
	if f := g.share(s); f < gateQuantile {
		return conf * f
	}
	return conf
}

var gateMode = 1

// backgroundPerSeed is how many background rows the codebook model sees
// per seed: the rest of the corpus, sampled, outweighs the codebook.
var backgroundPerSeed = 10
