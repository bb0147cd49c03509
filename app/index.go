package app

import (
	"context"
	"fmt"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
	"github.com/verbatimhq/verbatim/search"
)

// indexSource (re)indexes every quote of a source, then marks it indexed.
// Indexing is idempotent, so a crash anywhere leaves a source that the next
// start indexes again.
func (a *App) indexSource(ctx context.Context, src persona.Source) error {
	a.indexMu.Lock()
	defer a.indexMu.Unlock()
	defer a.changed(src.StudyID)
	docs, err := a.docsForSource(ctx, src)
	if err != nil {
		return err
	}
	if err := a.Index.Put(ctx, docs); err != nil {
		return err
	}
	return a.Store.MarkIndexed(ctx, src.ID, true)
}

func (a *App) docsForSource(ctx context.Context, src persona.Source) ([]search.Doc, error) {
	parts, err := a.Store.Participants(ctx, store.ParticipantFilter{SourceID: src.ID})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]persona.Participant, len(parts))
	for _, p := range parts {
		byID[p.ID] = p
	}
	quotes, err := a.Store.Quotes(ctx, store.QuoteFilter{SourceID: src.ID, NoTokens: true})
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
	srcs, err := a.Store.Sources(ctx, studyID)
	if err != nil {
		return err
	}
	for _, src := range srcs {
		if err := a.Store.MarkIndexed(ctx, src.ID, false); err != nil {
			return err
		}
	}
	for _, src := range srcs {
		if err := a.indexSource(ctx, src); err != nil {
			return err
		}
	}
	return nil
}

// Reindex throws the index away and rebuilds it from the database.
func (a *App) Reindex(ctx context.Context) error {
	a.indexMu.Lock()
	err := a.Index.Reset(ctx)
	a.indexMu.Unlock()
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if err := a.Store.MarkAllUnindexed(ctx); err != nil {
		return err
	}
	studies, err := a.Store.Studies(ctx)
	if err != nil {
		return err
	}
	for _, st := range studies {
		if err := a.ReindexStudy(ctx, st.ID); err != nil {
			return err
		}
	}
	n, err := a.Index.Count(ctx)
	if err != nil {
		return fmt.Errorf("search: count: %w", err)
	}
	a.compactIndex(int(n))
	return nil
}

// DeleteSource removes a source from the index and the database, in the
// order that lets a crash be repaired at the next start.
func (a *App) DeleteSource(ctx context.Context, id int64) error {
	src, err := a.Store.Source(ctx, id)
	if err != nil {
		return err
	}
	defer a.changed(src.StudyID)
	if err := a.Store.MarkIndexed(ctx, id, false); err != nil {
		return err
	}
	a.indexMu.Lock()
	err = a.Index.DeleteSource(ctx, id)
	a.indexMu.Unlock()
	if err != nil {
		return err
	}
	return a.Store.DeleteSource(ctx, id)
}

// DeleteStudy removes a study from the index and the database.
func (a *App) DeleteStudy(ctx context.Context, id int64) error {
	srcs, err := a.Store.Sources(ctx, id)
	if err != nil {
		return err
	}
	for _, s := range srcs {
		if err := a.DeleteSource(ctx, s.ID); err != nil {
			return err
		}
	}
	return a.Store.DeleteStudy(ctx, id)
}
