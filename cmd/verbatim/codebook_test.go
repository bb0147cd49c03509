package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCodebookCLI: `codebook import` reads a Taguette CSV into a study,
// `codebook export` writes it as CSV and .qdc (which imports into another
// study), a broken CSV fails naming its line, and `agreement` reports
// that there is nobody to compare yet.
func TestCodebookCLI(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	copyFile(t, "../../samples/interviews/01-dana-whitfield-brightlane.txt", filepath.Join(in, "dana.txt"))
	if code, out, errs := runCLI(t, "ingest", "--data", data, "--study", "Orig", in); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	csv := filepath.Join(in, "tags.csv")
	os.WriteFile(csv, []byte("\ufefftag,description,number of highlights\nPrice,Cost worries,2\nSecurity review,,0\n"), 0o600)
	if code, out, errs := runCLI(t, "codebook", "import", "--data", data, "--study", "Orig", csv); code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("import: exit %d %s%s", code, out, errs)
	}
	code, out, _ := runCLI(t, "codebook", "export", "--data", data, "--study", "Orig")
	if code != 0 || !strings.HasPrefix(out, "name,description,ring") || !strings.Contains(out, "Price,Cost worries") {
		t.Errorf("export csv: exit %d\n%s", code, out)
	}
	qdc := filepath.Join(t.TempDir(), "book.qdc")
	if code, _, errs := runCLI(t, "codebook", "export", "--data", data, "--study", "Orig", "-o", qdc); code != 0 {
		t.Fatalf("export qdc: exit %d %s", code, errs)
	}
	if b, _ := os.ReadFile(qdc); !strings.Contains(string(b), "urn:QDA-XML:codebook:1.0") {
		t.Errorf("the .qdc is not a REFI-QDA codebook:\n%s", b)
	}
	if code, _, errs := runCLI(t, "ingest", "--data", data, "--study", "Copy", in+"/dana.txt"); code != 0 {
		t.Fatalf("ingest copy: %s", errs)
	}
	if code, out, errs := runCLI(t, "codebook", "import", "--data", data, "--study", "Copy", qdc); code != 0 || !strings.Contains(out, "(qdc)") || !strings.Contains(out, "2 added") {
		t.Errorf("import qdc: exit %d %s%s", code, out, errs)
	}
	bad := filepath.Join(in, "bad.csv")
	os.WriteFile(bad, []byte("name,ring\nPrice,barriers\nSpeed,velocity\n"), 0o600)
	if code, _, errs := runCLI(t, "codebook", "import", "--data", data, "--study", "Orig", bad); code != 1 || !strings.Contains(errs, "line 3") {
		t.Errorf("bad csv: exit %d %q; want 1 naming line 3", code, errs)
	}
	if code, _, errs := runCLI(t, "codebook", "--data", data); code != 2 || !strings.Contains(errs, "usage: verbatim codebook") {
		t.Errorf("no subcommand: exit %d %q", code, errs)
	}
	if code, out, errs := runCLI(t, "agreement", "--data", data, "--study", "Orig"); code != 0 || !strings.Contains(out, "No coders to compare") {
		t.Errorf("agreement: exit %d %s%s", code, out, errs)
	}
	if code, out, _ := runCLI(t, "agreement", "--data", data, "--study", "Orig", "--json"); code != 0 || !strings.Contains(out, `"comparisons": []`) {
		t.Errorf("agreement --json: exit %d %s", code, out)
	}
}
