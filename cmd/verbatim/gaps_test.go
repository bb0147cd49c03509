package main

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/app"
)

// TestGapsCommand checks both demo documents from the command line: the
// JSON ranks them as the check does, the text names coverage per persona,
// --persona narrows the report, and a PDF is refused with the reason.
func TestGapsCommand(t *testing.T) {
	data := analysedSamples(t)
	coverage := map[string]map[int64]float64{}
	var one int64
	for _, f := range []string{"fieldnote-in-buyers-words.md", "fieldnote-vendor-speak.html"} {
		code, out, errs := runCLI(t, "gaps", "--data", data, "--study", "Demo", "--json", "../../samples/collateral/"+f)
		if code != 0 {
			t.Fatalf("gaps --json %s: exit %d: %s", f, code, errs)
		}
		var rep app.GapReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("gaps --json %s: %v", f, err)
		}
		coverage[f] = map[int64]float64{}
		for _, p := range rep.Personas {
			coverage[f][p.PersonaID] = p.Coverage
			one = p.PersonaID
		}
	}
	for id, v := range coverage["fieldnote-vendor-speak.html"] {
		if b := coverage["fieldnote-in-buyers-words.md"][id]; b <= v {
			t.Errorf("persona %d: buyers'-words %.2f not above vendor-speak %.2f", id, b, v)
		}
	}
	code, out, errs := runCLI(t, "gaps", "--data", data, "--study", "Demo", "--persona", strconv.FormatInt(one, 10), "../../samples/collateral/fieldnote-vendor-speak.html")
	if code != 0 || strings.Count(out, "coverage") != 1 || !strings.Contains(out, "vendor phrases the buyers never use:") {
		t.Errorf("gaps --persona %d: exit %d\n%s%s", one, code, out, errs)
	}
	code, out, errs = runCLI(t, "gaps", "--data", data, "--study", "Demo", "--markdown", "../../samples/collateral/fieldnote-vendor-speak.html")
	if code != 0 || !strings.HasPrefix(out, "# Content-gap check: fieldnote-vendor-speak.html") {
		t.Errorf("gaps --markdown: exit %d\n%.200s%s", code, out, errs)
	}
	pdf := t.TempDir() + "/brochure.pdf"
	if err := os.WriteFile(pdf, []byte("%PDF-1.7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "gaps", "--data", data, "--study", "Demo", pdf); code == 0 || !strings.Contains(errs, "cannot read the PDF's text") {
		t.Errorf("gaps on a PDF: exit %d, %q; want a failure naming the reason", code, errs)
	}
}

// TestSingleStudyCommandsRefuseAll: commands that work on one study say so
// when asked for every study, before touching the data directory.
func TestSingleStudyCommandsRefuseAll(t *testing.T) {
	data := t.TempDir()
	for _, args := range [][]string{
		{"export", "quotes", "--data", data, "--study", "all"},
		{"export", "study", "--data", data, "--study", "all", "--format", "qdpx", "-o", data + "/x.qdpx"},
		{"gaps", "--data", data, "--study", "all", "../../samples/collateral/fieldnote-vendor-speak.html"},
	} {
		code, _, errs := runCLI(t, args...)
		if code == 0 || !strings.Contains(errs, `name one study, not "all"`) {
			t.Errorf("%s: exit %d, %q; want a refusal naming one study", strings.Join(args[:2], " "), code, errs)
		}
		if _, err := os.Stat(data + "/x.qdpx"); err == nil {
			t.Errorf("%s wrote a file", args[0])
		}
	}
}
