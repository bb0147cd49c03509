package app

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona/store"
)

// The environment of the process TestRedactionPassResumesAfterAKill kills:
// the database it shares and the file it writes once it has finished its
// first source (then it waits to be killed).
const (
	killedPassDB     = "VERBATIM_TEST_KILLED_PASS_DB"
	killedPassMarker = "VERBATIM_TEST_KILLED_PASS_MARKER"
)

// passTranscript is the ith source of the killed pass's study: each holds
// an e-mail address the pass must redact.
func passTranscript(i int) string {
	return fmt.Sprintf("Interviewer: How did you choose your tool?\nBuyer: We chose it on price. Write to buyer%d@example.com for the numbers, the renewal terms were clear to us.\n", i)
}

// A redaction pass killed mid-way (the process gone with SIGKILL after it
// finished its first source) is resumed once it reads as stopped, after
// the last source it finished: the finished source is not read again,
// every other source is read exactly once although two replicas try to
// resume it at the same moment (one at start-up, one on a request for its
// state), and at the end every source is redacted and the pass reads done
// with its counts over the whole study.
func TestRedactionPassResumesAfterAKill(t *testing.T) {
	if db := os.Getenv(killedPassDB); db != "" {
		runPassToBeKilled(t, db, os.Getenv(killedPassMarker))
		return
	}
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "shared.db")
	setup, err := Open(ctx, Config{DataDir: t.TempDir(), DB: db, sharedSQLite: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := setup.CreateStudy(ctx, "killed pass")
	if err != nil {
		t.Fatal(err)
	}
	const sources = 4
	for i := range sources {
		res := setup.IngestWith(ctx, st.ID, fmt.Sprintf("call-%d.txt", i), strings.NewReader(passTranscript(i)), IngestOptions{Force: true})
		if res.Status != StatusOK {
			t.Fatalf("ingest: %+v", res)
		}
	}
	redactOn(t, setup, st.ID)
	srcs, err := setup.store.Sources(ctx, st.ID)
	if err != nil || len(srcs) != sources {
		t.Fatalf("sources %d, %v", len(srcs), err)
	}
	if err := setup.Close(); err != nil {
		t.Fatal(err)
	}

	// The pass runs in another process, killed after its first source.
	marker := filepath.Join(t.TempDir(), "first-source-done")
	cmd := exec.Command(os.Args[0], "-test.run=^TestRedactionPassResumesAfterAKill$", "-test.count=1")
	cmd.Env = append(os.Environ(), killedPassDB+"="+db, killedPassMarker+"="+marker)
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	for {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("the pass's process ended (%v) before its first source was done:\n%s", err, out)
		case <-time.After(20 * time.Millisecond):
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited

	// Two replicas start on the database the killed process left.
	var replicas [2]*App
	var mu sync.Mutex
	read := map[int64]int{}
	var resumer *App
	for i := range replicas {
		a, err := Open(ctx, Config{DataDir: t.TempDir(), DB: db, sharedSQLite: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		a.redacting.afterSource = func(_, sourceID int64) {
			mu.Lock()
			read[sourceID]++
			if resumer != nil && resumer != a {
				t.Errorf("both replicas ran the pass")
			}
			resumer = a
			mu.Unlock()
		}
		replicas[i] = a
	}
	killed, err := replicas[0].store.RedactionPass(ctx, st.ID)
	if err != nil || !killed.Running || killed.Done != 1 || killed.ThroughSource != srcs[0].ID {
		t.Fatalf("the killed pass reads %+v, %v; want running, 1 source done (%d)", killed, err, srcs[0].ID)
	}
	// Not yet silent for passStale: neither takes it over.
	if resumed, err := replicas[0].ResumeRedactPasses(ctx); err != nil || len(resumed) != 0 {
		t.Fatalf("a pass that is not stale yet was resumed: %v, %v", resumed, err)
	}
	// Its heartbeat passStale old: both replicas try at once.
	killed.UpdatedAt = time.Now().Add(-passStale - time.Minute)
	if err := replicas[0].store.SaveRedactionPass(ctx, killed); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var startErr, readErr error
	wg.Add(2)
	go func() { defer wg.Done(); _, startErr = replicas[0].ResumeRedactPasses(ctx) }()
	go func() { defer wg.Done(); _, readErr = replicas[1].RedactionPassOf(ctx, st.ID) }()
	wg.Wait()
	if startErr != nil || readErr != nil {
		t.Fatalf("resuming: %v; %v", startErr, readErr)
	}
	for _, a := range replicas {
		a.bg.Wait()
	}

	var want []int64
	for _, s := range srcs[1:] {
		want = append(want, s.ID)
	}
	var got []int64
	for id, n := range read {
		if n != 1 {
			t.Errorf("source %d was read %d times after the kill; want once", id, n)
		}
		got = append(got, id)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("after the kill the pass read sources %v; want %v (not the first, finished before)", got, want)
	}
	p, err := replicas[1].RedactionPassOf(ctx, st.ID)
	if err != nil || p.Running || p.Error != "" || p.FinishedAt == nil || p.Done != sources || p.Sources != sources || p.Changed != sources {
		t.Errorf("the resumed pass ends as %+v, %v; want done, %d of %d read and rewritten", p, err, sources, sources)
	}
	qs, err := replicas[1].store.Quotes(ctx, store.QuoteFilter{StudyID: st.ID, NoTokens: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if strings.Contains(q.Text, "@example.com") {
			t.Errorf("quote %d of source %d keeps an e-mail address: %q", q.ID, q.SourceID, q.Text)
		}
	}
	// Each replica here has its own bleve index: the one that ran the
	// pass re-indexed the rewritten sources.
	if resumer == nil {
		t.Fatal("no replica resumed the pass")
	}
	if n := hits(t, resumer, st.ID, `"example.com"`); n != 0 {
		t.Errorf("search still finds %d quotes by the e-mail addresses", n)
	}
}

// redactOn turns the study's redaction on.
func redactOn(t *testing.T, a *App, studyID int64) {
	t.Helper()
	ctx := context.Background()
	priv, err := a.Privacy(ctx, studyID)
	if err != nil {
		t.Fatal(err)
	}
	priv.Redact = true
	if _, err := a.SetPrivacy(ctx, priv); err != nil {
		t.Fatal(err)
	}
}

// runPassToBeKilled is the process TestRedactionPassResumesAfterAKill
// kills: it runs the study's pass and, once the first source is finished
// and saved, writes marker and waits.
func runPassToBeKilled(t *testing.T, db, marker string) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir(), DB: db, sharedSQLite: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a.redacting.afterSource = func(_, _ int64) {
		if err := os.WriteFile(marker, nil, 0o600); err != nil {
			t.Error(err)
		}
		select {} // killed here
	}
	st, err := a.StudyByName(ctx, "killed pass")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = a.RedactStored(ctx, st.ID)
	t.Fatal("the pass ran to its end: it was to be killed after its first source")
}
