package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNotTranscript checks that a guide, third-person notes, a summary
// table and a README-like document are refused with ErrNotTranscript and a reason, and that Force
// takes them in with the reason as a warning.
func TestNotTranscript(t *testing.T) {
	tests := map[string]string{
		"guide.md":           "looks like an interview guide: 8 questions, no answers",
		"notes.txt":          "looks like third-person notes",
		"summary.md":         "looks like a summary table: 4 rows",
		"numbered_guide.txt": "looks like an interview guide: 5 numbered questions",
		"readme.txt":         "looks like a document or notes, not a transcript: no speaker labels; of 6 lines, 0 are questions and 0 in the first person",
	}
	for file, reason := range tests {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/skipped", file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(file, bytes.NewReader(data))
			var pe *Error
			if !errors.Is(err, ErrNotTranscript) || !errors.As(err, &pe) || !strings.HasPrefix(pe.Msg, reason) {
				t.Fatalf("Parse(%s) = %v; want ErrNotTranscript with %q", file, err, reason)
			}
			doc, err := ParseWith(file, bytes.NewReader(data), Options{Force: true})
			if err != nil {
				t.Fatalf("ParseWith(%s, Force) = %v", file, err)
			}
			if len(doc.Turns) == 0 || !strings.Contains(strings.Join(doc.Warnings, "\n"), reason) {
				t.Errorf("forced %s: %d turns, warnings %q; want turns and %q", file, len(doc.Turns), doc.Warnings, reason)
			}
		})
	}
}

// TestTranscriptsAreNotSkipped: no golden transcript fixture looks like
// no transcript.
func TestTranscriptsAreNotSkipped(t *testing.T) {
	for name, data := range transcriptFixtures(t) {
		if _, err := Parse(name, bytes.NewReader(data)); errors.Is(err, ErrNotTranscript) {
			t.Errorf("Parse(%s) skipped a transcript: %v", name, err)
		}
	}
}
