package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
)

// Merging a theme with itself used to delete it.
func TestMergeThemeWithItselfRefused(t *testing.T) {
	r := newRig(t, true)
	themes, err := r.app.Themes(context.Background(), r.study)
	if err != nil || len(themes) < 2 {
		t.Fatalf("themes = %d (%v)", len(themes), err)
	}
	id := themes[0].ID
	for _, ids := range [][]int64{{id, id}, {id, themes[1].ID, id}} {
		status, body := r.do(account.RoleResearcher, "POST", "/api/v1/themes/merge", "application/json",
			strings.NewReader(fmt.Sprintf(`{"theme_ids":%s}`, strings.ReplaceAll(fmt.Sprint(ids), " ", ","))))
		if status != http.StatusBadRequest || !strings.Contains(string(body), "itself") {
			t.Errorf("merge %v = %d %s; want 400 saying a theme cannot merge with itself", ids, status, body)
		}
		if msg := errorText(t, string(body)); strings.HasSuffix(msg, ": invalid") {
			t.Errorf("merge %v says %q; want no sentinel suffix", ids, msg)
		}
	}
	if status := r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/themes/%d", id), nil, nil); status != 200 {
		t.Errorf("theme %d after the refused merges = %d; want it still there", id, status)
	}
}

// A study marked due (a crash after an upload) is analysed when the
// server starts.
func TestResumeAnalysesAtStart(t *testing.T) {
	r := newRig(t, false)
	ctx := context.Background()
	st, err := r.app.CreateStudy(ctx, "Crashed")
	if err != nil {
		t.Fatal(err)
	}
	r.app.MarkAnalysisDue(st.ID)
	due, err := r.srv.ResumeAnalyses(ctx)
	if err != nil || len(due) != 1 || due[0] != st.ID {
		t.Fatalf("ResumeAnalyses = %v, %v; want [%d]", due, err, st.ID)
	}
	r.srv.Wait()
	if got := r.app.AnalysisStatus(ctx, st.ID).Stage; got != "done" {
		t.Errorf("analysis after resuming = %q; want done", got)
	}
	if due, _ := r.app.DueAnalyses(ctx); len(due) != 0 {
		t.Errorf("still due after the resumed analysis: %v", due)
	}
}

func TestStaticDoesNotListFiles(t *testing.T) {
	r := newRig(t, false)
	for _, path := range []string{"/static/", "/static", "/static/."} {
		status, body := r.do("", "GET", path, "", nil)
		if status == 200 || strings.Contains(string(body), "app.css") {
			t.Errorf("GET %s = %d %.100s; want no listing", path, status, body)
		}
	}
	if status, _ := r.do("", "GET", "/static/app.css", "", nil); status != 200 {
		t.Errorf("GET /static/app.css = %d; want 200", status)
	}
}

func TestAPIAnswersNotCachedNorSniffed(t *testing.T) {
	r := newRig(t, false)
	for _, tc := range []struct {
		role account.Role
		path string
	}{
		{account.RoleSales, "/api/v1/me"},
		{account.RoleSales, "/api/v1/studies"},
		{"", "/api/v1/studies"}, // 401
		{account.RoleSales, "/api/v1/nowhere"},
	} {
		req, _ := http.NewRequest("GET", r.http.URL+tc.path, nil)
		if tc.role != "" {
			req.Header.Set("Authorization", "Bearer "+r.tokens[tc.role])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.Header.Get("Cache-Control") != "no-store" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s (%d): Cache-Control %q, X-Content-Type-Options %q; want no-store and nosniff", tc.path,
				res.StatusCode, res.Header.Get("Cache-Control"), res.Header.Get("X-Content-Type-Options"))
		}
	}
}
