package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/internal/pgtest"
)

// openReplicas opens n Apps on one PostgreSQL database, each with its own
// data directory, as n `verbatim serve` processes would be.
func openReplicas(t *testing.T, n int) []*App {
	t.Helper()
	url := pgtest.New(t)
	out := make([]*App, n)
	for i := range out {
		a, err := Open(context.Background(), Config{DataDir: t.TempDir(), DB: url}, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		if !a.replicated() {
			t.Fatal("an App on PostgreSQL does not coordinate with replicas")
		}
		out[i] = a
	}
	return out
}

const replicaTranscript = `Interviewer: What made you look for a new tool?
Sam Ortiz: Honestly the pricing was far too expensive for a team of our size, and renewals kept going up every single year.
Interviewer: Who else was involved?
Sam Ortiz: Our CFO had the final word, and procurement took about two months to sign off on the contract.
`

func ingestOne(t *testing.T, a *App, studyID int64, name, text string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, r := range a.IngestPaths(context.Background(), studyID, []string{p}, nil) {
		if r.Status != StatusOK {
			t.Fatalf("ingest %s: %+v", name, r)
		}
	}
}

// waitFor polls cond until it holds; it fails the test only after a long
// grace (the figure that matters, how soon, is logged, not asserted).
func waitFor(t *testing.T, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > 30*time.Second {
			t.Fatalf("%s: not after 30 s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
	d := time.Since(start)
	t.Logf("%s after %v", what, d)
	return d
}

// A write through one replica invalidates what the other has cached of the
// study (through LISTEN/NOTIFY), and only that study.
func TestReplicaWritesInvalidateOtherReplicasCaches(t *testing.T) {
	rs := openReplicas(t, 2)
	ctx := context.Background()
	st, err := rs[0].CreateStudy(ctx, "Pricing research")
	if err != nil {
		t.Fatal(err)
	}
	other, err := rs[0].CreateStudy(ctx, "Other study")
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "creations seen by the other replica", func() bool { return rs[1].epochOf(st.ID) > 0 && rs[1].epochOf(other.ID) > 0 })
	before, otherBefore := rs[1].epochOf(st.ID), rs[1].epochOf(other.ID)
	if _, err := rs[0].RenameStudy(ctx, st.ID, "Pricing research 2026"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "rename invalidates the other replica's cache", func() bool { return rs[1].epochOf(st.ID) > before })
	if rs[1].epochOf(other.ID) != otherBefore {
		t.Fatal("a write to one study invalidated another study's cache")
	}
	got, err := rs[1].Study(ctx, st.ID)
	if err != nil || got.Name != "Pricing research 2026" {
		t.Fatalf("other replica reads %+v, %v", got, err)
	}
}

// One analysis of a study at a time across replicas; progress shows on
// every replica while it runs.
func TestOneAnalysisPerStudyAcrossReplicas(t *testing.T) {
	rs := openReplicas(t, 2)
	ctx := context.Background()
	st, err := rs[0].CreateStudy(ctx, "Lock study")
	if err != nil {
		t.Fatal(err)
	}
	ingestOne(t, rs[0], st.ID, "call.txt", replicaTranscript)

	// While replica 0 analyses (held at its first progress report), the
	// other replica shows the progress and cannot start its own.
	reached, proceed := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	first := true
	go func() {
		_, err := rs[0].Analyze(ctx, st.ID, func(stage string, _, _ int) {
			if first {
				first = false
				close(reached)
				<-proceed
			}
		})
		done <- err
	}()
	<-reached
	p := rs[1].AnalysisStatus(ctx, st.ID)
	if !p.Running || p.Stage == "" {
		t.Fatalf("other replica's status during the analysis = %+v, want running with a stage", p)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	_, err = rs[1].Analyze(short, st.ID, nil)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second replica's analysis while the first runs: %v, want it to wait (deadline exceeded)", err)
	}
	close(proceed)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	res, err := rs[1].Analyze(ctx, st.ID, nil)
	if err != nil {
		t.Fatalf("analysis after the first finished: %v", err)
	}
	if p := rs[0].AnalysisStatus(ctx, st.ID); p.Running || p.Version != res.Version {
		t.Fatalf("first replica's status after the second analysis = %+v, want done at version %d", p, res.Version)
	}
}
