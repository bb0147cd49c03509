package app

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
)

// dbFile is the SQLite database in the data directory.
const dbFile = "verbatim.db"

// keepPrivate readies the data directory before the database opens: a new
// directory is created 0700 and a new database file 0600 (SQLite gives
// its -wal and -shm files the database's mode), and a database file, WAL
// or shared-memory file an older version left readable by others is
// narrowed to 0600. The database holds what buyers said, the accounts and
// their sessions. db is the SQLite file ("" when the database is
// PostgreSQL: then only the directory, which holds the index, is made).
func keepPrivate(dir, db string, log *slog.Logger) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	if db == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(db), 0o700); err != nil {
		return fmt.Errorf("database directory: %w", err)
	}
	f, err := os.OpenFile(db, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create database: %w", err)
	}
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		info, err := os.Stat(p)
		if err != nil || info.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(p, 0o600); err != nil {
			return fmt.Errorf("make %s private: %w", filepath.Base(p), err)
		}
		log.Info("made readable by its owner only", slog.String("file", filepath.Base(p)))
	}
	return nil
}
