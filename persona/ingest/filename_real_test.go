package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/verbatimhq/verbatim/persona/nlp"
	"github.com/verbatimhq/verbatim/persona/redact"
)

// The real transcripts' file names name nobody ("Interview_10.txt",
// "P10_GMT20211130.txt", "covid_0.json", "ES2002a.json"): reading them
// for names no speaker has (redact.Redactor.PeopleInFileName) should leave
// them as they are. Each file's text is learned first, as at ingest. The
// recogniser is not perfect (docs/PRIVACY.md: 1 of 285 names changed,
// "education_13.json", whose text says "Minister for Education"), so the
// test fails when more than one name in a hundred changes, and logs each.
func TestFileNamesNameNobodyRealData(t *testing.T) {
	if raceEnabled {
		t.Skip(noRaceReason)
	}
	globs := []string{"ml_practitioner_interviews/Interview_*.txt", "serdif_usability_study/transcripts/*.txt", "qmsum_meetings/*/*.json"}
	var files []string
	for _, g := range globs {
		m, err := filepath.Glob(filepath.Join(sharedData, g))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no real transcripts in %s; CI must have ../shared/data", sharedData)
		}
		t.Skipf("real transcripts not found in %s (../shared/data is not in the repository)", sharedData)
	}
	changed := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		doc, err := Parse(name, bytes.NewReader(data))
		if err != nil {
			continue // not a transcript (the QMSum split lists)
		}
		r := &redact.Redactor{Pseudonyms: redact.NewPseudonyms([]byte("k")), Entities: nlp.Shared().Entities}
		var speakers, texts []string
		for _, tu := range doc.Turns {
			r.Learn(tu.Text)
			speakers, texts = append(speakers, tu.Speaker), append(texts, tu.Text)
		}
		if got := RedactFileName(name, r, speakers, texts); got != name {
			changed++
			t.Logf("%s became %q", name, got)
		}
	}
	t.Logf("%d real file names read, %d changed", len(files), changed)
	if changed*100 > len(files) {
		t.Errorf("%d of %d real file names that name nobody were redacted", changed, len(files))
	}
}
