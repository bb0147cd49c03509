package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The data directory belongs to one process at a time. Its bleve index
// takes one writer (bolt waits for ever on another process's lock), and
// the SQLite database beside it is shared by processes, but nothing else
// is: the analysis and pseudonym locks, the caches and the index sync are
// per process. A second `verbatim` on the same --data (an `ingest` while
// `serve` runs) is therefore refused at once, naming the process that
// holds the directory, instead of waiting on the index or writing beside
// it. The lock is an advisory lock on <data>/verbatim.lock that the
// kernel releases when its process ends (also when killed), so it is
// never stale; the file says who holds it.
//
// A data directory that holds neither the index nor the database (both in
// PostgreSQL) is not locked: replicas may share it.

// LockFile is the data directory's lock (lockData).
const LockFile = "verbatim.lock"

// ErrDataInUse is returned by Open when another process holds the data
// directory.
var ErrDataInUse = errors.New("data directory in use")

// dataLock is the held locks of a data directory and of a SQLite
// database file.
type dataLock struct{ fs []*os.File }

// ErrDatabaseInUse is returned by Open when another process holds the
// SQLite database file, through another data directory (`--data B --db
// A/verbatim.db` beside a process on --data A). It wraps ErrDataInUse.
var ErrDatabaseInUse error = databaseInUse{}

type databaseInUse struct{}

func (databaseInUse) Error() string        { return "database in use" }
func (databaseInUse) Is(target error) bool { return target == ErrDataInUse }

// needsDataLock reports whether the data directory holds something only
// one process may write: the bleve index or the SQLite database.
func (c Config) needsDataLock() bool {
	return c.Search != SearchPostgres || !c.OnPostgres()
}

// lockData takes the data directory's lock for this process, or returns
// an error wrapping ErrDataInUse that names the holder's pid and command.
func lockData(dir string) (*dataLock, error) {
	f, err := lockFile(filepath.Join(dir, LockFile), "data directory")
	if errors.Is(err, errLocked) {
		return nil, inUse(ErrDataInUse, dir, filepath.Join(dir, LockFile), "use another --data")
	}
	if err != nil {
		return nil, err
	}
	return &dataLock{fs: []*os.File{f}}, nil
}

// DatabaseLockSuffix names a SQLite database's lock file: beside it,
// "verbatim.db.lock" for "verbatim.db".
const DatabaseLockSuffix = ".lock"

// lockDatabase adds to l the lock of the SQLite database file at path (a
// file beside it; the database itself is left to SQLite's own locks), so
// that two processes never write one SQLite file, whatever --data each
// was given: each would keep its own index, analysis and pseudonym locks
// beside it. A symbolic link is followed, so two names of one file share
// one lock.
func (l *dataLock) lockDatabase(path string) (*dataLock, error) {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	lock := path + DatabaseLockSuffix
	f, err := lockFile(lock, "database")
	if errors.Is(err, errLocked) {
		return l, inUse(ErrDatabaseInUse, path, lock, "give it its own --db")
	}
	if err != nil {
		return l, err
	}
	if l == nil {
		l = &dataLock{}
	}
	l.fs = append(l.fs, f)
	return l, nil
}

// lockFile takes an exclusive lock on the file at path for this process
// and writes into it who holds it; errLocked when another holds it.
func lockFile(path, what string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("%s lock: %w", what, err)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, err
		}
		return nil, fmt.Errorf("%s lock %s: %w", what, path, err)
	}
	who := fmt.Sprintf("pid %d\ncommand %s\nsince %s\n", os.Getpid(), commandLine(os.Args), time.Now().UTC().Format(time.RFC3339))
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(who), 0)
	}
	if err != nil {
		unlock(f)
		f.Close()
		return nil, fmt.Errorf("%s lock %s: %w", what, path, err)
	}
	return f, nil
}

// commandLine is args as the lock file records them, with the passwords
// of database URLs and DSNs ("--db postgres://u:secret@host/db",
// "password=secret") masked: the file is read back into another
// process's error message, which may end up in a log.
func commandLine(args []string) string {
	line := strings.Join(args, " ")
	line = urlPassword.ReplaceAllString(line, "${1}xxxxx@")
	return dsnPassword.ReplaceAllString(line, "${1}xxxxx")
}

var (
	urlPassword = regexp.MustCompile(`(://[^:/@\s]*:)[^@\s]*@`)
	dsnPassword = regexp.MustCompile(`(?i)(password=)('[^']*'|\S+)`)
)

// inUse is the error (wrapping kind) for a data directory or database
// another process holds, with what its lock file says of that process.
func inUse(kind error, what, path, otherwise string) error {
	pid, cmd := "unknown", "unknown"
	if b, err := os.ReadFile(path); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			k, v, _ := strings.Cut(line, " ")
			switch k {
			case "pid":
				if _, err := strconv.Atoi(v); err == nil {
					pid = v
				}
			case "command":
				cmd = v
			}
		}
	}
	return fmt.Errorf("%w: %s is used by another Verbatim process (pid %s: %s); stop it first, or send the work to it (upload through the server), or %s",
		kind, what, pid, cmd, otherwise)
}

// release frees the lock (closing the file would too).
func (l *dataLock) release() {
	if l == nil {
		return
	}
	for _, f := range l.fs {
		unlock(f)
		f.Close()
	}
	l.fs = nil
}
