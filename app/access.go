package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/search"
)

// Viewer is the signed-in user an operation runs for (docs/ACCESS.md).
// It travels in the context (WithViewer): every operation that names a
// study or something in one, and every list, sees only what the viewer
// may see. A context without a viewer is the system itself — the command
// line, background jobs — and sees every study, as an admin does.
type Viewer struct {
	UserID int64
	Name   string
	Role   account.Role
}

type viewerKey struct{}

// WithViewer is ctx carrying v: what every app operation called with it
// may see.
func WithViewer(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerOf is the viewer ctx carries; ok is false for the system.
func ViewerOf(ctx context.Context) (v Viewer, ok bool) {
	v, ok = ctx.Value(viewerKey{}).(Viewer)
	return v, ok
}

// seesAll is true for the system and for admins.
func seesAll(ctx context.Context) (Viewer, bool) {
	v, ok := ViewerOf(ctx)
	return v, !ok || v.Role.Can(account.PermAdmin)
}

// visibleStudies are the ids of the studies the viewer may see; all is
// true (and ids nil) when that is every study.
func (a *App) visibleStudies(ctx context.Context) (ids map[int64]bool, all bool, err error) {
	v, all := seesAll(ctx)
	if all {
		return nil, true, nil
	}
	if m, ok := ctx.Value(visibleMemoKey{}).(*visibleMemo); ok {
		m.once.Do(func() { m.ids, m.err = a.store.VisibleStudyIDs(ctx, v.UserID, string(v.Role)) })
		return m.ids, false, m.err
	}
	ids, err = a.store.VisibleStudyIDs(ctx, v.UserID, string(v.Role))
	return ids, false, err
}

// visibleMemo holds the studies a viewer may see for the length of one
// operation that searches several times (an objection answer), so it
// asks the database once. The ids must not be modified.
type visibleMemo struct {
	once sync.Once
	ids  map[int64]bool
	err  error
}

type visibleMemoKey struct{}

// withVisibleMemo makes the searches made under ctx share one look-up of
// the studies the viewer may see.
func withVisibleMemo(ctx context.Context) context.Context {
	if _, ok := ctx.Value(visibleMemoKey{}).(*visibleMemo); ok {
		return ctx
	}
	return context.WithValue(ctx, visibleMemoKey{}, &visibleMemo{})
}

// CanSeeStudy is nil when the viewer may see the study, and
// persona.ErrNotFound when it does not exist or is not shared with them:
// the two answer alike, so names of studies do not leak.
func (a *App) CanSeeStudy(ctx context.Context, studyID int64) error {
	ids, all, err := a.visibleStudies(ctx)
	if err != nil {
		return err
	}
	if !all && !ids[studyID] {
		return fmt.Errorf("study %d: %w", studyID, persona.ErrNotFound)
	}
	return nil
}

// Object is a kind of thing that lives in a study and that a request can
// name by id.
type Object string

// The objects Authorize knows.
const (
	ObjStudy       Object = "study"
	ObjSource      Object = "source"
	ObjParticipant Object = "participant"
	ObjQuote       Object = "quote"
	ObjTheme       Object = "theme"
	ObjPersona     Object = "persona"
	ObjCollateral  Object = "collateral"
	ObjTracker     Object = "tracker"
	ObjAnswer      Object = "answer"
	ObjCode        Object = "code"
)

// Objects lists every Object.
func Objects() []Object {
	return []Object{ObjStudy, ObjSource, ObjParticipant, ObjQuote, ObjTheme, ObjPersona, ObjCollateral, ObjTracker, ObjAnswer, ObjCode}
}

// Authorize is the one check of study access: nil when the viewer may see
// the study obj id lives in; persona.ErrNotFound when the object does not
// exist or its study is not shared with the viewer.
func (a *App) Authorize(ctx context.Context, obj Object, id int64) error {
	if _, all := seesAll(ctx); all {
		return nil // handlers still answer 404 for objects that do not exist
	}
	studyID, err := a.studyOf(ctx, obj, id)
	if err != nil {
		return err
	}
	return a.CanSeeStudy(ctx, studyID)
}

// studyOf is the study obj id lives in.
func (a *App) studyOf(ctx context.Context, obj Object, id int64) (int64, error) {
	switch obj {
	case ObjStudy:
		return id, nil
	case ObjSource:
		x, err := a.store.Source(ctx, id)
		return x.StudyID, err
	case ObjParticipant:
		x, err := a.store.Participant(ctx, id)
		return x.StudyID, err
	case ObjQuote:
		x, err := a.store.Quote(ctx, id)
		return x.StudyID, err
	case ObjTheme:
		x, err := a.store.Theme(ctx, id)
		return x.StudyID, err
	case ObjPersona:
		x, err := a.store.Persona(ctx, id)
		return x.StudyID, err
	case ObjCollateral:
		x, err := a.store.Collateral(ctx, id)
		return x.StudyID, err
	case ObjTracker:
		x, err := a.store.Tracker(ctx, id)
		return x.StudyID, err
	case ObjAnswer:
		x, err := a.store.Answer(ctx, id)
		return x.StudyID, err
	case ObjCode:
		x, err := a.store.Code(ctx, id)
		return x.StudyID, err
	}
	return 0, fmt.Errorf("authorize: unknown object %q", obj)
}

// filterStudies keeps the studies the viewer may see.
func (a *App) filterStudies(ctx context.Context, studies []persona.Study) ([]persona.Study, error) {
	ids, all, err := a.visibleStudies(ctx)
	if err != nil || all {
		return studies, err
	}
	out := studies[:0:0]
	for _, st := range studies {
		if ids[st.ID] {
			out = append(out, st)
		}
	}
	return out, nil
}

// canManageStudy is nil when the viewer may change who sees the study:
// its owner or an admin (or the system). Others who see it get
// persona.ErrForbidden, others still persona.ErrNotFound.
func (a *App) canManageStudy(ctx context.Context, studyID int64) (persona.Study, error) {
	if err := a.CanSeeStudy(ctx, studyID); err != nil {
		return persona.Study{}, err
	}
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return st, err
	}
	v, all := seesAll(ctx)
	if !all && (st.OwnerID == 0 || st.OwnerID != v.UserID) {
		return st, fmt.Errorf("study %d: only its owner or an admin may share it: %w", studyID, persona.ErrForbidden)
	}
	return st, nil
}

// isNotFound reports a persona.ErrNotFound.
func isNotFound(err error) bool { return errors.Is(err, persona.ErrNotFound) }

// searchIndex runs q over the studies the viewer may see: a study filter
// is narrowed to them, and no filter becomes all of them. Every search of
// the index from app goes through here.
func (a *App) searchIndex(ctx context.Context, q search.Query) (search.Result, error) {
	filters, none, err := a.scopedFilters(ctx, q.Filters)
	if err != nil {
		return search.Result{}, err
	}
	if none {
		return search.Result{Hits: []search.Hit{}, Facets: map[string][]search.FacetCount{}}, nil
	}
	q.Filters = filters
	return a.index.Search(ctx, q)
}

// scopedFilters are filters narrowed to the studies the viewer may see (a
// study filter kept to those, no study filter made all of them); none is
// true when that leaves no study. An admin's filters are returned as they
// are.
func (a *App) scopedFilters(ctx context.Context, in map[string][]string) (filters map[string][]string, none bool, err error) {
	ids, all, err := a.visibleStudies(ctx)
	if err != nil || all {
		return in, false, err
	}
	var keep []string
	if want, ok := in["study"]; ok {
		for _, s := range want {
			if id, err := strconv.ParseInt(s, 10, 64); err == nil && ids[id] {
				keep = append(keep, s)
			}
		}
	} else {
		for id := range ids {
			keep = append(keep, strconv.FormatInt(id, 10))
		}
		sort.Strings(keep)
	}
	if len(keep) == 0 {
		return nil, true, nil
	}
	filters = make(map[string][]string, len(in)+1)
	for k, v := range in {
		filters[k] = v
	}
	filters["study"] = keep
	return filters, false, nil
}
