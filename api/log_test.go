package api

import (
	"bytes"
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
