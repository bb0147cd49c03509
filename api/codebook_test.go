package api

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// firstQuotes are the study's first n quotes.
func firstQuotes(t *testing.T, r *rig, n int) []persona.Quote {
	t.Helper()
	var out []persona.Quote
	err := r.app.EachQuotePage(t.Context(), r.study, n, false, func(page []persona.Quote) error {
		if len(out) < n {
			out = append(out, page[:min(n-len(out), len(page))]...)
		}
		return nil
	})
	if err != nil || len(out) < n {
		t.Fatalf("quotes: %v (%d)", err, len(out))
	}
	return out
}

// codebookMultipart is a multipart body with one file part and extra fields.
func codebookMultipart(name, content string, fields map[string]string) (string, *bytes.Buffer) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	w, _ := mw.CreateFormFile("file", name)
	w.Write([]byte(content))
	mw.Close()
	return mw.FormDataContentType(), &buf
}

func TestCodebookImportAPI(t *testing.T) {
	r := newRig(t, true)
	path := fmt.Sprintf("/api/v1/studies/%d/codebook/import", r.study)
	tests := []struct {
		name, file, content string
		role                account.Role
		status              int
		has                 string
	}{
		{"taguette csv", "tags.csv", "\xEF\xBB\xBFtag,description,number of highlights\nPrice,Cost worries,3\nOnboarding,,0\n", account.RoleResearcher, 200, `"added":2`},
		{"again: kept", "tags.csv", "tag\nprice\n", account.RoleResearcher, 200, `"kept":1`},
		{"qdc", "book.qdc", `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="6f1c3e2a-4b5d-4e6f-8a9b-0c1d2e3f4a5b" name="Decision criteria" isCodable="false"><Code guid="7a2d4f3b-5c6e-4f70-9bac-1d2e3f4a5b6c" name="Integrations" isCodable="true"/></Code></Codes></CodeBook>`, account.RoleAdmin, 200, `"format":"qdc"`},
		{"bad line", "bad.csv", "name,ring\nA,barriers\nB,finance\n", account.RoleResearcher, 400, "line 3"},
		{"marketer refused", "tags.csv", "tag\nX\n", account.RoleMarketer, 403, ""},
		{"sales refused", "tags.csv", "tag\nX\n", account.RoleSales, 403, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct, body := codebookMultipart(tt.file, tt.content, nil)
			status, b := r.do(tt.role, "POST", path, ct, body)
			if status != tt.status || !strings.Contains(string(b), tt.has) {
				t.Errorf("= %d %s; want %d with %q", status, b, tt.status, tt.has)
			}
		})
	}
	var cb app.Codebook
	if status := r.json(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/studies/%d/codebook", r.study), nil, &cb); status != 200 || len(cb.Codes) != 3 {
		t.Fatalf("marketer reads the codebook: %d, %d codes", status, len(cb.Codes))
	}
	for _, c := range cb.Codes {
		if c.Code.Name == "Integrations" && c.Code.Ring != persona.RingCriteria {
			t.Errorf("qdc code lost its ring: %+v", c.Code)
		}
	}
	status, csvBody := r.do(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/studies/%d/codebook.csv", r.study), "", nil)
	if status != 200 || !strings.HasPrefix(string(csvBody), "name,description,ring") || !strings.Contains(string(csvBody), "Price,Cost worries") {
		t.Errorf("csv export: %d %s", status, csvBody)
	}
	status, qdc := r.do(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/studies/%d/codebook.qdc", r.study), "", nil)
	if status != 200 || !strings.Contains(string(qdc), `name="Integrations"`) {
		t.Errorf("qdc export: %d %s", status, qdc)
	}
	if status, _ := r.do(account.RoleSales, "GET", fmt.Sprintf("/api/v1/studies/%d/codebook.csv", r.study), "", nil); status != 403 {
		t.Errorf("sales exports the codebook: %d", status)
	}
}

// Two coders (an admin and a researcher) code the same quotes through the
// API; the agreement and disagreements follow, a settlement is recorded,
// and the code shows on the coded buyer's persona for a sales rep.
func TestCodingAgreementAPI(t *testing.T) {
	r := newRig(t, true)
	ctx := t.Context()
	var x, y persona.Code
	base := fmt.Sprintf("/api/v1/studies/%d", r.study)
	if s := r.json(account.RoleResearcher, "POST", base+"/codes", map[string]any{"name": "Budget <b>", "ring": "perceived_barriers", "when_to_use": "cost named"}, &x); s != 201 {
		t.Fatalf("create code: %d", s)
	}
	if s := r.json(account.RoleResearcher, "POST", base+"/codes", map[string]any{"name": "Speed"}, &y); s != 201 {
		t.Fatalf("create code: %d", s)
	}
	if s := r.json(account.RoleResearcher, "POST", base+"/codes", map[string]any{"name": "speed"}, nil); s != 409 {
		t.Errorf("duplicate code name: %d; want 409", s)
	}
	if s := r.json(account.RoleMarketer, "POST", base+"/codes", map[string]any{"name": "Nope"}, nil); s != 403 {
		t.Errorf("marketer creates a code: %d", s)
	}
	qs := firstQuotes(t, r, 3)
	code := func(role account.Role, q persona.Quote, c persona.Code) {
		t.Helper()
		if s := r.json(role, "PUT", fmt.Sprintf("/api/v1/quotes/%d/codes/%d", q.ID, c.ID), nil, nil); s != 200 {
			t.Fatalf("code quote %d as %s: %d", q.ID, role, s)
		}
	}
	code(account.RoleResearcher, qs[0], x)
	code(account.RoleResearcher, qs[1], x)
	code(account.RoleAdmin, qs[0], x)
	code(account.RoleAdmin, qs[1], y)
	if s := r.json(account.RoleSales, "PUT", fmt.Sprintf("/api/v1/quotes/%d/codes/%d", qs[2].ID, x.ID), nil, nil); s != 403 {
		t.Errorf("sales codes a quote: %d", s)
	}
	if s := r.json(account.RoleAdmin, "DELETE", fmt.Sprintf("/api/v1/quotes/%d/codes/%d", qs[2].ID, x.ID), nil, nil); s != 404 {
		t.Errorf("removing a coding that is not there: %d", s)
	}
	var rep app.AgreementReport
	if s := r.json(account.RoleResearcher, "GET", base+"/agreement", nil, &rep); s != 200 {
		t.Fatalf("agreement: %d", s)
	}
	var pair *app.Comparison
	for i, c := range rep.Comparisons {
		if len(c.Coders) == 2 && c.Coders[0].ID != app.VerbatimCoder && c.Coders[1].ID != app.VerbatimCoder {
			pair = &rep.Comparisons[i]
		}
	}
	if pair == nil || pair.Units != 2 || pair.Overall.Kappa == nil || rep.Unit == "" {
		t.Fatalf("agreement: %+v", rep)
	}
	// Budget: 1 1 vs 1 0; Speed: 0 0 vs 0 1 — 2 of 4 decisions agree.
	if pair.Overall.Percent.Value != 0.5 {
		t.Errorf("overall percent %+v; want 0.5", pair.Overall.Percent)
	}
	var d app.Disagreements
	path := fmt.Sprintf("%s/disagreements?first=%d&second=%d", base, pair.Coders[0].ID, pair.Coders[1].ID)
	if s := r.json(account.RoleAdmin, "GET", path, nil, &d); s != 200 || len(d.Items) != 1 || d.Items[0].Quote.ID != qs[1].ID {
		t.Fatalf("disagreements: %d %+v", s, d)
	}
	var st persona.Settlement
	if s := r.json(account.RoleAdmin, "POST", fmt.Sprintf("/api/v1/quotes/%d/settle", qs[1].ID),
		map[string]any{"first": pair.Coders[0].ID, "second": pair.Coders[1].ID, "choice": "both"}, &st); s != 200 || len(st.CodeIDs) != 2 {
		t.Errorf("settle: %d %+v", s, st)
	}
	if s := r.json(account.RoleAdmin, "POST", fmt.Sprintf("/api/v1/quotes/%d/settle", qs[1].ID),
		map[string]any{"first": pair.Coders[0].ID, "second": pair.Coders[1].ID, "choice": "whatever"}, nil); s != 400 {
		t.Errorf("bad choice: %d", s)
	}
	rp := newPageClient(t, r)
	rp.signIn(account.RoleResearcher)
	res, html := rp.get(fmt.Sprintf("/studies/%d/agreement", r.study))
	if res.StatusCode != 200 || !strings.Contains(html, `class="table agreement-table"`) || !strings.Contains(html, "Budget &lt;b&gt;") ||
		!strings.Contains(html, `class="disagree-link" href="/studies/`) {
		t.Errorf("agreement page: %d, table, escaped code or disagreement link missing", res.StatusCode)
	}
	res, html = rp.get(fmt.Sprintf("/studies/%d/disagreements?first=%d&second=%d", r.study, pair.Coders[0].ID, pair.Coders[1].ID))
	if res.StatusCode != 200 || strings.Count(html, `<tr class="disagreement"`) != 1 || !strings.Contains(html, `class="settled"`) ||
		!strings.Contains(html, `name="choice" value="both"`) {
		t.Errorf("disagreements page: %d, want one settled row with settle buttons", res.StatusCode)
	}
	res, _ = rp.post(fmt.Sprintf("/quotes/%d/settle", qs[1].ID), url.Values{"first": {itoa(pair.Coders[0].ID)}, "second": {itoa(pair.Coders[1].ID)}, "choice": {"none"}})
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "/disagreements?") {
		t.Errorf("settle form: %d to %q", res.StatusCode, loc)
	}
	p, err := r.app.Participant(ctx, qs[0].ParticipantID)
	if err != nil || p.PersonaID == 0 {
		t.Skipf("quote %d's buyer is in no persona", qs[0].ID)
	}
	var pc struct {
		Codes []app.PersonaCode `json:"codes"`
	}
	if s := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/personas/%d/codes", p.PersonaID), nil, &pc); s != 200 || len(pc.Codes) == 0 {
		t.Fatalf("persona codes for sales: %d %+v", s, pc)
	}
	page := newPageClient(t, r)
	page.signIn(account.RoleSales)
	res, body := page.get(fmt.Sprintf("/personas/%d", p.PersonaID))
	if res.StatusCode != 200 || !strings.Contains(body, `class="card persona-codes"`) || !strings.Contains(body, "Budget &lt;b&gt;") {
		t.Errorf("persona page for sales: %d, codes block or escaped name missing", res.StatusCode)
	}
}

// A blind round through the API: each coder sees only their own codings
// until both mark it done.
func TestBlindRoundAPI(t *testing.T) {
	r := newRig(t, true)
	base := fmt.Sprintf("/api/v1/studies/%d", r.study)
	var x persona.Code
	if s := r.json(account.RoleResearcher, "POST", base+"/codes", map[string]any{"name": "Trust"}, &x); s != 201 {
		t.Fatalf("create: %d", s)
	}
	if s := r.json(account.RoleResearcher, "POST", base+"/rounds", map[string]any{"coders": []string{"researcher1", "sales1"}}, nil); s != 400 {
		t.Errorf("a sales rep as coder: %d; want 400", s)
	}
	if s := r.json(account.RoleResearcher, "POST", base+"/rounds", map[string]any{"coders": []string{"researcher1", "admin1"}}, nil); s != 201 {
		t.Fatalf("start round: %d", s)
	}
	qs := firstQuotes(t, r, 1)
	q := qs[0]
	r.json(account.RoleAdmin, "PUT", fmt.Sprintf("/api/v1/quotes/%d/codes/%d", q.ID, x.ID), nil, nil)
	var qc app.QuoteCoding
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/quotes/%d/codings", q.ID), nil, &qc)
	if !qc.Blind || len(qc.Others) != 0 {
		t.Errorf("researcher sees the admin's codes while blind: %+v", qc)
	}
	for _, role := range []account.Role{account.RoleResearcher, account.RoleAdmin} {
		if s := r.json(role, "POST", base+"/rounds/done", map[string]any{"done": true}, nil); s != 200 {
			t.Fatalf("%s done: %d", role, s)
		}
	}
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/quotes/%d/codings", q.ID), nil, &qc)
	if qc.Blind || len(qc.Others) != 1 || qc.Others[0].Coder != "admin1" {
		t.Errorf("after the reveal: %+v", qc)
	}
}

// The codebook page imports a CSV and lists the codes escaped; a marketer
// reads it without forms; coding a quote from its page redirects back.
func TestCodebookPages(t *testing.T) {
	r := newRig(t, true)
	p := newPageClient(t, r)
	p.signIn(account.RoleResearcher)
	ct, body := codebookMultipart("tags.csv", "tag,description\n\"<script>alert(1)</script>\",\"<img src=x onerror=alert(1)>\"\n", map[string]string{"replace": "1"})
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/studies/%d/codebook/import", r.http.URL, r.study), body)
	req.Header.Set("Content-Type", ct)
	res, _ := p.do(req)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("import form = %d", res.StatusCode)
	}
	res, page := p.get(res.Header.Get("Location"))
	if res.StatusCode != 200 || !strings.Contains(page, `id="import-result"`) || strings.Contains(page, "<script>alert") ||
		!strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(page, `id="codebook-import"`) {
		t.Errorf("codebook page after import: %d\n%.600s", res.StatusCode, page)
	}
	res, page = p.post(fmt.Sprintf("/studies/%d/codebook/import", r.study), url.Values{})
	if res.StatusCode != 400 || !strings.Contains(page, `id="codebook-error"`) {
		t.Errorf("import without a file: %d", res.StatusCode)
	}
	cb, err := r.app.Codebook(t.Context(), r.study, app.Actor{})
	if err != nil || len(cb.Codes) != 1 {
		t.Fatalf("codebook: %v", err)
	}
	qs := firstQuotes(t, r, 1)
	res, _ = p.post(fmt.Sprintf("/quotes/%d/code", qs[0].ID), url.Values{"code_id": {itoa(cb.Codes[0].Code.ID)}, "back": {"//evil.example"}})
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != fmt.Sprintf("/quotes/%d/code", qs[0].ID) {
		t.Errorf("code form: %d to %q (an off-site back address must be dropped)", res.StatusCode, loc)
	}
	res, page = p.get(fmt.Sprintf("/quotes/%d/code", qs[0].ID))
	if res.StatusCode != 200 || !strings.Contains(page, `id="my-codes"`) || !strings.Contains(page, `class="code-chip"`) {
		t.Errorf("quote code page: %d", res.StatusCode)
	}
	if res, _ := p.get(fmt.Sprintf("/studies/%d/agreement", r.study)); res.StatusCode != 200 {
		t.Errorf("agreement page: %d", res.StatusCode)
	}
	m := newPageClient(t, r)
	m.signIn(account.RoleMarketer)
	res, page = m.get(fmt.Sprintf("/studies/%d/codebook", r.study))
	if res.StatusCode != 200 || strings.Contains(page, `id="codebook-import"`) || strings.Contains(page, `id="code-form"`) {
		t.Errorf("marketer's codebook page: %d, forms shown", res.StatusCode)
	}
	for _, path := range []string{fmt.Sprintf("/quotes/%d/code", qs[0].ID), fmt.Sprintf("/studies/%d/agreement", r.study)} {
		if res, _ := m.get(path); res.StatusCode != 403 {
			t.Errorf("marketer GET %s = %d; want 403", path, res.StatusCode)
		}
	}
}
