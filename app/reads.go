package app

import (
	"context"
	"fmt"
	"strconv"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
	"github.com/verbatimhq/verbatim/search"
)

// Reads of a study's data, for pages and the API. They go to the store
// directly; the cached reads (persona pages, themes and personas of the
// objection answers, survey sizing) are in cache.go and sizing.go.

// Themes lists a study's themes.
func (a *App) Themes(ctx context.Context, studyID int64) ([]persona.Theme, error) {
	return a.store.Themes(ctx, studyID)
}

// Theme is one theme with its member quote ids.
func (a *App) Theme(ctx context.Context, id int64) (persona.Theme, error) {
	return a.store.Theme(ctx, id)
}

// Personas lists a study's personas, with the stated roles that may be
// shown now (shownRoles).
func (a *App) Personas(ctx context.Context, studyID int64) ([]persona.Profile, error) {
	ps, err := a.store.Personas(ctx, studyID)
	if err != nil {
		return nil, err
	}
	return ps, a.withShownRoles(ctx, ps)
}

// Participants lists every participant of a study, interviewers included.
func (a *App) Participants(ctx context.Context, studyID int64) ([]persona.Participant, error) {
	return a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID})
}

// Buyers lists the participants of a study whose words are quotes (not
// the interviewers).
func (a *App) Buyers(ctx context.Context, studyID int64) ([]persona.Participant, error) {
	return a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID, BuyersOnly: true})
}

// Participant is one participant.
func (a *App) Participant(ctx context.Context, id int64) (persona.Participant, error) {
	return a.store.Participant(ctx, id)
}

// Sources lists a study's sources.
func (a *App) Sources(ctx context.Context, studyID int64) ([]persona.Source, error) {
	return a.store.Sources(ctx, studyID)
}

// Source is one source.
func (a *App) Source(ctx context.Context, id int64) (persona.Source, error) {
	return a.store.Source(ctx, id)
}

// SourceMeta is a source's wave, date and deal outcome.
func (a *App) SourceMeta(ctx context.Context, sourceID int64) (persona.SourceMeta, error) {
	return a.store.SourceMeta(ctx, sourceID)
}

// SourceMetas are the waves, dates and outcomes of a study's sources, by
// source id.
func (a *App) SourceMetas(ctx context.Context, studyID int64) (map[int64]persona.SourceMeta, error) {
	return a.store.SourceMetas(ctx, studyID)
}

// Answers lists the field answers to these themes.
func (a *App) Answers(ctx context.Context, themeIDs []int64) ([]persona.FieldAnswer, error) {
	return a.store.Answers(ctx, themeIDs)
}

// CollateralList lists a study's collateral documents.
func (a *App) CollateralList(ctx context.Context, studyID int64) ([]persona.Collateral, error) {
	return a.store.CollateralList(ctx, studyID)
}

// SourceDetail is a source with its participants, turns and quotes.
type SourceDetail struct {
	persona.Source
	Participants []persona.Participant `json:"participants"`
	Turns        []persona.Turn        `json:"turns"`
	Quotes       []persona.Quote       `json:"quotes"`
}

// SourceDetail reads a source whole.
func (a *App) SourceDetail(ctx context.Context, id int64) (SourceDetail, error) {
	src, err := a.store.Source(ctx, id)
	if err != nil {
		return SourceDetail{}, err
	}
	d := SourceDetail{Source: src}
	if d.Participants, err = a.store.Participants(ctx, store.ParticipantFilter{SourceID: id}); err != nil {
		return d, err
	}
	if d.Turns, err = a.store.Turns(ctx, id); err != nil {
		return d, err
	}
	d.Quotes, err = a.store.Quotes(ctx, store.QuoteFilter{SourceID: id, NoTokens: true})
	return d, err
}

// SourceQuoteCounts counts the indexed quotes of each source of a study,
// by source id, from the index's facets rather than loading every quote.
func (a *App) SourceQuoteCounts(ctx context.Context, studyID int64, sources int) (map[int64]int, error) {
	res, err := a.searchIndex(ctx, search.Query{Size: 1, Facets: []string{"source"}, FacetSize: max(10, sources),
		Filters: map[string][]string{"study": {strconv.FormatInt(studyID, 10)}}})
	if err != nil {
		return nil, err
	}
	quotes := map[int64]int{}
	for _, f := range res.Facets["source"] {
		id, _ := strconv.ParseInt(f.Value, 10, 64)
		quotes[id] = f.Count
	}
	return quotes, nil
}

// ThemeSample is a theme with its first quotes (pinned and top ones
// first), their sources and speakers, for the themes page's editor.
type ThemeSample struct {
	Theme        persona.Theme
	Quotes       []persona.Quote
	Sources      map[int64]persona.Source
	Participants map[int64]persona.Participant
	// Top marks the theme's top (and pinned) quotes.
	Top map[int64]bool
}

// ThemeSample reads a theme and its first n quotes.
func (a *App) ThemeSample(ctx context.Context, id int64, n int) (ThemeSample, error) {
	t, err := a.store.Theme(ctx, id)
	if err != nil {
		return ThemeSample{}, err
	}
	s := ThemeSample{Theme: t, Top: map[int64]bool{}}
	var ids []int64
	seen := map[int64]bool{}
	for _, qid := range append(append([]int64{}, t.TopQuoteIDs...), t.QuoteIDs...) {
		if !seen[qid] && len(ids) < n {
			seen[qid] = true
			ids = append(ids, qid)
		}
	}
	if s.Quotes, err = a.store.QuotesByID(ctx, ids); err != nil {
		return s, err
	}
	var srcIDs, partIDs []int64
	for _, q := range s.Quotes {
		srcIDs, partIDs = append(srcIDs, q.SourceID), append(partIDs, q.ParticipantID)
	}
	if s.Sources, err = a.store.SourcesByID(ctx, srcIDs); err != nil {
		return s, err
	}
	if s.Participants, err = a.store.ParticipantsByID(ctx, partIDs); err != nil {
		return s, err
	}
	for _, qid := range t.TopQuoteIDs {
		s.Top[qid] = true
	}
	return s, nil
}

// EachQuotePage calls each with a study's quotes (without their tokens
// unless withTokens), in id order, up to size at a time.
func (a *App) EachQuotePage(ctx context.Context, studyID int64, size int, withTokens bool, each func([]persona.Quote) error) error {
	var after int64
	for {
		page, err := a.store.Quotes(ctx, store.QuoteFilter{StudyID: studyID, AfterID: after, Limit: size, NoTokens: !withTokens})
		if err != nil {
			return fmt.Errorf("quotes of study %d: %w", studyID, err)
		}
		if len(page) == 0 {
			return nil
		}
		if err := each(page); err != nil {
			return err
		}
		after = page[len(page)-1].ID
	}
}
