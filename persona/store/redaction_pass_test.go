package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// One redaction pass runs per study: a second begin conflicts while the
// first is running and fresh; it takes over a stale one with its progress
// (to resume it after the last source it finished) and begins anew after
// an ended one; progress and end read back. On SQLite and PostgreSQL.
func TestConformanceRedactionPass(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, err := s.CreateStudy(ctx, "Pass")
		if err != nil {
			t.Fatal(err)
		}
		if p, err := s.RedactionPass(ctx, st.ID); err != nil || p.StudyID != st.ID || p.Running {
			t.Fatalf("before any pass: %+v, %v", p, err)
		}
		t0 := time.Unix(1000, 0).UTC()
		p := persona.RedactionPass{StudyID: st.ID, Running: true, Sources: 3, StartedAt: t0, UpdatedAt: t0}
		if got, err := s.BeginRedactionPass(ctx, p, t0.Add(-time.Minute)); err != nil || got != p {
			t.Fatalf("first begin: %+v, %v; want %+v", got, err, p)
		}
		if _, err := s.BeginRedactionPass(ctx, p, t0.Add(-time.Minute)); !errors.Is(err, persona.ErrConflict) {
			t.Errorf("second begin while running: %v; want a conflict", err)
		}
		p.Done, p.Changed, p.ThroughSource, p.UpdatedAt = 2, 1, 17, t0.Add(time.Second)
		if err := s.SaveRedactionPass(ctx, p); err != nil {
			t.Fatal(err)
		}
		if got, err := s.RedactionPass(ctx, st.ID); err != nil || got.Done != 2 || got.Changed != 1 || got.ThroughSource != 17 || !got.Running || got.FinishedAt != nil {
			t.Errorf("progress read back %+v, %v", got, err)
		}
		if running, err := s.RunningRedactionPasses(ctx); err != nil || len(running) != 1 || running[0].StudyID != st.ID {
			t.Errorf("running passes %+v, %v; want the one", running, err)
		}
		// Stale: another process takes it over with its progress, once.
		t1 := t0.Add(time.Hour)
		again := persona.RedactionPass{StudyID: st.ID, Running: true, Sources: 4, StartedAt: t1, UpdatedAt: t1}
		got, err := s.BeginRedactionPass(ctx, again, t1.Add(-time.Minute))
		if err != nil {
			t.Fatalf("taking over a stale pass: %v", err)
		}
		if got.Done != 2 || got.Changed != 1 || got.ThroughSource != 17 || !got.StartedAt.Equal(t0) || !got.UpdatedAt.Equal(t1) || !got.Running {
			t.Errorf("took over %+v; want the stopped pass's progress, updated now", got)
		}
		if _, err := s.BeginRedactionPass(ctx, again, t1.Add(-time.Minute)); !errors.Is(err, persona.ErrConflict) {
			t.Errorf("a second take-over: %v; want a conflict", err)
		}
		end := t1.Add(time.Minute)
		got.Running, got.FinishedAt, got.Error, got.UpdatedAt = false, &end, "boom", end
		if err := s.SaveRedactionPass(ctx, got); err != nil {
			t.Fatal(err)
		}
		if got, err := s.RedactionPass(ctx, st.ID); err != nil || got.Running || got.FinishedAt == nil || !got.FinishedAt.Equal(end) || got.Error != "boom" {
			t.Errorf("end read back %+v, %v", got, err)
		}
		// Ended: a new pass begins at once.
		fresh := persona.RedactionPass{StudyID: st.ID, Running: true, StartedAt: end, UpdatedAt: end}
		if got, err := s.BeginRedactionPass(ctx, fresh, end.Add(-time.Hour)); err != nil || got != fresh {
			t.Errorf("begin after the end: %+v, %v", got, err)
		}
		if got, err := s.RedactionPass(ctx, st.ID); err != nil || got.Done != 0 || got.ThroughSource != 0 {
			t.Errorf("a new pass keeps the old one's progress: %+v, %v", got, err)
		}
	})
}

// A pass is fenced by its runner: once another process took a stale pass
// over, the runner that stalled cannot save its progress or its end over
// the taker's (persona.ErrConflict), and the taker can.
func TestConformanceRedactionPassFencesItsRunner(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, err := s.CreateStudy(ctx, "Fenced")
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Unix(1000, 0).UTC()
		stalled, err := s.BeginRedactionPass(ctx, persona.RedactionPass{StudyID: st.ID, Running: true, Sources: 3, StartedAt: t0, UpdatedAt: t0, Runner: "a"}, t0.Add(-time.Minute))
		if err != nil || stalled.Runner != "a" {
			t.Fatalf("begin: %+v, %v", stalled, err)
		}
		t1 := t0.Add(time.Hour)
		taker, err := s.BeginRedactionPass(ctx, persona.RedactionPass{StudyID: st.ID, Running: true, Sources: 3, StartedAt: t1, UpdatedAt: t1, Runner: "b"}, t1.Add(-time.Minute))
		if err != nil || taker.Runner != "b" {
			t.Fatalf("take-over: %+v, %v", taker, err)
		}
		// The stalled runner writes no source either: its lease is checked
		// in the rewrite's transaction.
		imp := sampleImport("fenced")
		src, err := s.Import(ctx, st.ID, imp)
		if err != nil {
			t.Fatal(err)
		}
		q := imp.Quotes[0]
		q.Text, q.End = q.Text[:len(q.Text)-1], q.End-1
		if err := s.HoldRedactionPass(ctx, st.ID, "a", t1); !errors.Is(err, persona.ErrConflict) {
			t.Errorf("the stalled runner's hold: %v; want a conflict", err)
		}
		if err := s.RewriteSourceAs(ctx, "a", src, nil, nil, []persona.Quote{q}); !errors.Is(err, persona.ErrConflict) {
			t.Errorf("the stalled runner's rewrite: %v; want a conflict", err)
		}
		if got, err := s.Quotes(ctx, QuoteFilter{SourceID: src.ID}); err != nil || got[0].Text != imp.Quotes[0].Text {
			t.Errorf("after the stalled runner's rewrite the quote reads %q (%v); want it unchanged", got[0].Text, err)
		}
		if err := s.HoldRedactionPass(ctx, st.ID, "b", t1); err != nil {
			t.Errorf("the taker's hold: %v", err)
		}
		if err := s.RewriteSourceAs(ctx, "b", src, nil, nil, []persona.Quote{q}); err != nil {
			t.Errorf("the taker's rewrite: %v", err)
		}
		stalled.Done, stalled.UpdatedAt = 1, t1.Add(time.Second)
		if err := s.SaveRedactionPass(ctx, stalled); !errors.Is(err, persona.ErrConflict) {
			t.Errorf("the stalled runner's progress: %v; want a conflict", err)
		}
		end := t1.Add(2 * time.Second)
		stalled.Running, stalled.FinishedAt = false, &end
		if err := s.SaveRedactionPass(ctx, stalled); !errors.Is(err, persona.ErrConflict) {
			t.Errorf("the stalled runner's end: %v; want a conflict", err)
		}
		taker.Done, taker.Changed, taker.UpdatedAt = 3, 2, end
		if err := s.SaveRedactionPass(ctx, taker); err != nil {
			t.Fatalf("the taker's progress: %v", err)
		}
		if got, err := s.RedactionPass(ctx, st.ID); err != nil || !got.Running || got.Done != 3 || got.Changed != 2 || got.Runner != "b" {
			t.Errorf("read back %+v, %v; want the taker's progress", got, err)
		}
	})
}
