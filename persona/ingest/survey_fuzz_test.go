package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseCSV checks that any input either parses into a consistent
// survey or fails with an *Error naming the file; never a panic.
func FuzzParseCSV(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "survey", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("a,b\n\"x\ny\",\"unterminated\n"))
	f.Add([]byte("\xFE\xFF\x00a\x00,\x00b\x00\n\x001\x00,\x002"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := parseCSV("fuzz.csv", data)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.File != "fuzz.csv" {
				t.Fatalf("error %v is not an *Error naming the file", err)
			}
			return
		}
		checkSurvey(t, doc)
	})
}

// checkSurvey checks the invariants of a parsed survey.
func checkSurvey(t *testing.T, doc *Document) {
	t.Helper()
	if len(doc.Respondents) == 0 {
		t.Fatal("no respondents and no error")
	}
	questions := map[string]bool{}
	for _, q := range doc.Questions {
		questions[q] = true
	}
	last := 0
	for _, r := range doc.Respondents {
		if r.ID == "" || r.Row <= last {
			t.Fatalf("respondent %q row %d after row %d", r.ID, r.Row, last)
		}
		last = r.Row
		for k, v := range r.Attributes {
			if k == "" || strings.TrimSpace(v) == "" {
				t.Fatalf("row %d: empty attribute %q = %q", r.Row, k, v)
			}
		}
		for _, a := range r.Answers {
			if !questions[a.Question] || strings.TrimSpace(a.Text) == "" {
				t.Fatalf("row %d: answer %+v", r.Row, a)
			}
		}
	}
}
