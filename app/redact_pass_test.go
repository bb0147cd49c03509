package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// The redaction pass's state is stored: a replica that did not run the
// pass shows it (running, then done with its counts), refuses a second
// pass while one runs elsewhere, and takes over a pass whose process
// stopped. Run on two Apps sharing one SQLite file and, with
// $VERBATIM_TEST_PG, on two replicas of one PostgreSQL database.
func TestRedactionPassShowsOnEveryReplica(t *testing.T) {
	cases := map[string]func(t *testing.T) (*App, *App){
		"sqlite": func(t *testing.T) (*App, *App) {
			db := filepath.Join(t.TempDir(), "shared.db")
			var out [2]*App
			for i := range out {
				a, err := Open(context.Background(), Config{DataDir: t.TempDir(), DB: db, sharedSQLite: true}, nil)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { a.Close() })
				out[i] = a
			}
			return out[0], out[1]
		},
		"postgres": func(t *testing.T) (*App, *App) {
			rs := openReplicas(t, 2)
			return rs[0], rs[1]
		},
	}
	for name, open := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			ran, other := open(t)
			st, err := ran.CreateStudy(ctx, "privacy later")
			if err != nil {
				t.Fatal(err)
			}
			for i, text := range []string{beforeRedaction, replicaTranscript} {
				res := ran.IngestWith(ctx, st.ID, []string{"interview-dana-ortiz.txt", "call.txt"}[i], strings.NewReader(text), IngestOptions{Force: true})
				if res.Status != StatusOK {
					t.Fatalf("ingest: %+v", res)
				}
			}
			p, err := other.RedactionPassOf(ctx, st.ID)
			if err != nil || !p.StartedAt.IsZero() || p.Running {
				t.Fatalf("before any pass: %+v, %v", p, err)
			}
			redactOn(t, ran, st.ID)

			// A pass begun on one replica (not yet reading) shows as running
			// on the other, which may not start a second one.
			begun, err := ran.beginRedactPass(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			p, err = other.RedactionPassOf(ctx, st.ID)
			if err != nil || !p.Running || p.Sources != 2 {
				t.Fatalf("the other replica sees %+v, %v; want running over 2 sources", p, err)
			}
			if _, err := other.StartRedactStored(ctx, st.ID); !errors.Is(err, persona.ErrConflict) {
				t.Fatalf("a second pass on the other replica: %v; want a conflict", err)
			}
			// The process running it stops: silent past passStale, the
			// next request for its state on the other replica resumes it
			// there.
			begun.UpdatedAt = time.Now().Add(-passStale - time.Minute)
			if err := ran.store.SaveRedactionPass(ctx, *begun); err != nil {
				t.Fatal(err)
			}
			p, err = other.RedactionPassOf(ctx, st.ID)
			if err != nil || !p.Running {
				t.Fatalf("a silent pass reads %+v, %v on the next request; want resumed, running", p, err)
			}
			other.bg.Wait()
			done, err := other.store.RedactionPass(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range []*App{ran, other} {
				p, err := a.RedactionPassOf(ctx, st.ID)
				if err != nil {
					t.Fatal(err)
				}
				if p.Running || p.FinishedAt == nil || p.Error != "" || p.Sources != 2 || p.Done != 2 || p.Changed != done.Changed || p.Changed == 0 {
					t.Errorf("after the pass a replica sees %+v; want done, 2 of 2 read, %d rewritten", p, done.Changed)
				}
			}
		})
	}
}
