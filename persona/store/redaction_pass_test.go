package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// One redaction pass runs per study: a second begin conflicts while the
// first is running and fresh, takes over when it is stale or ended; its
// progress and end read back. On SQLite and PostgreSQL.
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
		if err := s.BeginRedactionPass(ctx, p, t0.Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.BeginRedactionPass(ctx, p, t0.Add(-time.Minute)); !errors.Is(err, persona.ErrConflict) {
			t.Errorf("second begin while running: %v; want a conflict", err)
		}
		p.Done, p.Changed, p.UpdatedAt = 2, 1, t0.Add(time.Second)
		if err := s.SaveRedactionPass(ctx, p); err != nil {
			t.Fatal(err)
		}
		if got, err := s.RedactionPass(ctx, st.ID); err != nil || got.Done != 2 || got.Changed != 1 || !got.Running || got.FinishedAt != nil {
			t.Errorf("progress read back %+v, %v", got, err)
		}
		// Stale: another process takes over, from zero.
		t1 := t0.Add(time.Hour)
		if err := s.BeginRedactionPass(ctx, persona.RedactionPass{StudyID: st.ID, Running: true, Sources: 4, StartedAt: t1, UpdatedAt: t1}, t1.Add(-time.Minute)); err != nil {
			t.Fatalf("taking over a stale pass: %v", err)
		}
		got, err := s.RedactionPass(ctx, st.ID)
		if err != nil || got.Done != 0 || got.Sources != 4 || !got.StartedAt.Equal(t1) {
			t.Errorf("after take-over %+v, %v", got, err)
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
		if err := s.BeginRedactionPass(ctx, persona.RedactionPass{StudyID: st.ID, Running: true, StartedAt: end, UpdatedAt: end}, end.Add(-time.Hour)); err != nil {
			t.Errorf("begin after the end: %v", err)
		}
	})
}
