// Package cluster coordinates the `verbatim serve` processes that share one
// database: a lock per named job (one analysis of a study at a time across
// replicas), a message bus (cache invalidation), a small shared board of
// short-lived state (analysis progress), and rate limits counted across
// replicas (sign-in attempts).
//
// Local is the embedded default: one process, everything in memory.
// Postgres does the same through PostgreSQL (advisory locks, LISTEN/NOTIFY,
// two small tables), so every replica on one database sees one state.
package cluster

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Coordinator is what replicas share. Every method is safe for concurrent
// use.
type Coordinator interface {
	// TryLock takes the named lock if no one (in any replica) holds it.
	// ok is false when it is held; release frees it and is idempotent.
	TryLock(ctx context.Context, name string) (release func(), ok bool, err error)
	// Lock waits for the named lock until ctx ends.
	Lock(ctx context.Context, name string) (release func(), err error)

	// Publish sends payload to every subscriber of channel in every
	// replica, this one included.
	Publish(ctx context.Context, channel, payload string) error
	// Subscribe calls fn for each message on channel, in order, on a
	// goroutine of the coordinator's; fn must not block for long. cancel
	// stops the calls. Channel names are letters, digits and underscores.
	Subscribe(channel string, fn func(payload string)) (cancel func(), err error)

	// Put stores value under key for ttl (0: until replaced or deleted).
	Put(ctx context.Context, key string, value []byte, ttl time.Duration) error
	// Get returns the value stored under key; ok is false when there is
	// none or it has expired.
	Get(ctx context.Context, key string) (value []byte, ok bool, err error)
	// Delete removes key.
	Delete(ctx context.Context, key string) error

	// Allow records an event for key and reports whether at most n events
	// (the one recorded included) fell within the last window. Refused
	// events are not recorded.
	Allow(ctx context.Context, key string, n int, window time.Duration) (bool, error)
	// Undo forgets key's newest recorded event.
	Undo(ctx context.Context, key string) error

	// Close stops the coordinator; locks it holds are released.
	Close() error
}

// ErrClosed is returned by a closed coordinator.
var ErrClosed = errors.New("cluster: closed")

// ErrChannel is returned for a channel name other than letters, digits and
// underscores (1–63 of them).
var ErrChannel = errors.New("cluster: channel name must be 1-63 letters, digits or underscores")

func checkChannel(name string) error {
	if !channelOK(name) {
		return fmt.Errorf("%w: %q", ErrChannel, name)
	}
	return nil
}

// channelOK reports whether a channel name is safe to send to PostgreSQL
// as an identifier: letters, digits and underscores, 1–63 bytes.
func channelOK(name string) bool {
	if name == "" || len(name) > 63 {
		return false
	}
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
