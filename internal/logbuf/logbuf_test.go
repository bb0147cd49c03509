package logbuf

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Lines written concurrently all arrive whole once closed; before a flush
// they are held back.
func TestLinesArriveWholeOnClose(t *testing.T) {
	var out syncBuffer
	w := New(&out, time.Hour)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				fmt.Fprintf(w, "goroutine=%d line=%d %s\n", g, i, strings.Repeat("x", 40))
			}
		}()
	}
	wg.Wait()
	if n := strings.Count(out.String(), "\n"); n >= 4000 {
		t.Fatalf("all %d lines written before any flush: not buffered", n)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 4000 {
		t.Fatalf("%d lines after Close, want 4000", len(lines))
	}
	seen := map[string]bool{}
	for _, l := range lines {
		var g, i int
		var rest string
		if _, err := fmt.Sscanf(l, "goroutine=%d line=%d %s", &g, &i, &rest); err != nil || len(rest) != 40 {
			t.Fatalf("broken line %q", l)
		}
		seen[l] = true
	}
	if len(seen) != 4000 {
		t.Errorf("%d distinct lines, want 4000", len(seen))
	}
}

// A line written to an idle writer shows up without a Close: the periodic
// flush writes it out.
func TestPeriodicFlush(t *testing.T) {
	var out syncBuffer
	w := New(&out, 10*time.Millisecond)
	defer w.Close()
	fmt.Fprintln(w, "level=WARN msg=hello")
	for !strings.Contains(out.String(), "msg=hello") {
		time.Sleep(5 * time.Millisecond) // waits for the flush; the test's own timeout bounds it
	}
}

// Close may be called twice, and a line written after it (a background
// task still logging) is written out at once.
func TestAfterClose(t *testing.T) {
	var out syncBuffer
	w := New(&out, time.Hour)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(w, "msg=late")
	if !strings.Contains(out.String(), "msg=late") {
		t.Error("a line written after Close was held back")
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
