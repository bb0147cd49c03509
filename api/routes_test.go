package api

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/account"
)

// TestRolesOnEveryRoute checks every API route against every role and an
// anonymous caller: refused with 401/403 exactly when the role lacks the
// route's permission. Mutating routes target ids that do not exist, so an
// allowed call gets a 4xx from the handler, not a change.
func TestRolesOnEveryRoute(t *testing.T) {
	r := newRig(t, true)
	callers := append([]account.Role{""}, account.Roles()...)
	for _, rt := range apiRoutes {
		for _, role := range callers {
			name := rt.method + " " + rt.path + " as " + string(role)
			if role == "" {
				name += "anonymous"
			}
			t.Run(name, func(t *testing.T) {
				path := concretePath(rt)
				status, body := r.do(role, rt.method, path, "application/json", strings.NewReader("{}"))
				refused := status == http.StatusUnauthorized || status == http.StatusForbidden
				switch {
				case rt.perm == "":
					if status == http.StatusForbidden || status >= 500 {
						t.Errorf("%s %s = %d %s; public route refused or failed", rt.method, path, status, body)
					}
				case role == "":
					if status != http.StatusUnauthorized {
						t.Errorf("%s %s anonymous = %d; want 401", rt.method, path, status)
					}
				case !role.Can(rt.perm):
					if status != http.StatusForbidden {
						t.Errorf("%s %s as %s = %d; want 403", rt.method, path, role, status)
					}
				case refused || status >= 500:
					t.Errorf("%s %s as %s = %d %s; want allowed", rt.method, path, role, status, body)
				}
			})
		}
	}
}

var idParam = regexp.MustCompile(`:id\b`)

// concretePath fills path ids: real ones for reads, missing ones for
// writes.
func concretePath(rt route) string {
	id := "1"
	if rt.method != http.MethodGet {
		id = "999999"
	}
	return idParam.ReplaceAllString(rt.path, id)
}

// TestOpenAPIMatchesRouter fails when a route the router serves is missing
// from the OpenAPI document, or a documented route is not served.
func TestOpenAPIMatchesRouter(t *testing.T) {
	r := newRig(t, false)
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if status := r.json("", "GET", "/api/v1/openapi.json", nil, &doc); status != 200 {
		t.Fatalf("GET openapi.json = %d", status)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi = %q; want 3.x", doc.OpenAPI)
	}
	var documented []string
	for p, ops := range doc.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	engine := gin.New()
	r.srv.routes(engine)
	var served []string
	for _, ri := range engine.Routes() {
		if strings.HasPrefix(ri.Path, "/api/") {
			served = append(served, ri.Method+" "+openAPIPath(ri.Path))
		}
	}
	sort.Strings(documented)
	sort.Strings(served)
	if diff := cmp.Diff(served, documented); diff != "" {
		t.Errorf("OpenAPI paths differ from router (-served +documented):\n%s", diff)
	}
}

func TestErrorsAreJSONWithRequestID(t *testing.T) {
	r := newRig(t, true)
	tests := []struct {
		name, method, path string
		role               account.Role
		want               int
		code               string
	}{
		{"missing study", "GET", "/api/v1/studies/424242", account.RoleAdmin, 404, "not_found"},
		{"bad id", "GET", "/api/v1/studies/abc", account.RoleAdmin, 400, "bad_request"},
		{"bad query syntax", "GET", "/api/v1/search?q=%22price", account.RoleSales, 400, "bad_query"},
		{"unknown route", "GET", "/api/v1/nope", account.RoleAdmin, 404, "not_found"},
		{"anonymous", "GET", "/api/v1/studies", "", 401, "unauthorized"},
		{"sales may not upload", "POST", "/api/v1/studies/1/sources", account.RoleSales, 403, "forbidden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := r.do(tc.role, tc.method, tc.path, "", nil)
			var e struct {
				Error     string `json:"error"`
				Code      string `json:"code"`
				RequestID string `json:"request_id"`
			}
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("body %q is not JSON: %v", body, err)
			}
			if status != tc.want || e.Code != tc.code || e.Error == "" || e.RequestID == "" {
				t.Errorf("%s %s = %d %+v; want %d code %q with error and request_id", tc.method, tc.path, status, e, tc.want, tc.code)
			}
		})
	}
}
