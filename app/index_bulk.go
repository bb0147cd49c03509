package app

import (
	"context"
	"fmt"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/search"
)

// bulkDocs is how many quotes indexSources hands the index at once: a
// large re-index (a first analysis, a rebuild) goes in a few large writes
// instead of one per source, so the engine builds fewer, larger parts
// (bleve's segments) and merges them fewer times.
const bulkDocs = 24_000

// sourceDocs are the index documents of a group of sources, read when
// indexWrites was writes.
type sourceDocs struct {
	srcs   []persona.Source
	docs   []search.Doc
	writes uint64
	err    error
}

// lockIndex takes indexMu for an index write that indexSources' reads
// outside the lock must know about.
func (a *App) lockIndex() {
	a.indexMu.Lock()
	a.indexWrites.Add(1)
}

// indexSources (re)indexes every quote of srcs, as indexSource does for
// each, in groups of about bulkDocs quotes: the next group is read from
// the database while the index writes the current one. A source is marked
// indexed only after its whole group is written, so a crash anywhere
// leaves the sources not yet marked to the repair at the next start.
func (a *App) indexSources(ctx context.Context, srcs []persona.Source) error {
	if len(srcs) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	groups := make(chan sourceDocs, 1)
	go func() {
		defer close(groups)
		var g sourceDocs
		send := func() bool {
			select {
			case groups <- g:
				g = sourceDocs{}
				return true
			case <-ctx.Done():
				return false
			}
		}
		for _, src := range srcs {
			if len(g.srcs) == 0 {
				g.writes = a.indexWrites.Load()
			}
			docs, err := a.docsForSource(ctx, src)
			if err != nil {
				g.err = err
				send()
				return
			}
			g.srcs = append(g.srcs, src)
			g.docs = append(g.docs, docs...)
			if len(g.docs) >= bulkDocs && !send() {
				return
			}
		}
		if len(g.srcs) > 0 {
			send()
		}
	}()
	for g := range groups {
		if g.err != nil {
			return g.err
		}
		if err := a.indexGroup(ctx, g); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// indexGroup writes a group's quotes to the index, then marks its sources
// indexed. The quotes were read outside indexMu: when another write went
// to the index since (an edit re-indexed a source, a source was deleted),
// they are read again under the lock, so the index never ends up with an
// older state of a quote than the database's.
func (a *App) indexGroup(ctx context.Context, g sourceDocs) error {
	a.indexMu.Lock()
	defer a.indexMu.Unlock()
	if a.indexWrites.Load() != g.writes {
		g.docs = g.docs[:0]
		for _, src := range g.srcs {
			docs, err := a.docsForSource(ctx, src)
			if err != nil {
				return err
			}
			g.docs = append(g.docs, docs...)
		}
	}
	studies := map[int64]bool{}
	for _, src := range g.srcs {
		studies[src.StudyID] = true
	}
	defer func() {
		for st := range studies {
			a.changed(st, ChangeQuotes)
		}
	}()
	if err := a.index.Put(ctx, g.docs); err != nil {
		return fmt.Errorf("index %d sources: %w", len(g.srcs), err)
	}
	for _, src := range g.srcs {
		if err := a.store.MarkIndexed(ctx, src.ID, true); err != nil {
			return err
		}
	}
	return nil
}
