package app

import (
	"context"

	"github.com/verbatimhq/verbatim/persona"
)

// QuoteContext is a quote with where it came from: the question it
// answers, the turns around it, its source, speaker and position.
type QuoteContext struct {
	Quote       persona.Quote       `json:"quote"`
	Source      persona.Source      `json:"source"`
	Participant persona.Participant `json:"participant"`
	Position    string              `json:"position"`
	Turns       []persona.Turn      `json:"turns"`
	Theme       *persona.Theme      `json:"theme,omitempty"`
}

// Quote returns a quote with its context (two turns either side).
func (a *App) Quote(ctx context.Context, id int64) (QuoteContext, error) {
	q, err := a.store.Quote(ctx, id)
	if err != nil {
		return QuoteContext{}, err
	}
	src, err := a.store.Source(ctx, q.SourceID)
	if err != nil {
		return QuoteContext{}, err
	}
	p, err := a.store.Participant(ctx, q.ParticipantID)
	if err != nil {
		return QuoteContext{}, err
	}
	turns, err := a.store.Turns(ctx, src.ID)
	if err != nil {
		return QuoteContext{}, err
	}
	qc := QuoteContext{Quote: q, Source: src, Participant: p, Position: Position(q, src), Turns: []persona.Turn{}}
	for i, t := range turns {
		if t.ID == q.TurnID {
			qc.Turns = turns[max(0, i-2):min(len(turns), i+3)]
			break
		}
	}
	if q.ThemeID != 0 {
		if t, err := a.store.Theme(ctx, q.ThemeID); err == nil {
			qc.Theme = &t
		}
	}
	return qc, nil
}
