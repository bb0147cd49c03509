package app

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/internal/pgtest"
)

// A data directory holding the index or the SQLite database is opened by
// one App at a time: a second Open is refused with ErrDataInUse naming
// this process, and succeeds once the first is closed. A directory whose
// database and search are both in PostgreSQL is not locked (replicas may
// share it).
func TestDataDirectoryOpenedOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, err := Open(ctx, Config{DataDir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, Config{DataDir: dir}, nil)
	if !errors.Is(err, ErrDataInUse) || !strings.Contains(err.Error(), "pid "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("second open: %v; want ErrDataInUse naming pid %d", err, os.Getpid())
	}
	// Beside a PostgreSQL database the index is still in the directory.
	if pg := os.Getenv("VERBATIM_TEST_PG"); pg != "" {
		if _, err := Open(ctx, Config{DataDir: dir, DB: pgtest.New(t), Search: SearchBleve}, nil); !errors.Is(err, ErrDataInUse) {
			t.Fatalf("second open with bleve beside PostgreSQL: %v; want ErrDataInUse", err)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, Config{DataDir: dir}, nil)
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	b.Close()

	if os.Getenv("VERBATIM_TEST_PG") == "" {
		return
	}
	shared, db := t.TempDir(), pgtest.New(t)
	var apps []*App
	for range 2 {
		r, err := Open(ctx, Config{DataDir: shared, DB: db}, nil)
		if err != nil {
			t.Fatalf("replica on PostgreSQL sharing a data directory: %v", err)
		}
		apps = append(apps, r)
	}
	for _, r := range apps {
		r.Close()
	}
}
