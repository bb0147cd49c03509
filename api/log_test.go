package api

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/verbatimhq/verbatim/account"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Every request is logged with its id, route and status; what buyers said
// and what users searched for never reach the log.
func TestAccessLogCarriesIDsNotText(t *testing.T) {
	r := newRig(t, false)
	var logs syncBuffer
	srv := New(r.srv.cfg, r.app, r.srv.accounts, r.srv.pages, slog.New(slog.NewTextHandler(&logs, nil)))
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	defer srv.Wait()
	send := func(method, path, contentType string, body io.Reader) string {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, body)
		req.Header.Set("Authorization", "Bearer "+r.tokens[account.RoleResearcher])
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode >= 300 {
			t.Fatalf("%s %s: %d", method, path, res.StatusCode)
		}
		return res.Header.Get("X-Request-Id")
	}
	id := send("POST", "/api/v1/studies", "application/json", strings.NewReader(`{"name":"Logged"}`))
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("files", "call.txt")
	fmt.Fprint(fw, "Interviewer: What slowed the deal?\nDana: The zebracorn clause in the contract scared our lawyers.\n")
	mw.Close()
	upload := send("POST", "/api/v1/studies/1/sources", mw.FormDataContentType(), &body)
	search := send("GET", "/api/v1/search?q=zebracorn+clause", "", nil)
	out := logs.String()
	for _, want := range []string{"request_id=" + id, "request_id=" + upload, "request_id=" + search,
		"route=/api/v1/studies/:id/sources", "route=/api/v1/search", "status=200"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(strings.ToLower(out), "zebracorn") {
		t.Errorf("log holds transcript or query text:\n%s", out)
	}
}

// Pages and static files are compressed for browsers that accept it; the
// JSON API is not (its persona pages are served pre-encoded).
func TestPagesCompressedAPINot(t *testing.T) {
	r := newRig(t, true)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(path string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", r.http.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+r.tokens[account.RoleResearcher])
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		return res, b
	}
	for _, path := range []string{fmt.Sprintf("/studies/%d/themes", r.study), "/static/app.css"} {
		res, b := get(path)
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: Content-Encoding %q, want gzip", path, res.Header.Get("Content-Encoding"))
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		plain, err := io.ReadAll(zr)
		t.Logf("%s: %d bytes, %d compressed", path, len(plain), len(b))
		if err != nil || len(plain) <= len(b) {
			t.Errorf("%s: %d bytes compressed to %d (%v)", path, len(plain), len(b), err)
		}
		if strings.HasSuffix(path, "themes") && !strings.Contains(string(plain), `class="theme-list"`) {
			t.Errorf("%s: decompressed page is not the themes page", path)
		}
	}
	var ps struct{ Personas []struct{ ID int64 } }
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/studies/%d/personas", r.study), nil, &ps)
	if len(ps.Personas) == 0 {
		t.Fatal("no personas in the demo study")
	}
	res, b := get(fmt.Sprintf("/api/v1/personas/%d", ps.Personas[0].ID))
	if enc := res.Header.Get("Content-Encoding"); enc != "" || !bytes.HasPrefix(b, []byte("{")) {
		t.Errorf("persona JSON: Content-Encoding %q, body starts %q; want plain JSON", enc, b[:min(len(b), 10)])
	}
}
