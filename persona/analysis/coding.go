package analysis

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// Researcher-seeded coding: a researcher codes a few quotes per code and
// Verbatim codes every other quote the same way, each with a confidence;
// the quotes it cannot tell stay uncoded (they still form discovered
// themes), and each gets a review priority. See docs/SEEDED.md.

// Seed is one quote a researcher coded: its index in the quotes given to
// Code (or NewCoder) and the code's name.
type Seed struct {
	Quote int
	Code  string
}

// Assignment is the coding of one quote.
type Assignment struct {
	// Code is the code given, "" when the quote is left uncoded (for the
	// discovered themes): no code is more likely right than wrong for it.
	Code string
	// Best is the most likely code even when Code is "" (for review and
	// for scoring the coding on every quote); "" only for a quote without
	// words or when there are no seeds.
	Best string
	// Confidence estimates the probability that Best is the researcher's
	// code, calibrated on the researcher's own seeds (see calibrate); 1
	// for a seed.
	Confidence float64
	// Seeded is true for a quote the researcher coded.
	Seeded bool
	// Teach is the review priority, 0..1, 0 for seeds. Above ½ for the
	// representatives: the quote nearest the centre of each of the groups
	// of quotes not seeded (k-means, twice as many groups as codes) with
	// the most expected errors, ½ plus ½ times its group's expected errors
	// relative to the most (see representatives). For the others, ½ times
	// the quote's uncertainty times its weight in the neighbour graph (how
	// many quotes a decision on it would pull along). See ReviewQueue.
	Teach float64
}

// CodingOptions tune Code.
type CodingOptions struct {
	// Vectors are the word vectors joined to TF-IDF; nil uses
	// DefaultVectors() unless NoVectors is set.
	Vectors   *Vectors
	NoVectors bool
}

// Code codes every quote from the researcher's seeds: one Assignment per
// quote, in order. It builds the quotes' representation (NewCoder) and
// codes once; to recode after each researcher decision keep the Coder.
func Code(ctx context.Context, quotes []persona.Quote, seeds []Seed, opt CodingOptions) ([]Assignment, error) {
	c, err := NewCoder(ctx, quotes, opt)
	if err != nil {
		return nil, err
	}
	return c.Code(ctx, seeds)
}

// Coder holds the quotes' representation (TF-IDF joined with word
// vectors, smoothed over each quote's nearest neighbours, and the
// neighbour graph), so that recoding after a researcher accepts or
// corrects a quote costs only the coding itself, not the representation.
// A Coder is safe for concurrent use.
type Coder struct {
	n     int
	rowOf []int // each quote's row in pts, -1 for a quote without words
	pts   sparsePoints
	nb    [][]int32 // neighbour rows of each row, best first
	nw    [][]float32
	infl  []float64 // each row's weight in the graph, 0..1 (Teach)

	mu   sync.Mutex
	last *calibration     // the last Code's, reused by Update
	reps []representative // the last Code's representatives, reused by Update
}

// NewCoder builds the representation of quotes. Quotes without Tokens are
// tagged from their Text.
func NewCoder(ctx context.Context, quotes []persona.Quote, opt CodingOptions) (*Coder, error) {
	toks := make([][]persona.Token, len(quotes))
	tagger := nlp.Shared()
	parallel(len(quotes), func(lo, hi, _ int) {
		for i := lo; i < hi; i++ {
			toks[i] = quotes[i].Tokens
			if toks[i] == nil && quotes[i].Text != "" {
				toks[i] = tagger.Tag(quotes[i].Text)
			}
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("analysis: coder: %w", err)
	}
	vec := opt.Vectors
	if vec == nil && !opt.NoVectors {
		vec = DefaultVectors()
	}
	return newCoder(NewTokenSpace(toks, vec)), nil
}

// newCoder smooths the space's rows over their neighbours, as the theme
// clustering does (smoothed), and keeps the neighbour lists.
func newCoder(s *Space) *Coder {
	c := &Coder{n: s.Len(), rowOf: make([]int, s.Len())}
	var ids []int
	for i := range c.rowOf {
		c.rowOf[i] = -1
		if !s.Empty(i) {
			c.rowOf[i] = len(ids)
			ids = append(ids, i)
		}
	}
	c.pts, c.nb, c.nw = smoothed(s, ids, smoothNN, smoothAlpha)
	c.infl = influence(c.nb, c.nw)
	return c
}

// Len is the number of quotes the Coder codes.
func (c *Coder) Len() int { return c.n }

// Code codes every quote from seeds (Seed.Quote indexes the quotes given
// to NewCoder). A quote seeded twice keeps its last code. Code measures
// the coding on the seeds (calibrate) each time; Update reuses that.
func (c *Coder) Code(ctx context.Context, seeds []Seed) ([]Assignment, error) {
	return c.code(ctx, seeds, false, nil)
}

// Update recodes every quote after a researcher accepted or corrected one
// (append the decision to seeds: a Seed with the quote and its code). It
// reuses the word vectors' weight and confidence curve the last Code measured
// (Code's work when there was none), so it costs a third of Code: the
// representation is kept, and only the coding itself runs again (see
// docs/SEEDED.md). Call Code again now and then to remeasure.
func (c *Coder) Update(ctx context.Context, seeds []Seed) ([]Assignment, error) {
	return c.code(ctx, seeds, true, nil)
}

// code codes every quote; hidden (by quote, may be nil) marks quotes no
// researcher will review (a simulated review's test set): they are not
// picked as representatives.
func (c *Coder) code(ctx context.Context, seeds []Seed, reuse bool, hidden []bool) ([]Assignment, error) {
	lab, names, err := c.seedLabels(seeds)
	if err != nil {
		return nil, err
	}
	out := make([]Assignment, c.n)
	if len(names) == 0 {
		return out, nil
	}
	var cal *calibration
	var reps []representative
	if reuse {
		c.mu.Lock()
		cal, reps = c.last, c.reps
		c.mu.Unlock()
	}
	res, used, err := c.fit(ctx, lab, len(names), cal)
	if err != nil {
		return nil, err
	}
	if cal == nil {
		reps = c.representatives(lab, len(names), res.conf, c.hiddenRows(hidden))
		c.mu.Lock()
		c.last, c.reps = &used, reps
		c.mu.Unlock()
	}
	teach := make([]float64, len(lab))
	for r := range teach {
		teach[r] = representativeTeach * uncertainty(res.conf[r]) * c.infl[r]
	}
	for _, p := range reps {
		teach[p.row] = representativeTeach + (1-representativeTeach)*p.errs
	}
	for i, r := range c.rowOf {
		switch {
		case r < 0:
		case lab[r] >= 0:
			out[i] = Assignment{Code: names[lab[r]], Best: names[lab[r]], Confidence: 1, Seeded: true}
		default:
			a := Assignment{Best: names[res.best[r]], Confidence: res.conf[r]}
			if res.conf[r] > 0.5 {
				a.Code = a.Best
			}
			a.Teach = teach[r]
			out[i] = a
		}
	}
	return out, nil
}

// bestCodes is each quote's Best code as code gives it, and nothing else
// (a simulated review's accuracy and random order read no more): the
// word vectors' weight is chosen as calibrate chooses it and one
// regression is fitted, without the codebook gate, the confidence curve
// or the representatives, which change no quote's Best.
func (c *Coder) bestCodes(ctx context.Context, seeds []Seed) ([]Assignment, error) {
	lab, names, err := c.seedLabels(seeds)
	if err != nil {
		return nil, err
	}
	out := make([]Assignment, c.n)
	if len(names) == 0 {
		return out, nil
	}
	k := len(names)
	cal := c.measure(lab, k, true)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("analysis: code: %w", err)
	}
	f := c.scores(c.fitSoftmax(lab, k, cal.dense), lab, nil)
	for i, r := range c.rowOf {
		switch {
		case r < 0:
		case lab[r] >= 0:
			out[i] = Assignment{Code: names[lab[r]], Best: names[lab[r]], Confidence: 1, Seeded: true}
		default:
			b, _, _ := bestTwo(f[r*k : (r+1)*k])
			out[i] = Assignment{Best: names[b]}
		}
	}
	return out, nil
}

// seedLabels numbers the seeds' codes in order of first appearance and
// gives each row its seeded code, -1 when not seeded.
func (c *Coder) seedLabels(seeds []Seed) ([]int, []string, error) {
	lab := make([]int, len(c.pts.ids))
	for r := range lab {
		lab[r] = -1
	}
	ids := map[string]int{}
	var names []string
	for _, s := range seeds {
		if s.Quote < 0 || s.Quote >= c.n {
			return nil, nil, fmt.Errorf("analysis: code: seed quote %d of %d: %w", s.Quote, c.n, persona.ErrInvalid)
		}
		if s.Code == "" {
			return nil, nil, fmt.Errorf("analysis: code: seed quote %d has no code: %w", s.Quote, persona.ErrInvalid)
		}
		r := c.rowOf[s.Quote]
		if r < 0 {
			continue // a quote without words teaches nothing
		}
		id, ok := ids[s.Code]
		if !ok {
			id = len(names)
			ids[s.Code] = id
			names = append(names, s.Code)
		}
		lab[r] = id
	}
	// A code whose only seeds were recoded keeps its number but no seed;
	// the regression never sees it as the answer, so it hardly wins a quote.
	return lab, names, nil
}

// uncertainty is 1 when a decision is a coin toss (confidence ½) and 0
// when the coding is sure either way.
func uncertainty(p float64) float64 {
	return 1 - 2*math.Abs(p-0.5)
}

// hiddenRows maps hidden (by quote) to rows; nil stays nil.
func (c *Coder) hiddenRows(hidden []bool) []bool {
	if hidden == nil {
		return nil
	}
	out := make([]bool, len(c.pts.ids))
	for i, r := range c.rowOf {
		if r >= 0 && hidden[i] {
			out[r] = true
		}
	}
	return out
}
