package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestSkipsNonTranscripts ingests a folder as researchers keep it: a
// transcript beside an interview guide and third-person notes. The guide
// and the notes are skipped with a reason, the exit status is 0, and
// --force takes the guide in.
func TestIngestSkipsNonTranscripts(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	copyFile(t, "../../samples/interviews/01-dana-whitfield-brightlane.txt", filepath.Join(in, "01.txt"))
	copyFile(t, "../../persona/ingest/testdata/skipped/guide.md", filepath.Join(in, "guide.md"))
	copyFile(t, "../../persona/ingest/testdata/skipped/notes.txt", filepath.Join(in, "notes.txt"))
	code, out, errs := runCLI(t, "ingest", "--data", data, "--json", in)
	if code != 0 {
		t.Fatalf("exit %d (%s); want 0 when the rest went in", code, errs)
	}
	var rep struct {
		Files []struct {
			Path, Status, Reason string
			Quotes               int
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := map[string]string{"01.txt": "ok", "guide.md": "skipped", "notes.txt": "skipped"}
	for _, f := range rep.Files {
		name := filepath.Base(f.Path)
		if f.Status != want[name] {
			t.Errorf("%s status %q; want %q", name, f.Status, want[name])
		}
		if f.Status == "skipped" && (f.Reason == "" || f.Quotes != 0) {
			t.Errorf("%s skipped with reason %q and %d quotes; want a reason and no quotes", name, f.Reason, f.Quotes)
		}
	}
	if len(rep.Files) != len(want) {
		t.Errorf("%d results; want %d", len(rep.Files), len(want))
	}

	code, out, _ = runCLI(t, "ingest", "--data", data, filepath.Join(in, "guide.md"))
	if code != 0 || !strings.Contains(out, "skipped    ") || !strings.Contains(out, "interview guide") || !strings.Contains(out, "1 skipped") {
		t.Errorf("text report (exit %d):\n%s\nwant the guide skipped with its reason", code, out)
	}
	code, out, _ = runCLI(t, "ingest", "--data", data, "--json", "--force", filepath.Join(in, "guide.md"))
	json.Unmarshal([]byte(out), &rep)
	if code != 0 || len(rep.Files) != 1 || rep.Files[0].Status != "ok" {
		t.Errorf("--force: exit %d, %+v; want the guide taken in", code, rep.Files)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIngestCallRecorders ingests each vendor's export: one buyer per call
// (the seller's people are interviewers) and quotes, under the vendor's
// format name.
func TestIngestCallRecorders(t *testing.T) {
	data := t.TempDir()
	var paths []string
	for _, f := range []string{"gong", "fathom", "fireflies", "grain"} {
		paths = append(paths, "../../persona/ingest/testdata/transcripts/"+f+".json")
	}
	code, out, errs := runCLI(t, append([]string{"ingest", "--data", data, "--json"}, paths...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep ingestReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Files {
		want := strings.TrimSuffix(filepath.Base(f.Path), ".json")
		if f.Status != "ok" || f.Format != want || f.Participants != 1 || f.Quotes == 0 {
			t.Errorf("%s = %+v; want ok as %s with one buyer and quotes", f.Path, f, want)
		}
	}
}
