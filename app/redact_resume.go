package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// A redaction pass whose process stopped (a crash, a kill, a replica
// taken down) leaves its row running with its last heartbeat. Once that
// is passStale old the pass reads as stopped, and the first process to
// notice takes it over (store.BeginRedactionPass: one conditional write,
// so one replica wins) and resumes it after the last source it finished:
// at start-up (ResumeRedactPasses, for passes found running then, when
// they go stale) or on the next request for its state (RedactionPassOf).

// ResumeRedactPasses resumes, in the background, the redaction passes that
// read as stopped, and arranges for those still running (perhaps in a
// process that has just stopped) to be resumed if they go silent for
// passStale. It returns the studies whose pass it resumed now. serve calls
// it once at start.
func (a *App) ResumeRedactPasses(ctx context.Context) ([]int64, error) {
	running, err := a.store.RunningRedactionPasses(ctx)
	if err != nil {
		return nil, err
	}
	var resumed []int64
	for _, p := range running {
		wait := time.Until(p.UpdatedAt.Add(passStale))
		if wait > 0 {
			a.resumeLater(p.StudyID, wait+time.Second)
			continue
		}
		_, ok, err := a.resumeRedactPass(ctx, p.StudyID)
		if err != nil {
			return resumed, err
		}
		if ok {
			resumed = append(resumed, p.StudyID)
		}
	}
	return resumed, nil
}

// resumeLater tries to resume studyID's pass after wait, unless the App
// is closed by then; a pass that has made progress since is left to run.
func (a *App) resumeLater(studyID int64, wait time.Duration) {
	j := &a.redacting
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return
	}
	j.timers = append(j.timers, time.AfterFunc(wait, func() {
		j.mu.Lock()
		if j.closed {
			j.mu.Unlock()
			return
		}
		a.bg.Add(1)
		j.mu.Unlock()
		defer a.bg.Done()
		p, err := a.store.RedactionPass(context.Background(), studyID)
		if err == nil && p.Running && p.UpdatedAt.Before(time.Now().Add(-passStale)) {
			_, _, err = a.resumeRedactPass(context.Background(), studyID)
		}
		if err != nil {
			a.Log.Warn("resume redaction pass", slog.Int64("study_id", studyID), slog.String("error", err.Error()))
		}
	}))
}

// stopResuming stops the timers of resumeLater (Close).
func (a *App) stopResuming() {
	j := &a.redacting
	j.mu.Lock()
	defer j.mu.Unlock()
	j.closed = true
	for _, t := range j.timers {
		t.Stop()
	}
	j.timers = nil
}

// resumeRedactPass takes over studyID's stopped pass and runs the rest of
// it in the background. ok is false when there is nothing to resume here:
// another process took it over first or it is running again, or the study
// no longer redacts (the pass stays stopped).
func (a *App) resumeRedactPass(ctx context.Context, studyID int64) (RedactionPass, bool, error) {
	priv, err := a.Privacy(ctx, studyID)
	if errors.Is(err, persona.ErrNotFound) {
		return RedactionPass{}, false, nil
	}
	if err != nil || !priv.Redact {
		return RedactionPass{}, false, err
	}
	p, err := a.StartRedactStored(ctx, studyID)
	if errors.Is(err, persona.ErrConflict) {
		return RedactionPass{}, false, nil
	}
	if err != nil {
		return RedactionPass{}, false, err
	}
	return p, true, nil
}
