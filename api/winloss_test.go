package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// markDeals marks the demo's transcripts lost, won and no decision in
// turn through the API, as a sales rep; source id -> outcome.
func markDeals(t *testing.T, r *rig) map[int64]persona.Outcome {
	t.Helper()
	srcs, err := r.app.Sources(t.Context(), r.study)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]persona.Outcome{}
	n := 0
	for _, s := range srcs {
		if s.Kind != persona.KindTranscript {
			continue
		}
		o := persona.Outcomes[n%3]
		n++
		var m persona.SourceMeta
		body := map[string]string{"outcome": string(o), "competitor": "Gong"}
		if st := r.json(account.RoleSales, "PUT", fmt.Sprintf("/api/v1/sources/%d/outcome", s.ID), body, &m); st != http.StatusOK || m.Outcome != o {
			t.Fatalf("mark %d: %d %+v", s.ID, st, m)
		}
		out[s.ID] = o
	}
	return out
}

func TestWinLossAPIAndPages(t *testing.T) {
	r := newRig(t, true)
	deals := markDeals(t, r)
	var wl app.WinLoss
	if st := r.json(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/studies/%d/winloss", r.study), nil, &wl); st != http.StatusOK || len(wl.Themes) == 0 {
		t.Fatalf("winloss: %d, %d themes", st, len(wl.Themes))
	}
	top := wl.Themes[0]
	if top.Deals(persona.OutcomeLost) == 0 {
		t.Fatalf("the top theme %q comes with no lost deal", top.Label)
	}

	// The objection page: counts link to their quotes; the filter keeps
	// only quotes of lost deals.
	st, b := r.do(account.RoleSales, "GET", fmt.Sprintf("/objections/%d?outcome=lost", top.ThemeID), "", nil)
	if st != http.StatusOK {
		t.Fatalf("objection page: %d", st)
	}
	page := string(b)
	for _, oq := range top.Outcomes {
		for _, q := range oq.Quotes {
			if !strings.Contains(page, fmt.Sprintf(`href="/sources/%d#quote-%d"`, q.SourceID, q.ID)) {
				t.Errorf("no link to %s quote %d", oq.Outcome, q.ID)
			}
		}
	}
	var op app.ObjectionPage
	if st := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/objections/%d?outcome=lost", top.ThemeID), nil, &op); st != http.StatusOK {
		t.Fatalf("objection JSON: %d", st)
	}
	if op.Total == 0 || strings.Count(page, `class="objection-quote" data-outcome="lost"`) != len(op.Quotes) {
		t.Errorf("%d quotes in JSON, page shows %d lost ones", len(op.Quotes), strings.Count(page, `data-outcome="lost"`))
	}
	for _, q := range op.Quotes {
		if deals[q.SourceID] != persona.OutcomeLost {
			t.Errorf("filtered quote %d is from a %q deal", q.ID, deals[q.SourceID])
		}
	}
	if st := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/objections/%d?outcome=tie", top.ThemeID), nil, nil); st != http.StatusBadRequest {
		t.Errorf("outcome=tie: %d, want 400", st)
	}

	// Search: the objections API and page filter by outcome.
	var obj app.Objections
	if st := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/objections?q=%s&study=%d&outcome=won&rings=all", url.QueryEscape("too expensive"), r.study), nil, &obj); st != http.StatusOK {
		t.Fatalf("objections: %d", st)
	}
	for _, q := range obj.Quotes {
		if deals[q.SourceID] != persona.OutcomeWon {
			t.Errorf("won-filtered objection quote %d is from a %q deal", q.ID, deals[q.SourceID])
		}
	}
	st, b = r.do(account.RoleSales, "GET", fmt.Sprintf("/search?q=%s&study=%d&outcome=lost", url.QueryEscape("too expensive"), r.study), "", nil)
	if st != http.StatusOK || !strings.Contains(string(b), `class="facet facet-active" href="/search?`) ||
		!strings.Contains(string(b), `data-field="outcome" data-value="lost" aria-current="true"`) {
		t.Errorf("search page %d does not show the active outcome filter", st)
	}

	// The persona page lists objections of lost deals by default.
	personas, _ := r.app.Personas(t.Context(), r.study)
	shown := 0
	for _, p := range personas {
		var pw app.WinLoss
		r.json(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/studies/%d/winloss?persona=%d", r.study, p.ID), nil, &pw)
		st, b := r.do(account.RoleMarketer, "GET", fmt.Sprintf("/personas/%d", p.ID), "", nil)
		if st != http.StatusOK {
			t.Fatalf("persona page: %d", st)
		}
		want := len(app.SortByOutcome(pw.Themes, persona.OutcomeLost))
		if got := strings.Count(string(b), `class="winloss-theme"`); got != want {
			t.Errorf("persona %d: %d objections of lost deals on the page, %d in the API", p.ID, got, want)
		}
		shown += want
		st, b = r.do(account.RoleMarketer, "GET", fmt.Sprintf("/personas/%d?outcome=won", p.ID), "", nil)
		want = len(app.SortByOutcome(pw.Themes, persona.OutcomeWon))
		if got := strings.Count(string(b), `class="winloss-theme"`); st != http.StatusOK || got != want {
			t.Errorf("persona %d won filter: %d shown, want %d", p.ID, got, want)
		}
	}
	if shown == 0 {
		t.Error("no persona page shows an objection of a lost deal")
	}
}

func TestOutcomeFormRoles(t *testing.T) {
	r := newRig(t, true)
	srcs, _ := r.app.Sources(t.Context(), r.study)
	id := srcs[0].ID
	form := url.Values{"outcome": {"lost"}, "competitor": {"Chorus"}}.Encode()
	path := fmt.Sprintf("/sources/%d/outcome", id)
	if st, _ := r.do(account.RoleMarketer, "POST", path, "application/x-www-form-urlencoded", strings.NewReader(form)); st != http.StatusForbidden {
		t.Errorf("marketer: %d, want 403", st)
	}
	if st, _ := r.do(account.RoleSales, "POST", path, "application/x-www-form-urlencoded", strings.NewReader(form)); st != http.StatusOK {
		t.Errorf("sales: %d, want the source page after the redirect", st)
	}
	m, _ := r.app.SourceMeta(t.Context(), id)
	if m.Outcome != persona.OutcomeLost || m.Competitor != "Chorus" {
		t.Errorf("stored %+v", m)
	}
	st, b := r.do(account.RoleSales, "GET", fmt.Sprintf("/sources/%d", id), "", nil)
	if st != http.StatusOK || !strings.Contains(string(b), `id="outcome-form"`) || !strings.Contains(string(b), "vs Chorus") {
		t.Errorf("the source page (%d) lacks the outcome form or the outcome", st)
	}
}
