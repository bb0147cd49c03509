package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addSeeds adds the transcript fixtures whose name ends with one of exts.
func addSeeds(f *testing.F, exts ...string) {
	for name, data := range transcriptFixtures(f) {
		for _, ext := range exts {
			if strings.HasSuffix(name, ext) {
				f.Add(data)
			}
		}
	}
}

// fuzzParser checks that a parser never panics, returns *Error on
// failure, and returns well-formed turns otherwise.
func fuzzParser(t *testing.T, name string, parse func(string, []byte) (*Document, error), data []byte) {
	doc, err := parse(name, data)
	if err != nil {
		var pe *Error
		if !errors.As(err, &pe) || pe.File != name {
			t.Fatalf("error %v is not an *Error naming %s", err, name)
		}
		return
	}
	for i, tu := range doc.Turns {
		if tu.Speaker == "" || strings.TrimSpace(tu.Text) == "" || tu.Line < 1 {
			t.Fatalf("turn %d malformed: %+v", i, tu)
		}
	}
	// Parse itself must agree (it may also reject, e.g. an empty file).
	if _, err := Parse(name, bytes.NewReader(data)); err != nil {
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("Parse error %v is not an *Error", err)
		}
	}
}

func FuzzParseText(f *testing.F) {
	addSeeds(f, ".txt", ".md")
	f.Add([]byte("Interviewer: hi\n\xff\n"))
	for _, name := range []string{"guide.md", "notes.txt", "summary.md", "numbered_guide.txt"} {
		if data, err := os.ReadFile(filepath.Join("testdata/skipped", name)); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("**Q?**\\\n|a|b|\n|--|--|\n| x \\| y |\n***"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParser(t, "f.txt", parseText, data) })
}

func FuzzParseVTT(f *testing.F) {
	addSeeds(f, ".vtt")
	f.Add([]byte("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>x<v B>y</v><"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParser(t, "f.vtt", parseVTT, data) })
}

func FuzzParseSRT(f *testing.F) {
	addSeeds(f, ".srt")
	f.Add([]byte("1\n00:00:01,000 --> 00:00:02,000\n[SPEAKER_00]\n2\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParser(t, "f.srt", parseSRT, data) })
}

func FuzzParseOtter(f *testing.F) {
	addSeeds(f, "otter.txt")
	f.Add([]byte("A  0:01\nx\nB 99:59:59\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParser(t, "f.txt", parseOtter, data) })
}

// FuzzParseDOCX fuzzes whole archives and, since mutated archives rarely
// open, also document.xml bodies wrapped into a fresh archive.
func FuzzParseDOCX(f *testing.F) {
	addSeeds(f, ".docx")
	for _, src := range []string{"teams", "meet", "labels"} {
		xml, err := os.ReadFile(filepath.Join(transcriptDir, src+".docx.xml"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(xml)
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK")) {
			data = buildDOCX(t, data)
		}
		fuzzParser(t, "f.docx", parseDOCX, data)
	})
}

func FuzzParseCallJSON(f *testing.F) {
	addSeeds(f, ".json")
	f.Add([]byte(`{"data":{"transcript":{"sentences":[{"speaker_name":"","text":"x"}]}}}`))
	f.Add([]byte(`[{"speaker":"A","start":-1,"end":1e300,"text":"x"}]`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParser(t, "f.json", parseCallJSON, data) })
}

func FuzzParsePDF(f *testing.F) {
	addSeeds(f, ".pdf")
	for _, name := range []string{"scanned.pdf", "truncated.pdf", "running.pdf", "brochure.pdf"} {
		if data, err := os.ReadFile(filepath.Join("../pdftext/testdata", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParser(t, "f.pdf", parsePDF, data) })
}
