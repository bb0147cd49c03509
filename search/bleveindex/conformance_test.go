package bleveindex

import (
	"path/filepath"
	"testing"

	"github.com/verbatimhq/verbatim/search"
	"github.com/verbatimhq/verbatim/search/searchtest"
)

// The conformance suite, on an index on disk (as the app opens it) and on
// one in memory.
func TestConformance(t *testing.T) {
	for name, dir := range map[string]func(t *testing.T) string{
		"disk":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "index") },
		"memory": func(*testing.T) string { return "" },
	} {
		t.Run(name, func(t *testing.T) {
			searchtest.Run(t, func(t *testing.T) search.Indexer {
				ix, fresh, err := Open(dir(t))
				if err != nil || !fresh {
					t.Fatalf("open: %v, fresh %v", err, fresh)
				}
				t.Cleanup(func() { ix.Close() })
				return ix
			})
		})
	}
}
