package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/samples"
)

// multipartFile is a body with one part named field holding data.
func multipartFile(t *testing.T, field, name string, data []byte) (string, *bytes.Buffer) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, err := w.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	w.Close()
	return w.FormDataContentType(), &body
}

func (r *rig) uploadCollateral(role account.Role, name string, data []byte) (int, persona.Collateral) {
	r.t.Helper()
	ct, body := multipartFile(r.t, "file", name, data)
	status, b := r.do(role, "POST", fmt.Sprintf("/api/v1/studies/%d/collateral", r.study), ct, body)
	var c persona.Collateral
	if status == http.StatusCreated {
		if err := json.Unmarshal(b, &c); err != nil {
			r.t.Fatalf("decode %s: %v", b, err)
		}
	}
	return status, c
}

func demoDoc(t *testing.T, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(samples.Collateral, "collateral/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCollateralAPI(t *testing.T) {
	r := newRig(t, true)
	vendor := demoDoc(t, "fieldnote-vendor-speak.html")
	if status, _ := r.uploadCollateral(account.RoleSales, "v.html", vendor); status != http.StatusForbidden {
		t.Errorf("sales uploads collateral: %d; want 403", status)
	}
	status, doc := r.uploadCollateral(account.RoleMarketer, "fieldnote-vendor-speak.html", vendor)
	if status != http.StatusCreated || doc.ID == 0 || doc.Format != "html" || doc.Text != "" {
		t.Fatalf("marketer uploads collateral: %d %+v; want 201, html, no text echoed", status, doc)
	}
	if status, _ := r.uploadCollateral(account.RoleMarketer, "brochure.pdf", []byte("%PDF-1.7 ...")); status != http.StatusBadRequest {
		t.Errorf("truncated PDF upload: %d; want 400", status)
	}
	var list struct{ Collateral []persona.Collateral }
	if status := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/studies/%d/collateral", r.study), nil, &list); status != 200 || len(list.Collateral) != 1 {
		t.Errorf("list: %d %+v; want the one document", status, list)
	}
	var rep app.GapReport
	if status := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/collateral/%d", doc.ID), nil, &rep); status != 200 {
		t.Fatalf("check: %d", status)
	}
	if len(rep.Personas) == 0 || len(rep.VendorPhrases) == 0 || rep.Words == 0 || len(rep.Passages) != rep.PassageCount {
		t.Errorf("check report: %d personas, %d vendor phrases, %d words, %d/%d passages", len(rep.Personas), len(rep.VendorPhrases), rep.Words, len(rep.Passages), rep.PassageCount)
	}
	one := rep.Personas[0].PersonaID
	var single app.GapReport
	if status := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/collateral/%d?persona=%d", doc.ID, one), nil, &single); status != 200 || len(single.Personas) != 1 {
		t.Errorf("check for persona %d: %d, %d personas; want 1", one, status, len(single.Personas))
	}
	if status := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/collateral/%d?persona=999999", doc.ID), nil, nil); status != http.StatusNotFound {
		t.Errorf("check for an unknown persona: %d; want 404", status)
	}
	if status, b := r.do(account.RoleSales, "GET", fmt.Sprintf("/api/v1/collateral/%d/export.md", doc.ID), "", nil); status != http.StatusForbidden {
		t.Errorf("sales exports: %d %s; want 403", status, b)
	}
	status, md := r.do(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/collateral/%d/export.md", doc.ID), "", nil)
	if status != 200 || !bytes.Contains(md, []byte("# Content-gap check: fieldnote-vendor-speak.html")) || !bytes.Contains(md, []byte("coverage")) {
		t.Errorf("Markdown export: %d %.200s", status, md)
	}
	status, js := r.do(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/collateral/%d/export.json", doc.ID), "", nil)
	if status != 200 || !json.Valid(js) || !bytes.Contains(js, []byte(`"vendor_phrases"`)) {
		t.Errorf("JSON export: %d %.200s", status, js)
	}
	if status, _ := r.do(account.RoleMarketer, "DELETE", fmt.Sprintf("/api/v1/collateral/%d", doc.ID), "", nil); status != http.StatusNoContent {
		t.Errorf("delete: %d; want 204", status)
	}
	if status := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/collateral/%d", doc.ID), nil, nil); status != http.StatusNotFound {
		t.Errorf("check after delete: %d; want 404", status)
	}
}

// TestGapPagesShowTheCheck posts the demo's buyers'-words document through
// the page form and reads the report, the print view and a survey page.
func TestGapPagesShowTheCheck(t *testing.T) {
	r := newRig(t, true)
	ct, body := multipartFile(t, "file", "fieldnote-in-buyers-words.md", demoDoc(t, "fieldnote-in-buyers-words.md"))
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/studies/%d/gaps", r.http.URL, r.study), body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+r.tokens[account.RoleMarketer])
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/collateral/") {
		t.Fatalf("form post: %d to %q; want 303 to /collateral/ID", res.StatusCode, loc)
	}
	status, page := r.do(account.RoleSales, "GET", loc, "", nil)
	if status != 200 || !bytes.Contains(page, []byte(`class="gap-theme addressed"`)) || !bytes.Contains(page, []byte(`class="coverage-score"`)) {
		t.Fatalf("report page: %d %.300s", status, page)
	}
	if !regexp.MustCompile(`href="/sources/\d+#quote-\d+"`).Match(page) {
		t.Error("report page: no buyer quote links to its source")
	}
	status, print := r.do(account.RoleSales, "GET", loc+"/print", "", nil)
	if status != 200 || !bytes.Contains(print, []byte("Never mentioned")) {
		t.Errorf("print view: %d", status)
	}
	status, list := r.do(account.RoleSales, "GET", fmt.Sprintf("/studies/%d/gaps", r.study), "", nil)
	if status != 200 || !bytes.Contains(list, []byte(`href="`+loc+`"`)) || bytes.Contains(list, []byte(`id="gap-upload"`)) {
		t.Errorf("list page for sales: %d; want the document linked and no upload form", status)
	}
	status, bad := r.do(account.RoleMarketer, "POST", fmt.Sprintf("/studies/%d/gaps", r.study), ct, bytes.NewReader(nil))
	if status != http.StatusBadRequest || !bytes.Contains(bad, []byte("form-error")) {
		t.Errorf("empty form post: %d; want 400 with the form's error", status)
	}
}

func TestSurveySizingOnPages(t *testing.T) {
	r := newRig(t, true)
	var personas struct {
		Personas []persona.Profile `json:"personas"`
	}
	r.json(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/studies/%d/personas", r.study), nil, &personas)
	if len(personas.Personas) == 0 {
		t.Fatal("no personas")
	}
	var pp app.PersonaPage
	if status := r.json(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/personas/%d", personas.Personas[0].ID), nil, &pp); status != 200 {
		t.Fatalf("persona: %d", status)
	}
	var sized *app.PersonaTheme
	for _, ring := range pp.Rings {
		for i, th := range ring.Themes {
			if th.Survey != nil && th.Survey.Surveyed > 0 && sized == nil {
				sized = &ring.Themes[i]
			}
		}
	}
	if sized == nil {
		t.Fatal("no theme of the persona is sized by the survey")
	}
	if sized.Survey.Of != 174 || sized.Survey.InterviewsOf != 14 {
		t.Errorf("figure %+v; want of 174 surveyed, 14 interviewees", sized.Survey)
	}
	var ts ThemeSurvey
	if status := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/themes/%d/survey", sized.Theme.ID), nil, &ts); status != 200 {
		t.Fatalf("theme survey: %d", status)
	}
	if len(ts.Quotes) != sized.Survey.Surveyed || ts.Survey.K != sized.Survey.Surveyed {
		t.Errorf("theme survey lists %d quotes, k %d; the persona page says %d", len(ts.Quotes), ts.Survey.K, sized.Survey.Surveyed)
	}
	status, page := r.do(account.RoleMarketer, "GET", fmt.Sprintf("/personas/%d", personas.Personas[0].ID), "", nil)
	want := regexp.MustCompile(`Study-wide: raised by \d+ of 14 interviewees; \d+% ± \d+% of 174 surveyed`)
	if status != 200 || !want.Match(page) {
		t.Errorf("persona page: %d; no %q", status, want)
	}
	status, page = r.do(account.RoleResearcher, "GET", fmt.Sprintf("/studies/%d/themes", r.study), "", nil)
	if status != 200 || !bytes.Contains(page, []byte("of 174 surveyed")) {
		t.Errorf("themes page: %d; no survey figure", status)
	}
	status, page = r.do(account.RoleSales, "GET", fmt.Sprintf("/themes/%d/survey", sized.Theme.ID), "", nil)
	if status != 200 || bytes.Count(page, []byte(`<blockquote class="quote">`)) != sized.Survey.Surveyed {
		t.Errorf("survey page: %d, %d quotes; want %d", status, bytes.Count(page, []byte(`<blockquote class="quote">`)), sized.Survey.Surveyed)
	}
	status, md := r.do(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/personas/%d/export.md", personas.Personas[0].ID), "", nil)
	if status != 200 || !bytes.Contains(md, []byte("of 174 surveyed")) {
		t.Errorf("persona Markdown export: %d; no survey figure", status)
	}
}
