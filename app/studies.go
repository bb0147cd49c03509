package app

import (
	"context"
	"errors"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// Studies lists the studies the viewer may see (docs/ACCESS.md).
func (a *App) Studies(ctx context.Context) ([]persona.Study, error) {
	studies, err := a.store.Studies(ctx)
	if err != nil {
		return nil, err
	}
	return a.filterStudies(ctx, studies)
}

// Study is one study by id (persona.ErrNotFound when there is none or the
// viewer may not see it).
func (a *App) Study(ctx context.Context, id int64) (persona.Study, error) {
	if err := a.CanSeeStudy(ctx, id); err != nil {
		return persona.Study{}, err
	}
	return a.store.Study(ctx, id)
}

// StudyByName is one study by its name (persona.ErrNotFound when there is
// none or the viewer may not see it).
func (a *App) StudyByName(ctx context.Context, name string) (persona.Study, error) {
	st, err := a.store.StudyByName(ctx, name)
	if err != nil {
		return st, err
	}
	if err := a.CanSeeStudy(ctx, st.ID); err != nil {
		return persona.Study{}, err
	}
	return st, nil
}

// CreateStudy creates an empty study (persona.ErrDuplicate when the name
// is taken). The viewer owns it and, until they share it, is the only
// one besides admins who sees it; a study the system creates (command
// line, demo) is shared with every role, as every study was before
// studies had members.
func (a *App) CreateStudy(ctx context.Context, name string) (persona.Study, error) {
	st, err := a.store.CreateStudy(ctx, name)
	if err != nil {
		return st, err
	}
	defer a.changed(st.ID, ChangeStudy)
	if v, ok := ViewerOf(ctx); ok {
		if err := a.store.SetStudyOwner(ctx, st.ID, v.UserID); err != nil {
			return st, err
		}
		st.OwnerID = v.UserID
		return st, nil
	}
	for _, role := range persona.SharedRoles {
		if err := a.store.AddStudyMember(ctx, persona.StudyMember{StudyID: st.ID, Role: role}); err != nil {
			return st, err
		}
	}
	return st, nil
}

// EnsureStudy is the study of that name, created (as CreateStudy does)
// when missing.
func (a *App) EnsureStudy(ctx context.Context, name string) (persona.Study, error) {
	st, err := a.StudyByName(ctx, name)
	if !errors.Is(err, persona.ErrNotFound) {
		return st, err
	}
	st, err = a.CreateStudy(ctx, name)
	if errors.Is(err, persona.ErrConflict) {
		return a.StudyByName(ctx, name)
	}
	return st, err
}

// RenameStudy renames a study; pages that show its name (persona pages
// and their JSON) show the new one.
func (a *App) RenameStudy(ctx context.Context, id int64, name string) (persona.Study, error) {
	if err := a.CanSeeStudy(ctx, id); err != nil {
		return persona.Study{}, err
	}
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
