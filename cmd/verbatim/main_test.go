package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/analysis"
)

// TestMain lets tests run this test binary as the verbatim command
// (VERBATIM_RUN_MAIN=1), so crash tests can kill a real process.
func TestMain(m *testing.M) {
	if os.Getenv("VERBATIM_RUN_MAIN") == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	// The golden analysis is the product's default: the embedded word
	// vectors, whatever $VERBATIM_VECTORS says in the caller's shell.
	os.Unsetenv(analysis.VectorsEnv)
	code := m.Run()
	removeDataTemplates()
	os.Exit(code)
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

type ingestReport struct {
	Files []struct {
		Path         string   `json:"path"`
		Status       string   `json:"status"`
		Format       string   `json:"format"`
		Participants int      `json:"participants"`
		Quotes       int      `json:"quotes"`
		Warnings     []string `json:"warnings"`
		Error        string   `json:"error"`
	} `json:"files"`
}

func TestIngestJSONAndSearch(t *testing.T) {
	data := t.TempDir()
	code, out, errs := runCLI(t, "ingest", "--data", data, "--study", "Demo", "--json", "../../samples/interviews")
	if code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errs)
	}
	var rep ingestReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("ingest --json output is not JSON: %v\n%s", err, out)
	}
	formats := map[string]bool{}
	for _, f := range rep.Files {
		if f.Status != "ok" || f.Quotes == 0 || f.Participants != 1 || f.Warnings == nil {
			t.Errorf("%s = %+v; want ok with one buyer, quotes and a warnings list", f.Path, f)
		}
		formats[f.Format] = true
	}
	for _, want := range []string{"text", "vtt", "srt", "otter", "docx"} {
		if !formats[want] {
			t.Errorf("no sample in format %s", want)
		}
	}
	// Again: every file is a duplicate, which still exits 0.
	code, out, _ = runCLI(t, "ingest", "--data", data, "--study", "Demo", "--json", "../../samples/interviews")
	json.Unmarshal([]byte(out), &rep)
	if code != 0 || rep.Files[0].Status != "duplicate" {
		t.Errorf("re-ingest exit %d first status %q; want 0 and duplicate", code, rep.Files[0].Status)
	}
	code, out, errs = runCLI(t, "search", "--data", data, "--json", "security", "review")
	var res struct {
		Total int64 `json:"total"`
		Hits  []struct {
			ID          int64    `json:"id"`
			Text        string   `json:"text"`
			Fragments   []string `json:"fragments"`
			Participant string   `json:"participant"`
			Source      string   `json:"source"`
			Position    string   `json:"position"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil {
		t.Fatalf("search exit %d err %v: %s %s", code, err, out, errs)
	}
	if res.Total == 0 || res.Hits[0].Participant == "" || res.Hits[0].Source == "" || res.Hits[0].Position == "" || !strings.Contains(strings.Join(res.Hits[0].Fragments, ""), "<mark>") {
		t.Errorf("search = %+v; want attributed, positioned, highlighted hits", res)
	}
}

// TestIngestBadInputLosesNothing ingests broken files beside good ones:
// each failure names its file, the exit status is 1, and what was stored
// before is intact and searchable.
func TestIngestBadInputLosesNothing(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	if code, _, errs := runCLI(t, "ingest", "--data", data, "../../samples/interviews/01-dana-whitfield-brightlane.txt"); code != 0 {
		t.Fatalf("first ingest: %s", errs)
	}
	bad := map[string][]byte{
		"empty.txt":    nil,
		"report.txt":   []byte("%PDF-1.7\n%binary"),
		"noheader.vtt": []byte("00:00:01.000 --> 00:00:02.000\nHello there\n"),
		"latin1.txt":   []byte("Interviewer: Qu\xe9 pas\xf3?\nBuyer: Nada.\n"),
	}
	for name, b := range bad {
		os.WriteFile(filepath.Join(in, name), b, 0o644)
	}
	code, out, _ := runCLI(t, "ingest", "--data", data, "--json", in)
	if code != 1 {
		t.Errorf("exit %d; want 1 when files fail", code)
	}
	var rep ingestReport
	json.Unmarshal([]byte(out), &rep)
	for _, f := range rep.Files {
		if f.Status != "error" || !strings.Contains(f.Error, filepath.Base(f.Path)) {
			t.Errorf("%s = %+v; want an error naming the file", f.Path, f)
		}
	}
	if len(rep.Files) != len(bad) {
		t.Errorf("%d results; want %d", len(rep.Files), len(bad))
	}
	_, out, _ = runCLI(t, "search", "--data", data, "--json", "forecast")
	var res struct{ Total int }
	json.Unmarshal([]byte(out), &res)
	if res.Total == 0 {
		t.Error("the earlier source is no longer searchable")
	}
}

// TestIndexRebuiltFromDatabase: a deleted index is rebuilt at the next
// start, and `verbatim reindex` rebuilds it with every quote.
func TestIndexRebuiltFromDatabase(t *testing.T) {
	data := t.TempDir()
	if code, _, errs := runCLI(t, "ingest", "--data", data, "../../samples/interviews/03-priya-raman-ledgerline.teams.vtt"); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	if err := os.RemoveAll(filepath.Join(data, "index")); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "search", "--data", data, "--json", "security")
	var res struct{ Total int }
	json.Unmarshal([]byte(out), &res)
	if code != 0 || res.Total == 0 {
		t.Errorf("search after deleting the index: exit %d, %d hits; want the index rebuilt at start", code, res.Total)
	}
	code, out, _ = runCLI(t, "reindex", "--data", data)
	if code != 0 || !strings.HasPrefix(out, "reindexed ") || strings.HasPrefix(out, "reindexed 0 ") {
		t.Errorf("reindex: exit %d %q; want the quotes reindexed", code, out)
	}
}

// verbatim help lists every command, so share, redact and participant
// (privacy and access) are found without reading the docs.
func TestUsageListsEveryCommand(t *testing.T) {
	var out bytes.Buffer
	usage(&out)
	for name := range commands {
		if !strings.Contains(out.String(), "\n  "+name+" ") {
			t.Errorf("usage does not list %q:\n%s", name, out.String())
		}
	}
}

// token create takes its user as a flag or, as user add names one, as its
// argument; without one it prints its usage instead of "no such user".
func TestTokenCreateNamesItsUser(t *testing.T) {
	data := t.TempDir()
	t.Setenv("VERBATIM_PASSWORD", "correct horse battery")
	if code, _, errs := runCLI(t, "user", "add", "--data", data, "ann", "--role", "researcher"); code != 0 {
		t.Fatalf("user add: %d %s", code, errs)
	}
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"--user", "ann"}, 0},
		{[]string{"ann"}, 0},
		{[]string{}, 2},
		{[]string{"--user", "ann", "bob"}, 2},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, append([]string{"token", "create", "--data", data}, tt.args...)...)
		if code != tt.code || code == 0 && !strings.HasPrefix(out, "vbt_") || code == 2 && !strings.Contains(errs, "usage: verbatim token create") {
			t.Errorf("token create %v: %d %q %q; want exit %d", tt.args, code, out, errs, tt.code)
		}
	}
}
