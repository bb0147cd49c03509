package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A runner that stalls past passStale while another process takes its
// pass over, then wakes, stops at its next save instead of writing its
// progress and end over the taker's: the pass reads as the taker left it
// (done, every source counted once, the rewrites it made).
func TestStalledRedactionRunnerCannotWriteOverTheTaker(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "shared.db")
	var apps [2]*App
	for i := range apps {
		a, err := Open(ctx, Config{DataDir: t.TempDir(), DB: db}, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		apps[i] = a
	}
	stalled, taker := apps[0], apps[1]
	st, err := stalled.CreateStudy(ctx, "fenced")
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{beforeRedaction, replicaTranscript} {
		res := stalled.IngestWith(ctx, st.ID, []string{"a.txt", "b.txt"}[i], strings.NewReader(text), IngestOptions{Force: true})
		if res.Status != StatusOK {
			t.Fatalf("ingest: %+v", res)
		}
	}
	redactOn(t, stalled, st.ID)
	// The stalled process began the pass and went silent.
	begun, err := stalled.beginRedactPass(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	silent := *begun
	silent.UpdatedAt = time.Now().Add(-passStale - time.Minute)
	if err := stalled.store.SaveRedactionPass(ctx, silent); err != nil {
		t.Fatal(err)
	}
	// The other takes it over and finishes it.
	if p, err := taker.RedactionPassOf(ctx, st.ID); err != nil || !p.Running {
		t.Fatalf("take-over: %+v, %v", p, err)
	}
	var done RedactionPass
	for range 600 {
		if done, err = taker.RedactionPassOf(ctx, st.ID); err != nil || !done.Running {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil || done.Running || done.Done != 2 || done.Changed != 2 {
		t.Fatalf("the taker's pass %+v, %v; want done, 2 of 2 rewritten", done, err)
	}
	// The stalled runner wakes and carries on from where it was.
	read := 0
	stalled.redacting.afterSource = func(_, _ int64) { read++ }
	stalled.runRedactPass(ctx, st.ID, begun)
	got, err := taker.RedactionPassOf(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Running || got.Done != done.Done || got.Changed != done.Changed || got.Sources != done.Sources || got.ThroughSource != done.ThroughSource {
		t.Errorf("after the stalled runner woke the pass reads %+v; want the taker's %+v", got, done)
	}
	if read > 0 {
		t.Errorf("the stalled runner went on for %d sources after it was taken over", read)
	}
	taker.WaitAnalyses()
	stalled.WaitAnalyses()
}
