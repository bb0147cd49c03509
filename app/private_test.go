package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The database holds transcripts and password hashes: no one but its
// owner may read it, whatever the umask, also when an older version
// created it world-readable.
func TestDatabaseFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		setup func(dir string)
	}{
		{"new", func(string) {}},
		{"world-readable", func(dir string) {
			os.WriteFile(filepath.Join(dir, dbFile), nil, 0o644)
			os.Chmod(filepath.Join(dir, dbFile), 0o644)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			if tc.name != "new" {
				os.MkdirAll(dir, 0o755)
			}
			tc.setup(dir)
			a, err := Open(ctx, Config{DataDir: dir}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			if res := a.Ingest(ctx, mustStudy(t, a), "call.txt", strings.NewReader(resumeInterview)); res.Status != StatusOK {
				t.Fatalf("ingest = %+v", res)
			}
			seen := 0
			for _, name := range []string{dbFile, dbFile + "-wal", dbFile + "-shm"} {
				info, err := os.Stat(filepath.Join(dir, name))
				if err != nil {
					continue
				}
				seen++
				if perm := info.Mode().Perm(); perm&0o077 != 0 {
					t.Errorf("%s mode %o; want 0600", name, perm)
				}
			}
			if seen < 2 {
				t.Errorf("found %d of the database files; want the database and its WAL", seen)
			}
			if info, _ := os.Stat(dir); tc.name == "new" && info.Mode().Perm() != 0o700 {
				t.Errorf("new data directory mode %o; want 0700", info.Mode().Perm())
			}
		})
	}
}

func mustStudy(t *testing.T, a *App) int64 {
	t.Helper()
	st, err := a.store.CreateStudy(context.Background(), "S")
	if err != nil {
		t.Fatal(err)
	}
	return st.ID
}
