package bleveindex

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/verbatimhq/verbatim/search"
)

// Reset replaces the index under searches and writes running meanwhile:
// none fails, and afterwards the index holds only what was put after it.
func TestResetUnderSearches(t *testing.T) {
	ctx := context.Background()
	ix, _, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	q := search.Query{Match: expr(t, "expensive OR pricing"), Facets: []string{"ring"}}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 4 {
		wg.Go(func() {
			for range 20 {
				if _, err := ix.Search(ctx, q); err != nil {
					errs <- err
				}
			}
		})
	}
	for range 3 {
		if err := ix.Reset(ctx); err != nil {
			t.Fatal(err)
		}
		if err := ix.Put(ctx, docs[:2]); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("search during reset: %v", err)
	}
	if n, err := ix.Count(ctx); err != nil || n != 2 {
		t.Errorf("count after the last reset and put = %d, %v; want 2", n, err)
	}
}
