package main

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona/store"
)

// TestCrashDuringIngest kills `verbatim ingest` with SIGKILL at random
// moments while it ingests a folder, 20 times into the same data
// directory, each time into a new study (files are duplicates only within a
// study, so every run writes every source again). After each kill the database holds only whole sources (each
// with every turn and quote a clean ingest gives it), and after the next
// start the index holds exactly the database's quotes.
func TestCrashDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	folders := []string{"../../samples/interviews", "../../samples/survey"}
	ctx := context.Background()
	want := referenceCounts(t, folders)
	data := t.TempDir()
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 20; i++ {
		cmd := exec.Command(os.Args[0], append([]string{"ingest", "--data", data, "--study", fmt.Sprintf("Crash %d", i)}, folders...)...)
		cmd.Env = append(os.Environ(), "VERBATIM_RUN_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(100+rng.Intn(2500)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		checkWholeSources(t, data, want)
		a, err := app.Open(ctx, app.Config{DataDir: data}, nil)
		if err != nil {
			t.Fatalf("kill %d: reopen: %v", i, err)
		}
		checkIndexMatches(t, a)
		a.Close()
	}
}

type counts struct{ turns, quotes int }

func referenceCounts(t *testing.T, folders []string) map[string]counts {
	t.Helper()
	data := t.TempDir()
	if code, out, errs := runCLI(t, append([]string{"ingest", "--data", data, "--study", "Crash"}, folders...)...); code != 0 {
		t.Fatalf("reference ingest: %s %s", out, errs)
	}
	want := map[string]counts{}
	for _, s := range sourceCounts(t, data) {
		want[s.name] = s.counts
	}
	return want
}

type sourceCount struct {
	name string
	counts
}

// sourceCounts lists every stored source of every study with its counts.
func sourceCounts(t *testing.T, data string) []sourceCount {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, data+"/verbatim.db")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out []sourceCount
	studies, _ := s.Studies(ctx)
	for _, st := range studies {
		srcs, _ := s.Sources(ctx, st.ID)
		for _, src := range srcs {
			turns, _ := s.Turns(ctx, src.ID)
			quotes, _ := s.Quotes(ctx, store.QuoteFilter{SourceID: src.ID})
			out = append(out, sourceCount{src.Name, counts{len(turns), len(quotes)}})
		}
	}
	return out
}

func checkWholeSources(t *testing.T, data string, want map[string]counts) {
	t.Helper()
	if _, err := os.Stat(data + "/verbatim.db"); err != nil {
		return // killed before the database was created
	}
	for _, s := range sourceCounts(t, data) {
		if w := want[s.name]; s.counts != w {
			t.Fatalf("source %s has %d turns and %d quotes; a whole one has %d and %d", s.name, s.turns, s.quotes, w.turns, w.quotes)
		}
	}
}

func checkIndexMatches(t *testing.T, a *app.App) {
	t.Helper()
	if err := a.CheckIndex(context.Background()); err != nil {
		t.Fatal(err)
	}
}
