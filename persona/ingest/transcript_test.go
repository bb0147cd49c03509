package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/<fixture>.json for the transcript fixtures")

const transcriptDir = "testdata/transcripts"

// transcriptFixtures lists the fixtures with the bytes Parse reads: a
// *.docx.xml source becomes a .docx built in memory.
func transcriptFixtures(tb testing.TB) map[string][]byte {
	tb.Helper()
	entries, err := os.ReadDir(transcriptDir)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(transcriptDir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		name := e.Name()
		if strings.HasSuffix(name, ".docx.xml") {
			name, data = strings.TrimSuffix(name, ".xml"), buildDOCX(tb, data)
		}
		out[name] = data
	}
	return out
}

// buildDOCX zips a document.xml into a minimal Word document.
func buildDOCX(tb testing.TB, documentXML []byte) []byte {
	tb.Helper()
	return buildZip(tb, map[string][]byte{
		"[Content_Types].xml": []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
		docxBody:              documentXML,
	})
}

func buildZip(tb testing.TB, files map[string][]byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(files) {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(files[name]); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

func TestTranscriptGolden(t *testing.T) {
	for name, data := range transcriptFixtures(t) {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse(name, bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Parse(%s): %v", name, err)
			}
			checkTurns(t, doc)
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata/golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestTranscriptGolden -update)", err)
			}
			if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(got))); diff != "" {
				t.Errorf("Parse(%s) mismatch (-want +got):\n%s", name, diff)
			}
		})
	}
}

// checkTurns asserts what every parsed transcript must satisfy.
func checkTurns(t *testing.T, doc *Document) {
	t.Helper()
	for i, tu := range doc.Turns {
		switch {
		case tu.Speaker == "" || len(tu.Speaker) > 60:
			t.Errorf("turn %d: bad speaker %q", i, tu.Speaker)
		case strings.TrimSpace(tu.Text) == "":
			t.Errorf("turn %d (%s): empty text", i, tu.Speaker)
		case tu.Line < 1:
			t.Errorf("turn %d (%s): line %d", i, tu.Speaker, tu.Line)
		case tu.Role != "" && tu.Role != RoleInterviewer && tu.Role != RoleParticipant:
			t.Errorf("turn %d: role %q", i, tu.Role)
		}
		if i > 0 && doc.Turns[i-1].Speaker == tu.Speaker && doc.Format != FormatText && doc.Format != FormatMD && doc.Format != FormatDOCX && doc.Format != FormatPDF {
			t.Errorf("turn %d: consecutive turns of %q not merged", i, tu.Speaker)
		}
	}
}

func TestDetectTranscripts(t *testing.T) {
	want := map[string]string{
		"zoom.vtt": FormatVTT, "teams.vtt": FormatVTT, "crlf_bom.vtt": FormatVTT, "cr_only.vtt": FormatVTT,
		"comma.srt": FormatSRT, "dot_noindex.srt": FormatSRT, "otter.txt": FormatOtter,
		"labels.txt": FormatText, "names.txt": FormatText, "atlas_ti.md.txt": FormatText,
		"timestamps.txt": FormatText, "ai_user.txt": FormatText, "moderator_only.txt": FormatText,
		"pandoc_hardbreak.md": FormatMD, "bold_inline.md": FormatMD, "heading_names.md": FormatMD,
		"qa_labels.md": FormatMD, "qa_bold.md": FormatMD, "qa_italic_headings.md": FormatMD, "table.md": FormatMD,
		"one_speaker.txt": FormatText, "one_label.txt": FormatText,
		"list_stamps.md": FormatMD,
		"gong.json":      formatJSON, "fathom.json": formatJSON, "fireflies.json": formatJSON, "grain.json": formatJSON,
		"qmsum.json": formatJSON, "word.pdf": FormatPDF, "groff_ms.pdf": FormatPDF, "zoom_transcript.pdf": FormatPDF,
		"teams.docx": FormatDOCX, "meet.docx": FormatDOCX, "labels.docx": FormatDOCX,
	}
	for name, data := range transcriptFixtures(t) {
		got, err := Detect(name, data)
		if err != nil || got != want[name] {
			t.Errorf("Detect(%s) = %q, %v; want %q", name, got, err, want[name])
		}
	}
}

func TestDetectZipXLSX(t *testing.T) {
	data := buildZip(t, map[string][]byte{"xl/workbook.xml": []byte("<workbook/>")})
	if got, err := Detect("s.xlsx", data); got != FormatXLSX || err != nil {
		t.Errorf("Detect(xlsx) = %q, %v; want %q", got, err, FormatXLSX)
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"00:00:01.500", 1500, true}, {"01:02:03,004", 3723004, true}, {"0:05", 5000, true},
		{"1:02:03", 3723000, true}, {"00:61", 0, false}, {"1:2:3:4", 0, false}, {"ab:cd", 0, false},
		{"00:01.", 0, false}, {"00:01.5", 1500, true}, {"99999:00:00.000", 359996400000, true},
	}
	for _, tt := range tests {
		got, ok := parseClock(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseClock(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSplitLabel(t *testing.T) {
	tests := []struct {
		in, label string
		ok        bool
	}{
		{"Interviewer 1: hi", "Interviewer 1", true},
		{"Interviewee1 : ok", "Interviewee1", true},
		{"interviewer: so", "interviewer", true},
		{"**Interviewer:** so", "Interviewer", true},
		{"Jane van der Berg: yes", "Jane van der Berg", true},
		{"The thing is: we never know", "", false},
		{"So what I mean, basically: no", "", false},
		{"https://example.com", "", false},
		{"We met at 10:30 today", "", false},
		{"Why: because", "Why", true}, // shaped like a label; recurrence decides
	}
	for _, tt := range tests {
		label, _, ok := splitLabel(tt.in, true)
		if label != tt.label || ok != tt.ok {
			t.Errorf("splitLabel(%q) = %q, %v; want %q, %v", tt.in, label, ok, tt.label, tt.ok)
		}
	}
}

func TestRoleOf(t *testing.T) {
	tests := map[string]string{
		"Interviewer 1": RoleInterviewer, "interviewer2 2": RoleInterviewer, "MODERATOR": RoleInterviewer,
		"Q": RoleInterviewer, "UX Researcher": RoleInterviewer, "Jane (Facilitator)": RoleInterviewer,
		"Interviewee1": RoleParticipant, "P3": RoleParticipant, "Respondent": RoleParticipant, "User": RoleParticipant,
		"Speaker 1": "", "AI": "", "Marcus": "",
	}
	for in, want := range tests {
		if got := roleOf(in); got != want {
			t.Errorf("roleOf(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestVTTLongLine(t *testing.T) {
	long := strings.Repeat("word ", 20_000) // 100 KB in one cue line
	data := "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna Lima: " + long + "\n\n00:00:03.000 --> 00:00:04.000\nAna Lima: end\n"
	doc, err := Parse("long.vtt", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Turns) != 1 || !strings.HasSuffix(doc.Turns[0].Text, "word end") || len(doc.Turns[0].Text) < 99_000 {
		t.Errorf("long cue not parsed fully: %d turns", len(doc.Turns))
	}
}
