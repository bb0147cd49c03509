package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona/qdpx"
)

// TestQDPXUploadAndExport: a REFI-QDA project and codebook go in through
// the upload API (the codebook adds no source: its codes go into the
// study's codebook), and the
// study comes out as a .qdpx that reads back with its source; a reader
// may not export.
func TestQDPXUploadAndExport(t *testing.T) {
	r, study := uploadRig(t, 10)
	project := readFixture(t, "../persona/qdpx/testdata/project.qde")
	codebook := readFixture(t, "../persona/qdpx/testdata/codebook.qdc")
	ct, body := uploadWithForce(t, false, []string{"clinic.qde", "codes.qdc"}, []string{project, codebook})
	status, b := r.do(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/studies/%d/sources", study), ct, body)
	if status != http.StatusOK {
		t.Fatalf("upload = %d %s", status, b)
	}
	var res struct{ Files []app.FileResult }
	mustJSON(t, b, &res)
	if len(res.Files) != 2 || res.Files[0].Status != app.StatusOK || res.Files[0].Format != "qdpx" || res.Files[1].Status != app.StatusSkipped {
		t.Fatalf("results = %s; want the project ok and the codebook skipped", b)
	}
	var cb app.Codebook
	if s := r.json(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/studies/%d/codebook", study), nil, &cb); s != 200 || len(cb.Codes) != 3 {
		t.Errorf("codebook after uploading codes.qdc: %d, %d codes; want its 3 codes", s, len(cb.Codes))
	}
	path := fmt.Sprintf("/api/v1/studies/%d/export.qdpx", study)
	status, zipped := r.do(account.RoleResearcher, "GET", path, "", nil)
	if status != http.StatusOK {
		t.Fatalf("export = %d %s", status, zipped)
	}
	p, err := qdpx.Read(zipped)
	if err != nil {
		t.Fatalf("exported file: %v", err)
	}
	// The five rings with the themes, then the codebook's group.
	if len(p.Sources) != 1 || !strings.Contains(p.Sources[0].Text, "No-shows, mainly.") || len(p.Codes) != 6 || p.Codes[5].Name != app.CodebookGroup {
		t.Errorf("exported project: %d sources, %d top codes; want 1 and the rings and the codebook", len(p.Sources), len(p.Codes))
	}
	inBook := 0
	if len(p.Codes) == 6 {
		qdpx.Walk(p.Codes[5].Children, func(c qdpx.Code, _ []qdpx.Code) {
			if c.Codable {
				inBook++
			}
		})
	}
	if inBook != 3 {
		t.Errorf("the exported codebook holds %d codes; want the study's 3", inBook)
	}
	if status, _ := r.do(account.RoleResearcher, "GET", "/api/v1/studies/999999/export.qdpx", "", nil); status != http.StatusNotFound {
		t.Errorf("export of a missing study = %d; want 404", status)
	}
}
