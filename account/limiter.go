package account

import (
	"sync"
	"time"
)

// DefaultLimiterKeys bounds how many keys a Limiter tracks at once.
const DefaultLimiterKeys = 16384

// Limiter allows at most max events per key within any sliding window. It
// is safe for concurrent use and its memory is bounded: keys idle for a
// window are swept, and past MaxKeys an arbitrary key is forgotten (which
// errs towards allowing; a flood that large is for the network to stop).
type Limiter struct {
	// Now is the clock; nil means time.Now. Set it before use.
	Now func() time.Time
	// MaxKeys bounds the keys tracked; set it before use.
	MaxKeys int

	max    int
	window time.Duration

	mu        sync.Mutex
	hits      map[string][]time.Time // allowed events per key, oldest first
	lastSweep time.Time
}

// NewLimiter returns a Limiter allowing n events (at least 1) per key per
// window. For sign-in the API uses NewLimiter(10, time.Minute) with
// keys "ip:"+ip and "user:"+name.
func NewLimiter(n int, window time.Duration) *Limiter {
	return &Limiter{MaxKeys: DefaultLimiterKeys, max: max(n, 1), window: window, hits: make(map[string][]time.Time)}
}

// Allow records an event for key and reports whether it is within the
// limit. Refused events are not counted.
func (l *Limiter) Allow(key string) bool {
	now := time.Now()
	if l.Now != nil {
		now = l.Now()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) >= l.window {
		l.sweep(now)
	}
	ts, known := l.hits[key]
	ts = l.trim(ts, now)
	if len(ts) >= l.max {
		l.hits[key] = ts
		return false
	}
	if !known && len(l.hits) >= l.MaxKeys {
		for k := range l.hits { // map order is random: forget any one key
			delete(l.hits, k)
			break
		}
	}
	l.hits[key] = append(ts, now)
	return true
}

// Undo forgets key's newest event: a sign-in that succeeded gives back
// what its attempt took, so colleagues behind one address are not locked
// out by each other, while attempts in flight still count (each runs a
// costly password hash).
func (l *Limiter) Undo(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ts := l.hits[key]; len(ts) > 0 {
		l.hits[key] = ts[:len(ts)-1]
	}
}

// trim drops events older than the window, in place.
func (l *Limiter) trim(ts []time.Time, now time.Time) []time.Time {
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= l.window {
		i++
	}
	return append(ts[:0], ts[i:]...)
}

// sweep forgets keys whose newest event has left the window.
func (l *Limiter) sweep(now time.Time) {
	for k, ts := range l.hits {
		if len(ts) == 0 || now.Sub(ts[len(ts)-1]) >= l.window {
			delete(l.hits, k)
		}
	}
	l.lastSweep = now
}
