package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// labelUpload is a multipart upload of one text file with label fields
// before it.
func labelUpload(t *testing.T, fields map[string]string, name, text string) (string, *bytes.Buffer) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	fw, err := w.CreateFormFile("files", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(text))
	w.Close()
	return w.FormDataContentType(), &b
}

// waveDemo puts the demo's transcripts alternately in two waves through
// the API and returns source id -> wave.
func waveDemo(t *testing.T, r *rig) map[int64]string {
	t.Helper()
	var list struct {
		Sources []persona.Source `json:"sources"`
	}
	if st := r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/studies/%d/sources", r.study), nil, &list); st != http.StatusOK {
		t.Fatalf("list sources: %d", st)
	}
	out := map[int64]string{}
	n := 0
	for _, s := range list.Sources {
		if s.Kind != persona.KindTranscript {
			continue
		}
		body := map[string]string{"wave": "Spring", "date": "2026-04-10"}
		if n%2 == 0 {
			body = map[string]string{"wave": "Winter", "date": "2026-01-15"}
		}
		n++
		var m persona.SourceMeta
		if st := r.json(account.RoleResearcher, "PUT", fmt.Sprintf("/api/v1/sources/%d/wave", s.ID), body, &m); st != http.StatusOK || m.Wave != body["wave"] {
			t.Fatalf("set wave of %d: %d %+v", s.ID, st, m)
		}
		out[s.ID] = body["wave"]
	}
	return out
}

func TestWavesAPIAndStudyPage(t *testing.T) {
	r := newRig(t, true)
	waveDemo(t, r)
	var rep app.WaveReport
	if st := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/studies/%d/waves", r.study), nil, &rep); st != http.StatusOK {
		t.Fatalf("waves: %d", st)
	}
	if len(rep.Waves) != 2 || rep.Waves[0].Name != "Winter" || len(rep.Themes) == 0 {
		t.Fatalf("report: %d waves %+v, %d themes", len(rep.Waves), rep.Waves, len(rep.Themes))
	}
	status, body := r.do(account.RoleMarketer, "GET", fmt.Sprintf("/studies/%d", r.study), "", nil)
	if status != http.StatusOK {
		t.Fatalf("study page: %d", status)
	}
	page := string(body)
	if !strings.Contains(page, `id="wave-chart"`) {
		t.Fatal("study page has no wave chart")
	}
	// One panel per charted theme; a trend badge exactly on the themes
	// whose latest change is significant.
	charted := 0
	badged := map[string]bool{}
	for i, th := range rep.Themes {
		if i < waveChartThemes || th.Trend != "" {
			charted++
		}
		if th.Trend != "" {
			badged[th.Trend] = true
		}
	}
	if got := strings.Count(page, `class="wave-panel"`); got != charted {
		t.Errorf("%d panels; want %d", got, charted)
	}
	trends := regexp.MustCompile(`class="wave-trend" data-trend="(\w+)"`).FindAllStringSubmatch(page, -1)
	nTrend := 0
	for _, th := range rep.Themes {
		if th.Trend != "" {
			nTrend++
		}
	}
	if len(trends) != nTrend {
		t.Errorf("%d trend badges on the page; %d themes changed significantly", len(trends), nTrend)
	}
	// Each count in the table links to that many quotes (up to the cap).
	first := rep.Themes[0].Shares[0]
	for _, q := range first.Quotes[:min(len(first.Quotes), maxQuoteLinks)] {
		if !strings.Contains(page, fmt.Sprintf(`href="/sources/%d#quote-%d"`, q.SourceID, q.ID)) {
			t.Errorf("no link to quote %d behind %q", q.ID, rep.Themes[0].Label)
		}
	}
}

func TestWaveUploadFieldsAndSourceForm(t *testing.T) {
	r := newRig(t, true)
	path := fmt.Sprintf("/api/v1/studies/%d/sources", r.study)
	text := "Interviewer: What stopped you?\nBuyer: The security review took four months and legal blocked the contract twice.\n"

	ct, body := labelUpload(t, map[string]string{"wave": "Pilot", "date": "31/01/2026"}, "bad-date.txt", text)
	if st, b := r.do(account.RoleResearcher, "POST", path, ct, body); st != http.StatusBadRequest {
		t.Errorf("bad date: %d %s; want 400", st, b)
	}
	ct, body = labelUpload(t, map[string]string{"date": "2026-01-31", "wave": "Pilot"}, "pilot.txt", text)
	var res struct {
		Files []app.FileResult `json:"files"`
	}
	st, b := r.do(account.RoleResearcher, "POST", path, ct, body)
	if st != http.StatusOK {
		t.Fatalf("upload: %d %s", st, b)
	}
	if err := jsonUnmarshal(b, &res); err != nil || len(res.Files) != 1 || res.Files[0].Status != app.StatusOK {
		t.Fatalf("upload result %s (%v)", b, err)
	}
	id := res.Files[0].SourceID
	m, err := r.app.SourceMeta(t.Context(), id)
	if err != nil || m.Wave != "Pilot" || m.Date != "2026-01-31" {
		t.Fatalf("meta after upload: %+v, %v", m, err)
	}
	srcs, _ := r.app.Sources(t.Context(), r.study)
	for _, s := range srcs {
		if s.Name == "bad-date.txt" {
			t.Error("the upload with a bad date stored its file")
		}
	}

	form := url.Values{"wave": {"Launch"}, "date": {"2026-05-02"}}.Encode()
	formPath := fmt.Sprintf("/sources/%d/wave", id)
	if st, _ := r.do(account.RoleMarketer, "POST", formPath, "application/x-www-form-urlencoded", strings.NewReader(form)); st != http.StatusForbidden {
		t.Errorf("marketer posts the wave form: %d; want 403", st)
	}
	st, _ = r.do(account.RoleResearcher, "POST", formPath, "application/x-www-form-urlencoded", strings.NewReader(form))
	if st != http.StatusOK && st != http.StatusSeeOther { // the client follows the redirect
		t.Fatalf("wave form: %d", st)
	}
	if m, _ = r.app.SourceMeta(t.Context(), id); m.Wave != "Launch" || m.Date != "2026-05-02" {
		t.Errorf("meta after the form: %+v", m)
	}
	st, b = r.do(account.RoleResearcher, "GET", fmt.Sprintf("/sources/%d?saved=wave", id), "", nil)
	if st != http.StatusOK || !strings.Contains(string(b), `id="wave-form"`) || !strings.Contains(string(b), "Launch") {
		t.Errorf("source page %d lacks the wave form or the wave", st)
	}
	st, b = r.do(account.RoleSales, "GET", fmt.Sprintf("/sources/%d", id), "", nil)
	if st != http.StatusOK || strings.Contains(string(b), `id="wave-form"`) {
		t.Errorf("sales sees the wave form (%d)", st)
	}
}

func TestPersonaPageSaysWhatIsNew(t *testing.T) {
	r := newRig(t, true)
	waveDemo(t, r)
	personas, err := r.app.Personas(t.Context(), r.study)
	if err != nil || len(personas) == 0 {
		t.Fatalf("personas: %v", err)
	}
	for _, p := range personas {
		var news app.PersonaNews
		if st := r.json(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/personas/%d/waves", p.ID), nil, &news); st != http.StatusOK {
			t.Fatalf("persona waves: %d", st)
		}
		st, b := r.do(account.RoleMarketer, "GET", fmt.Sprintf("/personas/%d", p.ID), "", nil)
		if st != http.StatusOK || !strings.Contains(string(b), `id="persona-news"`) {
			t.Fatalf("persona page %d lacks the news card", st)
		}
		if got := strings.Count(string(b), `class="news-theme"`); got != len(news.New) {
			t.Errorf("persona %d: %d new themes on the page, %d in the API", p.ID, got, len(news.New))
		}
	}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
