package analysis

import (
	"context"
	"fmt"
	"math/rand"
	"sort"

	"github.com/verbatimhq/verbatim/persona"
)

// A simulated review: does the review order teach the coding faster than
// a random one? A labelled set stands in for the researcher.
//
// perClass texts per label drawn with seed are the first seeds; 30% of
// the other texts (drawn with seed) are a fixed test set, never reviewed.
// Each round the "researcher" takes the first `batch` quotes of the order
// (batch = the number of labels, one decision per code on average) from
// the rest, accepts or corrects each to its label, and the coding is redone
// (Coder.Code). The test set's accuracy (every quote's Best against its
// label) is taken before the first round and after each.

// ReviewOrder names an order of the quotes to review.
type ReviewOrder string

const (
	// OrderQueue is ReviewQueue over the assignments (the product's order).
	OrderQueue ReviewOrder = "queue"
	// OrderRandom is a random order (drawn with the simulation's seed and
	// round).
	OrderRandom ReviewOrder = "random"
	// OrderUncertain is the lowest confidence first.
	OrderUncertain ReviewOrder = "uncertain"
)

// ReviewOrders are the orders SimulateReview knows.
var ReviewOrders = []ReviewOrder{OrderQueue, OrderRandom, OrderUncertain}

// ReviewSim is one simulated review.
type ReviewSim struct {
	Order    ReviewOrder `json:"order"`
	PerClass int         `json:"per_class"`
	Batch    int         `json:"batch"`
	Test     int         `json:"test"` // texts in the test set
	// ACC is the test set's accuracy before the first round and after
	// each: ACC[i] after i×Batch decisions.
	ACC []float64 `json:"acc"`
}

// reviewTestShare is the share of the non-seed texts kept aside as the
// test set.
const reviewTestShare = 0.3

// SimulateReview runs rounds of a simulated review in order (see above).
func (e *SeededEval) SimulateReview(ctx context.Context, perClass int, seed int64, rounds int, order ReviewOrder) (ReviewSim, error) {
	if perClass < 1 || rounds < 1 {
		return ReviewSim{}, fmt.Errorf("analysis: review simulation: %d per class, %d rounds: %w", perClass, rounds, persona.ErrInvalid)
	}
	n := len(e.truth)
	isSeed := make([]bool, n)
	var seeds []Seed
	for _, i := range DrawSeeds(e.truth, perClass, seed) {
		isSeed[i] = true
		seeds = append(seeds, Seed{Quote: i, Code: e.names[e.truth[i]]})
	}
	rng := rand.New(rand.NewSource(seed))
	isTest := make([]bool, n)
	var test []int
	for _, i := range rng.Perm(n) {
		if !isSeed[i] && float64(len(test)) < reviewTestShare*float64(n-len(seeds)) {
			isTest[i] = true
			test = append(test, i)
		}
	}
	sort.Ints(test)
	sim := ReviewSim{Order: order, PerClass: perClass, Batch: len(e.names), Test: len(test)}
	decided := make([]bool, n)
	for round := 0; ; round++ {
		// The accuracy reads each quote's Best, and so does the random
		// order: those rounds need the Best codes alone (bestCodes, the
		// same codes as code's), the others the whole coding.
		code := func() ([]Assignment, error) { return e.coder.code(ctx, seeds, false, isTest) }
		if round == rounds || order == OrderRandom {
			code = func() ([]Assignment, error) { return e.coder.bestCodes(ctx, seeds) }
		}
		as, err := code()
		if err != nil {
			return ReviewSim{}, err
		}
		right := 0
		for _, i := range test {
			if as[i].Best == e.names[e.truth[i]] {
				right++
			}
		}
		sim.ACC = append(sim.ACC, float64(right)/float64(max(1, len(test))))
		if round == rounds {
			return sim, nil
		}
		// The test set is hidden from the order: it cannot be picked.
		for _, i := range test {
			as[i].Best = ""
		}
		ord, err := e.order(order, as, seed*1000+int64(round))
		if err != nil {
			return ReviewSim{}, err
		}
		took := 0
		for _, i := range ord {
			if took == sim.Batch {
				break
			}
			if isTest[i] || isSeed[i] || decided[i] {
				continue
			}
			decided[i] = true
			seeds = append(seeds, Seed{Quote: i, Code: e.names[e.truth[i]]})
			took++
		}
	}
}

// order lists the quotes (indexes into as) in review order; quotes
// without a Best code and seeds may be listed, the caller skips them.
func (e *SeededEval) order(o ReviewOrder, as []Assignment, seed int64) ([]int, error) {
	switch o {
	case OrderQueue:
		return ReviewQueue(as), nil
	case OrderRandom:
		var out []int
		for _, i := range rand.New(rand.NewSource(seed)).Perm(len(as)) {
			if !as[i].Seeded && as[i].Best != "" {
				out = append(out, i)
			}
		}
		return out, nil
	case OrderUncertain:
		var out []int
		for i, a := range as {
			if !a.Seeded && a.Best != "" {
				out = append(out, i)
			}
		}
		sort.SliceStable(out, func(p, q int) bool { return as[out[p]].Confidence < as[out[q]].Confidence })
		return out, nil
	}
	return nil, fmt.Errorf("analysis: review order %q: %w", o, persona.ErrInvalid)
}
