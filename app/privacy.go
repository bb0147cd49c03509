package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/redact"
	"github.com/verbatimhq/verbatim/persona/store"
)

// Privacy returns a study's privacy settings (redaction off until set).
func (a *App) Privacy(ctx context.Context, studyID int64) (persona.Privacy, error) {
	p, _, err := a.store.Privacy(ctx, studyID)
	return p, err
}

// SetPrivacy saves a study's privacy settings; they apply to the files
// uploaded from then on (already stored text is not rewritten). Who may
// keep originals (admins) is the caller's check.
func (a *App) SetPrivacy(ctx context.Context, p persona.Privacy) (persona.Privacy, error) {
	got, err := a.store.SetPrivacy(ctx, p)
	if err != nil {
		return persona.Privacy{}, err
	}
	a.Log.Info("privacy set", slog.Int64("study_id", p.StudyID), slog.Bool("redact", got.Redact),
		slog.Bool("keep_originals", got.KeepOriginals))
	return got, nil
}

// EnableRedaction turns a study's redaction on, keeping its kinds and
// its choice about originals.
func (a *App) EnableRedaction(ctx context.Context, studyID int64) error {
	p, err := a.Privacy(ctx, studyID)
	if err != nil {
		return err
	}
	if p.Redact {
		return nil
	}
	p.Redact = true
	_, err = a.SetPrivacy(ctx, p)
	return err
}

// Originals returns what a source's pseudonyms replaced, when an admin
// chose to keep them (admins only: the caller checks). Exports and search
// never read them.
func (a *App) Originals(ctx context.Context, sourceID int64) ([]persona.Original, error) {
	return a.store.Originals(ctx, sourceID)
}

// entityFinder is the language pipeline's named-entity recogniser
// (persona/nlp.Pipeline.Entities).
type entityFinder interface {
	Entities(text string) []redact.Span
}

// withRedaction sets opt's redaction when the study redacts: the study's
// kinds and its pseudonyms restored under its secret, shared by every file
// of this ingest.
func (a *App) withRedaction(ctx context.Context, studyID int64, opt IngestOptions) (IngestOptions, error) {
	p, key, err := a.store.Privacy(ctx, studyID)
	if err != nil {
		return opt, fmt.Errorf("ingest: privacy settings: %w", err)
	}
	if !p.Redact {
		opt.redaction = nil
		return opt, nil
	}
	entries, err := a.store.Pseudonyms(ctx, studyID)
	if err != nil {
		return opt, fmt.Errorf("ingest: pseudonyms: %w", err)
	}
	ps := redact.NewPseudonyms(key)
	ps.Restore(entries)
	// New originals are numbered by the store, one at a time per study
	// across replicas: files redacted at once share one mapping.
	ps.SetReserve(func(kind redact.Kind, hash string) (int, error) {
		release, err := a.cluster.Lock(ctx, "pseudonyms:"+strconv.FormatInt(studyID, 10))
		if err != nil {
			return 0, err
		}
		defer release()
		return a.store.ReservePseudonym(ctx, studyID, string(kind), hash)
	})
	r := &redact.Redactor{Pseudonyms: ps, Kinds: p.Kinds, Keep: p.KeepWords}
	if ef, ok := a.Lang.(entityFinder); ok {
		r.Entities = ef.Entities
	}
	opt.redaction = &ingest.Redaction{Redactor: r, KeepOriginals: p.KeepOriginals}
	return opt, nil
}

// savePseudonyms stores the numbers handed out so far, before the source
// that shows them (extra entries are harmless; missing ones would renumber).
func (a *App) savePseudonyms(ctx context.Context, studyID int64, opt IngestOptions) error {
	if opt.redaction == nil {
		return nil
	}
	if err := opt.redaction.Redactor.Pseudonyms.Err(); err != nil {
		return err
	}
	return a.store.SavePseudonyms(ctx, studyID, opt.redaction.Redactor.Pseudonyms.Entries())
}

func (a *App) saveOriginals(ctx context.Context, studyID, sourceID int64, originals []persona.Original) error {
	if len(originals) == 0 {
		return nil
	}
	for i := range originals {
		originals[i].SourceID = sourceID
	}
	return a.store.SaveOriginals(ctx, studyID, originals)
}

// DeleteParticipant removes a participant with their turns, quotes (and
// so codings), index entries and attributes, then re-analyses the study so
// themes and persona pages no longer count them. Until it has, no theme
// shows their quote as its headline or among its top quotes. A person the
// study's Speakers setting joins across files (persona.SamePerson: the
// same name in several files) is one person to delete: every file's row
// of them goes. It returns the participant as it was, the participant rows
// deleted (id first; also when it fails part-way) and how many quotes went.
func (a *App) DeleteParticipant(ctx context.Context, id int64) (persona.Participant, []int64, int, error) {
	p, err := a.store.Participant(ctx, id)
	if err != nil {
		return p, nil, 0, err
	}
	rows, err := a.samePersonRows(ctx, p)
	if err != nil {
		return p, nil, 0, fmt.Errorf("delete participant %d: %w", id, err)
	}
	var ids, deleted []int64
	var failed error
	for _, row := range rows {
		q, gone, err := a.deleteParticipant(ctx, row)
		ids = append(ids, gone...)
		if q.ID != 0 {
			deleted = append(deleted, row)
		}
		if err != nil && !(row != id && errors.Is(err, persona.ErrNotFound)) {
			failed = err
			break
		}
	}
	// Whatever went before an error is gone for good: its quotes leave the
	// themes and the study is re-analysed all the same.
	err = a.forgetQuotesInThemes(ctx, p.StudyID, ids)
	a.ScheduleAnalysis(p.StudyID)
	if err = errors.Join(failed, err); err != nil {
		return p, deleted, len(ids), fmt.Errorf("delete participant %d: %w", id, err)
	}
	return p, deleted, len(ids), nil
}

// DeletedDetail is the audit detail of a participant deletion: where, which
// participant rows went (a person joined across files has several) and how
// many quotes; ids and counts only, never a name.
func DeletedDetail(p persona.Participant, rows []int64, quotes int) string {
	return fmt.Sprintf("source %d, study %d, participant rows %s, %d quotes", p.SourceID, p.StudyID, JoinIDs(rows), quotes)
}

// JoinIDs writes ids comma-separated.
func JoinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

// samePersonRows lists the participant rows of p's study that are the
// person p is (p first), under the study's Speakers setting.
func (a *App) samePersonRows(ctx context.Context, p persona.Participant) ([]int64, error) {
	parts, _, to, err := a.people(ctx, p.StudyID, false)
	if err != nil {
		return nil, err
	}
	rows := []int64{p.ID}
	for _, q := range parts {
		if q.ID != p.ID && to[q.ID] == to[p.ID] {
			rows = append(rows, q.ID)
		}
	}
	return rows, nil
}

// people returns a study's participants (only its buyers if buyersOnly),
// its sources, and each participant's person (persona.SamePerson) under
// its Speakers setting.
func (a *App) people(ctx context.Context, studyID int64, buyersOnly bool) ([]persona.Participant, []persona.Source, map[int64]int64, error) {
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return nil, nil, nil, err
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID, BuyersOnly: buyersOnly})
	if err != nil {
		return nil, nil, nil, err
	}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return nil, nil, nil, err
	}
	kinds := make(map[int64]persona.Kind, len(srcs))
	for _, s := range srcs {
		kinds[s.ID] = s.Kind
	}
	return parts, srcs, persona.SamePerson(parts, kinds, st.Speakers), nil
}

// SamePersonFiles maps each participant of the source that the study's
// Speakers setting joins with rows in other files to those files' names:
// deleting the participant deletes those rows too (DeleteParticipant).
func (a *App) SamePersonFiles(ctx context.Context, studyID, sourceID int64) (map[int64][]string, error) {
	parts, srcs, to, err := a.people(ctx, studyID, false)
	if err != nil {
		return nil, err
	}
	name := make(map[int64]string, len(srcs))
	for _, s := range srcs {
		name[s.ID] = s.Name
	}
	files := map[int64][]string{}
	for _, p := range parts {
		if p.SourceID != sourceID {
			continue
		}
		for _, q := range parts {
			if q.SourceID != sourceID && to[q.ID] == to[p.ID] {
				files[p.ID] = append(files[p.ID], name[q.SourceID])
			}
		}
	}
	return files, nil
}

// deleteParticipant deletes the participant's rows and index entries and
// returns the ids of their quotes.
func (a *App) deleteParticipant(ctx context.Context, id int64) (persona.Participant, []int64, error) {
	p, err := a.store.Participant(ctx, id)
	if err != nil {
		return persona.Participant{}, nil, err
	}
	undo := a.MarkAnalysisDue(p.StudyID)
	a.lockIndex()
	defer a.indexMu.Unlock()
	// The source reads as unindexed until its index entries are gone, so a
	// crash in between is repaired (re-indexed) at the next start.
	if err := a.store.MarkIndexed(ctx, p.SourceID, false); err != nil {
		undo()
		return persona.Participant{}, nil, err
	}
	ids, err := a.store.DeleteParticipant(ctx, id)
	if err != nil {
		undo()
		return persona.Participant{}, nil, err
	}
	defer a.changed(p.StudyID, ChangeSources)
	if err := a.index.Delete(ctx, ids); err != nil {
		return p, ids, fmt.Errorf("delete participant %d: unindex: %w", id, err)
	}
	return p, ids, a.store.MarkIndexed(ctx, p.SourceID, true)
}

// forgetQuotesInThemes takes deleted quotes out of the study's stored
// themes: a headline is a copy of its quote's text, shown until the next
// analysis. It holds the analysis lock, so an analysis that read the
// quotes before they went saves its themes first and has them cleaned
// here.
func (a *App) forgetQuotesInThemes(ctx context.Context, studyID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	gone := make(map[int64]bool, len(ids))
	for _, id := range ids {
		gone[id] = true
	}
	release, err := a.lockStudyAnalysis(ctx, studyID)
	if err != nil {
		return fmt.Errorf("forget deleted quotes in themes: %w", err)
	}
	defer release()
	defer a.changed(studyID, ChangeThemes)
	themes, err := a.store.Themes(ctx, studyID)
	if err != nil {
		return err
	}
	for _, t := range themes {
		changed := false
		if gone[t.HeadlineQuoteID] {
			t.HeadlineQuoteID, t.Headline, changed = 0, "", true
		}
		keep := func(ids []int64) []int64 {
			out := ids[:0:0]
			for _, id := range ids {
				if gone[id] {
					changed = true
				} else {
					out = append(out, id)
				}
			}
			return out
		}
		t.TopQuoteIDs, t.QuoteIDs = keep(t.TopQuoteIDs), keep(t.QuoteIDs)
		if !changed {
			continue
		}
		if err := a.store.SaveTheme(ctx, t); err != nil && !errors.Is(err, persona.ErrNotFound) {
			return err
		}
	}
	return nil
}
