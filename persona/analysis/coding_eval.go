package analysis

import (
	"context"
	"fmt"
	"math/rand"

	"github.com/verbatimhq/verbatim/persona"
)

// SeededResult is how well the seeded coding (Code) agrees with human
// labels when perClass labelled texts per label are the seeds; every
// figure is on the other texts.
type SeededResult struct {
	PerClass int `json:"per_class"`
	Seeds    int `json:"seeds"` // seeds drawn
	N        int `json:"n"`     // texts scored (the rest)
	// NMI, ARI and ACC score every scored text's most likely code
	// (Assignment.Best) against its label; ACC is the share whose code is
	// their label (no matching of groups to labels).
	NMI float64 `json:"nmi"`
	ARI float64 `json:"ari"`
	ACC float64 `json:"acc"`
	// Coverage is the share of scored texts given a code (Assignment.Code
	// not empty); CodedACC the share of those whose code is their label
	// (0, and meaningless, when Coverage is 0).
	Coverage float64 `json:"coverage"`
	CodedACC float64 `json:"coded_acc"`
	// Product is the product's view, scored only when SeededEval.Themes
	// is set: the coded quotes grouped by their code and the uncoded ones
	// by the theme clustering (Cluster, k chosen automatically, seeded
	// with the draw's seed), against the labels; ACC matches groups to
	// labels one to one (Hungarian), as the unsupervised figures do.
	Product *EvalResult `json:"product,omitempty"`
}

// SeededEval codes labelled texts from seeds drawn among them; the
// representation is built once, so many draws cost little more than one.
type SeededEval struct {
	coder *Coder
	truth []int
	names []string // label of each truth id
	toks  [][]persona.Token
	vec   *Vectors
	// Themes also scores the product's view (SeededResult.Product): one
	// theme clustering of the uncoded quotes per draw.
	Themes bool
}

// NewSeededEval builds the coding representation of texts with labels.
func NewSeededEval(ctx context.Context, texts, labels []string, opt CodingOptions) (*SeededEval, error) {
	toks, truth, err := evalInput(texts, labels)
	if err != nil {
		return nil, err
	}
	quotes := make([]persona.Quote, len(toks))
	for i := range quotes {
		quotes[i].Tokens = toks[i]
	}
	c, err := NewCoder(ctx, quotes, opt)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0)
	seen := map[int]bool{}
	for i, t := range truth {
		if !seen[t] {
			seen[t] = true
			names = append(names, labels[i])
		}
	}
	vec := opt.Vectors
	if vec == nil && !opt.NoVectors {
		vec = DefaultVectors()
	}
	return &SeededEval{coder: c, truth: truth, names: names, toks: toks, vec: vec}, nil
}

// Run draws perClass texts of each label with seed (all of a label's
// texts when it has fewer), codes the rest from them and scores it.
func (e *SeededEval) Run(ctx context.Context, perClass int, seed int64) (SeededResult, error) {
	if perClass < 1 {
		return SeededResult{}, fmt.Errorf("analysis: seeded eval: %d per class: %w", perClass, persona.ErrInvalid)
	}
	drawn := DrawSeeds(e.truth, perClass, seed)
	seeds := make([]Seed, len(drawn))
	isSeed := make([]bool, len(e.truth))
	for q, i := range drawn {
		seeds[q] = Seed{Quote: i, Code: e.names[e.truth[i]]}
		isSeed[i] = true
	}
	as, err := e.coder.Code(ctx, seeds)
	if err != nil {
		return SeededResult{}, err
	}
	res := scoreSeeded(e.truth, e.names, as, isSeed, perClass)
	if e.Themes {
		p := e.productView(as, isSeed, seed)
		res.Product = &p
	}
	return res, nil
}

// productView scores what the app shows: the scored quotes with a code
// grouped by it, the others by the theme clustering of just them.
func (e *SeededEval) productView(as []Assignment, isSeed []bool, seed int64) EvalResult {
	id := make(map[string]int, len(e.names))
	for i, n := range e.names {
		id[n] = i
	}
	var t, p []int
	var open []int // positions in t of the uncoded quotes
	var toks [][]persona.Token
	for i, a := range as {
		if isSeed[i] {
			continue
		}
		t = append(t, e.truth[i])
		if v, ok := id[a.Code]; ok {
			p = append(p, v)
			continue
		}
		open = append(open, len(p))
		p = append(p, -1)
		toks = append(toks, e.toks[i])
	}
	if len(open) > 0 {
		cl := NewTokenSpace(toks, e.vec).Cluster(ClusterOptions{Seed: seed})
		for q, pos := range open {
			p[pos] = len(e.names) + cl.Assign[q]
		}
	}
	return score(t, p)
}

// scoreSeeded scores the assignments of the texts that are not seeds.
func scoreSeeded(truth []int, names []string, as []Assignment, isSeed []bool, perClass int) SeededResult {
	id := make(map[string]int, len(names))
	for i, n := range names {
		id[n] = i
	}
	res := SeededResult{PerClass: perClass}
	var t, p []int
	var right, coded, codedRight int
	for i, a := range as {
		if isSeed[i] {
			res.Seeds++
			continue
		}
		pred := -1 // no code at all: a group of its own
		if v, ok := id[a.Best]; ok {
			pred = v
		}
		t, p = append(t, truth[i]), append(p, pred)
		if pred == truth[i] {
			right++
		}
		if a.Code != "" {
			coded++
			if id[a.Code] == truth[i] {
				codedRight++
			}
		}
	}
	res.N = len(t)
	if res.N == 0 {
		return res
	}
	for i := range p {
		if p[i] < 0 {
			p[i] = len(names)
		}
	}
	res.NMI, res.ARI = NMI(t, p), ARI(t, p)
	res.ACC = float64(right) / float64(res.N)
	res.Coverage = float64(coded) / float64(res.N)
	if coded > 0 {
		res.CodedACC = float64(codedRight) / float64(coded)
	}
	return res
}

// DrawSeeds picks perClass texts of each label in truth (all of a label's
// texts when it has no more), at random from seed, and returns their
// indexes in ascending order.
func DrawSeeds(truth []int, perClass int, seed int64) []int {
	byLabel := map[int][]int{}
	var order []int
	for i, t := range truth {
		if _, ok := byLabel[t]; !ok {
			order = append(order, t)
		}
		byLabel[t] = append(byLabel[t], i)
	}
	rng := rand.New(rand.NewSource(seed))
	pick := make([]bool, len(truth))
	for _, l := range order {
		ids := byLabel[l]
		for _, q := range rng.Perm(len(ids))[:min(perClass, len(ids))] {
			pick[ids[q]] = true
		}
	}
	var out []int
	for i, ok := range pick {
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// SeededSuiteResult is one suite set's seeded coding figures: Runs[i][j]
// is PerClass[i] seeds per label drawn with Seeds[j].
type SeededSuiteResult struct {
	Set      SuiteSet
	Texts    int
	Labels   int
	PerClass []int
	Seeds    []int64
	Runs     [][]SeededResult
}

// RunSeededSuiteSet loads set from dir (subsampled to maxTexts texts when
// more than 0, with seed 1), builds its coding representation once and
// runs SeededEval for every perClass and seed; with themes, each run also
// scores the product's view (SeededEval.Themes).
func RunSeededSuiteSet(ctx context.Context, dir string, set SuiteSet, perClass []int, seeds []int64, maxTexts int, themes bool, opt CodingOptions) (SeededSuiteResult, error) {
	e, err := LoadSeededEval(ctx, dir, set, maxTexts, opt)
	if err != nil {
		return SeededSuiteResult{}, err
	}
	e.Themes = themes
	res := SeededSuiteResult{Set: set, Texts: e.Len(), Labels: e.Labels(), PerClass: perClass, Seeds: seeds}
	for _, n := range perClass {
		var row []SeededResult
		for _, seed := range seeds {
			r, err := e.Run(ctx, n, seed)
			if err != nil {
				return SeededSuiteResult{}, fmt.Errorf("analysis: suite %s: %w", set.Name, err)
			}
			row = append(row, r)
		}
		res.Runs = append(res.Runs, row)
	}
	return res, nil
}

// LoadSeededEval loads set from dir (subsampled to maxTexts texts when
// more than 0, with seed 1) and builds its coding representation.
func LoadSeededEval(ctx context.Context, dir string, set SuiteSet, maxTexts int, opt CodingOptions) (*SeededEval, error) {
	texts, labels, err := set.Load(dir)
	if err != nil {
		return nil, err
	}
	texts, labels = Subsample(texts, labels, maxTexts, 1)
	e, err := NewSeededEval(ctx, texts, labels, opt)
	if err != nil {
		return nil, fmt.Errorf("analysis: suite %s: %w", set.Name, err)
	}
	return e, nil
}

// Len is the number of labelled texts.
func (e *SeededEval) Len() int { return len(e.truth) }

// Labels is the number of distinct labels.
func (e *SeededEval) Labels() int { return len(e.names) }
