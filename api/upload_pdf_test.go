package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
)

// TestUploadPDF: a transcript printed to PDF goes in through the upload
// API like any transcript; a scanned PDF is refused with its reason.
func TestUploadPDF(t *testing.T) {
	r, study := uploadRig(t, 10)
	word := readFixture(t, "../persona/ingest/testdata/transcripts/word.pdf")
	scan := readFixture(t, "../persona/pdftext/testdata/scanned.pdf")
	path := fmt.Sprintf("/api/v1/studies/%d/sources", study)
	ct, body := uploadWithForce(t, false, []string{"dana.pdf", "scan.pdf"}, []string{word, scan})
	status, b := r.do(account.RoleResearcher, "POST", path, ct, body)
	if status != http.StatusOK {
		t.Fatalf("upload = %d %s", status, b)
	}
	var res struct{ Files []app.FileResult }
	mustJSON(t, b, &res)
	if len(res.Files) != 2 {
		t.Fatalf("results = %s; want 2", b)
	}
	if f := res.Files[0]; f.Status != app.StatusOK || f.Format != "pdf" || f.Participants != 1 || f.Quotes == 0 {
		t.Errorf("dana.pdf = %+v; want ok, format pdf, one buyer with quotes", f)
	}
	if f := res.Files[1]; f.Status != app.StatusError || !strings.Contains(f.Error, "no text layer") {
		t.Errorf("scan.pdf = %+v; want an error saying no text layer", f)
	}
}
