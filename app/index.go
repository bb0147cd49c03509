package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
	"github.com/verbatimhq/verbatim/search"
)

// indexSource (re)indexes every quote of a source, then marks it indexed.
// Indexing is idempotent, so a crash anywhere leaves a source that the next
// start indexes again.
func (a *App) indexSource(ctx context.Context, src persona.Source) error {
	a.lockIndex()
	defer a.indexMu.Unlock()
	defer a.changed(src.StudyID, ChangeQuotes)
	docs, err := a.docsForSource(ctx, src)
	if err != nil {
		return err
	}
	if err := a.index.Put(ctx, docs); err != nil {
		return err
	}
	return a.store.MarkIndexed(ctx, src.ID, true)
}

func (a *App) docsForSource(ctx context.Context, src persona.Source) ([]search.Doc, error) {
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{SourceID: src.ID})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]persona.Participant, len(parts))
	for _, p := range parts {
		byID[p.ID] = p
	}
	quotes, err := a.store.Quotes(ctx, store.QuoteFilter{SourceID: src.ID, NoTokens: true})
	if err != nil {
		return nil, err
	}
	docs := make([]search.Doc, len(quotes))
	for i, q := range quotes {
		docs[i] = docFor(q, src, byID[q.ParticipantID])
	}
	return docs, nil
}

func docFor(q persona.Quote, src persona.Source, p persona.Participant) search.Doc {
	return search.Doc{
		ID: q.ID, StudyID: q.StudyID, SourceID: src.ID, Source: src.Name, Format: src.Format,
		Kind: string(q.Kind), ParticipantID: p.ID, Speaker: p.Label, Attributes: p.Attributes,
		Text: q.Text, Question: q.Question, Date: src.ImportedAt, Ring: string(q.Ring),
		ThemeID: q.ThemeID, PersonaID: p.PersonaID, Hidden: q.Hidden,
	}
}

// ReindexStudy re-indexes every source of a study (after analysis changed
// rings, themes and personas).
func (a *App) ReindexStudy(ctx context.Context, studyID int64) error {
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return err
	}
	for _, src := range srcs {
		if err := a.store.MarkIndexed(ctx, src.ID, false); err != nil {
			return err
		}
	}
	return a.indexSources(ctx, srcs)
}

// Reindex throws the index away and rebuilds it from the database. A
// shared index (PostgreSQL, which other replicas are searching) is never
// emptied: every quote is written again in place and the quotes the
// database no longer holds are deleted, so a search meanwhile finds each
// quote in its old or its new form.
func (a *App) Reindex(ctx context.Context) error {
	if a.sharedIndex() {
		if err := a.store.MarkAllUnindexed(ctx); err != nil {
			return err
		}
		if err := a.repairIndex(ctx); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		return nil
	}
	a.lockIndex()
	err := a.index.Reset(ctx)
	a.indexMu.Unlock()
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if err := a.store.MarkAllUnindexed(ctx); err != nil {
		return err
	}
	studies, err := a.store.Studies(ctx)
	if err != nil {
		return err
	}
	for _, st := range studies {
		if err := a.ReindexStudy(ctx, st.ID); err != nil {
			return err
		}
	}
	n, err := a.index.Count(ctx)
	if err != nil {
		return fmt.Errorf("search: count: %w", err)
	}
	a.compactIndex(int(n))
	return nil
}

// DeleteSource removes a source from the index and the database, then
// schedules the re-analysis of its study (ScheduleAnalysis).
func (a *App) DeleteSource(ctx context.Context, id int64) error {
	src, err := a.store.Source(ctx, id)
	if err != nil {
		return err
	}
	undo := a.MarkAnalysisDue(src.StudyID) // a crash before the analysis resumes it
	if err := a.removeSource(ctx, id); err != nil {
		undo()
		return err
	}
	a.ScheduleAnalysis(src.StudyID)
	return nil
}

// removeSource removes a source from the index and the database, in the
// order that lets a crash be repaired at the next start.
func (a *App) removeSource(ctx context.Context, id int64) error {
	src, err := a.store.Source(ctx, id)
	if err != nil {
		return err
	}
	defer a.changed(src.StudyID, ChangeSources)
	if err := a.store.MarkIndexed(ctx, id, false); err != nil {
		return err
	}
	a.lockIndex()
	err = a.index.DeleteSource(ctx, id)
	a.indexMu.Unlock()
	if err != nil {
		return err
	}
	return a.store.DeleteSource(ctx, id)
}

// DeleteStudy removes a study from the index and the database.
func (a *App) DeleteStudy(ctx context.Context, id int64) error {
	srcs, err := a.store.Sources(ctx, id)
	if err != nil {
		return err
	}
	for _, s := range srcs {
		if err := a.removeSource(ctx, s.ID); err != nil {
			return err
		}
	}
	defer a.changed(id, ChangeStudy)
	return a.store.DeleteStudy(ctx, id)
}

// IndexedQuotes counts the quotes in the search index.
func (a *App) IndexedQuotes(ctx context.Context) (uint64, error) {
	n, err := a.index.Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("search: count: %w", err)
	}
	return n, nil
}

// CheckIndex reports an error unless the search index holds exactly the
// quotes of the database (after a crash and the repair at start).
func (a *App) CheckIndex(ctx context.Context) error {
	var dbIDs []int64
	studies, err := a.store.Studies(ctx)
	if err != nil {
		return err
	}
	for _, st := range studies {
		err := a.EachQuotePage(ctx, st.ID, 10000, false, func(qs []persona.Quote) error {
			for _, q := range qs {
				dbIDs = append(dbIDs, q.ID)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	ixIDs, err := a.index.IDs(ctx)
	if err != nil {
		return fmt.Errorf("search: ids: %w", err)
	}
	slices.Sort(dbIDs)
	slices.Sort(ixIDs)
	if !slices.Equal(dbIDs, ixIDs) {
		return fmt.Errorf("index holds %d quotes, database %d; they must match exactly", len(ixIDs), len(dbIDs))
	}
	return nil
}
