package app

import (
	"context"
	"fmt"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// SetRole marks a participant as interviewer or buyer (a researcher's
// override, kept across re-ingest and analysis) and re-derives the quotes
// of its source: only buyers' words are quotes, and each answers the last
// interviewer question before it. The source's quotes get new ids.
func (a *App) SetRole(ctx context.Context, participantID int64, interviewer bool) (persona.Participant, error) {
	p, err := a.store.Participant(ctx, participantID)
	if err != nil {
		return p, err
	}
	src, err := a.store.Source(ctx, p.SourceID)
	if err != nil {
		return p, err
	}
	if src.Kind != persona.KindTranscript {
		return p, fmt.Errorf("participant %d: only transcript speakers have roles: %w", participantID, persona.ErrInvalid)
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{SourceID: src.ID})
	if err != nil {
		return p, err
	}
	isInterviewer := map[int64]bool{}
	for _, x := range parts {
		isInterviewer[x.ID] = x.Interviewer
	}
	isInterviewer[participantID] = interviewer
	turns, err := a.store.Turns(ctx, src.ID)
	if err != nil {
		return p, err
	}
	quotes := persona.ExtractQuotes(a.Lang, persona.Speeches(turns, func(id int64) bool { return isInterviewer[id] }))
	for i := range quotes {
		q := &quotes[i]
		t := turns[q.TurnID]
		q.TurnID, q.ParticipantID, q.SourceID, q.StudyID = t.ID, t.ParticipantID, src.ID, src.StudyID
		q.Kind, q.Line = persona.KindTranscript, t.Line
	}
	defer a.changed(src.StudyID, ChangeParticipants)
	if err := a.store.MarkIndexed(ctx, src.ID, false); err != nil {
		return p, err
	}
	if err := a.store.SetRole(ctx, participantID, interviewer, src.ID, quotes); err != nil {
		return p, err
	}
	if _, _, err := a.reattachCodings(ctx, src); err != nil {
		return p, err
	}
	if _, err := a.reattachHeld(ctx, src); err != nil {
		return p, err
	}
	a.lockIndex()
	err = a.index.DeleteSource(ctx, src.ID)
	a.indexMu.Unlock()
	if err != nil {
		return p, err
	}
	if err := a.indexSource(ctx, src); err != nil {
		return p, err
	}
	return a.store.Participant(ctx, participantID)
}
