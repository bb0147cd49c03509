package api

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
)

// pageClient is a browser-like client: a cookie jar, no redirects followed.
type pageClient struct {
	t *testing.T
	r *rig
	c *http.Client
}

func newPageClient(t *testing.T, r *rig) *pageClient {
	jar, _ := cookiejar.New(nil)
	return &pageClient{t: t, r: r, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (p *pageClient) do(req *http.Request) (*http.Response, string) {
	p.t.Helper()
	res, err := p.c.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func (p *pageClient) get(path string) (*http.Response, string) {
	p.t.Helper()
	req, _ := http.NewRequest("GET", p.r.http.URL+path, nil)
	return p.do(req)
}

func (p *pageClient) post(path string, form url.Values) (*http.Response, string) {
	p.t.Helper()
	req, _ := http.NewRequest("POST", p.r.http.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return p.do(req)
}

func (p *pageClient) signIn(role account.Role) {
	p.t.Helper()
	res, body := p.post("/signin", url.Values{"name": {string(role) + "1"}, "password": {testPassword}, "next": {"/"}})
	if res.StatusCode != http.StatusSeeOther {
		p.t.Fatalf("sign in as %s: status %d; want 303\n%s", role, res.StatusCode, body)
	}
}

func TestPagesRedirectAnonymousToSignIn(t *testing.T) {
	r := newRig(t, false)
	p := newPageClient(t, r)
	for _, path := range []string{"/", "/studies/1", "/personas/1", "/search?q=price", "/admin"} {
		res, _ := p.get(path)
		want := "/signin?next=" + url.QueryEscape(path)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
			t.Errorf("GET %s anonymous = %d %q; want 303 %q", path, res.StatusCode, res.Header.Get("Location"), want)
		}
	}
	res, body := p.get("/signin")
	if res.StatusCode != 200 || !strings.Contains(body, `<form id="signin"`) {
		t.Fatalf("GET /signin = %d; want the sign-in form", res.StatusCode)
	}
	if csp := res.Header.Get("Content-Security-Policy"); csp != frontend.CSP {
		t.Errorf("CSP = %q; want %q", csp, frontend.CSP)
	}
}

func TestSignInForm(t *testing.T) {
	r := newRig(t, false)
	p := newPageClient(t, r)
	res, body := p.post("/signin", url.Values{"name": {"admin1"}, "password": {"wrong password!"}, "next": {"/admin"}})
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `class="error"`) {
		t.Errorf("bad password: status %d; want 401 with an error message", res.StatusCode)
	}
	for _, next := range []string{"//evil.example/", "https://evil.example/"} {
		res, _ = p.post("/signin", url.Values{"name": {"admin1"}, "password": {testPassword}, "next": {next}})
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/" {
			t.Errorf("sign in with next=%q: %d %q; want 303 /", next, res.StatusCode, loc)
		}
	}
	res, _ = p.post("/signin", url.Values{"name": {"admin1"}, "password": {testPassword}, "next": {"/admin"}})
	if loc := res.Header.Get("Location"); loc != "/admin" {
		t.Errorf("sign in: Location %q; want /admin", loc)
	}
	if res, _ = p.get("/admin"); res.StatusCode != 200 {
		t.Errorf("GET /admin after sign in = %d; want 200", res.StatusCode)
	}
	res, _ = p.post("/signout", nil)
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/signin" {
		t.Errorf("sign out = %d %q; want 303 /signin", res.StatusCode, loc)
	}
	if res, _ = p.get("/admin"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("GET /admin after sign out = %d; want 303", res.StatusCode)
	}
}

func TestSignInRateLimited(t *testing.T) {
	r := newRig(t, false)
	p := newPageClient(t, r)
	var res *http.Response
	var body string
	for range 12 {
		res, body = p.post("/signin", url.Values{"name": {"admin1"}, "password": {"nope nope nope"}})
	}
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, `class="error"`) {
		t.Errorf("12th failed sign-in = %d; want 429 with an error message", res.StatusCode)
	}
}

// firstID finds the first id in body matching a pattern with one group.
func firstID(t *testing.T, body, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no match for %s", pattern)
	}
	return m[1]
}

func TestEveryPageAsAdmin(t *testing.T) {
	r := newRig(t, true)
	p := newPageClient(t, r)
	p.signIn(account.RoleAdmin)
	study := itoa(r.study)
	ps, err := r.app.Personas(t.Context(), r.study)
	if err != nil || len(ps) == 0 {
		t.Fatalf("personas: %v (%d)", err, len(ps))
	}
	srcs, _ := r.app.Sources(t.Context(), r.study)
	var survey persona.Source
	for _, s := range srcs {
		if s.Kind == persona.KindSurvey {
			survey = s
		}
	}
	tests := []struct {
		path string
		want []string
	}{
		{"/", []string{`class="study-link" href="/studies/` + study + `"`}},
		{"/studies/" + study, []string{`<svg id="theme-chart"`, `<svg id="heatmap"`, `class="source-link" href="/sources/`, `/studies/` + study + `/upload`, `href="/api/v1/studies/` + study + `/export.qdpx"`}},
		{"/studies/" + study + "/upload", []string{`<form id="upload"`, `id="files"`, `name="files"`, ` multiple`, `id="dropzone"`, `id="upload-results"`, `id="analysis-status"`}},
		{"/studies/" + study + "/personas", []string{`class="persona-card card" href="/personas/`}},
		{"/personas/" + itoa(ps[0].ID), []string{`<h1 id="persona-name">`, `<section class="ring card" data-ring="perceived_barriers"`,
			`<blockquote class="quote">`, `class="quote-link" href="/sources/`, `<form id="persona-edit"`,
			`id="export-md" class="btn" href="/api/v1/personas/` + itoa(ps[0].ID) + `/export.md"`, `id="print"`}},
		{"/studies/" + study + "/themes", []string{`class="rename-theme"`, `<form id="merge"`, `data-src="/themes/`}}, // quote editors: TestThemesPageLoadsQuotesPerTheme,
		{"/search?q=price&study=" + study, []string{`<form id="search"`, `placeholder="what do buyers say about price?"`, `class="facet`, `data-field="persona"`,
			`<li class="hit card"`, `<mark>`, `class="btn btn-small copy-quote"`, `class="objection-theme card"`, `class="raised-by"`, `<form id="note"`}},
		{"/sources/" + itoa(survey.ID), []string{`class="question"`, `<span class="quote`}},
		{"/admin", []string{`id="create-user"`, `id="create-token"`, `id="audit"`}},
	}
	for _, tt := range tests {
		res, body := p.get(tt.path)
		if res.StatusCode != 200 {
			t.Errorf("GET %s = %d; want 200\n%.400s", tt.path, res.StatusCode, body)
			continue
		}
		if res.Header.Get("Content-Security-Policy") != frontend.CSP {
			t.Errorf("GET %s: no CSP header", tt.path)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: missing %s", tt.path, w)
			}
		}
		if strings.Contains(body, "onclick=") || strings.Contains(body, " style=") {
			t.Errorf("GET %s: inline handler or style", tt.path)
		}
	}

	// A supporting quote's link opens its source with the quote marked.
	_, body := p.get("/personas/" + itoa(ps[0].ID))
	src := firstID(t, body, `class="quote-link" href="/sources/(\d+)#quote-\d+"`)
	quote := firstID(t, body, `class="quote-link" href="/sources/`+src+`#quote-(\d+)"`)
	res, body := p.get("/sources/" + src)
	if res.StatusCode != 200 || !regexp.MustCompile(`<span class="quote" id="quote-`+quote+`" data-ring="[a-z_]+"`).MatchString(body) {
		t.Errorf("source %s does not mark quote %s", src, quote)
	}
	if !strings.Contains(body, `<div class="turn`) || !strings.Contains(body, `data-speaker="`) {
		t.Errorf("source %s: no turns", src)
	}
	for _, s := range srcs {
		if s.Kind == persona.KindTranscript {
			_, body = p.get("/sources/" + itoa(s.ID))
			if !strings.Contains(body, `<div class="turn" data-speaker="`) || !strings.Contains(body, `class="role-form" data-participant="`) {
				t.Errorf("transcript %d: no turns or role forms", s.ID)
			}
			break
		}
	}

	// Filtering by a persona facet keeps the query and adds persona=ID.
	_, body = p.get("/search?q=price&study=" + study)
	href := firstID(t, body, `<a class="facet" href="([^"]+)" data-field="persona"`)
	href = strings.ReplaceAll(href, "&amp;", "&")
	if !strings.Contains(href, "persona=") || !strings.Contains(href, "q=price") {
		t.Fatalf("persona facet href %q", href)
	}
	if res, body = p.get(href); res.StatusCode != 200 || !strings.Contains(body, "facet-active") {
		t.Errorf("GET %s = %d; want an active facet", href, res.StatusCode)
	}
}

func TestPagesRespectRoles(t *testing.T) {
	r := newRig(t, true)
	tests := []struct {
		role   account.Role
		path   string
		status int
	}{
		{account.RoleSales, "/studies/" + itoa(r.study) + "/themes", 403},
		{account.RoleSales, "/studies/" + itoa(r.study) + "/upload", 403},
		{account.RoleMarketer, "/admin", 403},
		{account.RoleMarketer, "/studies/" + itoa(r.study) + "/personas", 200},
		{account.RoleSales, "/search?q=price", 200},
		{account.RoleResearcher, "/studies/" + itoa(r.study) + "/themes", 200},
		{account.RoleResearcher, "/studies/999999", 404},
	}
	for _, tt := range tests {
		p := newPageClient(t, r)
		p.signIn(tt.role)
		res, body := p.get(tt.path)
		if res.StatusCode != tt.status {
			t.Errorf("%s GET %s = %d; want %d", tt.role, tt.path, res.StatusCode, tt.status)
		}
		if tt.status != 200 && !strings.Contains(body, `class="card error-card"`) {
			t.Errorf("%s GET %s: no friendly error page", tt.role, tt.path)
		}
	}
	// Nav shows links by role.
	p := newPageClient(t, r)
	p.signIn(account.RoleSales)
	_, body := p.get("/studies/" + itoa(r.study))
	if strings.Contains(body, `href="/admin"`) || strings.Contains(body, "/themes\"") {
		t.Error("sales sees admin or themes links")
	}
	_, body = p.get("/personas/" + firstID(t, body, `href="/personas/(\d+)"`))
	if strings.Contains(body, `id="persona-edit"`) || strings.Contains(body, `id="export-md"`) {
		t.Error("sales sees the persona edit form or export")
	}
}

const hostile = "Interviewer: What almost stopped you?\n\nMallory Buyer: Honestly <script>alert(1)</script> the price was too high. " +
	"Then \"><img src=x onerror=alert(1)> showed up in the contract &lt;b&gt; twice.\n"

func pageUpload(t *testing.T, p *pageClient, study int64, name, content string) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("files", name)
	io.WriteString(w, content)
	mw.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/studies/%d/upload", p.r.http.URL, study), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return p.do(req)
}

func TestUploadFormAndHostileTranscript(t *testing.T) {
	r := newRig(t, true)
	p := newPageClient(t, r)
	p.signIn(account.RoleResearcher)
	res, body := pageUpload(t, p, r.study, "hostile.txt", hostile)
	if res.StatusCode != 200 || !strings.Contains(body, `data-file="hostile.txt" data-status="ok"`) {
		t.Fatalf("upload form = %d; want the file ok\n%s", res.StatusCode, body)
	}
	if !strings.Contains(body, `id="analysis-status" class="analysis-status" data-stage=`) {
		t.Error("upload form result has no analysis status")
	}
	src := firstID(t, body, `class="source-link" href="/sources/(\d+)"`)
	res, body = pageUpload(t, p, r.study, "empty.vtt", "")
	if res.StatusCode != 200 || !strings.Contains(body, `data-file="empty.vtt" data-status="error"`) || !strings.Contains(body, `class="file-error"`) {
		t.Errorf("empty file: %d; want an error next to the file", res.StatusCode)
	}
	r.srv.Wait()
	for _, path := range []string{"/sources/" + src, "/search?q=price+contract", "/search?q=script"} {
		res, body = p.get(path)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, res.StatusCode)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "&lt;b&gt;"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s renders %q", path, bad)
			}
		}
	}
	_, body = p.get("/sources/" + src)
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(body, "&amp;lt;b&amp;gt;") {
		t.Error("source view does not show the hostile text escaped")
	}
}

func TestFieldNoteForm(t *testing.T) {
	r := newRig(t, true)
	p := newPageClient(t, r)
	p.signIn(account.RoleSales)
	form := url.Values{"study_id": {itoa(r.study)}, "q": {"price"}, "text": {"Zorblax said the renewal price doubled overnight."},
		"account": {"Acme"}, "role": {"CFO"}, "deal_stage": {"Negotiation"}}
	res, _ := p.post("/notes", form)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/search?") || !strings.Contains(loc, "noted=") {
		t.Fatalf("POST /notes = %d %q; want 303 back to search", res.StatusCode, loc)
	}
	_, body := p.get(loc)
	if !strings.Contains(body, "flash-ok") {
		t.Error("no confirmation after posting a note")
	}
	_, body = p.get("/search?q=zorblax")
	if !strings.Contains(body, `<li class="hit card"`) || !strings.Contains(body, "CFO at Acme") {
		t.Error("the field note is not found by search")
	}
	form.Set("account", "")
	res, body = p.post("/notes", form)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, `class="error"`) {
		t.Errorf("note without account = %d; want 400 with an error", res.StatusCode)
	}
}

func TestSegments(t *testing.T) {
	text := "Héllo there. Price is high. Bye"
	q := func(id int64, start, end int) persona.Quote {
		return persona.Quote{ID: id, Start: start, End: end, Ring: persona.RingBarriers}
	}
	tests := []struct {
		name   string
		quotes []persona.Quote
		want   []string // segment texts, quotes in [brackets]
	}{
		{"none", nil, []string{text}},
		{"one", []persona.Quote{q(1, 14, 28)}, []string{"Héllo there. ", "[Price is high.]", " Bye"}},
		{"whole", []persona.Quote{q(1, 0, len(text))}, []string{"[" + text + "]"}},
		{"mid-rune start is skipped", []persona.Quote{q(1, 2, 5)}, []string{text}},
		{"out of range is skipped", []persona.Quote{q(1, 14, 999)}, []string{text}},
		{"overlap is skipped", []persona.Quote{q(1, 14, 28), q(2, 20, 30)}, []string{"Héllo there. ", "[Price is high.]", " Bye"}},
		{"unsorted", []persona.Quote{q(2, 29, 32), q(1, 0, 13)}, []string{"[Héllo there.]", " Price is high. ", "[Bye]"}},
	}
	for _, tt := range tests {
		var got []string
		joined := ""
		for _, s := range segments(text, tt.quotes, nil) {
			joined += s.Text
			if s.QuoteID != 0 {
				got = append(got, "["+s.Text+"]")
			} else {
				got = append(got, s.Text)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: segments = %q; want %q", tt.name, got, tt.want)
		}
		if joined != text {
			t.Errorf("%s: segments join to %q; want the turn text", tt.name, joined)
		}
	}
}
