package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
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

// The lock file, read back into a second process's error, records the
// holder's command line without the passwords of its database URLs or
// DSNs (before, `serve --db postgres://u:secret@host/db` left "secret" in
// <data>/verbatim.lock and in the other process's message).
func TestDataLockHidesPasswords(t *testing.T) {
	for _, c := range []struct{ args []string }{
		{[]string{"verbatim", "serve", "--db", "postgres://verbatim:s3cret@db.example:5432/verbatim?sslmode=disable"}},
		{[]string{"verbatim", "serve", "--db=postgresql://verbatim:s3cret@db/verbatim", "--search-url", "postgres://u:s3cret@x/y"}},
		{[]string{"verbatim", "serve", "--db", "host=db user=verbatim password=s3cret dbname=v"}},
		{[]string{"verbatim", "serve", "--db", "host=db password='s3cret' dbname=v"}},
	} {
		got := commandLine(c.args)
		if strings.Contains(got, "s3cret") || !strings.Contains(got, "serve") || !strings.Contains(got, "xxxxx") {
			t.Errorf("commandLine(%q) = %q; want the command, the password masked", c.args, got)
		}
	}
	saved := os.Args
	os.Args = []string{"verbatim", "serve", "--db", "postgres://verbatim:s3cret@db/verbatim"}
	defer func() { os.Args = saved }()
	dir := t.TempDir()
	l, err := lockData(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.release()
	b, err := os.ReadFile(filepath.Join(dir, LockFile))
	if err != nil || strings.Contains(string(b), "s3cret") || !strings.Contains(string(b), "postgres://verbatim:xxxxx@db/verbatim") {
		t.Errorf("lock file %q, %v; want the URL with its password masked", b, err)
	}
	_, err = lockData(dir)
	if err == nil || strings.Contains(err.Error(), "s3cret") || !errors.Is(err, ErrDataInUse) {
		t.Errorf("second lock: %v; want ErrDataInUse without the password", err)
	}
}

// A SQLite database file is opened by one App at a time whatever data
// directory each names: `--data B --db A/verbatim.db` beside an App on
// --data A, or two data directories on one --db file, are refused with
// ErrDatabaseInUse (an ErrDataInUse) naming this process and the file;
// the file is free again once the holder is closed. Before, each opened
// it and both wrote.
func TestSQLiteFileOpenedOnce(t *testing.T) {
	ctx := context.Background()
	a := t.TempDir()
	first, err := Open(ctx, Config{DataDir: a}, nil)
	if err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(t.TempDir(), "shared.db")
	second, err := Open(ctx, Config{DataDir: t.TempDir(), DB: shared}, nil)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(shared, link); err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{filepath.Join(a, dbFile), shared, link} {
		_, err := Open(ctx, Config{DataDir: t.TempDir(), DB: db}, nil)
		if !errors.Is(err, ErrDatabaseInUse) || !errors.Is(err, ErrDataInUse) {
			t.Fatalf("open of %s held by another App: %v; want ErrDatabaseInUse", db, err)
		}
		for _, want := range []string{"pid " + strconv.Itoa(os.Getpid()), "--db"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("refusal %q does not say %q", err, want)
			}
		}
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{filepath.Join(a, dbFile), link} {
		b, err := Open(ctx, Config{DataDir: t.TempDir(), DB: db}, nil)
		if err != nil {
			t.Fatalf("open of %s after its holder closed: %v", db, err)
		}
		b.Close()
	}
}

// The database lock sits beside the file a SQLite --db names, without its
// "file:" prefix or "?…" query, and an in-memory database takes none
// (before, "file:x.db?cache=shared" locked "x.db?cache=shared.lock" and
// ":memory:" wrote ":memory:" and ":memory:.lock" in the working
// directory).
func TestDatabaseLockFollowsTheFile(t *testing.T) {
	ctx := context.Background()
	dbDir := t.TempDir()
	a, err := Open(ctx, Config{DataDir: t.TempDir(), DB: "file:" + filepath.Join(dbDir, "v.db") + "?cache=shared"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	names, _ := filepath.Glob(filepath.Join(dbDir, "*"+DatabaseLockSuffix))
	if want := filepath.Join(dbDir, "v.db"+DatabaseLockSuffix); len(names) != 1 || names[0] != want {
		t.Errorf("lock files %v; want %s", names, want)
	}
	wd := t.TempDir()
	t.Chdir(wd)
	m, err := Open(ctx, Config{DataDir: t.TempDir(), DB: ":memory:"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if names, _ := filepath.Glob(filepath.Join(wd, "*")); len(names) != 0 {
		t.Errorf("an in-memory database left files %v", names)
	}
	if names, _ := filepath.Glob(filepath.Join(dbDir, "*cache=shared*")); len(names) != 0 {
		t.Errorf("files named with the url's query: %v", names)
	}
}
