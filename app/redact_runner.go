package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// A pass's runner is fenced by a token (RedactionPass.Runner): it saves
// its progress only while the stored pass still names it, so a process
// that stalled past passStale, while another took its pass over, stops at
// its next save instead of writing over the taker.

// savePass stores a pass's state as its runner. A failure is logged and
// the pass goes on, except persona.ErrConflict: another process took the
// pass over (this one stalled past passStale), and this one must stop.
func (a *App) savePass(pass *RedactionPass) error {
	a.redacting.mu.Lock()
	defer a.redacting.mu.Unlock()
	pass.UpdatedAt = time.Now().UTC()
	err := a.store.SaveRedactionPass(context.Background(), *pass)
	if errors.Is(err, persona.ErrConflict) {
		a.Log.Warn("redaction pass taken over by another process: this runner stops", slog.Int64("study_id", pass.StudyID))
		return err
	}
	if err != nil {
		a.Log.Error("save redaction pass", slog.Int64("study_id", pass.StudyID), slog.Any("err", err))
	}
	return nil
}

// newRunner is a pass runner's token (RedactionPass.Runner).
func newRunner() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// holdPass renews a runner's lease on its pass before the runner writes
// (store.HoldRedactionPass): persona.ErrConflict when the pass was taken
// over. No runner ("": a source redacted as it is stored) holds nothing.
func (a *App) holdPass(ctx context.Context, studyID int64, runner string) error {
	if runner == "" {
		return nil
	}
	err := a.store.HoldRedactionPass(ctx, studyID, runner, time.Now().UTC())
	if errors.Is(err, persona.ErrConflict) {
		a.Log.Warn("redaction pass taken over by another process: this runner stops before writing", slog.Int64("study_id", studyID))
	}
	return err
}
