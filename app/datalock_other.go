//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package app

import (
	"errors"
	"os"
)

var errLocked = errors.New("locked by another process")

// tryLock does nothing where flock is missing: the index's own lock
// (bolt's) is all there is.
func tryLock(*os.File) error { return nil }

func unlock(*os.File) {}
