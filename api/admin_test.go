package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
)

// postJSON sends a JSON body with the page client's cookies.
func (p *pageClient) postJSON(path, body string) (*http.Response, string) {
	p.t.Helper()
	req, _ := http.NewRequest("POST", p.r.http.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return p.do(req)
}

func errorText(t *testing.T, body string) string {
	t.Helper()
	var e struct{ Error string }
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("not a JSON error: %q", body)
	}
	return e.Error
}

// Anyone signed in changes their own password from /account: the old one
// must be given, the new one meet the server's rule, and the browser stays
// signed in while other sessions end.
func TestChangeOwnPassword(t *testing.T) {
	r := newRig(t, false)
	me, other := newPageClient(t, r), newPageClient(t, r)
	me.signIn(account.RoleSales)
	other.signIn(account.RoleSales)
	if res, body := me.get("/account"); res.StatusCode != 200 || !strings.Contains(body, `minlength="10"`) {
		t.Errorf("GET /account = %d; want 200 with the form asking for 10 characters", res.StatusCode)
	}
	newPassword := "a much better passphrase"
	tests := []struct {
		current, next string
		status        int
		says          string
	}{
		{"wrong password!!", newPassword, http.StatusBadRequest, "current password is not right"},
		{testPassword, "short", http.StatusBadRequest, "at least 10 characters"},
		{testPassword, newPassword, http.StatusNoContent, ""},
	}
	for _, tc := range tests {
		b, _ := json.Marshal(passwordRequest{Current: tc.current, Password: tc.next})
		res, body := me.postJSON("/api/v1/me/password", string(b))
		if res.StatusCode != tc.status || (tc.says != "" && !strings.Contains(errorText(t, body), tc.says)) {
			t.Errorf("change (%q -> %q) = %d %s; want %d saying %q", tc.current, tc.next, res.StatusCode, body, tc.status, tc.says)
		}
	}
	if res, _ := me.get("/account"); res.StatusCode != 200 {
		t.Errorf("this browser after the change = %d; want still signed in", res.StatusCode)
	}
	if res, _ := other.get("/account"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("another session after the change = %d; want signed out (303)", res.StatusCode)
	}
	if res := signInJSON(t, r, "sales1", newPassword, nil); res.StatusCode != 200 {
		t.Errorf("sign in with the new password = %d; want 200", res.StatusCode)
	}
}

// Errors reach people as sentences, not as "account: create user "mo":
// name taken: conflict".
func TestAccountErrorsAreSentences(t *testing.T) {
	r := newRig(t, false)
	tests := []struct {
		method, path string
		body         map[string]string
		want         string
	}{
		{"POST", "/api/v1/users", map[string]string{"name": "SALES1", "role": "sales", "password": testPassword}, `The name "SALES1" is taken`},
		{"POST", "/api/v1/users", map[string]string{"name": "mo", "role": "sales", "password": "eight ch"}, "A password needs at least 10 characters"},
		{"POST", "/api/v1/users", map[string]string{"name": "mo mo", "role": "sales", "password": testPassword}, "A user name has 1 to 64"},
		{"POST", "/api/v1/users", map[string]string{"name": "mo", "role": "boss", "password": testPassword}, "Choose a role"},
		{"DELETE", "/api/v1/users/999", nil, "There is no such user"},
	}
	for _, tc := range tests {
		var body strings.Reader
		if tc.body != nil {
			b, _ := json.Marshal(tc.body)
			body = *strings.NewReader(string(b))
		}
		status, b := r.do(account.RoleAdmin, tc.method, tc.path, "application/json", &body)
		msg := errorText(t, string(b))
		if status < 400 || !strings.HasPrefix(msg, tc.want) || strings.Contains(msg, "account:") || strings.HasSuffix(msg, "conflict") {
			t.Errorf("%s %s %v = %d %q; want an error starting %q", tc.method, tc.path, tc.body, status, msg, tc.want)
		}
	}
}

// The admin page offers reset and delete for other users, defaults a new
// user to the least privilege and asks for the server's password length.
func TestAdminPageUserControls(t *testing.T) {
	r := newRig(t, false)
	p := newPageClient(t, r)
	p.signIn(account.RoleAdmin)
	_, body := p.get("/admin")
	if m := regexp.MustCompile(`<select id="cu-role"[^>]*>.*?</select>`).FindString(body); !strings.Contains(m, `value="sales" selected`) || strings.Contains(m, `value="admin" selected`) {
		t.Errorf("new-user role select %q; want sales preselected", m)
	}
	if strings.Contains(body, `minlength="8"`) || !strings.Contains(body, `id="cu-password" name="password" type="password" required minlength="10"`) {
		t.Error("new-user password field does not ask for 10 characters")
	}
	users := len(account.Roles())
	if n := strings.Count(body, `class="btn btn-small btn-danger delete-user"`); n != users-1 {
		t.Errorf("%d delete buttons; want %d (every user but yourself)", n, users-1)
	}
	if n := strings.Count(body, `class="user-password-form`); n != users-1 {
		t.Errorf("%d password reset forms; want %d", n, users-1)
	}
	if !strings.Contains(body, `href="/account"`) {
		t.Error("admin page does not link to changing your own password")
	}
	// What the buttons call: a reset ends the user's sessions, a delete
	// removes the account.
	sales := newPageClient(t, r)
	sales.signIn(account.RoleSales)
	id := regexp.MustCompile(`data-user="(\d+)" data-name="sales1"`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no delete button for sales1")
	}
	if status := r.json(account.RoleAdmin, "PATCH", "/api/v1/users/"+id[1], map[string]string{"password": "reset by the admin"}, nil); status != 200 {
		t.Errorf("reset = %d; want 200", status)
	}
	if res, _ := sales.get("/account"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("sales1's session after a reset = %d; want signed out", res.StatusCode)
	}
	if status, _ := r.do(account.RoleAdmin, "DELETE", "/api/v1/users/"+id[1], "", nil); status != http.StatusNoContent {
		t.Errorf("delete = %d; want 204", status)
	}
	if res, _ := sales.post("/signin", url.Values{"name": {"sales1"}, "password": {"reset by the admin"}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("sign in as the deleted user = %d; want 401", res.StatusCode)
	}
}
