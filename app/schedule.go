package app

import (
	"context"
	"log/slog"
	"sync"
)

// analysisScheduler runs analyses in the background after a study's data
// changed. Requests coalesce: while a run is going, later changes queue at
// most one more run, so a burst of uploads costs two analyses, not one
// each.
type analysisScheduler struct {
	mu sync.Mutex
	// pending: study -> true while an analysis runs, false when another
	// is queued behind it.
	pending map[int64]bool
	wg      sync.WaitGroup
	// held is a test hook, never set outside tests: ScheduleAnalysis
	// marks the study due (QueueAnalysis) and runs nothing, for tests of
	// what a write reports, which a background analysis's own report
	// would blur and whose cost under -race it is.
	held bool
}

// ScheduleAnalysis re-runs a study's analysis in the background after its
// data changed (an upload, a deletion, a role change). The study is
// marked due first (QueueAnalysis), so status polls see it queued and a
// crash before it finishes resumes it at the next start.
func (a *App) ScheduleAnalysis(studyID int64) {
	a.QueueAnalysis(studyID)
	s := &a.analyses
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held {
		return
	}
	if s.pending == nil {
		s.pending = map[int64]bool{}
	}
	if running, ok := s.pending[studyID]; ok {
		if running {
			s.pending[studyID] = false // run once more when this one ends
		}
		return
	}
	s.pending[studyID] = true
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			if _, err := a.Analyze(context.Background(), studyID, nil); err != nil {
				a.Log.Error("background analysis", slog.Int64("study_id", studyID), slog.String("error", err.Error()))
			}
			s.mu.Lock()
			again := !s.pending[studyID]
			if again {
				s.pending[studyID] = true
			} else {
				delete(s.pending, studyID)
			}
			s.mu.Unlock()
			if !again {
				return
			}
		}
	}()
}

// BeginUpload marks a study's analysis due before an upload stores its
// files, so a crash half way is resumed at the next start, and returns
// end, to call once with how many files were stored: it schedules the
// analysis when any was, and clears the mark otherwise (unless another
// change marked the study since).
func (a *App) BeginUpload(studyID int64) (end func(stored int)) {
	undo := a.MarkAnalysisDue(studyID)
	return func(stored int) {
		if stored > 0 {
			a.ScheduleAnalysis(studyID)
		} else {
			undo()
		}
	}
}

// WaitAnalyses waits for the background analyses to finish.
func (a *App) WaitAnalyses() { a.analyses.wg.Wait() }

// ResumeAnalyses schedules the analyses a crash cut short (DueAnalyses)
// and returns their studies. serve calls it once at start.
func (a *App) ResumeAnalyses(ctx context.Context) ([]int64, error) {
	due, err := a.DueAnalyses(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range due {
		a.ScheduleAnalysis(id)
	}
	return due, nil
}
