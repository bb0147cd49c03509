package api

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
)

// uploadRig is a rig taking at most maxFiles files per upload, with an
// empty study.
func uploadRig(t *testing.T, maxFiles int) (*rig, int64) {
	t.Helper()
	r := newRigConfig(t, false, func(c *Config) { c.MaxUploadFiles = maxFiles })
	var st struct{ ID int64 }
	if status := r.json(account.RoleResearcher, "POST", "/api/v1/studies", map[string]string{"name": "Uploads"}, &st); status != http.StatusCreated && status != http.StatusOK {
		t.Fatalf("create study = %d", status)
	}
	r.shareWithEveryRole(st.ID)
	return r, st.ID
}

// callVTT is a distinct interview for each n.
func callVTT(n int) string { return strings.ReplaceAll(teamsVTT, "quokka", fmt.Sprintf("quokka%d", n)) }

// files writes n parts named files, in order; cut ends the body inside
// the last part's header, as a client that goes away does.
func files(t *testing.T, n int, cut bool) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for i := 1; i <= n; i++ {
		if cut && i == n {
			buf.WriteString("\r\n--" + w.Boundary() + "\r\nContent-Disposition: form-da")
			return w.FormDataContentType(), &buf
		}
		fw, err := w.CreateFormFile("files", fmt.Sprintf("call%d.vtt", i))
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(callVTT(i)))
	}
	w.Close()
	return w.FormDataContentType(), &buf
}

func uploadsAudited(t *testing.T, r *rig) int {
	n := 0
	for _, e := range auditEntries(t, r) {
		if e.Action == account.ActionUpload {
			n++
		}
	}
	return n
}

// Files past the limit used to answer 400 after the first ones were
// stored, with no audit entry and no analysis. Now what went in is
// reported, audited and analysed, and each refused file says so.
func TestUploadPastFileLimitReportsAndKeepsWhatWentIn(t *testing.T) {
	r, study := uploadRig(t, 3)
	ct, body := files(t, 5, false)
	status, b := r.do(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/studies/%d/sources", study), ct, body)
	if status != http.StatusOK {
		t.Fatalf("upload of 5 files with a limit of 3 = %d %s; want 200 with a result per file", status, b)
	}
	var res struct{ Files []app.FileResult }
	mustJSON(t, b, &res)
	var got []string
	for _, f := range res.Files {
		got = append(got, f.Path+":"+f.Status)
	}
	want := "call1.vtt:ok call2.vtt:ok call3.vtt:ok call4.vtt:error call5.vtt:error"
	if strings.Join(got, " ") != want {
		t.Errorf("results = %s; want %s", strings.Join(got, " "), want)
	}
	if f := res.Files[4]; !strings.Contains(f.Error, "at most 3 files") {
		t.Errorf("refused file says %q; want the limit", f.Error)
	}
	srcs, err := r.app.Sources(context.Background(), study)
	if err != nil || len(srcs) != 3 {
		t.Errorf("sources stored = %d (%v); want 3", len(srcs), err)
	}
	r.srv.Wait()
	if n := uploadsAudited(t, r); n != 3 {
		t.Errorf("upload audit entries = %d; want 3", n)
	}
	if st := r.app.AnalysisStatus(context.Background(), study); st.Stage != "done" {
		t.Errorf("analysis after the upload = %q; want done", st.Stage)
	}
}

// A client that goes away half way: the files that arrived whole are
// stored, audited and analysed.
func TestUploadCutOffKeepsAuditAndAnalysis(t *testing.T) {
	r, study := uploadRig(t, 50)
	ct, body := files(t, 3, true)
	status, b := r.do(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/studies/%d/sources", study), ct, body)
	if status >= 500 {
		t.Errorf("cut-off upload = %d %s; want an answer about the files, not a server error", status, b)
	}
	srcs, err := r.app.Sources(context.Background(), study)
	if err != nil || len(srcs) != 2 {
		t.Errorf("sources stored = %d (%v); want the 2 whole files", len(srcs), err)
	}
	r.srv.Wait()
	if n := uploadsAudited(t, r); n != 2 {
		t.Errorf("upload audit entries = %d; want 2", n)
	}
	if st := r.app.AnalysisStatus(context.Background(), study); st.Stage != "done" {
		t.Errorf("analysis after the cut-off upload = %q; want done", st.Stage)
	}
}

func TestSizeText(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{50 << 20, "50 MB"}, {3 << 19, "1.5 MB"}, {500 << 10, "500 KB"}, {2000, "1 KB"}, {300, "300 bytes"},
	}
	for _, tc := range tests {
		if got := sizeText(tc.n); got != tc.want {
			t.Errorf("sizeText(%d) = %q; want %q", tc.n, got, tc.want)
		}
	}
}

// A file name is stored as the source's name and audited: a huge one is
// refused, not written.
func TestUploadHugeFileNameRefused(t *testing.T) {
	r, study := uploadRig(t, 50)
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("files", strings.Repeat("n", 100_000)+".vtt")
	fw.Write([]byte(callVTT(1)))
	w.Close()
	status, b := r.do(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/studies/%d/sources", study), w.FormDataContentType(), &buf)
	if status != http.StatusOK || !strings.Contains(string(b), "file name is longer than") || len(b) > 2000 {
		t.Errorf("upload with a 100 KB file name = %d %.300s (%d bytes); want the file refused by name", status, b, len(b))
	}
	for _, e := range auditEntries(t, r) {
		if len(e.Target) > 300 {
			t.Errorf("audit entry %q holds a %d-byte target", e.Action, len(e.Target))
		}
	}
}
