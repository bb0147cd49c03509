package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
)

// signInStatus posts a JSON sign-in with an optional X-Forwarded-For.
func signInStatus(t *testing.T, r *rig, name, forwardedFor string) int {
	t.Helper()
	h := http.Header{}
	if forwardedFor != "" {
		h.Set("X-Forwarded-For", forwardedFor)
	}
	return signInJSON(t, r, name, "not the password", h).StatusCode
}

func auditEntries(t *testing.T, r *rig) []account.Entry {
	t.Helper()
	entries, err := r.srv.accounts.Audit(context.Background(), 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// Ten requests with a 10 MB name used to grow the database by 95 MB.
func TestSignInHugeBodyRefusedUnread(t *testing.T) {
	r := newRig(t, false)
	huge := strings.Repeat("a", 10<<20)
	before := len(auditEntries(t, r))
	tests := []struct {
		name, contentType, body string
	}{
		{"json", "application/json", `{"name":"` + huge + `","password":"x"}`},
		{"form", "application/x-www-form-urlencoded", url.Values{"name": {huge}, "password": {"x"}}.Encode()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := "/api/v1/auth/signin"
			if tc.name == "form" {
				path = "/signin"
			}
			status, _ := r.do("", "POST", path, tc.contentType, strings.NewReader(tc.body))
			if status != http.StatusRequestEntityTooLarge {
				t.Errorf("POST %s with a 10 MB name = %d; want 413", path, status)
			}
		})
	}
	if after := len(auditEntries(t, r)); after != before {
		t.Errorf("audit entries %d -> %d; a refused body must write nothing", before, after)
	}
}

// A name no account can have (too long, or characters names never hold)
// is refused without reaching the audit log or the per-account limiter.
func TestSignInInvalidNameNotAudited(t *testing.T) {
	r := newRig(t, false)
	for _, name := range []string{strings.Repeat("b", 3000), "robert'); drop table users;--"} {
		if status := signInStatus(t, r, name, ""); status != http.StatusUnauthorized {
			t.Errorf("sign-in as %.20q... = %d; want 401", name, status)
		}
	}
	for _, e := range auditEntries(t, r) {
		if len(e.Target) > 64 || strings.Contains(e.Target, "drop table") {
			t.Errorf("audit entry %q kept the invalid name %.30q", e.Action, e.Target)
		}
	}
}

// Case does not give an account a fresh allowance: names are unique
// ignoring case.
func TestSignInLimitIgnoresNameCase(t *testing.T) {
	r := newRigConfig(t, false, func(c *Config) { c.TrustedProxies = []string{"127.0.0.1"} })
	var last int
	for i := 0; i < 11; i++ {
		name := "Marketer1"
		if i%2 == 0 {
			name = "MARKETER1"
		}
		// A fresh client IP each time (the proxy is trusted) isolates the
		// per-account limit.
		last = signInStatus(t, r, name, fmt.Sprintf("10.1.0.%d", i+1))
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("11th attempt on one account in mixed case = %d; want 429", last)
	}
}

// Without a configured proxy, X-Forwarded-For is the attacker's to write:
// it must not give each attempt a fresh per-IP allowance.
func TestForwardedForCannotRotateIPLimit(t *testing.T) {
	r := newRig(t, false)
	var statuses []int
	for i := 0; i < 12; i++ {
		// A different account each time, so only the IP limit can refuse.
		statuses = append(statuses, signInStatus(t, r, fmt.Sprintf("nobody%d", i), fmt.Sprintf("203.0.113.%d", i+1)))
	}
	if statuses[10] != http.StatusTooManyRequests || statuses[11] != http.StatusTooManyRequests {
		t.Errorf("statuses with rotating X-Forwarded-For = %v; want 429 from the 11th", statuses)
	}
}

// Behind a configured proxy each forwarded client has its own limit, and
// a header from an untrusted address still counts against that address.
func TestTrustedProxyNamesTheClient(t *testing.T) {
	r := newRigConfig(t, false, func(c *Config) { c.TrustedProxies = []string{"127.0.0.0/8"} })
	for i := 0; i < 10; i++ {
		signInStatus(t, r, fmt.Sprintf("nobody%d", i), "198.51.100.7")
	}
	if status := signInStatus(t, r, "nobody10", "198.51.100.7"); status != http.StatusTooManyRequests {
		t.Errorf("11th attempt from one forwarded client = %d; want 429", status)
	}
	if status := signInStatus(t, r, "nobody11", "198.51.100.8"); status != http.StatusUnauthorized {
		t.Errorf("first attempt from another forwarded client = %d; want 401", status)
	}
}

func TestCheckProxies(t *testing.T) {
	tests := []struct {
		in   []string
		okay bool
	}{
		{nil, true},
		{[]string{"10.0.0.0/8", "192.168.1.1", "::1", "fd00::/8"}, true},
		{[]string{"10.0.0.0/33"}, false},
		{[]string{"proxy.example.com"}, false},
	}
	for _, tc := range tests {
		if err := CheckProxies(tc.in); (err == nil) != tc.okay {
			t.Errorf("CheckProxies(%q) = %v; want ok=%v", tc.in, err, tc.okay)
		}
	}
}

// Successful sign-ins do not use up the address's allowance: colleagues
// behind one address (or one proxy) are not locked out by each other.
func TestSuccessfulSignInsDoNotCount(t *testing.T) {
	r := newRig(t, false)
	for i := 0; i < 15; i++ {
		if res := signInJSON(t, r, "sales1", testPassword, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("sign-in %d = %d; want 200", i+1, res.StatusCode)
		}
	}
}
