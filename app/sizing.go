package app

import (
	"context"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/gaps"
	"github.com/verbatimhq/verbatim/persona/store"
)

// sizingCache keeps each study's survey sizing until the study changes:
// it reads every quote of the study, and persona and theme pages show it.
type sizingCache struct {
	mu sync.Mutex
	m  map[int64]cachedSizing
}

type cachedSizing struct {
	epoch int64
	sizes map[int64]gaps.ThemeSize
}

// SurveySizing sizes every interview theme of a study by its survey
// respondents (see gaps.Size), keyed by theme id. A study without
// interviews or without a survey gets an empty map. The result is shared:
// do not modify it.
func (a *App) SurveySizing(ctx context.Context, studyID int64) (map[int64]gaps.ThemeSize, error) {
	epoch := a.epochOf(studyID)
	a.sizing.mu.Lock()
	c, ok := a.sizing.m[studyID]
	a.sizing.mu.Unlock()
	if ok && c.epoch == epoch {
		return c.sizes, nil
	}
	sizes, err := a.surveySizing(ctx, studyID)
	if err != nil {
		return nil, err
	}
	a.sizing.mu.Lock()
	if a.sizing.m == nil || len(a.sizing.m) > 100 {
		a.sizing.m = map[int64]cachedSizing{}
	}
	a.sizing.m[studyID] = cachedSizing{epoch: epoch, sizes: sizes}
	a.sizing.mu.Unlock()
	return sizes, nil
}

func (a *App) surveySizing(ctx context.Context, studyID int64) (map[int64]gaps.ThemeSize, error) {
	out := map[int64]gaps.ThemeSize{}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return nil, err
	}
	kind := map[int64]persona.Kind{}
	for _, s := range srcs {
		kind[s.ID] = s.Kind
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID, BuyersOnly: true})
	if err != nil {
		return nil, err
	}
	var in gaps.SizingInput
	for _, p := range parts {
		switch kind[p.SourceID] {
		case persona.KindTranscript:
			in.Interviewees = append(in.Interviewees, p)
		case persona.KindSurvey:
			in.Respondents = append(in.Respondents, p)
		}
	}
	if len(in.Interviewees) == 0 || len(in.Respondents) == 0 {
		return out, nil
	}
	if in.Themes, err = a.store.Themes(ctx, studyID); err != nil {
		return nil, err
	}
	quotes, err := a.buyerQuotes(ctx, studyID)
	if err != nil {
		return nil, err
	}
	for _, q := range quotes {
		if !q.Hidden {
			in.Quotes = append(in.Quotes, q)
		}
	}
	for _, s := range gaps.Size(in) {
		out[s.ThemeID] = s
	}
	return out, nil
}

// QuoteRefs are the quotes of ids (of one study), attributed and linkable,
// in the order given.
func (a *App) QuoteRefs(ctx context.Context, studyID int64, ids []int64) ([]QuoteRef, error) {
	out := []QuoteRef{}
	if len(ids) == 0 {
		return out, nil
	}
	srcs, err := a.sourceMap(ctx, studyID)
	if err != nil {
		return nil, err
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID})
	if err != nil {
		return nil, err
	}
	labels := map[int64]string{}
	for _, x := range parts {
		labels[x.ID] = x.Label
	}
	qs, err := a.store.QuotesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[int64]persona.Quote{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	for _, id := range ids {
		if q, ok := byID[id]; ok {
			src := srcs[q.SourceID]
			out = append(out, QuoteRef{ID: q.ID, Text: q.Text, Participant: labels[q.ParticipantID], Source: src.Name, SourceID: src.ID, Position: Position(q, src)})
		}
	}
	return out, nil
}

// SurveyFigure is a theme's survey sizing as persona pages show it:
// "raised by Interviewees of InterviewsOf interviewees; Share (Low–High)
// of Of surveyed" (Surveyed respondents). The answers counted are at
// GET /api/v1/themes/:id/survey.
type SurveyFigure struct {
	Interviewees int     `json:"interviewees"`
	InterviewsOf int     `json:"interviews_of"`
	Surveyed     int     `json:"surveyed"`
	Of           int     `json:"of"`
	Share        float64 `json:"share"`
	Low          float64 `json:"low"`
	High         float64 `json:"high"`
}

// Figure is sz as a SurveyFigure.
func Figure(sz gaps.ThemeSize) *SurveyFigure {
	return &SurveyFigure{Interviewees: sz.Interviewees, InterviewsOf: sz.InterviewsOf, Surveyed: sz.Survey.K,
		Of: sz.Survey.N, Share: sz.Survey.Share, Low: sz.Survey.Low, High: sz.Survey.High}
}
