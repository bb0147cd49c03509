package app

import (
	"context"

	"github.com/verbatimhq/verbatim/persona"
)

// SourceLabels are the wave and outcome an upload or `ingest` gives every
// file it takes in; empty fields leave the source's as they are.
type SourceLabels struct {
	Wave       string
	Date       string
	Outcome    string
	Competitor string
}

// Clean validates the labels (see persona.CleanWave, CleanOutcome).
func (l SourceLabels) Clean() (SourceLabels, error) {
	wave, date, err := persona.CleanWave(l.Wave, l.Date)
	if err != nil {
		return l, err
	}
	o, comp, err := persona.CleanOutcome(l.Outcome, l.Competitor)
	if err != nil {
		return l, err
	}
	return SourceLabels{Wave: wave, Date: date, Outcome: string(o), Competitor: comp}, nil
}

// Empty reports whether the labels set nothing.
func (l SourceLabels) Empty() bool { return l.Wave == "" && l.Outcome == "" }

// LabelResult applies cleaned labels to the source of an ingested file (a
// file just stored or one already in the study: the caller asked for
// these labels now). A file that was not stored is left alone.
func (a *App) LabelResult(ctx context.Context, res FileResult, l SourceLabels) error {
	if l.Empty() || res.SourceID == 0 || (res.Status != StatusOK && res.Status != StatusDuplicate) {
		return nil
	}
	src, err := a.store.Source(ctx, res.SourceID)
	if err != nil {
		return err
	}
	defer a.changed(src.StudyID, ChangeLabels)
	if l.Wave != "" {
		if err := a.store.SetSourceWave(ctx, res.SourceID, l.Wave, l.Date); err != nil {
			return err
		}
	}
	if l.Outcome != "" {
		if err := a.store.SetSourceOutcome(ctx, res.SourceID, persona.Outcome(l.Outcome), l.Competitor); err != nil {
			return err
		}
	}
	return nil
}
