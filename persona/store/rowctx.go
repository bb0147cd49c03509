package store

import (
	"context"

	"github.com/verbatimhq/verbatim/internal/sqldb"
)

// rowsCtx is the context for a read of many rows. On SQLite it returns
// ctx without its cancellation (after checking it): the SQLite driver
// watches a cancellable context from a new goroutine for every row it
// steps, which cost ~3 s of CPU per million quotes read; a read of one
// source's rows is short, and a loop over a study's rows checks ctx
// itself (every rowsCheck rows). On PostgreSQL ctx is kept: pgx watches
// it once per query, and closing a result early reads the rest of it
// unless the context cancels the query, so a cancelled read of a large
// study would go on to its end.
func (s *Store) rowsCtx(ctx context.Context) (context.Context, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.sql != nil && s.sql.Driver == sqldb.Postgres {
		return ctx, nil
	}
	return context.WithoutCancel(ctx), nil
}

// rowsCheck is how many rows a loop reads between checks of its context.
const rowsCheck = 4096
