package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/internal/pgtest"
)

// replica is one `verbatim serve` on a shared PostgreSQL database.
type replica struct {
	app  *app.App
	http *httptest.Server
}

func openReplicaServers(t *testing.T, n int) []replica {
	t.Helper()
	db := pgtest.New(t)
	pages, err := frontend.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]replica, n)
	for i := range out {
		a, err := app.Open(context.Background(), app.Config{DataDir: t.TempDir(), DB: db, MaxFileSize: 1 << 20}, nil)
		if err != nil {
			t.Fatal(err)
		}
		cfg := DefaultConfig()
		cfg.MaxUploadSize = 1 << 20
		srv := New(cfg, a, a.Accounts(), pages, slog.New(slog.DiscardHandler))
		h := httptest.NewServer(srv.Handler())
		t.Cleanup(func() {
			h.Close()
			srv.Wait()
			a.Close()
		})
		out[i] = replica{a, h}
	}
	return out
}

func request(t *testing.T, c *http.Client, method, url, token, ct, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, b
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// Two replicas on one database: an upload through one is searchable
// through the other, a session made on one works on the other, and the
// sign-in limit counts attempts made through both.
func TestReplicasServeOneDatabase(t *testing.T) {
	rs := openReplicaServers(t, 2)
	ctx := context.Background()
	acc := rs[0].app.Accounts()
	u, err := acc.CreateUser(ctx, "rita", account.RoleResearcher, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	_, tok, err := acc.CreateToken(ctx, u.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	c := http.DefaultClient

	// Upload through replica 0, search through replica 1.
	status, b := request(t, c, "POST", rs[0].http.URL+"/api/v1/studies", tok, "application/json", `{"name":"Shared study"}`)
	if status != http.StatusCreated && status != http.StatusOK {
		t.Fatalf("create study = %d %s", status, b)
	}
	var st struct{ ID int64 }
	mustJSON(t, b, &st)
	ct, body := multipartBody(t, map[string]string{"call.vtt": teamsVTT})
	status, b = request(t, c, "POST", fmt.Sprintf("%s/api/v1/studies/%d/sources", rs[0].http.URL, st.ID), tok, ct, body.String())
	if status != http.StatusOK {
		t.Fatalf("upload = %d %s", status, b)
	}
	start := time.Now()
	for {
		status, b = request(t, c, "GET", rs[1].http.URL+"/api/v1/search?q=quokka", tok, "", "")
		var res app.SearchResult
		if status == http.StatusOK {
			mustJSON(t, b, &res)
		}
		if res.Total == 1 {
			break
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("upload through one replica not searchable through the other after 30 s: %d %s", status, b)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("upload through replica 0 searchable through replica 1 after %v", time.Since(start))

	// A session cookie from replica 0 works on replica 1.
	jar, _ := cookiejar.New(nil)
	cc := &http.Client{Jar: jar}
	status, b = request(t, cc, "POST", rs[0].http.URL+"/api/v1/auth/signin", "", "application/json",
		fmt.Sprintf(`{"name":"rita","password":%q}`, testPassword))
	if status != http.StatusOK {
		t.Fatalf("sign in on replica 0 = %d %s", status, b)
	}
	for _, ck := range jar.Cookies(mustParse(t, rs[0].http.URL)) {
		jar.SetCookies(mustParse(t, rs[1].http.URL), []*http.Cookie{ck})
	}
	if status, b = request(t, cc, "GET", rs[1].http.URL+"/api/v1/studies", "", "", ""); status != http.StatusOK {
		t.Fatalf("replica 1 with replica 0's session = %d %s", status, b)
	}

	// Ten failed sign-ins for one name, alternating replicas: the next is
	// refused on either.
	for i := range 10 {
		r := rs[i%2]
		status, b = request(t, c, "POST", r.http.URL+"/api/v1/auth/signin", "", "application/json", `{"name":"mallory","password":"wrong password here"}`)
		if status != http.StatusUnauthorized {
			t.Fatalf("failed sign-in %d = %d %s, want 401", i+1, status, b)
		}
	}
	for i, r := range rs {
		status, b = request(t, c, "POST", r.http.URL+"/api/v1/auth/signin", "", "application/json", `{"name":"mallory","password":"wrong password here"}`)
		if status != http.StatusTooManyRequests {
			t.Fatalf("11th attempt through replica %d = %d %s, want 429: the limit must hold across replicas", i, status, b)
		}
	}
}
