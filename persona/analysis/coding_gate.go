package analysis

import (
	"math"
	"math/rand"
)

// The codebook gate: a quote unlike every code stays uncoded.
//
// The regression's probabilities are shares among the codes the
// researcher named. With two or three codes the best one is over one half
// for almost every quote, whether the quote is about any of them or not
// (on 5 demo interviews with 2 codes it coded 275 of 283 quotes). The
// calibration cannot see this: every held-out seed belongs to a code.
//
// So a second model asks whether a quote is about the codebook at all: a
// logistic regression (the softmax with two classes) of the seeds, all
// codes together, against a background drawn from the other quotes
// (backgroundPerSeed per seed). The background holds quotes of the codes
// too, so its probability g(x) is not the answer itself; following Elkan
// and Noto (2008, "Learning classifiers from only positive and unlabeled
// data"), P(about the codebook | x) = g(x) / c, where c is g's mean over
// quotes known to be about the codebook: the held-out seeds of the
// calibration, scored by the model fitted without them. The seeds are
// not a random sample of the codebook's quotes (a code used for half the
// corpus has as many seeds as a rare one), so c is taken per code, the
// held-out seeds of the quote's best code, shrunk toward the mean over all
// codes by gateShrink pseudo-seeds. A quote's confidence is multiplied by
// min(1, g/c_best).
//
// The held-out seeds are scored by a model fitted on half their code's
// seeds, quotes by one fitted on all, so c is low and the gate errs
// toward letting quotes through. Without two seeds of any code (nothing
// held out) there is no gate.
const (
	backgroundPerSeed = 10
	gateShrink        = 2.0
	gateDense         = 0.5 // the word vectors' weight in its features: the theme clustering's
)

// gate is, per code, the mean codebook score of its held-out seeds shrunk
// toward the mean over all of them (c); nil when nothing was held out.
type gate struct {
	c []float64
}

// newGate computes the gate from the held-out seeds' codebook scores
// (scores[i] of a seed of code codes[i]) over k codes.
func newGate(scores []float64, codes []int, k int) gate {
	if len(scores) == 0 {
		return gate{}
	}
	var all float64
	sum, n := make([]float64, k), make([]float64, k)
	for i, s := range scores {
		all += s
		sum[codes[i]] += s
		n[codes[i]]++
	}
	all /= float64(len(scores))
	g := gate{c: make([]float64, k)}
	for j := range g.c {
		g.c[j] = (sum[j] + gateShrink*all) / (n[j] + gateShrink)
	}
	return g
}

// ratio is min(1, g/c) for a quote with codebook score s and best code
// best: Elkan and Noto's estimate of the probability that it is about the
// codebook.
func (g gate) ratio(s float64, best int) float64 {
	if best >= len(g.c) || g.c[best] <= 0 {
		return 1
	}
	return math.Min(1, s/g.c[best])
}

// share is Elkan and Noto's estimate of the share of the corpus about the
// codebook (π): the mean of g/c over the background rows (not clipped at
// 1, as their estimator), at most 1.
func (g gate) share(gs []float64, best []int, bg []int) float64 {
	if len(bg) == 0 {
		return 1
	}
	var pi float64
	for _, r := range bg {
		if b := best[r]; b < len(g.c) && g.c[b] > 0 {
			pi += gs[r] / g.c[b]
		} else {
			pi++
		}
	}
	return math.Min(1, pi/float64(len(bg)))
}

// apply is the lower of conf and the probability that the quote is about
// the codebook, π + (1 − π)·ratio: a quote is coded when its best code is
// more likely right than wrong and it is more likely about the codebook
// than not. The ratio alone is noise around 1 where the codebook covers
// the corpus (the background is then made of the codebook's quotes), so
// it is trusted in proportion to the share of the corpus the codebook
// leaves out: a codebook that by its own estimate covers half the corpus
// or more is not gated at all.
func (g gate) apply(conf, pi, ratio float64) float64 {
	return math.Min(conf, pi+(1-pi)*ratio)
}

// gateModel fits the codebook model: the seeded rows of lab (all codes as
// one class) against the background rows bg, with gateDense.
func (c *Coder) gateModel(lab []int, bg []int) softmaxModel {
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
	return c.fitSoftmax(two, 2, gateDense)
}

// codebookScores is each row's probability under m of being a seed rather
// than background (1 for the seeded rows of lab), for the rows where want
// is true (nil: all).
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

// background draws the background rows: backgroundPerSeed rows that are
// not seeds in lab per seed (all of them when fewer), from a fixed seed.
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

// gateDebug, when set (development tests), sees each coding's π; gateOff
// turns the gate off (tests measuring what it changes).
var (
	gateDebug func(pi float64)
	gateOff   bool
)
