package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/persona/store"
)

// A runner whose pass was taken over while it stalled writes nothing when
// it wakes: it checks its lease before writing each source (and in the
// rewrite's transaction), not only when it saves its progress after the
// work. Before, it rewrote a whole source (text, pseudonyms, index) and
// only then found it was fenced out. Woken again once the taker has
// finished, it writes neither its progress nor its end over the taker's
// (this was TestStalledRedactionRunnerCannotWriteOverTheTaker). Two
// runners (two Apps) on one SQLite file and on one PostgreSQL database.
func TestFencedOutRedactionRunnerWritesNothing(t *testing.T) {
	dbs := map[string]func(t *testing.T) string{
		"sqlite": func(t *testing.T) string { return filepath.Join(t.TempDir(), "shared.db") },
	}
	if os.Getenv("VERBATIM_TEST_PG") != "" || os.Getenv("CI") == "true" {
		dbs["postgres"] = func(t *testing.T) string { return pgtest.New(t) }
	}
	for name, newDB := range dbs {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db := newDB(t)
			var apps [2]*App
			for i := range apps {
				a, err := Open(ctx, Config{DataDir: t.TempDir(), DB: db, sharedSQLite: true}, nil)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { a.Close() })
				apps[i] = a
			}
			stalled, taker := apps[0], apps[1]
			st, err := stalled.CreateStudy(ctx, "fenced out")
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
			stored := func() string {
				t.Helper()
				qs, err := stalled.store.Quotes(ctx, store.QuoteFilter{StudyID: st.ID, NoTokens: true})
				if err != nil {
					t.Fatal(err)
				}
				var b strings.Builder
				for _, q := range qs {
					b.WriteString(q.Text + "\n")
				}
				return b.String()
			}
			before := stored()
			if !strings.Contains(before, "dana.ortiz@example.com") {
				t.Fatal("the test needs the e-mail address stored")
			}
			begun, err := stalled.beginRedactPass(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			silent := *begun
			silent.UpdatedAt = time.Now().Add(-passStale - time.Minute)
			if err := stalled.store.SaveRedactionPass(ctx, silent); err != nil {
				t.Fatal(err)
			}
			took, err := taker.beginRedactPass(ctx, st.ID)
			if err != nil || took.Runner == begun.Runner {
				t.Fatalf("take-over: %+v, %v", took, err)
			}
			// The stalled runner wakes before the taker has done anything.
			read := 0
			stalled.redacting.afterSource = func(_, _ int64) { read++ }
			stalled.runRedactPass(ctx, st.ID, begun)
			if after := stored(); after != before {
				t.Errorf("the fenced-out runner rewrote quotes:\nbefore %q\nafter  %q", before, after)
			}
			if ps, err := stalled.store.Pseudonyms(ctx, st.ID); err != nil || len(ps) != 0 {
				t.Errorf("the fenced-out runner stored pseudonyms %v (%v)", ps, err)
			}
			if n := hits(t, stalled, st.ID, `"dana.ortiz@example.com"`); n == 0 {
				t.Error("the fenced-out runner re-indexed the source")
			}
			if read > 0 {
				t.Errorf("the fenced-out runner finished %d sources", read)
			}
			if p, err := taker.store.RedactionPass(ctx, st.ID); err != nil || p.Runner != took.Runner || p.Done != 0 || !p.Running {
				t.Errorf("the pass reads %+v (%v); want the taker's, nothing done", p, err)
			}
			// The taker then does the whole pass, each source once.
			taker.runRedactPass(ctx, st.ID, took)
			p, err := taker.store.RedactionPass(ctx, st.ID)
			if err != nil || p.Running || p.Done != 2 || p.Changed != 2 || p.Error != "" {
				t.Errorf("the taker's pass %+v, %v; want done, 2 of 2 rewritten", p, err)
			}
			if after := stored(); strings.Contains(after, "dana.ortiz@example.com") {
				t.Error("the taker left the e-mail address")
			}
			// Woken again after the taker finished, the stalled runner
			// writes neither its progress nor its end over the taker's.
			stalled.runRedactPass(ctx, st.ID, begun)
			got, err := taker.store.RedactionPass(ctx, st.ID)
			if err != nil || got.Running || got.Done != p.Done || got.Changed != p.Changed || got.Sources != p.Sources || got.ThroughSource != p.ThroughSource {
				t.Errorf("after the stalled runner woke again the pass reads %+v (%v); want the taker's %+v", got, err, p)
			}
			if read > 0 {
				t.Errorf("the stalled runner went on for %d sources after it was taken over", read)
			}
			taker.WaitAnalyses()
			stalled.WaitAnalyses()
		})
	}
}
