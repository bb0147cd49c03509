package app

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/persona/store"
)

// SeededCoder is the coder id of the seeded coding ("code the rest from my
// examples", docs/SEEDED.md): its suggestions count as this coder's
// codings, compared with a researcher's like another coder's.
const (
	SeededCoder     int64 = -1
	SeededCoderName       = "Verbatim (seeded)"
)

// seedState is one study's seeded coder kept in memory so that a review
// decision recodes at once: the Coder over the study's quotes (quoteIDs
// in its order) and the seeds it was last given.
type seedState struct {
	mu       sync.Mutex
	coder    *analysis.Coder
	quoteIDs []int64
	pos      map[int64]int
	seeds    []analysis.Seed
}

// seedCoders holds a seedState per study (built on first use, dropped
// when the study's coding is run again).
type seedCoders struct {
	mu sync.Mutex
	m  map[int64]*seedState
}

func (s *seedCoders) get(studyID int64) *seedState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[studyID]
}

func (s *seedCoders) put(studyID int64, st *seedState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[int64]*seedState{}
	}
	s.m[studyID] = st
}

// codeKey and codeOf name a code in the analysis by its id.
func codeKey(id int64) string { return strconv.FormatInt(id, 10) }

func codeOf(key string) int64 {
	id, _ := strconv.ParseInt(key, 10, 64)
	return id
}

// SuggestReport is what one seeded coding run did.
type SuggestReport struct {
	Study   StudyRef `json:"study"`
	Quotes  int      `json:"quotes"`
	Seeds   int      `json:"seeds"`
	Coded   int      `json:"coded"`
	Uncoded int      `json:"uncoded"`
	// PerCode counts the quotes the seeded coding coded with each code
	// (seeds not counted), by code id.
	PerCode map[int64]int `json:"per_code"`
	TookMS  int64         `json:"took_ms"`
}

// seedQuotes loads a study's quotes the seeded coding codes: every shown
// quote, with its tokens.
func (a *App) seedQuotes(ctx context.Context, studyID int64) ([]persona.Quote, error) {
	var out []persona.Quote
	err := a.EachQuotePage(ctx, studyID, 5000, true, func(page []persona.Quote) error {
		for _, q := range page {
			if !q.Hidden {
				out = append(out, q)
			}
		}
		return nil
	})
	return out, err
}

// studySeeds are the seeds of a study's seeded coding: every researcher's
// codings (not Verbatim's, not the seeded coder's) and each code's
// example quotes, as indices into pos. A quote seeded twice keeps the
// researchers' coding over an example.
func (a *App) studySeeds(ctx context.Context, studyID int64, pos map[int64]int) ([]analysis.Seed, error) {
	codes, err := a.store.Codes(ctx, studyID)
	if err != nil {
		return nil, err
	}
	known := map[int64]bool{}
	var seeds []analysis.Seed
	for _, c := range codes {
		known[c.ID] = true
		for _, q := range c.ExampleQuoteIDs {
			if i, ok := pos[q]; ok {
				seeds = append(seeds, analysis.Seed{Quote: i, Code: codeKey(c.ID)})
			}
		}
	}
	cs, err := a.store.Codings(ctx, store.CodingFilter{StudyID: studyID})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.CoderID == VerbatimCoder || c.CoderID == SeededCoder || !known[c.CodeID] {
			continue
		}
		if i, ok := pos[c.QuoteID]; ok {
			seeds = append(seeds, analysis.Seed{Quote: i, Code: codeKey(c.CodeID)})
		}
	}
	return seeds, nil
}

// buildSeedState builds a study's seeded coder and codes it from the
// current seeds.
func (a *App) buildSeedState(ctx context.Context, studyID int64) (*seedState, []analysis.Assignment, error) {
	quotes, err := a.seedQuotes(ctx, studyID)
	if err != nil {
		return nil, nil, err
	}
	st := &seedState{quoteIDs: make([]int64, len(quotes)), pos: make(map[int64]int, len(quotes))}
	for i, q := range quotes {
		st.quoteIDs[i], st.pos[q.ID] = q.ID, i
	}
	st.seeds, err = a.studySeeds(ctx, studyID, st.pos)
	if err != nil {
		return nil, nil, err
	}
	if len(st.seeds) == 0 {
		return nil, nil, a.noSeeds(ctx, studyID)
	}
	st.coder, err = analysis.NewCoder(ctx, quotes, analysis.CodingOptions{})
	if err != nil {
		return nil, nil, fmt.Errorf("seeded coding of study %d: %w", studyID, err)
	}
	as, err := st.coder.Code(ctx, st.seeds)
	if err != nil {
		return nil, nil, fmt.Errorf("seeded coding of study %d: %w", studyID, err)
	}
	return st, as, nil
}

// noSeeds says why a study's seeded coding has nothing to start from and
// what to do about it.
func (a *App) noSeeds(ctx context.Context, studyID int64) error {
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return err
	}
	codes, err := a.store.Codes(ctx, studyID)
	if err != nil {
		return err
	}
	if len(codes) == 0 {
		return fmt.Errorf("seeded coding of study %q: the codebook has no codes: import one, promote a theme or add a code first: %w", st.Name, persona.ErrInvalid)
	}
	return fmt.Errorf("seeded coding of study %q: none of its %d codes has an example quote among the study's shown quotes, "+
		"and no researcher has coded a quote with one (a codebook imported from CSV or .qdc carries no quotes): "+
		"give the codes examples (the codebook page, or `verbatim codebook examples FILE.csv`) or code some quotes first: %w",
		st.Name, len(codes), persona.ErrInvalid)
}

// suggestion turns an assignment into a stored suggestion.
func suggestion(studyID, quoteID int64, as analysis.Assignment, now time.Time) persona.Suggestion {
	return persona.Suggestion{QuoteID: quoteID, StudyID: studyID, CodeID: codeOf(as.Code), BestCodeID: codeOf(as.Best),
		Confidence: as.Confidence, Teach: as.Teach, Seeded: as.Seeded, CreatedAt: now}
}

// SuggestCodes codes the rest of a study from the researchers' examples:
// it seeds the seeded coding with every researcher's codings and the
// codes' example quotes, codes every other quote and stores one
// suggestion per quote (replacing the last run's). It refuses while a
// blind round is open (the suggestions would show one coder's codings to
// the other).
func (a *App) SuggestCodes(ctx context.Context, studyID int64) (SuggestReport, error) {
	start := time.Now()
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return SuggestReport{}, err
	}
	rep := SuggestReport{Study: StudyRef{ID: st.ID, Name: st.Name}, PerCode: map[int64]int{}}
	open, err := a.blindRounds(ctx, studyID)
	if err != nil {
		return rep, err
	}
	if len(open) > 0 {
		return rep, fmt.Errorf("seeded coding: blind round %d is open in this study: %w", open[0].ID, persona.ErrConflict)
	}
	state, as, err := a.buildSeedState(ctx, studyID)
	if err != nil {
		return rep, err
	}
	now := time.Now().UTC()
	ss := make([]persona.Suggestion, len(as))
	for i, x := range as {
		ss[i] = suggestion(studyID, state.quoteIDs[i], x, now)
		switch {
		case x.Seeded:
			rep.Seeds++
		case x.Code != "":
			rep.Coded++
			rep.PerCode[codeOf(x.Code)]++
		default:
			rep.Uncoded++
		}
	}
	if err := a.store.ReplaceSuggestions(ctx, studyID, ss); err != nil {
		return rep, err
	}
	a.seeding.put(studyID, state)
	rep.Quotes = len(as)
	rep.TookMS = time.Since(start).Milliseconds()
	a.Log.Info("seeded coding", "study", studyID, "quotes", rep.Quotes, "seeds", rep.Seeds, "coded", rep.Coded, "took_ms", rep.TookMS)
	return rep, nil
}
