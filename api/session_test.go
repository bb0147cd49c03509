package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
)

func signInJSON(t *testing.T, r *rig, name, password string, header http.Header) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("POST", r.http.URL+"/api/v1/auth/signin", strings.NewReader(`{"name":"`+name+`","password":"`+password+`"}`))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func sessionCookie(res *http.Response) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == SessionCookie {
			return c
		}
	}
	return nil
}

func TestSignInSetsFreshHttpOnlyLaxSession(t *testing.T) {
	r := newRig(t, false)
	first := sessionCookie(signInJSON(t, r, "sales1", testPassword, nil))
	second := sessionCookie(signInJSON(t, r, "sales1", testPassword, nil))
	if first == nil || second == nil {
		t.Fatal("sign-in set no session cookie")
	}
	if !first.HttpOnly || first.SameSite != http.SameSiteLaxMode || first.Path != "/" {
		t.Errorf("cookie %+v; want HttpOnly, SameSite=Lax, Path=/", first)
	}
	if first.Value == second.Value {
		t.Error("two sign-ins got the same session id; want a new one each time")
	}
	req, _ := http.NewRequest("GET", r.http.URL+"/api/v1/me", nil)
	req.AddCookie(second)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("GET /me with the session = %d; want 200", res.StatusCode)
	}
	if res := signInJSON(t, r, "sales1", "wrong password!!", nil); res.StatusCode != http.StatusUnauthorized || sessionCookie(res) != nil {
		t.Errorf("wrong password = %d with cookie %v; want 401 and none", res.StatusCode, sessionCookie(res))
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	r := newRig(t, false)
	h := http.Header{"Origin": {"https://evil.example"}, "Sec-Fetch-Site": {"cross-site"}}
	if res := signInJSON(t, r, "admin1", testPassword, h); res.StatusCode != http.StatusForbidden || sessionCookie(res) != nil {
		t.Errorf("cross-origin sign-in = %d; want 403 without a session", res.StatusCode)
	}
	same := http.Header{"Origin": {r.http.URL}, "Sec-Fetch-Site": {"same-origin"}}
	if res := signInJSON(t, r, "admin1", testPassword, same); res.StatusCode != http.StatusOK {
		t.Errorf("same-origin sign-in = %d; want 200", res.StatusCode)
	}
}

func TestAPISignInRateLimit(t *testing.T) {
	r := newRig(t, false)
	var last int
	for i := 1; i <= 11; i++ {
		last = signInJSON(t, r, "marketer1", "not the password", nil).StatusCode
		if i <= 10 && last != http.StatusUnauthorized {
			t.Fatalf("attempt %d = %d; want 401", i, last)
		}
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("11th attempt = %d; want 429", last)
	}
	// The limit is per account and IP: the right password is refused too
	// for this minute, other endpoints still work with a token.
	if res := signInJSON(t, r, "marketer1", testPassword, nil); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("attempt after the limit = %d; want 429", res.StatusCode)
	}
	if status := r.json(account.RoleMarketer, "GET", "/api/v1/studies", nil, nil); status != 200 {
		t.Errorf("token request during sign-in lockout = %d; want 200", status)
	}
}

func TestAuditLogRecordsChanges(t *testing.T) {
	r := newRig(t, true)
	ct, body := multipartBody(t, map[string]string{"call.vtt": teamsVTT})
	r.do(account.RoleResearcher, "POST", "/api/v1/studies/1/sources", ct, body)
	r.do(account.RoleMarketer, "GET", "/api/v1/personas/1/export.md", "", nil)
	var tok struct{ ID int64 }
	r.json(account.RoleAdmin, "POST", "/api/v1/tokens", map[string]any{"name": "script"}, &tok)
	r.do(account.RoleAdmin, "DELETE", "/api/v1/tokens/"+itoa(tok.ID), "", nil)
	r.do(account.RoleResearcher, "DELETE", "/api/v1/sources/1", "", nil)
	var log struct {
		Entries []account.Entry `json:"entries"`
	}
	if status := r.json(account.RoleAdmin, "GET", "/api/v1/audit", nil, &log); status != 200 {
		t.Fatalf("audit = %d", status)
	}
	seen := map[string]string{}
	for _, e := range log.Entries {
		seen[e.Action] = e.UserName
	}
	want := map[string]string{"upload": "researcher1", "export": "marketer1", "token_create": "admin1", "token_revoke": "admin1", "delete_source": "researcher1"}
	for action, who := range want {
		if seen[action] != who {
			t.Errorf("audit has %q by %q; want by %q (log %+v)", action, seen[action], who, seen)
		}
	}
	if status := r.json(account.RoleResearcher, "GET", "/api/v1/audit", nil, nil); status != http.StatusForbidden {
		t.Errorf("researcher reading the audit log = %d; want 403", status)
	}
}

func TestUnknownPageIsHTMLForBrowsersJSONForAPI(t *testing.T) {
	r := newRig(t, false)
	req, _ := http.NewRequest("GET", r.http.URL+"/no/such/page", nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 404 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Errorf("browser 404 = %d %s; want an HTML 404 page", res.StatusCode, res.Header.Get("Content-Type"))
	}
	status, body := r.do("", "GET", "/api/v1/no/such", "", nil)
	if status != 404 || !strings.Contains(string(body), `"code":"not_found"`) {
		t.Errorf("API 404 = %d %s; want JSON", status, body)
	}
}
