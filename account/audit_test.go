package account

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/verbatimhq/verbatim/persona"
)

func TestAudit(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, s *Service, c *clock) {
		ctx := context.Background()
		entries := []Entry{
			{UserID: 1, UserName: "admin", Action: ActionUserCreate, Target: "user 2"},
			{UserID: 2, UserName: "ana", Action: ActionUpload, Target: "study 1", Detail: "3 files"},
			{UserID: 2, UserName: "ana", Action: ActionExport, Target: "persona 4"},
			{UserName: "mallory", Action: ActionSignInFailed, Detail: "ip 10.0.0.9"},
		}
		for _, e := range entries {
			if err := s.Record(ctx, e); err != nil {
				t.Fatal(err)
			}
			c.Add(time.Second)
		}
		// Same instant: the later record still comes first.
		c.Add(-time.Second)
		if err := s.Record(ctx, Entry{Action: ActionTokenRevoke, Target: "token 7"}); err != nil {
			t.Fatal(err)
		}
		start := newClock().Stored()
		want := []Entry{
			{At: start.Add(3 * time.Second), Action: ActionTokenRevoke, Target: "token 7"},
			{At: start.Add(3 * time.Second), UserName: "mallory", Action: ActionSignInFailed, Detail: "ip 10.0.0.9"},
			{At: start.Add(2 * time.Second), UserID: 2, UserName: "ana", Action: ActionExport, Target: "persona 4"},
			{At: start.Add(time.Second), UserID: 2, UserName: "ana", Action: ActionUpload, Target: "study 1", Detail: "3 files"},
			{At: start, UserID: 1, UserName: "admin", Action: ActionUserCreate, Target: "user 2"},
		}
		ignoreID := cmpopts.IgnoreFields(Entry{}, "ID")
		got, err := s.Audit(ctx, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, ignoreID); diff != "" {
			t.Errorf("Audit (-want +got):\n%s", diff)
		}
		page, _ := s.Audit(ctx, 2, 1)
		if diff := cmp.Diff(want[1:3], page, ignoreID); diff != "" {
			t.Errorf("Audit(2, 1) (-want +got):\n%s", diff)
		}
		wantErr(t, "Record without action", s.Record(ctx, Entry{}), persona.ErrInvalid)
	})
}
