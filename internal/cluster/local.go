package cluster

import (
	"context"
	"sync"
	"time"
)

// Local coordinates the goroutines of one process: the embedded default.
type Local struct {
	Now func() time.Time // clock; nil means time.Now

	mu     sync.Mutex
	closed bool
	locks  map[string]chan struct{} // held locks; closed when released
	subs   map[string]map[int]*localSub
	nextID int
	state  map[string]localValue
	hits   map[string][]time.Time
}

type localValue struct {
	v       []byte
	expires time.Time // zero: never
}

type localSub struct {
	ch   chan string
	done chan struct{}
	stop sync.Once
}

func (s *localSub) close() { s.stop.Do(func() { close(s.done) }) }

// NewLocal returns an in-process coordinator.
func NewLocal() *Local {
	return &Local{
		locks: map[string]chan struct{}{},
		subs:  map[string]map[int]*localSub{},
		state: map[string]localValue{},
		hits:  map[string][]time.Time{},
	}
}

func (l *Local) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// TryLock implements Coordinator.
func (l *Local) TryLock(ctx context.Context, name string) (func(), bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, false, ErrClosed
	}
	if _, held := l.locks[name]; held {
		return nil, false, nil
	}
	ch := make(chan struct{})
	l.locks[name] = ch
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			held := l.locks[name] == ch
			if held {
				delete(l.locks, name)
			}
			l.mu.Unlock()
			if held { // else Close released it
				close(ch)
			}
		})
	}, true, nil
}

// Lock implements Coordinator.
func (l *Local) Lock(ctx context.Context, name string) (func(), error) {
	for {
		release, ok, err := l.TryLock(ctx, name)
		if err != nil || ok {
			return release, err
		}
		l.mu.Lock()
		ch := l.locks[name]
		l.mu.Unlock()
		if ch == nil {
			continue
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Publish implements Coordinator.
func (l *Local) Publish(ctx context.Context, channel, payload string) error {
	if err := checkChannel(channel); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return ErrClosed
	}
	for _, s := range l.subs[channel] {
		select {
		case s.ch <- payload:
		case <-s.done:
		}
	}
	return nil
}

// Subscribe implements Coordinator. Each subscriber has a buffer of 256
// messages; a publisher waits when it is full.
func (l *Local) Subscribe(channel string, fn func(string)) (func(), error) {
	if err := checkChannel(channel); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, ErrClosed
	}
	s := &localSub{ch: make(chan string, 256), done: make(chan struct{})}
	id := l.nextID
	l.nextID++
	if l.subs[channel] == nil {
		l.subs[channel] = map[int]*localSub{}
	}
	l.subs[channel][id] = s
	go func() {
		for {
			select {
			case p := <-s.ch:
				fn(p)
			case <-s.done:
				return
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.close() // first: a publisher blocked on a full buffer lets go
			l.mu.Lock()
			delete(l.subs[channel], id)
			l.mu.Unlock()
		})
	}, nil
}

// Put implements Coordinator.
func (l *Local) Put(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return ErrClosed
	}
	v := localValue{v: append([]byte(nil), value...)}
	if ttl > 0 {
		v.expires = l.now().Add(ttl)
	}
	l.state[key] = v
	return nil
}

// Get implements Coordinator.
func (l *Local) Get(ctx context.Context, key string) ([]byte, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, false, ErrClosed
	}
	v, ok := l.state[key]
	if !ok || !v.expires.IsZero() && !l.now().Before(v.expires) {
		return nil, false, nil
	}
	return append([]byte(nil), v.v...), true, nil
}

// Delete implements Coordinator.
func (l *Local) Delete(ctx context.Context, key string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.state, key)
	return nil
}

// Allow implements Coordinator.
func (l *Local) Allow(ctx context.Context, key string, n int, window time.Duration) (bool, error) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return false, ErrClosed
	}
	ts := l.hits[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= window {
		i++
	}
	ts = append(ts[:0], ts[i:]...)
	if len(ts) >= max(n, 1) {
		l.hits[key] = ts
		return false, nil
	}
	l.hits[key] = append(ts, now)
	return true, nil
}

// Undo implements Coordinator.
func (l *Local) Undo(ctx context.Context, key string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ts := l.hits[key]; len(ts) > 0 {
		l.hits[key] = ts[:len(ts)-1]
	}
	return nil
}

// Close implements Coordinator: subscribers stop, held locks are released.
func (l *Local) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	subs := l.subs
	l.subs = map[string]map[int]*localSub{}
	locks := l.locks
	l.locks = map[string]chan struct{}{}
	l.mu.Unlock()
	for _, m := range subs {
		for _, s := range m {
			s.close()
		}
	}
	for _, ch := range locks {
		close(ch)
	}
	return nil
}
