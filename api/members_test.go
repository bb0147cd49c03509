package api

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// demoObjects are real ids of one object of each kind in the rig's demo
// study (a tracker, a field answer, a code and a collateral document are
// added), so that a route refused for want of access is refused by the
// access check and not because the id does not exist.
func demoObjects(t *testing.T, r *rig) map[app.Object]int64 {
	t.Helper()
	ctx := t.Context()
	ids := map[app.Object]int64{app.ObjStudy: r.study}
	var srcs struct{ Sources []persona.Source }
	if s := r.json(account.RoleAdmin, "GET", fmt.Sprintf("/api/v1/studies/%d/sources", r.study), nil, &srcs); s != 200 || len(srcs.Sources) == 0 {
		t.Fatalf("demo sources = %d, %d", s, len(srcs.Sources))
	}
	ids[app.ObjSource] = srcs.Sources[0].ID
	var d app.SourceDetail
	if s := r.json(account.RoleAdmin, "GET", fmt.Sprintf("/api/v1/sources/%d", ids[app.ObjSource]), nil, &d); s != 200 || len(d.Participants) == 0 || len(d.Quotes) == 0 {
		t.Fatalf("demo source = %d", s)
	}
	ids[app.ObjParticipant], ids[app.ObjQuote] = d.Participants[0].ID, d.Quotes[0].ID
	var themes struct{ Themes []persona.Theme }
	if s := r.json(account.RoleAdmin, "GET", fmt.Sprintf("/api/v1/studies/%d/themes", r.study), nil, &themes); s != 200 || len(themes.Themes) == 0 {
		t.Fatalf("demo themes = %d", s)
	}
	ids[app.ObjTheme] = themes.Themes[0].ID
	var personas struct{ Personas []persona.Profile }
	if s := r.json(account.RoleAdmin, "GET", fmt.Sprintf("/api/v1/studies/%d/personas", r.study), nil, &personas); s != 200 || len(personas.Personas) == 0 {
		t.Fatalf("demo personas = %d", s)
	}
	ids[app.ObjPersona] = personas.Personas[0].ID
	tr, err := r.app.CreateTracker(ctx, app.TrackerInput{StudyID: r.study, Name: "Price", Words: "price", Team: "Field"}, app.Actor{ID: 1, Name: "admin1"})
	if err != nil {
		t.Fatal(err)
	}
	ids[app.ObjTracker] = tr.ID
	ans, err := r.app.AddAnswer(ctx, ids[app.ObjTheme], "We price per seat.", "call", app.Actor{ID: 1, Name: "admin1"})
	if err != nil {
		t.Fatal(err)
	}
	ids[app.ObjAnswer] = ans.ID
	code, err := r.app.CreateCode(ctx, r.study, app.CodeInput{Name: "Membership probe", Ring: string(persona.RingBarriers)})
	if err != nil {
		t.Fatal(err)
	}
	ids[app.ObjCode] = code.ID
	doc, err := r.app.AddCollateral(ctx, r.study, "brochure.md", []byte("# Brochure\n\nOur pricing is simple and per seat.\n"), "admin1")
	if err != nil {
		t.Fatal(err)
	}
	ids[app.ObjCollateral] = doc.ID
	return ids
}

// access is one state of who the demo study is shared with.
type access struct {
	name string
	// set makes the state from the one before (the system acts: it may).
	set func(t *testing.T, r *rig)
	// sees says whether a user of role sees the study in this state.
	sees func(role account.Role) bool
}

func share(t *testing.T, r *rig, sh app.Share, on bool) {
	t.Helper()
	var err error
	if on {
		_, err = r.app.ShareStudy(t.Context(), r.study, sh)
	} else {
		_, err = r.app.UnshareStudy(t.Context(), r.study, sh)
	}
	if err != nil {
		t.Fatalf("share %+v %v: %v", sh, on, err)
	}
}

// accessStates run in order, each from the one before.
var accessStates = []access{
	{"shared with every role (the default after upgrade)", func(*testing.T, *rig) {}, func(account.Role) bool { return true }},
	{"shared with each user by name, no role", func(t *testing.T, r *rig) {
		for _, role := range persona.SharedRoles {
			share(t, r, app.Share{User: role + "1"}, true)
			share(t, r, app.Share{Role: role}, false)
		}
	}, func(account.Role) bool { return true }},
	{"shared with marketers only", func(t *testing.T, r *rig) {
		for _, role := range persona.SharedRoles {
			share(t, r, app.Share{User: role + "1"}, false)
		}
		share(t, r, app.Share{Role: "marketer"}, true)
	}, func(role account.Role) bool { return role == account.RoleAdmin || role == account.RoleMarketer }},
	{"not shared", func(t *testing.T, r *rig) {
		share(t, r, app.Share{Role: "marketer"}, false)
	}, func(role account.Role) bool { return role == account.RoleAdmin }},
}

var anyParam = regexp.MustCompile(`:[a-z]+`)

// TestRolesAndMembershipOnEveryRoute is the route × role test with the
// study-membership dimension (docs/ACCESS.md): for every API route, every
// role, and each state of who the demo study is shared with, a caller who
// does not see the study gets 404 from any route whose path names the
// study or something in it — with real ids, so the refusal is the access
// check's — and otherwise what the role allows (TestRolesOnEveryRoute).
// Routes whose path names no study are checked by the list tests below.
func TestRolesAndMembershipOnEveryRoute(t *testing.T) {
	r := newRig(t, true)
	ids := demoObjects(t, r)
	for _, state := range accessStates {
		state.set(t, r)
		for _, rt := range apiRoutes {
			params, _ := scopedParams(rt.path)
			if rt.perm == "" || len(params) == 0 {
				continue
			}
			for _, role := range account.Roles() {
				t.Run(state.name+"/"+rt.method+" "+rt.path+" as "+string(role), func(t *testing.T) {
					path := rt.path
					for _, p := range params {
						path = strings.Replace(path, ":"+p.param, fmt.Sprint(ids[p.obj]), 1)
					}
					if sees := state.sees(role); sees && rt.method != http.MethodGet {
						// Allowed writes must not change the study the
						// next cases read: aim them at ids that do not
						// exist, as TestRolesOnEveryRoute does.
						path = anyParam.ReplaceAllString(rt.path, "999999")
					}
					status, body := r.do(role, rt.method, path, "application/json", strings.NewReader("{}"))
					switch {
					case !role.Can(rt.perm):
						if status != http.StatusForbidden {
							t.Errorf("%s %s as %s = %d; want 403 (the role's permission comes first)", rt.method, path, role, status)
						}
					case !state.sees(role):
						if status != http.StatusNotFound {
							t.Errorf("%s %s as %s, study not shared = %d %s; want 404", rt.method, path, role, status, body)
						}
					case status == http.StatusUnauthorized || status == http.StatusForbidden || status >= 500:
						if !(status == http.StatusForbidden && strings.Contains(string(body), "owner")) {
							t.Errorf("%s %s as %s, study shared = %d %s; want allowed", rt.method, path, role, status, body)
						}
					}
				})
			}
		}
	}
}

// TestEveryPathParamIsScoped fails when a route's path names something
// the access check does not know: add its segment to pathObjects (or, if
// it names nothing in a study, to unscopedParams).
func TestEveryPathParamIsScoped(t *testing.T) {
	r := newRig(t, false)
	engine := gin.New()
	r.srv.routes(engine)
	for _, ri := range engine.Routes() {
		if _, ok := scopedParams(ri.Path); !ok && !strings.HasPrefix(ri.Path, "/static/") {
			t.Errorf("%s: a path parameter names something the study access check does not know", ri.Path)
		}
	}
}

// TestListsShowOnlySharedStudies: the study list, search over every
// study, objections over every study and the tracker list hold the demo
// study's things exactly when the caller sees the study.
func TestListsShowOnlySharedStudies(t *testing.T) {
	r := newRig(t, true)
	ids := demoObjects(t, r)
	for _, state := range accessStates {
		state.set(t, r)
		for _, role := range account.Roles() {
			want := state.sees(role)
			t.Run(state.name+" as "+string(role), func(t *testing.T) {
				var studies struct{ Studies []persona.Study }
				r.json(role, "GET", "/api/v1/studies", nil, &studies)
				listed := false
				for _, st := range studies.Studies {
					listed = listed || st.ID == r.study
				}
				var hits, inStudy app.SearchResult
				r.json(role, "GET", "/api/v1/search?q=price", nil, &hits) // every study
				r.json(role, "GET", fmt.Sprintf("/api/v1/search?q=price&study=%d", r.study), nil, &inStudy)
				var obj app.Objections
				r.json(role, "GET", "/api/v1/objections?q=price&study=all&rings=all", nil, &obj)
				var trackers struct{ Trackers []app.TrackerSummary }
				r.json(role, "GET", "/api/v1/trackers", nil, &trackers)
				tracked := false
				for _, tr := range trackers.Trackers {
					tracked = tracked || tr.Tracker.ID == ids[app.ObjTracker]
				}
				got := map[string]bool{"studies": listed, "search": hits.Total > 0, "search in the study": inStudy.Total > 0, "objections": len(obj.Quotes) > 0, "trackers": tracked}
				for list, in := range got {
					if in != want {
						t.Errorf("%s lists the demo study's things: %v; want %v", list, in, want)
					}
				}
				status := r.json(role, "GET", fmt.Sprintf("/api/v1/objections?q=price&study=%d", r.study), nil, nil)
				if wantStatus := map[bool]int{true: 200, false: 404}[want]; status != wantStatus {
					t.Errorf("objections in the study = %d; want %d", status, wantStatus)
				}
			})
		}
	}
}

// TestSharingRules: a researcher owns the study they create and alone
// (with admins) sees it until they share it; only the owner or an admin
// may share; a role or a user can be granted and taken back; admins need
// no grant and are not a role to share with.
func TestSharingRules(t *testing.T) {
	r := newRig(t, false)
	ctx := t.Context()
	other, err := r.app.Accounts().CreateUser(ctx, "researcher2", account.RoleResearcher, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	_, tok, err := r.app.Accounts().CreateToken(ctx, other.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	const other2 = account.Role("researcher2") // a pseudo-role naming the second researcher's token
	r.tokens[other2] = tok
	var st persona.Study
	if s := r.json(account.RoleResearcher, "POST", "/api/v1/studies", map[string]string{"name": "Private"}, &st); s != http.StatusCreated {
		t.Fatalf("create = %d", s)
	}
	members := fmt.Sprintf("/api/v1/studies/%d/members", st.ID)
	note := map[string]any{"study_id": st.ID, "text": "Price came up first.", "account": "Acme"}
	tracker := map[string]any{"study_id": st.ID, "words": "price", "name": "Price"}
	study := fmt.Sprintf("/api/v1/studies/%d", st.ID)
	steps := []struct {
		name         string
		as           account.Role
		method, path string
		body         any
		want         int
	}{
		{"owner sees it", account.RoleResearcher, "GET", study, nil, 200},
		{"admin sees it", account.RoleAdmin, "GET", study, nil, 200},
		{"another researcher does not", other2, "GET", study, nil, 404},
		{"a sales rep does not", account.RoleSales, "GET", study, nil, 404},
		{"a sales rep cannot post a field note into it", account.RoleSales, "POST", "/api/v1/notes", note, 404},
		{"nor track it", account.RoleSales, "POST", "/api/v1/trackers", tracker, 404},
		{"nor search it by name", account.RoleSales, "GET", "/api/v1/objections?q=price&study=" + fmt.Sprint(st.ID), nil, 404},
		{"a stranger cannot share it", other2, "POST", members, map[string]string{"role": "sales"}, 404},
		{"a sales rep may not share", account.RoleSales, "POST", members, map[string]string{"role": "sales"}, 403},
		{"admins are no role to share with", account.RoleResearcher, "POST", members, map[string]string{"role": "admin"}, 400},
		{"unknown user", account.RoleResearcher, "POST", members, map[string]string{"user": "nobody"}, 400},
		{"user and role at once", account.RoleResearcher, "POST", members, map[string]string{"user": "sales1", "role": "sales"}, 400},
		{"owner shares with sales", account.RoleResearcher, "POST", members, map[string]string{"role": "sales"}, 200},
		{"now the sales rep sees it", account.RoleSales, "GET", study, nil, 200},
		{"and may post a field note into it", account.RoleSales, "POST", "/api/v1/notes", note, 201},
		{"and track it", account.RoleSales, "POST", "/api/v1/trackers", tracker, 201},
		{"the marketer still does not", account.RoleMarketer, "GET", study, nil, 404},
		{"owner shares with the other researcher", account.RoleResearcher, "POST", members, map[string]string{"user": "researcher2"}, 200},
		{"who now sees it", other2, "GET", study, nil, 200},
		{"and reads who else does", other2, "GET", members, nil, 200},
		{"but may not share it on", other2, "POST", members, map[string]string{"role": "marketer"}, 403},
		{"admin shares with marketers", account.RoleAdmin, "POST", members, map[string]string{"role": "marketer"}, 200},
		{"the marketer sees it", account.RoleMarketer, "GET", study, nil, 200},
		{"owner takes sales back", account.RoleResearcher, "DELETE", members + "?role=sales", nil, 200},
		{"the sales rep no longer sees it", account.RoleSales, "GET", study, nil, 404},
		{"taking back twice", account.RoleResearcher, "DELETE", members + "?role=sales", nil, 404},
		{"owner takes the researcher back", account.RoleResearcher, "DELETE", members + "?user=researcher2", nil, 200},
		{"who no longer sees it", other2, "GET", study, nil, 404},
	}
	for _, s := range steps {
		if got := r.json(s.as, s.method, s.path, s.body, nil); got != s.want {
			t.Errorf("%s: %s %s as %s = %d; want %d", s.name, s.method, s.path, s.as, got, s.want)
		}
	}
	var acc app.StudyAccess
	r.json(account.RoleResearcher, "GET", members, nil, &acc)
	if acc.OwnerName != "researcher1" || !acc.CanManage || len(acc.Members) != 1 || acc.Members[0].Role != "marketer" {
		t.Errorf("access = %+v; want owner researcher1, manageable, shared with marketers only", acc)
	}
}

// TestSharedWithPage: the study page shows who it is shared with, with
// forms for its owner only; the studies page lists only what the user may
// see; sharing through the form lets the role in.
func TestSharedWithPage(t *testing.T) {
	r := newRig(t, false)
	var st persona.Study
	if s := r.json(account.RoleResearcher, "POST", "/api/v1/studies", map[string]string{"name": "Pricing interviews"}, &st); s != http.StatusCreated {
		t.Fatalf("create = %d", s)
	}
	page := fmt.Sprintf("/studies/%d", st.ID)
	// The client follows the form's 303 back to the study page.
	form := func(role account.Role, path, body string) (int, string) {
		status, b := r.do(role, "POST", path, "application/x-www-form-urlencoded", strings.NewReader(body))
		return status, string(b)
	}
	if s, html := form(account.RoleResearcher, page+"/members", "role=sales"); s != http.StatusOK || !strings.Contains(html, "<li>all sales users") {
		t.Fatalf("share form = %d; want the study page shared with sales", s)
	}
	cases := []struct {
		role                account.Role
		status              int
		listed, form, names bool
	}{
		{account.RoleResearcher, 200, true, true, true},
		{account.RoleAdmin, 200, true, true, true},
		{account.RoleSales, 200, true, false, true},
		{account.RoleMarketer, 404, false, false, false},
	}
	for _, tc := range cases {
		t.Run(string(tc.role), func(t *testing.T) {
			status, body := r.do(tc.role, "GET", page, "", nil)
			html := string(body)
			if status != tc.status {
				t.Fatalf("study page = %d; want %d", status, tc.status)
			}
			if got := strings.Contains(html, `id="share-form"`); got != tc.form {
				t.Errorf("share form shown: %v; want %v", got, tc.form)
			}
			if got := strings.Contains(html, "Owned by researcher1") && strings.Contains(html, "<li>all sales users"); got != tc.names {
				t.Errorf("owner and grants shown: %v; want %v", got, tc.names)
			}
			_, list := r.do(tc.role, "GET", "/", "", nil)
			if got := strings.Contains(string(list), "Pricing interviews"); got != tc.listed {
				t.Errorf("studies page lists it: %v; want %v", got, tc.listed)
			}
		})
	}
	if s, _ := form(account.RoleSales, page+"/members", "role=marketer"); s != http.StatusForbidden {
		t.Errorf("share form as sales = %d; want 403", s)
	}
	if s, html := form(account.RoleResearcher, page+"/members/remove", "role=sales"); s != http.StatusOK || strings.Contains(html, "<li>all sales users") {
		t.Errorf("unshare form = %d; want the study page no longer shared with sales", s)
	}
	if s, _ := r.do(account.RoleSales, "GET", page, "", nil); s != http.StatusNotFound {
		t.Errorf("study page for sales after unsharing = %d; want 404", s)
	}
}

// TestAuthorizeEveryObject: app.Authorize finds the study of a real
// object of every kind: nil for a viewer who sees it, ErrNotFound for one
// who does not (and for an id that does not exist).
func TestAuthorizeEveryObject(t *testing.T) {
	r := newRig(t, true)
	ids := demoObjects(t, r)
	share(t, r, app.Share{Role: "marketer"}, false)
	sees := app.WithViewer(t.Context(), app.Viewer{UserID: 4, Name: "sales1", Role: account.RoleSales})
	blind := app.WithViewer(t.Context(), app.Viewer{UserID: 3, Name: "marketer1", Role: account.RoleMarketer})
	for _, obj := range app.Objects() {
		id, ok := ids[obj]
		if !ok {
			t.Fatalf("no demo %s", obj)
		}
		if err := r.app.Authorize(sees, obj, id); err != nil {
			t.Errorf("%s %d for a sales rep the study is shared with: %v", obj, id, err)
		}
		if err := r.app.Authorize(blind, obj, id); !errors.Is(err, persona.ErrNotFound) {
			t.Errorf("%s %d for a marketer it is not shared with: %v; want ErrNotFound", obj, id, err)
		}
		if err := r.app.Authorize(sees, obj, 999999); !errors.Is(err, persona.ErrNotFound) {
			t.Errorf("missing %s: %v; want ErrNotFound", obj, err)
		}
	}
}
