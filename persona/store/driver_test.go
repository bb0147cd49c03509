package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/verbatimhq/verbatim/internal/pgtest"
)

// forEachDriver runs f on a fresh, migrated store of every driver: SQLite
// in a temp dir and PostgreSQL in a fresh database of the test server
// (skipped without $VERBATIM_TEST_PG, failed under CI=true).
func forEachDriver(t *testing.T, f func(t *testing.T, s *Store)) {
	t.Helper()
	forEachDatabase(t, func(t *testing.T, url string) {
		s, err := Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		f(t, s)
	})
}

// forEachDatabase runs f with the URL of a fresh, empty database of every
// driver.
func forEachDatabase(t *testing.T, f func(t *testing.T, url string)) {
	t.Helper()
	for _, d := range []string{"sqlite", "postgres"} {
		t.Run(d, func(t *testing.T) {
			var url string
			if d == "sqlite" {
				url = filepath.Join(t.TempDir(), "v.db")
			} else {
				url = pgtest.New(t)
			}
			f(t, url)
		})
	}
}
