package api

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// seedCodes creates two codes and codes three quotes with each as the
// researcher.
func seedCodes(t *testing.T, r *rig) []persona.Code {
	t.Helper()
	base := fmt.Sprintf("/api/v1/studies/%d", r.study)
	codes := make([]persona.Code, 2)
	for i, name := range []string{"Budget", "Speed"} {
		if s := r.json(account.RoleResearcher, "POST", base+"/codes", map[string]any{"name": name}, &codes[i]); s != 201 {
			t.Fatalf("create code: %d", s)
		}
	}
	for i, q := range firstQuotes(t, r, 6) {
		if s := r.json(account.RoleResearcher, "PUT", fmt.Sprintf("/api/v1/quotes/%d/codes/%d", q.ID, codes[i/3].ID), nil, nil); s != 200 {
			t.Fatalf("code quote %d: %d", q.ID, s)
		}
	}
	return codes
}

func TestSeededCodingAPI(t *testing.T) {
	r := newRig(t, true)
	base := fmt.Sprintf("/api/v1/studies/%d", r.study)
	if s := r.json(account.RoleResearcher, "POST", base+"/codebook/suggest", nil, nil); s != 400 {
		t.Errorf("suggest without codes: %d; want 400", s)
	}
	codes := seedCodes(t, r)
	if s := r.json(account.RoleSales, "POST", base+"/codebook/suggest", nil, nil); s != 403 {
		t.Errorf("sales runs the seeded coding: %d", s)
	}
	var rep app.SuggestReport
	if s := r.json(account.RoleResearcher, "POST", base+"/codebook/suggest", nil, &rep); s != 200 {
		t.Fatalf("suggest: %d", s)
	}
	if rep.Seeds != 6 || rep.Quotes == 0 || rep.Seeds+rep.Coded+rep.Uncoded != rep.Quotes {
		t.Fatalf("report: %+v", rep)
	}
	var rv app.Review
	if s := r.json(account.RoleResearcher, "GET", base+"/review?limit=5", nil, &rv); s != 200 || !rv.Ran || len(rv.Items) != min(5, rv.Open) {
		t.Fatalf("review: %d %+v", s, rv)
	}
	head := rv.Items[0]
	if s := r.json(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/quotes/%d/review", head.Quote.ID), map[string]any{}, nil); s != 400 {
		t.Errorf("decision without code_id: %d", s)
	}
	var d app.Decision
	if s := r.json(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/quotes/%d/review", head.Quote.ID), map[string]any{"code_id": head.Suggested.ID}, &d); s != 200 || d.Status != persona.SuggestionAccepted {
		t.Fatalf("accept: %d %+v", s, d)
	}
	if s := r.json(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/quotes/%d/review", head.Quote.ID), map[string]any{"code_id": 0}, nil); s != 404 {
		t.Errorf("deciding a decided quote again: %d; want 404", s)
	}
	var rv2 app.Review
	if s := r.json(account.RoleResearcher, "GET", base+"/review", nil, &rv2); s != 200 || rv2.Open != rv.Open-1 {
		t.Fatalf("review after a decision: %d open %d, want %d", s, rv2.Open, rv.Open-1)
	}
	var list app.Review
	if s := r.json(account.RoleResearcher, "GET", fmt.Sprintf("%s/review?code=%d", base, codes[0].ID), nil, &list); s != 200 || list.Code == nil {
		t.Fatalf("one code's list: %d", s)
	}
	var ag app.AgreementReport
	if s := r.json(account.RoleResearcher, "GET", base+"/agreement", nil, &ag); s != 200 {
		t.Fatalf("agreement: %d", s)
	}
	seeded := false
	for _, c := range ag.Comparisons {
		seeded = seeded || len(c.Coders) == 2 && c.Coders[1].ID == app.SeededCoder
	}
	if !seeded {
		t.Errorf("agreement has no comparison with the seeded coding: %+v", ag.Coders)
	}
	if s := r.json(account.RoleResearcher, "GET", fmt.Sprintf("%s/disagreements?first=%d&second=%d", base, ag.Coders[0].ID, app.SeededCoder), nil, nil); s != 200 {
		t.Errorf("disagreements with the seeded coding: %d", s)
	}
}

func TestSeededCodingPages(t *testing.T) {
	r := newRig(t, true)
	p := newPageClient(t, r)
	p.signIn(account.RoleResearcher)
	review := fmt.Sprintf("/studies/%d/review", r.study)
	if res, page := p.get(review); res.StatusCode != 200 || !strings.Contains(page, `id="review-empty"`) {
		t.Fatalf("review page before a run: %d", res.StatusCode)
	}
	codes := seedCodes(t, r)
	res, _ := p.post(review, url.Values{})
	if res.StatusCode != 303 {
		t.Fatalf("run form: %d", res.StatusCode)
	}
	res, page := p.get(res.Header.Get("Location"))
	if res.StatusCode != 200 || !strings.Contains(page, `id="review-result"`) || !strings.Contains(page, `class="btn btn-primary review-accept"`) {
		t.Fatalf("review page after a run: %d\n%.600s", res.StatusCode, page)
	}
	rv, err := r.app.ReviewQueue(t.Context(), r.study, 0, 1)
	if err != nil || len(rv.Items) != 1 {
		t.Fatalf("queue: %v", err)
	}
	q := rv.Items[0].Quote.ID
	res, _ = p.post(fmt.Sprintf("/quotes/%d/review", q), url.Values{"code_id": {itoa(codes[1].ID)}})
	if loc := res.Header.Get("Location"); res.StatusCode != 303 || !strings.HasPrefix(loc, review+"?result=") {
		t.Fatalf("decision form: %d to %q", res.StatusCode, loc)
	}
	res, page = p.get(fmt.Sprintf("/studies/%d/codebook", r.study))
	if res.StatusCode != 200 || !strings.Contains(page, `class="seeded-count"`) || !strings.Contains(page, fmt.Sprintf("review?code=%d", codes[0].ID)) {
		t.Errorf("codebook page lacks the seeded counts: %d", res.StatusCode)
	}
	if res, page = p.get(fmt.Sprintf("%s?code=%d", review, codes[0].ID)); res.StatusCode != 200 || strings.Contains(page, "review-accept") {
		t.Errorf("one code's list: %d (no decision buttons expected)", res.StatusCode)
	}
	m := newPageClient(t, r)
	m.signIn(account.RoleMarketer)
	if res, _ := m.get(review); res.StatusCode != 403 {
		t.Errorf("marketer GET review = %d; want 403", res.StatusCode)
	}
}
