package api

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
)

// After a role change a source's quotes are new and unclassified until
// the analysis ends: the page says so and marks them pending, instead of
// showing every quote as "Other".
func TestSourceQuotesPendingWhileReanalysing(t *testing.T) {
	r := newRig(t, true)
	ctx := context.Background()
	srcs, err := r.app.Sources(ctx, r.study)
	if err != nil {
		t.Fatal(err)
	}
	var src, speaker int64
	for _, s := range srcs {
		d, _ := r.app.SourceDetail(ctx, s.ID)
		for _, p := range d.Participants {
			if !p.Interviewer && s.Kind == "transcript" && src == 0 {
				src, speaker = s.ID, p.ID
			}
		}
	}
	if src == 0 {
		t.Fatal("no transcript with a buyer in the demo")
	}
	// What the role change does, without the background run finishing.
	if _, err := r.app.SetRole(ctx, speaker, false); err != nil {
		t.Fatal(err)
	}
	r.app.QueueAnalysis(r.study)
	p := newPageClient(t, r)
	p.signIn(account.RoleResearcher)
	path := fmt.Sprintf("/sources/%d", src)
	_, page := p.get(path)
	if !strings.Contains(page, `id="reanalysing"`) || strings.Count(page, `data-ring="pending"`) == 0 {
		t.Errorf("%s while re-analysing: no notice or no pending quotes", path)
	}
	if n := strings.Count(page, `class="ring-badge" data-ring="none"`); n > 0 {
		t.Errorf("%s while re-analysing shows %d quotes as Other; want them pending", path, n)
	}
	if !strings.Contains(page, `class="role-form" data-participant=`) || !strings.Contains(page, `data-label="`) {
		t.Error("role form carries no speaker label for its confirmation")
	}
	if _, err := r.app.Analyze(ctx, r.study, nil); err != nil {
		t.Fatal(err)
	}
	if _, page = p.get(path); strings.Contains(page, `data-ring="pending"`) || strings.Contains(page, `id="reanalysing"`) {
		t.Errorf("%s after the analysis still shows quotes pending", path)
	}
}
