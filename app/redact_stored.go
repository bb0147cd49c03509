package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/redact"
	"github.com/verbatimhq/verbatim/persona/store"
)

// RedactionPass is the state of a study's pass applying its redaction to
// what was stored before it redacted (docs/PRIVACY.md). It is stored
// (redaction_passes), so every replica shows it.
type RedactionPass = persona.RedactionPass

// Heartbeat of a running pass: it saves its progress at least every
// passBeat; a pass silent for passStale belonged to a process that
// stopped, and another may start.
const (
	passBeat  = 20 * time.Second
	passStale = 3 * time.Minute
)

// redactJobs serialises a process's saves of its passes' progress and
// holds the timers that resume passes found running at start-up once they
// read as stopped (redact_resume.go).
type redactJobs struct {
	mu     sync.Mutex
	timers []*time.Timer
	closed bool
	// afterSource, when set (tests), is called after each source a pass
	// finished and saved.
	afterSource func(studyID, sourceID int64)
}

// stoppedPass is the text of a pass whose process stopped.
const stoppedPass = "stopped: the process running it ended before it was done"

// RedactionPassOf is a study's last redaction pass, as stored (zero when
// none ran). A pass whose process stopped (silent for passStale) is
// resumed here, in the background, after the last source it finished, so
// the next request after a crash carries it on; when it cannot be (the
// study no longer redacts) it reads as stopped.
func (a *App) RedactionPassOf(ctx context.Context, studyID int64) (RedactionPass, error) {
	p, err := a.store.RedactionPass(ctx, studyID)
	if err != nil {
		return p, err
	}
	if p.Running && p.UpdatedAt.Before(time.Now().Add(-passStale)) {
		resumed, ok, err := a.resumeRedactPass(ctx, studyID)
		if err != nil {
			// The state is still shown (as stopped); the next request tries again.
			a.Log.Warn("resume redaction pass", slog.Int64("study_id", studyID), slog.String("error", err.Error()))
		}
		if ok {
			return resumed, nil
		}
		if p, err = a.store.RedactionPass(ctx, studyID); err != nil {
			return p, err
		}
		if p.Running && p.UpdatedAt.Before(time.Now().Add(-passStale)) {
			p.Running, p.Error = false, stoppedPass
		}
	}
	return p, nil
}

// StartRedactStored starts, in the background, the pass that applies the
// study's redaction to every source already stored (RedactStored). The
// study must redact; one pass per study runs at a time, across replicas.
func (a *App) StartRedactStored(ctx context.Context, studyID int64) (RedactionPass, error) {
	pass, err := a.beginRedactPass(ctx, studyID)
	if err != nil {
		return RedactionPass{}, err
	}
	begun := *pass // the pass's own copy is the goroutine's from here
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		a.runRedactPass(a.life, studyID, pass)
	}()
	return begun, nil
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
	if pass.Error != "" {
		return *pass, fmt.Errorf("redact stored text of study %d: %s", studyID, pass.Error)
	}
	return *pass, nil
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
	now := time.Now().UTC()
	begun, err := a.store.BeginRedactionPass(ctx, RedactionPass{StudyID: studyID, Running: true, Sources: len(srcs), StartedAt: now, UpdatedAt: now, Runner: newRunner()}, now.Add(-passStale))
	if err != nil {
		return nil, err
	}
	// A stopped pass taken over reads the sources after the last it
	// finished (and any stored since), counting on from where it was; a
	// new one reads them all.
	left := 0
	for _, src := range srcs {
		if src.ID > begun.ThroughSource {
			left++
		}
	}
	if begun.Sources != begun.Done+left {
		begun.Sources = begun.Done + left
		if err := a.savePass(&begun); errors.Is(err, persona.ErrConflict) {
			return nil, err
		}
	}
	if begun.Done > 0 || begun.ThroughSource > 0 {
		a.Log.Info("resuming a stopped redaction pass", slog.Int64("study_id", studyID),
			slog.Int("done", begun.Done), slog.Int("left", left))
	}
	return &begun, nil
}

func (a *App) runRedactPass(ctx context.Context, studyID int64, pass *RedactionPass) {
	undo := a.MarkAnalysisDue(studyID)
	// A heartbeat that finds the pass taken over cancels the run.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	beat, stop := time.NewTicker(passBeat), make(chan struct{})
	go func() {
		for {
			select {
			case <-beat.C:
				if err := a.savePass(pass); err != nil {
					cancel(err)
				}
			case <-stop:
				return
			}
		}
	}()
	changed, err := a.redactSources(ctx, studyID, pass)
	beat.Stop()
	close(stop)
	if errors.Is(err, persona.ErrConflict) || errors.Is(context.Cause(ctx), persona.ErrConflict) {
		// Taken over: the process that took it finishes it, saves its end
		// and has the study re-analysed; so is it here when this runner
		// rewrote anything (its count may not have reached the row).
		a.Log.Info("redaction pass left to the process that took it over", slog.Int64("study_id", studyID), slog.Int("changed_here", changed))
		if changed > 0 {
			a.ScheduleAnalysis(studyID)
		} else {
			undo()
		}
		return
	}
	if err != nil && a.life.Err() != nil {
		// Closing: the pass stays running with its progress, so it reads
		// as stopped after passStale and is resumed (redact_resume.go).
		a.Log.Info("redaction pass stopped by close", slog.Int64("study_id", studyID), slog.Int("done", pass.Done))
		return
	}
	a.redacting.mu.Lock()
	now := time.Now().UTC()
	pass.Running, pass.FinishedAt = false, &now
	if err != nil {
		pass.Error = err.Error()
	}
	a.redacting.mu.Unlock()
	if err := a.savePass(pass); err != nil {
		a.Log.Info("redaction pass left to the process that took it over", slog.Int64("study_id", studyID), slog.Int("changed_here", changed))
		return
	}
	// Sources a stopped run of this pass rewrote count too: the study has
	// not been re-analysed since.
	if pass.Changed > 0 {
		a.ScheduleAnalysis(studyID)
	} else {
		undo()
	}
	a.Log.Info("redacted stored text", slog.Int64("study_id", studyID), slog.Int("sources", pass.Sources),
		slog.Int("changed", pass.Changed), slog.Int("changed_now", changed))
}

// redactSources rewrites each source of the study, in id order, after the
// last one the pass finished (pass.ThroughSource: all for a new pass); it
// returns how many changed. Sources stored while the pass runs (an upload
// prepared before the study redacted) have higher ids: the pass lists the
// study's sources again at its end and reads those too, until a listing
// holds no new one. A source stored after the pass ended is redacted as
// it is stored (storePrepared).
func (a *App) redactSources(ctx context.Context, studyID int64, pass *RedactionPass) (int, error) {
	defer a.changed(studyID, ChangeSources)
	changed := 0
	for {
		srcs, err := a.store.Sources(ctx, studyID)
		if err != nil {
			return changed, err
		}
		left := 0
		for _, src := range srcs {
			if src.ID > pass.ThroughSource {
				left++
			}
		}
		if left == 0 {
			if err := a.holdPass(ctx, studyID, pass.Runner); err != nil {
				return changed, err
			}
			return changed, a.redactAway(ctx, studyID, srcs)
		}
		a.redacting.mu.Lock()
		pass.Sources = max(pass.Sources, pass.Done+left)
		a.redacting.mu.Unlock()
		for _, src := range srcs {
			if src.ID <= pass.ThroughSource {
				continue
			}
			ok, err := a.redactSource(ctx, src, pass.Runner)
			if err != nil {
				return changed, err
			}
			a.redacting.mu.Lock()
			pass.Done++
			pass.ThroughSource = src.ID
			if ok {
				changed++
				pass.Changed++
			}
			after := a.redacting.afterSource
			a.redacting.mu.Unlock()
			if err := a.savePass(pass); err != nil {
				return changed, err
			}
			if after != nil {
				after(studyID, src.ID)
			}
		}
	}
}

// redactAway redacts the text kept of the codings, code examples and
// suggestions that wait for a source file no longer in the study (deleted
// for a re-ingest): no source's rewrite reaches them, yet the codebook
// page lists them.
func (a *App) redactAway(ctx context.Context, studyID int64, srcs []persona.Source) error {
	opt, err := a.withRedaction(ctx, studyID, IngestOptions{})
	if err != nil || opt.redaction == nil {
		return err
	}
	present := map[string]bool{}
	for _, s := range srcs {
		present[s.SHA256] = true
	}
	r := opt.redaction.Redactor
	ans, err := a.store.UnplacedAnchors(ctx, studyID, "", "")
	if err != nil {
		return err
	}
	for _, an := range ans {
		if present[an.SourceSHA] {
			continue
		}
		text, err := redactKept(r, an.Text)
		if err != nil {
			return err
		}
		name := ingest.RedactFileName(an.SourceName, r, nil, []string{an.Text})
		if err := r.Pseudonyms.Err(); err != nil {
			return err
		}
		if text != an.Text || name != an.SourceName {
			if err := a.store.SetAnchorText(ctx, an.ID, text, name); err != nil {
				return err
			}
		}
	}
	held, err := a.store.HeldAnchors(ctx, studyID, "", "", "")
	if err != nil {
		return err
	}
	for _, h := range held {
		if present[h.SourceSHA] {
			continue
		}
		text, err := redactKept(r, h.Text)
		if err != nil {
			return err
		}
		name := ingest.RedactFileName(h.SourceName, r, nil, []string{h.Text})
		if err := r.Pseudonyms.Err(); err != nil {
			return err
		}
		if text != h.Text || name != h.SourceName {
			if err := a.store.SetHeldText(ctx, h.ID, text, name); err != nil {
				return err
			}
		}
	}
	// The pseudonyms given here are the study's from now on.
	return a.savePseudonyms(ctx, studyID, opt)
}

// redactSource applies the study's redaction to one stored source and
// re-indexes it; it reports whether anything changed. runner, when set,
// is the pass's runner token: the runner's lease is renewed (holdPass)
// before the source is redacted (which reserves pseudonyms), again before
// the rest is written, and inside the rewrite's transaction, so a runner
// fenced out (its pass taken over) writes nothing and returns
// persona.ErrConflict.
func (a *App) redactSource(ctx context.Context, src persona.Source, runner string) (bool, error) {
	// Redacting reserves pseudonyms in the store as it finds people.
	if err := a.holdPass(ctx, src.StudyID, runner); err != nil {
		return false, err
	}
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
	// The originals are wanted in memory to scrub the analysis's labels
	// (scrubDerived); they are stored only when an admin chose so.
	withOriginals := *opt.redaction
	withOriginals.KeepOriginals = true
	changed, originals := ingest.RedactStored(st, a.Lang, &withOriginals)
	if !changed {
		// A coding waiting for this file quotes the file's own words
		// (unplaced after a role change), so nothing of it needs hiding
		// either; one waiting for another file's version is redactAway's.
		return false, nil
	}
	if err := a.holdPass(ctx, src.StudyID, runner); err != nil {
		return false, err
	}
	if err := a.savePseudonyms(ctx, src.StudyID, opt); err != nil {
		return false, err
	}
	if opt.redaction.KeepOriginals {
		if err := a.saveOriginals(ctx, src.StudyID, src.ID, originals); err != nil {
			return false, err
		}
	}
	if src.Name != oldName && opt.redaction.KeepOriginals {
		if err := a.saveOriginals(ctx, src.StudyID, src.ID, []persona.Original{{Label: src.Name, Original: oldName}}); err != nil {
			return false, err
		}
	}
	// Before the rewrite: a crash after it leaves labels the re-analysis
	// (due since the pass began) builds anew, never the other way round.
	if err := a.scrubDerived(ctx, src.StudyID, originals); err != nil {
		return false, err
	}
	// Unindexed until re-indexed: a crash in between is repaired at the
	// next start, from the rewritten text.
	if err := a.store.MarkIndexed(ctx, src.ID, false); err != nil {
		return false, err
	}
	err = a.store.RewriteSourceAs(ctx, runner, src, st.Participants, st.Turns, st.Quotes)
	// Every cache of the study is dropped as soon as the rewrite is stored
	// (not only once the source is re-indexed, below): a page cached
	// before must not show what it held.
	a.changed(src.StudyID, ChangeSources)
	if err != nil {
		return false, err
	}
	if err := a.redactUnplaced(ctx, src, oldName, st.Redactor); err != nil {
		return false, err
	}
	// The pseudonyms first given to those codings (reserved in the store
	// as they were numbered; a failed reserve is reported here).
	if err := a.savePseudonyms(ctx, src.StudyID, opt); err != nil {
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

// redactUnplaced redacts the text kept of the source's codings, code
// examples and suggestions that wait to be placed, with r, the study's
// redactor prepared for the file (ingest.Stored.Redactor): the names only
// the file's speakers and Prepare make names are found in them too.
func (a *App) redactUnplaced(ctx context.Context, src persona.Source, oldName string, r *redact.Redactor) error {
	ans, err := a.store.UnplacedAnchors(ctx, src.StudyID, src.SHA256, oldName)
	if err != nil {
		return err
	}
	for _, an := range ans {
		text, err := redactKept(r, an.Text)
		if err != nil {
			return err
		}
		if err := a.store.SetAnchorText(ctx, an.ID, text, src.Name); err != nil {
			return err
		}
	}
	held, err := a.store.HeldAnchors(ctx, src.StudyID, "", src.SHA256, oldName)
	if err != nil {
		return err
	}
	for _, h := range held {
		text, err := redactKept(r, h.Text)
		if err != nil {
			return err
		}
		if err := a.store.SetHeldText(ctx, h.ID, text, src.Name); err != nil {
			return err
		}
	}
	return nil
}

// redactKept is text redacted by r for storing, or the error of a
// pseudonym r could not reserve: the numbers handed out since may clash
// with another file's, so nothing redacted with them may be stored.
func redactKept(r *redact.Redactor, text string) (string, error) {
	out, _ := r.Redact(text)
	return out, r.Pseudonyms.Err()
}
