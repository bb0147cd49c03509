package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/search"
)

// The queries that held both search slots for half a minute, or gave a
// 500, are refused with a 400 that says what to change.
func TestExpensiveSearchesRefused(t *testing.T) {
	r := newRig(t, true)
	tests := []struct {
		q, want string
	}{
		{"*e*", "wildcard"},
		{"/.*/", "pattern"},
		{"x~9", "fuzziness"},
		{strings.Repeat("price ", search.MaxClauses+1), "at most"},
		{strings.Repeat("p", search.MaxQueryChars+1), "characters"},
	}
	for _, path := range []string{"/api/v1/search", "/api/v1/objections"} {
		for _, tc := range tests {
			status, body := r.do(account.RoleSales, "GET", path+"?q="+url.QueryEscape(tc.q), "", nil)
			if status != http.StatusBadRequest || !strings.Contains(string(body), tc.want) {
				t.Errorf("GET %s?q=%.20q = %d %.200s; want 400 mentioning %q", path, tc.q, status, body, tc.want)
			}
		}
	}
	status, body := r.do(account.RoleSales, "GET", "/search?q="+url.QueryEscape("*e*"), "", nil)
	if status != http.StatusBadRequest || !strings.Contains(string(body), "starts with a wildcard") {
		t.Errorf("search page with *e* = %d; want 400 with the reason on the page", status)
	}
	for _, q := range []string{"pric*", "budget~2", "too expensive"} {
		if status, body := r.do(account.RoleSales, "GET", "/api/v1/search?q="+url.QueryEscape(q), "", nil); status != 200 {
			t.Errorf("GET /api/v1/search?q=%q = %d %.200s; want 200", q, status, body)
		}
	}
}

// A search past its deadline stops with a 503 instead of holding a slot.
func TestSearchPastDeadlineIs503(t *testing.T) {
	r := newRigConfig(t, true, func(c *Config) { c.SearchTimeout = time.Nanosecond })
	for _, path := range []string{"/api/v1/search?q=price", "/api/v1/objections?q=price"} {
		status, body := r.do(account.RoleSales, "GET", path, "", nil)
		if status != http.StatusServiceUnavailable || !strings.Contains(string(body), "too long") {
			t.Errorf("GET %s with a spent deadline = %d %.200s; want 503", path, status, body)
		}
	}
}
