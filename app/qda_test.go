package app

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/verbatimhq/verbatim/persona/qdpx"
)

// coding is one coded selection as a researcher sees it in their tool.
type coding struct {
	source     string
	start, end int
	ring, code string
	text       string
}

func codings(p qdpx.Project) map[coding]bool {
	codeName := map[string][2]string{}
	qdpx.Walk(p.Codes, func(c qdpx.Code, parents []qdpx.Code) {
		ring := c.Name
		if len(parents) > 0 {
			ring = parents[0].Name
		}
		codeName[c.GUID] = [2]string{ring, c.Name}
	})
	out := map[coding]bool{}
	for _, s := range p.Sources {
		r := []rune(s.Text)
		for _, sel := range s.Selections {
			for _, g := range sel.CodeGUIDs {
				out[coding{s.Name, sel.Start, sel.End, codeName[g][0], codeName[g][1], string(r[sel.Start:sel.End])}] = true
			}
		}
	}
	return out
}

// byCode lists, per code name, the codings of each code of that name.
func byCode(p qdpx.Project) map[string][]map[coding]bool {
	sets := map[string]map[coding]bool{}
	names := map[string]string{}
	qdpx.Walk(p.Codes, func(c qdpx.Code, _ []qdpx.Code) { names[c.GUID] = c.Name })
	for _, s := range p.Sources {
		for _, sel := range s.Selections {
			for _, g := range sel.CodeGUIDs {
				if sets[g] == nil {
					sets[g] = map[coding]bool{}
				}
				sets[g][coding{source: s.Name, start: sel.Start, end: sel.End}] = true
			}
		}
	}
	out := map[string][]map[coding]bool{}
	for g, set := range sets {
		out[names[g]] = append(out[names[g]], set)
	}
	return out
}

func equalSets(a, b map[coding]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// TestQDPXRoundTrip: a study exported as REFI-QDA and imported into
// another study comes back with the same sources and, after analysis,
// every coding at the same offsets under the same code and ring.
func TestQDPXRoundTrip(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	orig, _ := a.store.CreateStudy(ctx, "Original")
	files, _ := filepath.Glob("../samples/interviews/*")
	if len(files) < 6 {
		t.Fatalf("samples missing: %v", files)
	}
	files = append(files[:6], "../samples/survey/buyer_survey.csv")
	for _, r := range a.IngestPaths(ctx, orig.ID, files, nil) {
		if r.Status != StatusOK {
			t.Fatalf("ingest %s: %+v", r.Path, r)
		}
	}
	if _, err := a.Analyze(ctx, orig.ID, nil); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := a.ExportQDPX(ctx, orig.ID, &buf); err != nil {
		t.Fatal(err)
	}
	exported, err := qdpx.Read(buf.Bytes())
	if err != nil {
		t.Fatalf("read back the export: %v", err)
	}
	want := codings(*exported)
	if len(want) < 20 {
		t.Fatalf("export has %d codings; want a study with themes", len(want))
	}
	for c := range want {
		if strings.TrimSpace(c.text) == "" || c.code == c.ring {
			t.Errorf("coding %+v: empty, or coded with a ring instead of a theme", c)
		}
	}

	cp, _ := a.store.CreateStudy(ctx, "Copy")
	res := a.Ingest(ctx, cp.ID, "study.qdpx", bytes.NewReader(buf.Bytes()))
	if res.Status != StatusOK || res.Format != FormatQDPX {
		t.Fatalf("import = %+v", res)
	}
	if _, err := a.Analyze(ctx, cp.ID, nil); err != nil {
		t.Fatal(err)
	}
	again, err := a.QDAProject(ctx, cp.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := codings(again)
	texts := map[string]string{}
	for _, s := range exported.Sources {
		texts[s.Name] = s.Text
	}
	for _, s := range again.Sources {
		if texts[s.Name] != s.Text {
			t.Errorf("source %s: text changed in the round trip", s.Name)
		}
	}
	for c := range want {
		if !got[c] {
			t.Errorf("coding lost or moved in the round trip: %+v", c)
		}
	}
	// Each code comes back as one theme holding exactly its codings (the
	// copy's own analysis may name a new theme alike, under another guid).
	wantBy, gotBy := byCode(*exported), byCode(again)
	for name, sets := range wantBy {
		for _, w := range sets {
			found := false
			for _, g := range gotBy[name] {
				found = found || equalSets(w, g)
			}
			if !found {
				t.Errorf("code %q: no theme in the copy holds exactly its %d codings", name, len(w))
			}
		}
	}
	extra := 0
	for c := range got {
		if !want[c] {
			extra++
		}
	}
	t.Logf("%d codings exported, all back; %d more from themes the copy's analysis found among uncoded quotes", len(want), extra)
	if len(again.Cases) != len(exported.Cases) {
		t.Errorf("cases: %d back of %d", len(again.Cases), len(exported.Cases))
	}
}

func TestImportQDAForeignAndBad(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, _ := a.store.CreateStudy(ctx, "Foreign")
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// A QualCoder project: its source is parsed like any transcript and
	// its two codings land on the buyer's quotes.
	res := a.Ingest(ctx, st.ID, "clinic.qde", bytes.NewReader(read("../persona/qdpx/testdata/project.qde")))
	if res.Status != StatusOK || res.Participants != 1 {
		t.Fatalf("project.qde = %+v", res)
	}
	edits, err := a.store.Edits(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	themes := map[string]int{}
	for _, e := range edits {
		if e.Kind == "split_theme" {
			themes[e.Label] = len(e.QuoteIDs)
			quotes, _ := a.store.QuotesByID(ctx, e.QuoteIDs)
			for _, q := range quotes {
				t.Logf("%s: %q", e.Label, q.Text)
			}
		}
	}
	if themes["No-shows"] == 0 || themes["Training burden"] == 0 || len(themes) != 2 {
		t.Errorf("researcher themes = %v; want No-shows and Training burden with quotes", themes)
	}
	// The case "Marcus Bell" is not the label "Marcus": no attribute lands
	// on a speaker the case does not name.
	if pts, _ := a.ParticipantsMatching(ctx, st.ID, map[string]string{"Role": "Operations manager"}); len(pts) != 0 {
		t.Errorf("participants with the case's Role = %+v; want none", pts)
	}

	tests := []struct {
		name   string
		data   []byte
		status string
		msg    string
	}{
		{"codebook.qdc", read("../persona/qdpx/testdata/codebook.qdc"), StatusSkipped, "a codebook with 4 codes and no text sources"},
		{"broken.qdpx", []byte("PK\x03\x04garbage"), StatusError, "not a readable .qdpx archive"},
		{"empty.qdpx", zipWithQDE(t, `<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="6a7b8c9d-aebf-40c1-a2d3-5e6f7a8b9cad" name="x"><PlainTextContent>just prose, no speakers</PlainTextContent></TextSource></Sources></Project>`), StatusError, "no text source could be imported"},
		{"bad.qde", []byte(`<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Users><User guid="nope"/></Users></Project>`), StatusError, `malformed guid "nope"`},
	}
	for _, tt := range tests {
		r := a.Ingest(ctx, st.ID, tt.name, bytes.NewReader(tt.data))
		msg := r.Error + r.Reason
		if r.Status != tt.status || !strings.Contains(msg, tt.msg) || !utf8.ValidString(msg) {
			t.Errorf("%s = %+v; want %s with %q", tt.name, r, tt.status, tt.msg)
		}
	}
}

func zipWithQDE(t *testing.T, qde string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(qde))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
