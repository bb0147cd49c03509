package account

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	t.Parallel()
	c := newClock()
	l := NewLimiter(10, time.Minute)
	l.Now = c.Now
	for i := 1; i <= 10; i++ {
		if !l.Allow("ip:10.0.0.1") {
			t.Fatalf("attempt %d refused; want allowed", i)
		}
		c.Add(time.Second)
	}
	if l.Allow("ip:10.0.0.1") {
		t.Error("11th attempt within a minute allowed; want refused")
	}
	if !l.Allow("ip:10.0.0.2") || !l.Allow("user:ana") {
		t.Error("other keys refused; want allowed")
	}
	// The window slides: 50s after the first attempt it leaves, one frees.
	c.Add(50 * time.Second)
	if !l.Allow("ip:10.0.0.1") {
		t.Error("attempt after the first left the window refused")
	}
	if l.Allow("ip:10.0.0.1") {
		t.Error("second attempt with only one slot free allowed")
	}
	c.Add(time.Minute)
	for i := 1; i <= 10; i++ {
		if !l.Allow("ip:10.0.0.1") {
			t.Fatalf("after a quiet minute, attempt %d refused", i)
		}
	}
}

func TestLimiterBounded(t *testing.T) {
	t.Parallel()
	c := newClock()
	l := NewLimiter(1, time.Minute)
	l.Now = c.Now
	l.MaxKeys = 100
	for i := range 1000 {
		l.Allow(fmt.Sprint("ip:", i))
	}
	if n := len(l.hits); n > 100 {
		t.Errorf("%d keys tracked; want at most 100", n)
	}
	c.Add(time.Minute)
	l.Allow("ip:x")
	if n := len(l.hits); n != 1 {
		t.Errorf("%d keys after a quiet minute; want 1", n)
	}
}

func TestLimiterConcurrent(t *testing.T) {
	t.Parallel()
	l := NewLimiter(10, time.Minute)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		allowed int
	)
	for range 50 {
		wg.Go(func() {
			if l.Allow("user:ana") {
				mu.Lock()
				allowed++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if allowed != 10 {
		t.Errorf("%d of 50 concurrent attempts allowed; want 10", allowed)
	}
}

func TestLimiterUndo(t *testing.T) {
	l := NewLimiter(2, time.Minute)
	for i := 0; i < 5; i++ {
		if !l.Allow("k") {
			t.Fatalf("attempt %d refused although each was undone", i+1)
		}
		l.Undo("k")
	}
	l.Allow("k")
	l.Allow("k")
	if l.Allow("k") {
		t.Error("third attempt allowed; want the limit of 2")
	}
	l.Undo("unknown") // no panic, nothing recorded
}
