package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestTranscriptBadInput(t *testing.T) {
	docx := []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>A: hi</w:t></w:r></w:p></w:body></w:document>`)
	tests := []struct {
		name string
		data []byte
		line int    // want Error.Line
		msg  string // want in the message
	}{
		{"empty.txt", nil, 0, "empty"},
		{"blank.txt", []byte(" \n\t\n"), 0, "empty"},
		{"report.txt", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), 0, "unreadable PDF"},
		{"scanned.pdf", readFile(t, "../pdftext/testdata/scanned.pdf"), 0, "no text layer (a scanned PDF?): export the transcript as text"},
		{"truncated.pdf", readFile(t, "../pdftext/testdata/truncated.pdf"), 0, "unreadable PDF (truncated, corrupt or encrypted)"},
		{"brochure.pdf", readFile(t, "../pdftext/testdata/brochure.pdf"), 0, "no speaker labels"},
		{"image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0, "binary"},
		{"latin1.txt", []byte("Interviewer: hi\nParticipant: caf\xe9\n"), 2, "UTF-8"},
		{"latin1.vtt", []byte("WEBVTT\n\n00:01.000 --> 00:02.000\nA: caf\xe9\n"), 4, "UTF-8"},
		{"noheader.vtt", []byte("00:00:01.000 --> 00:00:02.000\nAna: hello\n"), 1, "WEBVTT"},
		{"badtiming.vtt", []byte("WEBVTT\n\n00:00:01.000 --> soon\nAna: hello\n"), 3, "timing"},
		{"oneline.vtt", []byte("WEBVTT " + strings.Repeat("x", 100<<10)), 0, "no speech"},
		{"notiming.srt", []byte("1\nhello there\n"), 1, "no SRT cue timing"},
		{"prose.txt", []byte("Just some notes about the call.\nNothing labelled here.\n"), 0, "no speaker labels"},
		{"prose.md", []byte("# Call\n\n**Summary**\n\nWe talked about pricing.\n\n---\n"), 0, "no speaker labels"},
		{"onequestion.md", []byte("**How do you report?**\n\nIn Excel.\n"), 0, "no speaker labels"},
		{"rules.md", []byte("---\n***\n___\n|--|--|\n"), 0, "no speaker labels"},
		{"many.docx", zipWith(t, 1001, nil), 0, "1001 entries"},
		{"bomb.docx", rawZip(t, docxBody, 150<<20, docx), 0, `"word/document.xml" declares 150 MB`},
		{"bombtotal.docx", bigTotalZip(t, docx), 0, "uncompressed size over the 200 MB"},
		{"slip.docx", zipWith(t, 0, map[string][]byte{"../../x": []byte("x"), docxBody: docx}), 0, `"../../x"`},
		{"abs.docx", zipWith(t, 0, map[string][]byte{"/etc/x": []byte("x"), docxBody: docx}), 0, `"/etc/x"`},
		{"lying.docx", rawZip(t, docxBody, 10, docx), 0, "cannot read"},
		{"notword.docx", zipWith(t, 0, map[string][]byte{"a.txt": []byte("x")}), 0, "neither"},
		{"badxml.docx", zipWith(t, 0, map[string][]byte{docxBody: []byte("<w:document><w:p>")}), 0, "not valid XML"},
		{"truncated.docx", []byte("PK\x03\x04garbage"), 0, "archive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.name, bytes.NewReader(tt.data))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%s) error = %v; want *Error", tt.name, err)
			}
			if pe.File != tt.name || pe.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Parse(%s) = %q (line %d); want file %s, line %d, message with %q", tt.name, err, pe.Line, tt.name, tt.line, tt.msg)
			}
			t.Logf("%s: %v", tt.name, err)
			if !strings.Contains(err.Error(), tt.name) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

// zipWith builds an archive with files plus n filler entries.
func zipWith(t *testing.T, n int, files map[string][]byte) []byte {
	t.Helper()
	all := map[string][]byte{}
	for i := range n {
		all[fmt.Sprintf("f/%04d", i)] = nil
	}
	for k, v := range files {
		all[k] = v
	}
	return buildZip(t, all)
}

// rawZip stores data under name, declaring size as its uncompressed size.
func rawZip(t *testing.T, name string, size uint64, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, UncompressedSize64: size, CompressedSize64: uint64(len(data))})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bigTotalZip declares 3 x 90 MB entries beside a small document.
func bigTotalZip(t *testing.T, doc []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{docxBody, "word/media/a.bin", "word/media/b.bin", "word/media/c.bin"} {
		body, size := []byte("x"), uint64(90<<20)
		if name == docxBody {
			body, size = doc, uint64(len(doc))
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, UncompressedSize64: size, CompressedSize64: uint64(len(body))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
