package bleveindex

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// runtimeConfig opens every on-disk index with unsafe_batch: a batch
// returns once it is searchable, without waiting for bleve's persister to
// write it to disk. Each write that must be durable when it returns (Put,
// the deletes) marks its last batch instead (write with durable set) and
// waits for that one: bleve persists whole snapshots in order, so when the
// last batch is on disk every earlier one is too. A bulk write of many
// batches then waits for the disk once, not once per batch, and the
// persister writes several batches' segments together.
func runtimeConfig() map[string]any { return map[string]any{"unsafe_batch": true} }

// write applies b; when durable, it returns only once b (and with it
// every batch before it) is persisted. An in-memory index has nothing to
// persist.
func (ix *Index) write(ctx context.Context, b *bleve.Batch, durable bool) error {
	return write(ctx, ix.idx, b, durable && ix.disk)
}

func write(ctx context.Context, idx bleve.Index, b *bleve.Batch, durable bool) error {
	if !durable {
		return idx.Batch(b)
	}
	persisted := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { persisted <- err })
	if err := idx.Batch(b); err != nil {
		return err
	}
	select {
	case err := <-persisted:
		if err != nil {
			return fmt.Errorf("persist: %w", err)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// sync returns once every batch applied so far is persisted: it writes an
// internal key, durably, in a batch of its own.
func (ix *Index) sync(ctx context.Context) error {
	return syncIndex(ctx, ix.idx, ix.disk)
}

func syncIndex(ctx context.Context, idx bleve.Index, disk bool) error {
	b := idx.NewBatch()
	b.SetInternal(syncKey, []byte("1"))
	return write(ctx, idx, b, disk)
}

var syncKey = []byte("verbatim_sync")

// closeSyncTimeout bounds how long Close waits for the last writes to
// reach the disk.
const closeSyncTimeout = time.Minute
