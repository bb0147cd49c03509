package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
)

// TestObjectionsScope: without a study the answer names the default study
// (the most recently analysed), study=all mixes studies explicitly, and
// rings=all widens the rings.
func TestObjectionsScope(t *testing.T) {
	r := newRig(t, true)
	tests := []struct {
		query     string
		status    int
		wantStudy int64 // 0: all studies
		allRings  bool
	}{
		{"/api/v1/objections?q=expensive", 200, r.study, false},
		{fmt.Sprintf("/api/v1/objections?q=expensive&study=%d", r.study), 200, r.study, false},
		{"/api/v1/objections?q=expensive&study=all", 200, 0, false},
		{"/api/v1/objections?q=expensive&rings=all", 200, r.study, true},
		{"/api/v1/objections?q=expensive&rings=some", http.StatusBadRequest, 0, false},
		{"/api/v1/objections?q=expensive&study=x1", http.StatusBadRequest, 0, false},
		{"/api/v1/objections?q=expensive&study=999999", http.StatusNotFound, 0, false},
	}
	for _, tc := range tests {
		var res app.Objections
		status := r.json(account.RoleSales, "GET", tc.query, nil, &res)
		if status != tc.status {
			t.Errorf("GET %s = %d; want %d", tc.query, status, tc.status)
			continue
		}
		if status != 200 {
			continue
		}
		switch {
		case tc.wantStudy == 0 && res.Study != nil:
			t.Errorf("GET %s: study %+v; want null (all studies)", tc.query, res.Study)
		case tc.wantStudy != 0 && (res.Study == nil || res.Study.ID != tc.wantStudy || res.Study.Name == ""):
			t.Errorf("GET %s: study %+v; want %d with its name", tc.query, res.Study, tc.wantStudy)
		}
		if res.AllRings != tc.allRings {
			t.Errorf("GET %s: all_rings %v; want %v", tc.query, res.AllRings, tc.allRings)
		}
	}
}

func TestNoteWithoutStudyIsRefused(t *testing.T) {
	r := newRig(t, true)
	note := map[string]any{"text": "Price is a blocker for us.", "account": "Acme"}
	if status := r.json(account.RoleSales, "POST", "/api/v1/notes", note, nil); status != http.StatusBadRequest {
		t.Errorf("note without study_id = %d; want 400, not a note in study 1", status)
	}
}

// TestSearchPageShowsStudyInUse: the objection page names the study it
// searched, offers "All studies" as a choice, and the note form names the
// study it posts to.
func TestSearchPageShowsStudyInUse(t *testing.T) {
	r := newRig(t, true)
	p := newPageClient(t, r)
	p.signIn(account.RoleSales)
	st, err := r.app.Study(t.Context(), r.study)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want []string
	}{
		{"/search?q=price", []string{`class="scope-study">` + st.Name, `<option value="all">All studies`,
			fmt.Sprintf(`<select id="note-study" name="study_id" required><option value="%d" selected>`, r.study)}},
		{"/search?q=price&study=all", []string{"Searching <strong>all studies</strong>", `<option value="all" selected>`,
			fmt.Sprintf(`<option value="%d" selected>`, r.study)}},
		{"/search?q=price&rings=all", []string{`name="rings" value="all" checked`}},
	}
	for _, tc := range tests {
		res, body := p.get(tc.path)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s = %d", tc.path, res.StatusCode)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q", tc.path, w)
			}
		}
	}
}

// The objection page leads with what buyers say: the objection answer's
// ranked quotes, in its order, before the plain list of every quote with
// the query's words; a filter or a later page shows the plain list alone.
func TestSearchPageLeadsWithTheRankedQuotes(t *testing.T) {
	r := newRig(t, true)
	var obj app.Objections
	if status := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/objections?q=expensive&study=%d", r.study), nil, &obj); status != 200 || len(obj.Quotes) < 2 {
		t.Fatalf("objections = %d, %d quotes; want at least 2", status, len(obj.Quotes))
	}
	p := newPageClient(t, r)
	p.signIn(account.RoleSales)
	_, body := p.get(fmt.Sprintf("/search?q=expensive&study=%d", r.study))
	said, hits := strings.Index(body, `id="said"`), strings.Index(body, `id="hits-title"`)
	if said < 0 || hits < said {
		t.Fatalf("ranked section at %d, plain list at %d; want the ranked quotes first", said, hits)
	}
	section := body[said:hits]
	last := -1
	for i, q := range obj.Quotes {
		at := strings.Index(section, fmt.Sprintf(`data-quote="%d"`, q.ID))
		if at < 0 || at < last {
			t.Errorf("ranked quote %d (id %d) at %d after %d; want every one in the answer's order", i, q.ID, at, last)
		}
		last = at
	}
	for _, path := range []string{
		fmt.Sprintf("/search?q=expensive&study=%d&ring=perceived_barriers", r.study),
		fmt.Sprintf("/search?q=expensive&study=%d&page=2", r.study),
	} {
		if _, body := p.get(path); strings.Contains(body, `id="said"`) {
			t.Errorf("GET %s shows the ranked quotes; want the plain list alone", path)
		}
	}
}
