package app

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/store"
)

// RedactionPass is the state of a study's pass applying its redaction to
// what was stored before it redacted (docs/PRIVACY.md).
type RedactionPass struct {
	StudyID int64 `json:"study_id"`
	Running bool  `json:"running"`
	// Sources is how many sources the pass reads; Done how many it has
	// read, Changed how many of those it rewrote.
	Sources    int        `json:"sources"`
	Done       int        `json:"done"`
	Changed    int        `json:"changed"`
	StartedAt  time.Time  `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	Error      string     `json:"error,omitempty"`
}

// redactJobs are the passes of this process, the last per study.
type redactJobs struct {
	mu   sync.Mutex
	pass map[int64]*RedactionPass
}

// RedactionPassOf is a study's last redaction pass in this process
// (zero when none ran).
func (a *App) RedactionPassOf(studyID int64) RedactionPass {
	a.redacting.mu.Lock()
	defer a.redacting.mu.Unlock()
	if p := a.redacting.pass[studyID]; p != nil {
		return *p
	}
	return RedactionPass{StudyID: studyID}
}

// StartRedactStored starts, in the background, the pass that applies the
// study's redaction to every source already stored (RedactStored). The
// study must redact; one pass per study runs at a time.
func (a *App) StartRedactStored(ctx context.Context, studyID int64) (RedactionPass, error) {
	pass, err := a.beginRedactPass(ctx, studyID)
	if err != nil {
		return RedactionPass{}, err
	}
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		a.runRedactPass(context.Background(), studyID, pass)
	}()
	return a.RedactionPassOf(studyID), nil
}

// RedactStored applies the study's redaction to every source already
// stored, and waits for it: each source's labels, attributes, turns,
// quotes (ids kept, so codings and themes stay), the file's name and the
// text kept of codings waiting to be placed are rewritten, the source is
// re-indexed (its quotes are searchable only as redacted) and the study
// re-analysed. Sources stored with redaction on are left as they are
// (nothing more is found in them).
func (a *App) RedactStored(ctx context.Context, studyID int64) (RedactionPass, error) {
	pass, err := a.beginRedactPass(ctx, studyID)
	if err != nil {
		return RedactionPass{}, err
	}
	a.runRedactPass(ctx, studyID, pass)
	got := a.RedactionPassOf(studyID)
	if got.Error != "" {
		return got, fmt.Errorf("redact stored text of study %d: %s", studyID, got.Error)
	}
	return got, nil
}

func (a *App) beginRedactPass(ctx context.Context, studyID int64) (*RedactionPass, error) {
	p, err := a.Privacy(ctx, studyID)
	if err != nil {
		return nil, err
	}
	if !p.Redact {
		return nil, fmt.Errorf("study %d does not redact: turn redaction on first: %w", studyID, persona.ErrInvalid)
	}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return nil, err
	}
	a.redacting.mu.Lock()
	defer a.redacting.mu.Unlock()
	if a.redacting.pass == nil {
		a.redacting.pass = map[int64]*RedactionPass{}
	}
	if old := a.redacting.pass[studyID]; old != nil && old.Running {
		return nil, fmt.Errorf("study %d: a redaction pass is already running: %w", studyID, persona.ErrConflict)
	}
	pass := &RedactionPass{StudyID: studyID, Running: true, Sources: len(srcs), StartedAt: time.Now().UTC()}
	a.redacting.pass[studyID] = pass
	return pass, nil
}

func (a *App) runRedactPass(ctx context.Context, studyID int64, pass *RedactionPass) {
	undo := a.MarkAnalysisDue(studyID)
	changed, err := a.redactSources(ctx, studyID, pass)
	a.redacting.mu.Lock()
	now := time.Now().UTC()
	pass.Running, pass.FinishedAt = false, &now
	if err != nil {
		pass.Error = err.Error()
	}
	a.redacting.mu.Unlock()
	if changed > 0 {
		a.ScheduleAnalysis(studyID)
	} else {
		undo()
	}
	a.Log.Info("redacted stored text", slog.Int64("study_id", studyID), slog.Int("sources", pass.Sources), slog.Int("changed", changed))
}

// redactSources rewrites each source of the study; it returns how many
// changed.
func (a *App) redactSources(ctx context.Context, studyID int64, pass *RedactionPass) (int, error) {
	defer a.changed(studyID, ChangeSources)
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return 0, err
	}
	changed := 0
	for _, src := range srcs {
		ok, err := a.redactSource(ctx, src)
		if err != nil {
			return changed, err
		}
		a.redacting.mu.Lock()
		pass.Done++
		if ok {
			changed++
			pass.Changed++
		}
		a.redacting.mu.Unlock()
	}
	return changed, nil
}

// redactSource applies the study's redaction to one stored source and
// re-indexes it; it reports whether anything changed.
func (a *App) redactSource(ctx context.Context, src persona.Source) (bool, error) {
	opt, err := a.withRedaction(ctx, src.StudyID, IngestOptions{})
	if err != nil || opt.redaction == nil {
		return false, err
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{SourceID: src.ID})
	if err != nil {
		return false, err
	}
	turns, err := a.store.Turns(ctx, src.ID)
	if err != nil {
		return false, err
	}
	quotes, err := a.store.Quotes(ctx, store.QuoteFilter{SourceID: src.ID})
	if err != nil {
		return false, err
	}
	oldName := src.Name
	st := &ingest.Stored{Source: &src, Participants: parts, Turns: turns, Quotes: quotes}
	changed, originals := ingest.RedactStored(st, a.Lang, opt.redaction)
	if !changed {
		return false, nil
	}
	if err := a.savePseudonyms(ctx, src.StudyID, opt); err != nil {
		return false, err
	}
	if err := a.saveOriginals(ctx, src.StudyID, src.ID, originals); err != nil {
		return false, err
	}
	if src.Name != oldName && opt.redaction.KeepOriginals {
		if err := a.saveOriginals(ctx, src.StudyID, src.ID, []persona.Original{{Label: src.Name, Original: oldName}}); err != nil {
			return false, err
		}
	}
	// Unindexed until re-indexed: a crash in between is repaired at the
	// next start, from the rewritten text.
	if err := a.store.MarkIndexed(ctx, src.ID, false); err != nil {
		return false, err
	}
	if err := a.store.RewriteSource(ctx, src, st.Participants, st.Turns, st.Quotes); err != nil {
		return false, err
	}
	if err := a.redactUnplaced(ctx, src, oldName, opt); err != nil {
		return false, err
	}
	a.lockIndex()
	err = a.index.DeleteSource(ctx, src.ID)
	a.indexMu.Unlock()
	if err != nil {
		return false, err
	}
	return true, a.indexSource(ctx, src)
}

// redactUnplaced redacts the text kept of the source's codings that wait
// to be placed.
func (a *App) redactUnplaced(ctx context.Context, src persona.Source, oldName string, opt IngestOptions) error {
	ans, err := a.store.UnplacedAnchors(ctx, src.StudyID, src.SHA256, oldName)
	if err != nil {
		return err
	}
	for _, an := range ans {
		text, _ := opt.redaction.Redactor.Redact(an.Text)
		if err := a.store.SetAnchorText(ctx, an.ID, text, src.Name); err != nil {
			return err
		}
	}
	return nil
}
