package pdftext

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

func extractFile(t *testing.T, path string) (string, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Extract(bytes.NewReader(data), int64(len(data)))
}

func TestExtractRunningLinesRemoved(t *testing.T) {
	tests := []struct {
		file      string
		want      []string // lines that must be there, in this order
		notWanted []string // running headers, footers, page numbers
	}{
		{"../ingest/testdata/transcripts/word.pdf",
			[]string{"Interviewer: Thanks for making the time, Dana. Could you start", "Dana Whitfield: The migration. We have years of dashboards and", "monthly review."},
			[]string{"Buyer interview", "Confidential", "Page 1 of 2", "Page 2 of 2"}},
		{"../ingest/testdata/transcripts/zoom_transcript.pdf", // header drawn after the body, TJ kerning, no space glyphs
			[]string{"Priya Raman  00:00:03", "Hi Marcus, thanks for joining. Before we get into it, could", "Marcus Bell  00:02:15"},
			[]string{"Discovery call", "\n1\n", "\n2\n"}},
		{"../ingest/testdata/transcripts/groff_ms.pdf", // a real writer (groff's gropdf): justified (Tw), kerned, ligatures, no header on page 1
			[]string{"Ana Souza: I’m the finance director at Quillpath.", "nine working days", "CEO asked me, in front of everyone,", "would have cost us.\n\nInterviewer: How did you choose in the end?"},
			[]string{"Interview 07", "Confidential", "Page 1", "Page 2", "Page 3", "\uFB01"}},
		{"testdata/running.pdf",
			[]string{"Interviewer: Thanks for making the time", "Dana Whitfield: We catch problems"},
			[]string{"Northwind Freight - 12 March 2026", "Confidential", "- 1 -", "- 2 -"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			text, err := extractFile(t, tt.file)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			at := 0
			for _, w := range tt.want {
				i := strings.Index(text[at:], w)
				if i < 0 {
					t.Fatalf("missing (or out of order) %q in:\n%s", w, text)
				}
				at += i + len(w)
			}
			for _, nw := range tt.notWanted {
				if strings.Contains("\n"+text+"\n", nw) {
					t.Errorf("running line %q kept in:\n%s", nw, text)
				}
			}
		})
	}
}

func TestExtractBadInput(t *testing.T) {
	good, err := os.ReadFile("../ingest/testdata/transcripts/word.pdf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"scanned", mustRead(t, "testdata/scanned.pdf"), ErrNoText},
		{"truncated", mustRead(t, "testdata/truncated.pdf"), ErrInvalid},
		{"header only", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), ErrInvalid},
		{"garbage", []byte("not a pdf at all"), ErrInvalid},
		{"empty", nil, ErrInvalid},
		{"body cut", append(append([]byte{}, good[:len(good)/2]...), good[len(good)-200:]...), ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(bytes.NewReader(tt.data), int64(len(tt.data)))
			if !errors.Is(err, tt.want) {
				t.Errorf("Extract(%s) = %v; want %v", tt.name, err, tt.want)
			}
		})
	}
}

func TestDropRunningKeepsTurnHeaders(t *testing.T) {
	// Turn headers that open every page at the same height differ in their
	// time stamps and must stay; the page number and the header go.
	var pages [][]line
	for i, stamp := range []string{"00:00:03", "00:04:10", "00:09:55"} {
		pages = append(pages, []line{
			{text: "Acme call transcript", y: 380, size: 8},
			{text: "Maria Lopez  " + stamp, y: 350, size: 10},
			{text: []string{"so the budget question came first", "then the pilot", "and we signed"}[i], y: 336, size: 10},
			{text: []string{"1", "2", "3"}[i], y: 34, size: 8},
		})
	}
	got := dropRunning(pages)
	for i, p := range got {
		if len(p) != 2 || !strings.HasPrefix(p[0].text, "Maria Lopez") {
			t.Errorf("page %d kept %+v; want the turn header and its speech", i+1, p)
		}
	}
}

func TestPageNumberRE(t *testing.T) {
	for s, want := range map[string]bool{
		"3": true, "- 3 -": true, "Page 3": true, "Page 3 of 12": true, "3 / 12": true, "p. 4": true,
		"Maria  00:01:02": false, "3 things matter": false, "2026": true, "Yes.": false,
	} {
		if got := pageNumberRE.MatchString(s); got != want {
			t.Errorf("pageNumberRE(%q) = %v; want %v", s, got, want)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func FuzzExtract(f *testing.F) {
	for _, p := range []string{"../ingest/testdata/transcripts/word.pdf", "../ingest/testdata/transcripts/groff_ms.pdf", "../ingest/testdata/transcripts/zoom_transcript.pdf", "testdata/running.pdf", "testdata/scanned.pdf", "testdata/truncated.pdf"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("%PDF-1.4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := Extract(bytes.NewReader(data), int64(len(data)))
		if err != nil && !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrNoText) {
			t.Fatalf("error %v is neither ErrInvalid nor ErrNoText", err)
		}
		if err == nil && strings.TrimSpace(text) == "" {
			t.Fatal("no error and no text")
		}
	})
}
