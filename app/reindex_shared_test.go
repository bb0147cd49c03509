package app

import (
	"context"
	"sync"
	"testing"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/samples"
	"github.com/verbatimhq/verbatim/search"
)

// watchedIndex is an index that records, after every write, how many
// quotes another replica would find in it, and whether it was emptied.
type watchedIndex struct {
	search.Indexer
	t      *testing.T
	mu     sync.Mutex
	writes int
	least  uint64
	reset  bool
}

func (w *watchedIndex) after(ctx context.Context) {
	n, err := w.Indexer.Count(ctx)
	if err != nil {
		w.t.Error(err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.writes == 0 || n < w.least {
		w.least = n
	}
	w.writes++
}

func (w *watchedIndex) Put(ctx context.Context, docs []search.Doc) error {
	err := w.Indexer.Put(ctx, docs)
	w.after(ctx)
	return err
}

func (w *watchedIndex) Delete(ctx context.Context, ids []int64) error {
	err := w.Indexer.Delete(ctx, ids)
	w.after(ctx)
	return err
}

func (w *watchedIndex) Reset(ctx context.Context) error {
	w.mu.Lock()
	w.reset = true
	w.mu.Unlock()
	return w.Indexer.Reset(ctx)
}

// A reindex of the shared PostgreSQL index never empties it (the other
// replicas search it meanwhile): every quote is rewritten in place, and a
// quote the database no longer holds is removed at the end.
func TestReindexSharedIndexNeverEmpty(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir(), DB: pgtest.New(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if !a.sharedIndex() {
		t.Fatal("an App on PostgreSQL does not share its index")
	}
	if _, err := a.LoadDemo(ctx, samples.FS, samples.StudyName); err != nil {
		t.Fatal(err)
	}
	quotes, err := a.store.CountQuotes(ctx)
	if err != nil || quotes == 0 {
		t.Fatalf("demo quotes %d, %v", quotes, err)
	}
	stray := search.Doc{ID: 1 << 40, StudyID: 1, SourceID: 1 << 40, ParticipantID: 1, Text: "A quote the database never held about walruses"}
	if err := a.index.Put(ctx, []search.Doc{stray}); err != nil {
		t.Fatal(err)
	}
	w := &watchedIndex{Indexer: a.index, t: t}
	a.index = w
	if err := a.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	if w.reset {
		t.Error("the reindex emptied the shared index")
	}
	if w.writes == 0 || w.least < uint64(quotes) {
		t.Errorf("after %d writes the index held as few as %d quotes; the database holds %d", w.writes, w.least, quotes)
	}
	if n, err := a.index.Count(ctx); err != nil || n != uint64(quotes) {
		t.Errorf("after the reindex: %d quotes indexed, %v; want %d", n, err, quotes)
	}
	res, err := a.Search(ctx, search.Query{Match: search.MustParse("walruses")})
	if err != nil || res.Total != 0 {
		t.Errorf("the quote the database never held is still found: %d, %v", res.Total, err)
	}
}
