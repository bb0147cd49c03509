package gctune

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		live, headroom uint64
		want           int
	}{
		{20 << 20, 256 << 20, 1280}, // small heap: grow by the headroom
		{256 << 20, 256 << 20, 100}, // from here on Go's default
		{2 << 30, 256 << 20, 100},
		{0, 256 << 20, 6400}, // empty heap: counted as Go's 4 MB minimum
	} {
		if got := Percent(c.live, c.headroom); got != c.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", c.live, c.headroom, got, c.want)
		}
	}
}

// After collections, the percentage in force is the one the live heap
// calls for, and stop restores the default.
func TestStartFollowsCollections(t *testing.T) {
	t.Setenv("GOGC", "")
	stop := Start(64 << 20)
	var live []byte
	for range 3 {
		runtime.GC()
	}
	small := debug.SetGCPercent(-1)
	debug.SetGCPercent(small)
	if small <= 100 {
		t.Errorf("percent with a small heap = %d, want > 100", small)
	}
	live = make([]byte, 256<<20) // now the live heap exceeds the headroom
	for range 3 {
		runtime.GC()
	}
	large := debug.SetGCPercent(-1)
	debug.SetGCPercent(large)
	runtime.KeepAlive(live)
	if large != 100 {
		t.Errorf("percent with a 256 MB heap = %d, want 100", large)
	}
	stop()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("after stop: percent %d, want 100", p)
	}
}

// TestLimitSetsAndRestores checks that Limit sets the soft memory limit
// and restores the previous one, and leaves it alone when GOMEMLIMIT is
// set.
func TestLimitSetsAndRestores(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	restore := Limit(123 << 20)
	if got := debug.SetMemoryLimit(-1); got != 123<<20 {
		t.Errorf("limit while set = %d, want %d", got, 123<<20)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after restore = %d, want %d", got, before)
	}
	t.Setenv("GOMEMLIMIT", "5GiB")
	restore = Limit(123 << 20)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit with GOMEMLIMIT set = %d, want it left at %d", got, before)
	}
	restore()
}

// TestSetPercentSetsAndRestores checks that SetPercent sets the GOGC
// percentage and restores the previous one, and leaves it alone when GOGC
// is set.
func TestSetPercentSetsAndRestores(t *testing.T) {
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := SetPercent(345)
	if got := debug.SetGCPercent(345); got != 345 {
		t.Errorf("percent while set = %d, want 345", got)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("percent after restore = %d, want 100", got)
	}
	t.Setenv("GOGC", "200")
	restore = SetPercent(345)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("percent with GOGC set = %d, want it left at 100", got)
	}
	restore()
}
