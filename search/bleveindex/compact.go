package bleveindex

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// Compact merges the index's segments into one. A bulk write (a rebuild,
// the re-index after an analysis) leaves tens of segments that bleve's own
// merging keeps, and every query pays per segment: on a million quotes,
// 40 segments -> 1 takes ~15 s of one core and cuts a search's CPU by a
// third. Searches and writes go on meanwhile. It returns early, without
// error, when the index closes.
func (ix *Index) Compact(ctx context.Context) error {
	if !ix.disk {
		return nil
	}
	idx := ix.current()
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	mark := idx.NewBatch()
	mark.SetInternal(compactKey, []byte("1"))
	// Pending survives a crash or a stop, also one that cancelled ctx.
	if err := write(context.WithoutCancel(ctx), idx, mark, true); err != nil {
		return fmt.Errorf("search: compact: %w", err)
	}
	for {
		if err := ctx.Err(); err != nil {
			return err // stopped: still pending
		}
		n, err := segments(idx)
		if err != nil {
			return err
		}
		if n <= 1 {
			done := idx.NewBatch()
			done.DeleteInternal(compactKey)
			return write(context.WithoutCancel(ctx), idx, done, true)
		}
		// Each pass merges up to ten segments into one.
		opts := mergeplan.SingleSegmentMergePlanOptions
		if err := s.ForceMerge(ctx, &opts); err != nil {
			return fmt.Errorf("search: compact: %w", err)
		}
		if m, err := segments(idx); err != nil || m >= n {
			return err // closed, or no progress: still pending
		}
	}
}

// CompactPending reports whether a compaction started and did not finish
// (the process stopped, or the index closed, during it).
func (ix *Index) CompactPending() bool {
	v, err := ix.current().GetInternal(compactKey)
	return err == nil && len(v) > 0
}

// Segments is the number of segments the index is made of.
func (ix *Index) Segments() (int, error) { return segments(ix.current()) }

func segments(idx bleve.Index) (int, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, nil
	}
	return len(snap.Segments()), nil
}
