package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
)

// dueDir holds one empty file per study whose analysis was queued and has
// not finished since: a crash between an upload (a deletion, a role
// change) and the end of the analysis it queued leaves the file behind,
// and the next start resumes the analysis (DueAnalyses).
const dueDir = "analysis-due"

// dueBoard counts queue requests per study, so an analysis that started
// before a later request does not clear that request's mark.
type dueBoard struct {
	mu  sync.Mutex
	seq map[int64]uint64
}

func (a *App) duePath(studyID int64) string {
	return filepath.Join(a.cfg.DataDir, dueDir, strconv.FormatInt(studyID, 10))
}

// markDue records on disk that studyID's analysis must run and returns
// the request's number.
func (a *App) markDue(studyID int64) uint64 {
	a.due.mu.Lock()
	if a.due.seq == nil {
		a.due.seq = map[int64]uint64{}
	}
	a.due.seq[studyID]++
	seq := a.due.seq[studyID]
	a.due.mu.Unlock()
	err := os.MkdirAll(filepath.Dir(a.duePath(studyID)), 0o700)
	if err == nil {
		err = os.WriteFile(a.duePath(studyID), nil, 0o600)
	}
	if err != nil {
		a.Log.Warn("mark analysis due", slog.Int64("study_id", studyID), slog.String("error", err.Error()))
	}
	return seq
}

// MarkAnalysisDue records, before a change is stored, that studyID's
// analysis must run, so a crash between the change and QueueAnalysis is
// resumed at the next start. Call undo when the change stored nothing: it
// clears the mark unless another change has marked the study since.
func (a *App) MarkAnalysisDue(studyID int64) (undo func()) {
	seq := a.markDue(studyID)
	return func() { a.clearDue(studyID, seq) }
}

// dueSeq is the number of queue requests for studyID so far; an analysis
// takes it when it starts.
func (a *App) dueSeq(studyID int64) uint64 {
	a.due.mu.Lock()
	defer a.due.mu.Unlock()
	return a.due.seq[studyID]
}

// clearDue removes the mark after a finished analysis, unless another
// request came in after it started (that one's run clears it).
func (a *App) clearDue(studyID int64, seq uint64) {
	a.due.mu.Lock()
	defer a.due.mu.Unlock()
	if a.due.seq[studyID] != seq {
		return
	}
	if err := os.Remove(a.duePath(studyID)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		a.Log.Warn("clear analysis mark", slog.Int64("study_id", studyID), slog.String("error", err.Error()))
	}
}

// DueAnalyses lists the studies whose analysis a crash cut short (or
// never let start): those with a mark left in dueDir. Marks of studies
// that no longer exist are removed.
func (a *App) DueAnalyses(ctx context.Context) ([]int64, error) {
	entries, err := os.ReadDir(filepath.Join(a.cfg.DataDir, dueDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("due analyses: %w", err)
	}
	var due []int64
	for _, e := range entries {
		id, err := strconv.ParseInt(e.Name(), 10, 64)
		if err != nil {
			continue
		}
		if _, err := a.store.Study(ctx, id); errors.Is(err, persona.ErrNotFound) {
			_ = os.Remove(a.duePath(id))
			continue
		} else if err != nil {
			return nil, fmt.Errorf("due analyses: %w", err)
		}
		due = append(due, id)
	}
	slices.Sort(due)
	return due, nil
}
