package store

import "context"

// rowsCtx is the context for a read of many rows: it returns ctx without
// its cancellation (after checking it). The SQLite driver watches a
// cancellable context from a new goroutine for every row it steps, which
// cost ~3 s of CPU per million quotes read; a read of one source's rows
// is short, and a loop over a study's rows checks ctx itself (every
// rowsCheck rows).
func rowsCtx(ctx context.Context) (context.Context, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return context.WithoutCancel(ctx), nil
}

// rowsCheck is how many rows a loop reads between checks of its context.
const rowsCheck = 4096
