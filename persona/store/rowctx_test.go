package store

import (
	"context"
	"testing"

	"github.com/verbatimhq/verbatim/internal/sqldb"
)

// TestRowsCtxCancelsOnPostgres: a long read's context keeps its
// cancellation on PostgreSQL (where closing a result early otherwise reads
// it to its end) and drops it only on SQLite (whose driver watches it per
// row); an already cancelled one is refused on both.
func TestRowsCtxCancelsOnPostgres(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx, cancel := context.WithCancel(context.Background())
		rctx, err := s.rowsCtx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cancel()
		got, want := rctx.Err() != nil, s.sql.Driver == sqldb.Postgres
		if got != want {
			t.Errorf("%s: read context cancelled with its parent = %v, want %v", s.sql.Driver, got, want)
		}
		if _, err := s.rowsCtx(ctx); err == nil {
			t.Errorf("%s: rowsCtx of a cancelled context gave no error", s.sql.Driver)
		}
	})
}
