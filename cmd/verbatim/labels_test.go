package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// ingest --wave/--date/--outcome/--competitor label every file it takes
// in; a bad label refuses the whole command before anything is stored.
func TestIngestLabelsWaveAndOutcome(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	copyFile(t, "../../samples/interviews/01-dana-whitfield-brightlane.txt", filepath.Join(in, "01.txt"))
	copyFile(t, "../../samples/interviews/11-jess-tran-pebblecart.txt", filepath.Join(in, "02.txt"))

	bad := [][]string{
		{"--outcome", "maybe"},
		{"--date", "2026-02-30", "--wave", "Q1"},
		{"--date", "2026-02-01"},
		{"--competitor", "Acme"},
	}
	for _, flags := range bad {
		args := append(append([]string{"ingest", "--data", data}, flags...), filepath.Join(in, "01.txt"))
		if code, _, errs := runCLI(t, args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d (%q); want 2 with a message", flags, code, errs)
		}
	}
	if code, _, errs := runCLI(t, "ingest", "--data", data, "--wave", "Winter", "--date", "2026-01-15", filepath.Join(in, "01.txt")); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if code, _, errs := runCLI(t, "ingest", "--data", data, "--wave", "Spring", "--outcome", "Lost", "--competitor", "Acme CRM", filepath.Join(in, "02.txt")); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	a, err := app.Open(context.Background(), app.Config{DataDir: data}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, err := a.StudyByName(context.Background(), "Default")
	if err != nil {
		t.Fatal(err)
	}
	srcs, _ := a.Sources(context.Background(), st.ID)
	if len(srcs) != 2 {
		t.Fatalf("%d sources; want 2 (the refused commands stored nothing)", len(srcs))
	}
	metas, err := a.SourceMetas(context.Background(), st.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]persona.SourceMeta{
		"01.txt": {Wave: "Winter", Date: "2026-01-15"},
		"02.txt": {Wave: "Spring", Outcome: persona.OutcomeLost, Competitor: "Acme CRM"},
	}
	for _, s := range srcs {
		got, w := metas[s.ID], want[s.Name]
		w.SourceID = s.ID
		if got != w {
			t.Errorf("%s: %+v; want %+v", s.Name, got, w)
		}
	}
}

// waves prints the waves ingest --wave made, with each theme's counts.
func TestWavesCommand(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	copyFile(t, "../../samples/interviews/01-dana-whitfield-brightlane.txt", filepath.Join(in, "01.txt"))
	copyFile(t, "../../samples/interviews/11-jess-tran-pebblecart.txt", filepath.Join(in, "11.txt"))
	copyFile(t, "../../samples/interviews/10-ingrid-halvorsen-pellham-pharma.txt", filepath.Join(in, "10.txt"))
	for _, c := range [][]string{
		{"--wave", "Spring", "--date", "2026-04-01", filepath.Join(in, "11.txt"), filepath.Join(in, "10.txt")},
		{"--wave", "Winter", "--date", "2026-01-10", filepath.Join(in, "01.txt")},
	} {
		if code, _, errs := runCLI(t, append([]string{"ingest", "--data", data}, c...)...); code != 0 {
			t.Fatalf("ingest: %d %s", code, errs)
		}
	}
	if code, _, errs := runCLI(t, "analyze", "--data", data); code != 0 {
		t.Fatalf("analyze: %d %s", code, errs)
	}
	code, out, errs := runCLI(t, "waves", "--data", data, "--all")
	if code != 0 {
		t.Fatalf("waves: %d %s", code, errs)
	}
	winter, spring := strings.Index(out, "wave Winter"), strings.Index(out, "wave Spring")
	if winter < 0 || spring < 0 || winter > spring || !strings.Contains(out, " of   2 ") || !strings.Contains(out, " of   1 ") {
		t.Errorf("waves output:\n%s\nwant Winter (1 buyer) before Spring (2 buyers), with counts", out)
	}
	code, out, _ = runCLI(t, "waves", "--data", data, "--json")
	var rep struct {
		Waves []struct{ Name string } `json:"waves"`
	}
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil || len(rep.Waves) != 2 {
		t.Errorf("--json: exit %d, %v, %+v", code, err, rep)
	}
}
