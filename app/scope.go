package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// AllStudies is the scope value that searches every study at once: mixing
// studies is an explicit choice, never the default.
const AllStudies = "all"

// StudyRef names the study an answer comes from.
type StudyRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// DefaultStudy is the study a search or a field note uses when none is
// named: the most recently analysed one, else the most recently created.
// Only studies the viewer may see qualify.
// It is persona.ErrNotFound when there is no study.
func (a *App) DefaultStudy(ctx context.Context) (persona.Study, error) {
	studies, err := a.Studies(ctx)
	if err != nil {
		return persona.Study{}, err
	}
	ranAts, err := a.store.AnalysisTimes(ctx)
	if err != nil {
		return persona.Study{}, err
	}
	var best persona.Study
	var bestKey [2]int64 // analysed at, created at (unix nanoseconds)
	for _, st := range studies {
		var ran int64
		if ranAt := ranAts[st.ID]; !ranAt.IsZero() {
			ran = ranAt.UnixNano()
		}
		key := [2]int64{ran, st.CreatedAt.UnixNano()}
		if best.ID == 0 || key[0] > bestKey[0] || key[0] == bestKey[0] && (key[1] > bestKey[1] || key[1] == bestKey[1] && st.ID > best.ID) {
			best, bestKey = st, key
		}
	}
	if best.ID == 0 {
		return best, fmt.Errorf("no study yet: %w", persona.ErrNotFound)
	}
	return best, nil
}

// ResolveStudy turns a scope as a user gives it into a study: "" is the
// default study, AllStudies is every study (ok with a zero study), and
// anything else is a study id or name.
func (a *App) ResolveStudy(ctx context.Context, scope string) (st persona.Study, all bool, err error) {
	scope = strings.TrimSpace(scope)
	switch {
	case scope == "":
		st, err = a.DefaultStudy(ctx)
		return st, false, err
	case strings.EqualFold(scope, AllStudies):
		return persona.Study{}, true, nil
	}
	if id, perr := strconv.ParseInt(scope, 10, 64); perr == nil {
		st, err = a.Study(ctx, id)
		return st, false, err
	}
	st, err = a.StudyByName(ctx, scope)
	return st, false, err
}
