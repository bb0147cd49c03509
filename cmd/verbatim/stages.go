package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"syscall"
	"time"
)

// stageLog records, for each stage an analysis reports, its wall time, the
// process's CPU time, how many goroutines ran or were ready to run Go
// code (at most GOMAXPROCS) and how many were in a system or cgo call
// (such as SQLite's; one sits in one all along) on average, sampled every
// 20 ms.
// The last figure does not depend on what else the machine runs, so a
// stage that keeps only one core busy shows as such on a shared machine.
type stageLog struct {
	mu      sync.Mutex
	w       io.Writer
	name    string
	start   time.Time
	cpu     time.Duration
	samples int
	busy    [2]float64
	stop    chan struct{}
	done    chan struct{}
}

var stageMetrics = []string{"/sched/goroutines/running:goroutines", "/sched/goroutines/runnable:goroutines",
	"/sched/goroutines/not-in-go:goroutines"}

func newStageLog(w io.Writer) *stageLog {
	l := &stageLog{w: w, name: "start", start: time.Now(), cpu: processCPU(), stop: make(chan struct{}), done: make(chan struct{})}
	fmt.Fprintf(w, "%-12s %8s %8s %6s %6s\n", "stage", "wall_s", "cpu_s", "run", "cgo")
	go l.sample()
	return l
}

func (l *stageLog) sample() {
	defer close(l.done)
	s := make([]metrics.Sample, len(stageMetrics))
	for i, n := range stageMetrics {
		s[i].Name = n
	}
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
		}
		metrics.Read(s)
		var v [3]float64
		for i, m := range s {
			if m.Value.Kind() == metrics.KindUint64 {
				v[i] = float64(m.Value.Uint64())
			}
		}
		// This sampler holds one of the Ps: a goroutine it keeps waiting
		// counts as runnable.
		l.mu.Lock()
		l.samples++
		l.busy[0] += min(max(v[0]-1+v[1], 0), float64(runtime.GOMAXPROCS(0)))
		l.busy[1] += v[2]
		l.mu.Unlock()
	}
}

// stage ends the current stage and starts name (when it differs).
func (l *stageLog) stage(name string) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if name == l.name {
		return
	}
	now, cpu := time.Now(), processCPU()
	var busy [2]float64
	if l.samples > 0 {
		busy[0], busy[1] = l.busy[0]/float64(l.samples), l.busy[1]/float64(l.samples)
	}
	fmt.Fprintf(l.w, "%-12s %8.2f %8.2f %6.2f %6.2f\n", l.name, now.Sub(l.start).Seconds(), (cpu - l.cpu).Seconds(), busy[0], busy[1])
	l.name, l.start, l.cpu, l.samples, l.busy = name, now, cpu, 0, [2]float64{}
}

func (l *stageLog) close() {
	l.stage("")
	close(l.stop)
	<-l.done
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
