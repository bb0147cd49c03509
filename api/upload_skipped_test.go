package api

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
)

func readFixture(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// uploadWithForce sends fields (in order, before the files) and files.
func uploadWithForce(t *testing.T, force bool, names []string, contents []string) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if force {
		w.WriteField("force", "1")
	}
	for i, name := range names {
		fw, err := w.CreateFormFile("files", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(contents[i]))
	}
	w.Close()
	return w.FormDataContentType(), &buf
}

// TestUploadSkipsGuideUnlessForced: an interview guide beside a transcript
// is skipped with its reason and the transcript goes in; with force=1 the
// guide goes in too.
func TestUploadSkipsGuideUnlessForced(t *testing.T) {
	r, study := uploadRig(t, 10)
	guide := readFixture(t, "../persona/ingest/testdata/skipped/guide.md")
	path := fmt.Sprintf("/api/v1/studies/%d/sources", study)
	ct, body := uploadWithForce(t, false, []string{"call.vtt", "guide.md"}, []string{callVTT(1), guide})
	status, b := r.do(account.RoleResearcher, "POST", path, ct, body)
	if status != http.StatusOK {
		t.Fatalf("upload = %d %s", status, b)
	}
	var res struct{ Files []app.FileResult }
	mustJSON(t, b, &res)
	if len(res.Files) != 2 || res.Files[0].Status != app.StatusOK || res.Files[1].Status != app.StatusSkipped ||
		!strings.Contains(res.Files[1].Reason, "interview guide") || !strings.Contains(string(b), `"reason":`) {
		t.Fatalf("results = %s; want call.vtt ok, guide.md skipped with a reason", b)
	}
	ct, body = uploadWithForce(t, true, []string{"guide.md"}, []string{guide})
	_, b = r.do(account.RoleResearcher, "POST", path, ct, body)
	mustJSON(t, b, &res)
	if len(res.Files) != 1 || res.Files[0].Status != app.StatusOK {
		t.Errorf("forced upload = %s; want the guide ok", b)
	}
}

func TestUploadFormShowsSkipped(t *testing.T) {
	r := newRig(t, true)
	p := newPageClient(t, r)
	p.signIn(account.RoleResearcher)
	_, body := p.get(fmt.Sprintf("/studies/%d/upload", r.study))
	if !strings.Contains(body, `name="force"`) {
		t.Error("upload page has no force checkbox")
	}
	res, body := pageUpload(t, p, r.study, "notes.txt", readFixture(t, "../persona/ingest/testdata/skipped/notes.txt"))
	if res.StatusCode != 200 || !strings.Contains(body, `data-file="notes.txt" data-status="skipped"`) ||
		!strings.Contains(body, "Skipped: not a transcript") || !strings.Contains(body, "third-person notes") {
		t.Errorf("upload form = %d; want notes.txt skipped with its reason\n%s", res.StatusCode, body)
	}
}
