// Package gctune keeps the garbage collector from running needlessly
// often while the live heap is small.
//
// Go's collector runs when the heap has grown by GOGC percent (100) since
// the last collection. A server whose live heap is ~20 MB (the index is
// memory-mapped, not on the heap) then collects ten times a second under
// load, and every cycle takes a quarter of the CPU and slows the requests
// that overlap it. Start raises the percentage after each collection so
// that the next one comes when the heap has grown by at least a fixed
// headroom, and lowers it back to 100 as the live heap grows: a large
// analysis uses no more memory than with the default. The cost is up to
// the headroom (256 MB) of extra memory; on a small machine set GOMEMLIMIT,
// which the collector honours whatever the percentage, or GOGC, which
// turns the tuning off.
package gctune

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// DefaultHeadroom is the heap growth between collections Start allows at
// least.
const DefaultHeadroom = 256 << 20

// Percent is the GOGC percentage that lets a heap of live bytes grow by
// headroom before the next collection, and never less than Go's default.
func Percent(live, headroom uint64) int {
	live = max(live, 4<<20) // Go's own smallest heap goal

	return int(max(100, headroom*100/live))
}

// Start tunes the collector until stop is called. It does nothing when
// GOGC is set in the environment: the operator chose.
func Start(headroom uint64) (stop func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	t := &tuner{headroom: headroom, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.adjust()
	t.arm()
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		t.stopped = true
		debug.SetGCPercent(100)
	}
}

type tuner struct {
	headroom uint64
	sample   []metrics.Sample

	mu      sync.Mutex // an adjustment and stop do not interleave
	percent int
	stopped bool
}

// sentinel is garbage as soon as it is made: its finalizer runs after
// each collection and makes the next one.
type sentinel struct{ t *tuner }

func (t *tuner) arm() {
	runtime.SetFinalizer(&sentinel{t: t}, func(s *sentinel) {
		if s.t.adjust() {
			s.t.arm()
		}
	})
}

// adjust sets the percentage from the live heap the last collection
// found, when it changed by more than a tenth. It reports false once
// stopped.
func (t *tuner) adjust() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return false
	}
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return true
	}
	p := Percent(t.sample[0].Value.Uint64(), t.headroom)
	if t.percent == 0 || p*10 < t.percent*9 || p*10 > t.percent*11 {
		t.percent = p
		debug.SetGCPercent(p)
	}
	return true
}

// AnalysisLimit is the soft memory limit Limit sets for a large analysis:
// a million-quote study's live heap peaks at about 1.2 GB, and with Go's
// default the heap would grow to twice its live size between collections.
// 2,500 MiB with AnalysisPercent kept the 1M first analysis at 2.65 GB
// peak RSS (the aim is 3 GB) and took ~10% less CPU than 2 GiB with Go's
// default percentage, the collector no longer running whenever the heap
// neared 2 GiB (docs/SCALE.md, session offline-index).
const AnalysisLimit = 2500 << 20

// Limit sets a soft memory limit of bytes until restore is called, so the
// collector runs more often as the heap nears it instead of letting it
// double. It does nothing when GOMEMLIMIT is set in the environment: the
// operator chose.
func Limit(bytes int64) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(bytes)
	return func() { debug.SetMemoryLimit(old) }
}

// AnalysisPercent is the GOGC percentage SetPercent sets beside
// AnalysisLimit for a large analysis. While the analysis holds its quotes
// and vector spaces the limit decides when the collector runs; once they
// are released, the index write (bleve, which allocates tens of GB for a
// million quotes) would otherwise collect every time its small live heap
// doubled. The limit still caps the heap.
const AnalysisPercent = 300

// SetPercent sets the GOGC percentage until restore is called. It does
// nothing when GOGC is set in the environment: the operator chose.
func SetPercent(percent int) (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(percent)
	return func() { debug.SetGCPercent(old) }
}
