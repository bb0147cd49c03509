package app

import (
	"context"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// Studies lists every study.
func (a *App) Studies(ctx context.Context) ([]persona.Study, error) {
	return a.store.Studies(ctx)
}

// Study is one study by id (persona.ErrNotFound when there is none).
func (a *App) Study(ctx context.Context, id int64) (persona.Study, error) {
	return a.store.Study(ctx, id)
}

// StudyByName is one study by its name (persona.ErrNotFound when there is
// none).
func (a *App) StudyByName(ctx context.Context, name string) (persona.Study, error) {
	return a.store.StudyByName(ctx, name)
}

// CreateStudy creates an empty study (persona.ErrDuplicate when the name
// is taken).
func (a *App) CreateStudy(ctx context.Context, name string) (persona.Study, error) {
	st, err := a.store.CreateStudy(ctx, name)
	if err == nil {
		a.changed(st.ID, ChangeStudy)
	}
	return st, err
}

// EnsureStudy is the study of that name, created when missing.
func (a *App) EnsureStudy(ctx context.Context, name string) (persona.Study, error) {
	st, err := a.store.EnsureStudy(ctx, name)
	if err == nil {
		a.changed(st.ID, ChangeStudy)
	}
	return st, err
}

// RenameStudy renames a study; pages that show its name (persona pages
// and their JSON) show the new one.
func (a *App) RenameStudy(ctx context.Context, id int64, name string) (persona.Study, error) {
	defer a.changed(id, ChangeStudy)
	return a.store.RenameStudy(ctx, id, name)
}

// StudyStats counts a study's sources, participants and quotes.
func (a *App) StudyStats(ctx context.Context, studyID int64) (persona.StudyStats, error) {
	return a.store.Stats(ctx, studyID)
}

// AnalysisInfo is the version of a study's latest saved analysis and when
// it ran (version 0: never analysed).
func (a *App) AnalysisInfo(ctx context.Context, studyID int64) (version int, ranAt time.Time, err error) {
	return a.store.AnalysisInfo(ctx, studyID)
}
