package app

import (
	"context"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/gaps"
	"github.com/verbatimhq/verbatim/persona/store"
)

// SurveySizing sizes every interview theme of a study by its survey
// respondents (see gaps.Size), keyed by theme id. A study without
// interviews or without a survey gets an empty map.
func (a *App) SurveySizing(ctx context.Context, studyID int64) (map[int64]gaps.ThemeSize, error) {
	out := map[int64]gaps.ThemeSize{}
	srcs, err := a.Store.Sources(ctx, studyID)
	if err != nil {
		return nil, err
	}
	kind := map[int64]persona.Kind{}
	for _, s := range srcs {
		kind[s.ID] = s.Kind
	}
	parts, err := a.Store.Participants(ctx, store.ParticipantFilter{StudyID: studyID, BuyersOnly: true})
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
	if in.Themes, err = a.Store.Themes(ctx, studyID); err != nil {
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
