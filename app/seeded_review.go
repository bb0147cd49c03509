package app

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// ReviewItem is one suggestion on the review queue (or in a code's list).
type ReviewItem struct {
	Quote QuoteRef `json:"quote"`
	// Suggested is the most likely code; Coded whether the seeded coding
	// applied it (confidence above one half) or left the quote uncoded.
	Suggested  persona.Code `json:"suggested"`
	Coded      bool         `json:"coded"`
	Confidence float64      `json:"confidence"`
	Teach      float64      `json:"teach"`
}

// Review is a study's review queue: open suggestions in
// analysis.ReviewQueue order (first the quotes standing for the groups
// the coding likely gets most wrong, then round-robin over codes), up to
// a limit.
type Review struct {
	Study StudyRef `json:"study"`
	// Ran is false until the seeded coding has run in this study.
	Ran      bool           `json:"ran"`
	RanAt    *time.Time     `json:"ran_at,omitempty"`
	Open     int            `json:"open"`
	Items    []ReviewItem   `json:"items"`
	Codebook []persona.Code `json:"codebook"`
	// Code is set when the list is one code's seeded codings instead.
	Code *persona.Code `json:"code,omitempty"`
}

// open reports whether a suggestion still waits for a decision.
func openSuggestion(s persona.Suggestion) bool { return !s.Seeded && s.Status == "" }

// items turns suggestions into review items, in the given order.
func (a *App) reviewItems(ctx context.Context, studyID int64, ss []persona.Suggestion, codes map[int64]persona.Code) ([]ReviewItem, error) {
	ids := make([]int64, len(ss))
	for i, s := range ss {
		ids[i] = s.QuoteID
	}
	refs, err := a.quoteRefs(ctx, studyID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]ReviewItem, 0, len(ss))
	for _, s := range ss {
		ref, ok := refs[s.QuoteID]
		if !ok {
			continue
		}
		out = append(out, ReviewItem{Quote: ref, Suggested: codes[s.BestCodeID], Coded: s.CodeID != 0,
			Confidence: s.Confidence, Teach: s.Teach})
	}
	return out, nil
}

// ReviewQueue lists up to limit open suggestions of a study in review
// order. With codeID set it lists instead the quotes the seeded coding
// coded with that code, most confident first.
func (a *App) ReviewQueue(ctx context.Context, studyID, codeID int64, limit int) (Review, error) {
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return Review{}, err
	}
	byID, codes, err := a.studyCodes(ctx, studyID)
	if err != nil {
		return Review{}, err
	}
	rv := Review{Study: StudyRef{ID: st.ID, Name: st.Name}, Items: []ReviewItem{}, Codebook: codes}
	ss, err := a.store.Suggestions(ctx, studyID)
	if err != nil {
		return rv, err
	}
	rv.Ran = len(ss) > 0
	if rv.Ran {
		at := ss[0].CreatedAt
		rv.RanAt = &at
	}
	var pick []persona.Suggestion
	if codeID != 0 {
		c, ok := byID[codeID]
		if !ok {
			return rv, fmt.Errorf("code %d is not in study %d: %w", codeID, studyID, persona.ErrNotFound)
		}
		rv.Code = &c
		for _, s := range ss {
			if !s.Seeded && s.CodeID == codeID {
				pick = append(pick, s)
			}
		}
		sort.SliceStable(pick, func(i, j int) bool { return pick[i].Confidence > pick[j].Confidence })
	} else {
		// Decided and seeded quotes count as seeds for the order.
		as := make([]analysis.Assignment, len(ss))
		for i, s := range ss {
			_, known := byID[s.BestCodeID]
			as[i] = analysis.Assignment{Best: codeKey(s.BestCodeID), Confidence: s.Confidence, Teach: s.Teach,
				Seeded: !openSuggestion(s) || !known}
			if !as[i].Seeded {
				rv.Open++
			}
		}
		for _, i := range analysis.ReviewQueue(as) {
			pick = append(pick, ss[i])
		}
	}
	if limit > 0 && len(pick) > limit {
		pick = pick[:limit]
	}
	rv.Items, err = a.reviewItems(ctx, studyID, pick, byID)
	return rv, err
}

// Decision is what one review decision did.
type Decision struct {
	QuoteID int64  `json:"quote_id"`
	StudyID int64  `json:"study_id"`
	Status  string `json:"status"`
	// Changed counts the other quotes whose suggestion the decision changed.
	Changed int   `json:"changed"`
	TookMS  int64 `json:"took_ms"`
}

// DecideSuggestion records a researcher's review decision on a quote's
// suggestion: codeID 0 skips it; otherwise it is by's coding of the quote
// (accepting when it is the suggested code, correcting when another) and
// the seeded coding is updated at once (analysis.Coder.Update): every open
// suggestion is recoded with the decision as one more seed. The decided
// row keeps what was suggested, so agreement counts the decision.
func (a *App) DecideSuggestion(ctx context.Context, quoteID, codeID int64, by Actor) (Decision, error) {
	start := time.Now()
	d := Decision{QuoteID: quoteID}
	q, err := a.store.Quote(ctx, quoteID)
	if err != nil {
		return d, err
	}
	d.StudyID = q.StudyID
	ss, err := a.store.Suggestions(ctx, q.StudyID)
	if err != nil {
		return d, err
	}
	at := -1
	for i, s := range ss {
		if s.QuoteID == quoteID {
			at = i
		}
	}
	if at < 0 || !openSuggestion(ss[at]) {
		return d, fmt.Errorf("quote %d has no open suggestion to review: %w", quoteID, persona.ErrNotFound)
	}
	row := ss[at]
	switch {
	case codeID == 0:
		row.Status = persona.SuggestionSkipped
	case codeID == row.BestCodeID:
		row.Status = persona.SuggestionAccepted
	default:
		row.Status = persona.SuggestionCorrected
	}
	d.Status = row.Status
	if codeID == 0 {
		return d, a.store.UpdateSuggestions(ctx, []persona.Suggestion{row})
	}
	if _, err := a.CodeQuote(ctx, quoteID, codeID, by); err != nil {
		return d, err
	}
	changed, err := a.recode(ctx, q.StudyID, quoteID, codeID, ss)
	if err != nil {
		return d, err
	}
	if err := a.store.UpdateSuggestions(ctx, append(changed, row)); err != nil {
		return d, err
	}
	d.Changed = len(changed)
	d.TookMS = time.Since(start).Milliseconds()
	return d, nil
}

// recode adds a decision to the study's seeded coder (building it when
// this process has none) and returns the open suggestions that changed.
func (a *App) recode(ctx context.Context, studyID, quoteID, codeID int64, ss []persona.Suggestion) ([]persona.Suggestion, error) {
	state := a.seeding.get(studyID)
	var as []analysis.Assignment
	if state == nil {
		// Built from the store, which holds the decision already.
		var err error
		if state, as, err = a.buildSeedState(ctx, studyID); err != nil {
			return nil, err
		}
		a.seeding.put(studyID, state)
	} else {
		state.mu.Lock()
		i, ok := state.pos[quoteID]
		if ok {
			state.seeds = append(state.seeds, analysis.Seed{Quote: i, Code: codeKey(codeID)})
		}
		var err error
		as, err = state.coder.Update(ctx, state.seeds)
		state.mu.Unlock()
		if err != nil {
			return nil, fmt.Errorf("seeded coding of study %d: update: %w", studyID, err)
		}
	}
	var changed []persona.Suggestion
	for _, s := range ss {
		i, ok := state.pos[s.QuoteID]
		if !ok || !openSuggestion(s) || s.QuoteID == quoteID {
			continue
		}
		n := suggestion(studyID, s.QuoteID, as[i], s.CreatedAt)
		if n.CodeID != s.CodeID || n.BestCodeID != s.BestCodeID || n.Confidence != s.Confidence || n.Teach != s.Teach {
			changed = append(changed, n)
		}
	}
	return changed, nil
}

// SeededCounts counts per code the quotes the seeded coding coded in a
// study (seeds not counted); ran is false before its first run.
func (a *App) SeededCounts(ctx context.Context, studyID int64) (counts map[int64]int, ran bool, err error) {
	ss, err := a.store.Suggestions(ctx, studyID)
	if err != nil {
		return nil, false, err
	}
	counts = map[int64]int{}
	for _, s := range ss {
		if !s.Seeded && s.CodeID != 0 {
			counts[s.CodeID]++
		}
	}
	return counts, len(ss) > 0, nil
}
