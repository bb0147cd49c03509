package app

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/verbatimhq/verbatim/search"
	"github.com/verbatimhq/verbatim/search/bleveindex"
	"github.com/verbatimhq/verbatim/search/pgindex"
)

// openIndex opens the search backend cfg names. fresh is true when the
// index was created empty (bleve: missing, unreadable or of an old
// mapping) and must be rebuilt from the database.
func openIndex(ctx context.Context, cfg Config) (ix search.Indexer, fresh bool, err error) {
	switch cfg.Search {
	case "", SearchBleve:
		return bleveindex.Open(filepath.Join(cfg.DataDir, "index"))
	case SearchPostgres:
		if cfg.SearchURL == "" {
			return nil, false, fmt.Errorf("search: %s needs a database URL", SearchPostgres)
		}
		ix, err := pgindex.Open(ctx, cfg.SearchURL)
		return ix, false, err
	}
	return nil, false, fmt.Errorf("search: unknown backend %q (want %s or %s)", cfg.Search, SearchBleve, SearchPostgres)
}

// sharedIndex reports whether other processes may use the index too (so
// it must never be thrown away to repair this process's view).
func (a *App) sharedIndex() bool { return a.cfg.Search == SearchPostgres }

// repairIndex brings a shared index in line with the database without
// emptying it: every source is indexed again (a write replaces a quote),
// then quotes the database no longer holds are deleted.
func (a *App) repairIndex(ctx context.Context) error {
	studies, err := a.store.Studies(ctx)
	if err != nil {
		return err
	}
	for _, st := range studies {
		if err := a.ReindexStudy(ctx, st.ID); err != nil {
			return err
		}
	}
	ids, err := a.index.IDs(ctx)
	if err != nil {
		return fmt.Errorf("search: list ids: %w", err)
	}
	var gone []int64
	const chunk = 5000
	for lo := 0; lo < len(ids); lo += chunk {
		part := ids[lo:min(lo+chunk, len(ids))]
		quotes, err := a.store.QuotesByID(ctx, part)
		if err != nil {
			return err
		}
		kept := make(map[int64]bool, len(quotes))
		for _, q := range quotes {
			kept[q.ID] = true
		}
		for _, id := range part {
			if !kept[id] {
				gone = append(gone, id)
			}
		}
	}
	if len(gone) > 0 {
		a.Log.Info("removing quotes the database no longer holds from the search index", slog.Int("quotes", len(gone)))
		a.lockIndex()
		err = a.index.Delete(ctx, gone)
		a.indexMu.Unlock()
	}
	return err
}
