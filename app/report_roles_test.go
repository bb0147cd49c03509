package app

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The analyze --json report lists each persona's stated roles as its
// persona page shows them: the same roles, counts and quotes, in order.
func TestReportListsThePersonaPagesStatedRoles(t *testing.T) {
	ctx := context.Background()
	a, st := demoApp(t)
	rep, err := a.Report(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	withRoles := 0
	for _, rp := range rep.Personas {
		page, err := a.PersonaPage(ctx, rp.ID)
		if err != nil {
			t.Fatal(err)
		}
		type role struct {
			Role   string
			N, Of  int
			Quotes []int64
		}
		var want, got []role
		for _, r := range page.Roles {
			x := role{Role: r.Role, N: r.N, Of: r.Of}
			for _, q := range r.Quotes {
				x.Quotes = append(x.Quotes, q.ID)
			}
			want = append(want, x)
		}
		for _, r := range rp.StatedRoles {
			x := role{Role: r.Role, N: r.N, Of: r.Of}
			for _, q := range r.Quotes {
				x.Quotes = append(x.Quotes, q.ID)
				if q.Text == "" || q.Participant == "" || q.Source == "" {
					t.Errorf("persona %d role %q: quote %+v lacks its text, speaker or source", rp.ID, r.Role, q)
				}
			}
			got = append(got, x)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("persona %d: report roles differ from the page's (-page +report):\n%s", rp.ID, diff)
		}
		if len(want) > 0 {
			withRoles++
		}
	}
	if withRoles == 0 {
		t.Fatal("no demo persona states a role; the test proves nothing")
	}
}
