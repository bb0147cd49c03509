package ingest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestQMSumMeetingsRealData parses every QMSum meeting in ../shared/data: each
// keeps every speaker that says something, no annotation tag or split-off
// punctuation reaches the text, and no word of the transcript is lost.
func TestQMSumMeetingsRealData(t *testing.T) {
	if raceEnabled {
		t.Skip(noRaceReason)
	}
	files, _ := filepath.Glob(filepath.Join(sharedData, "qmsum_meetings/*/*.json"))
	if len(files) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no QMSum meetings in %s; CI must have ../shared/data", sharedData)
		}
		t.Skipf("QMSum meetings not found in %s (../shared/data is not in the repository)", sharedData)
	}
	turns := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(filepath.Base(f), bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		var m qmsumMeeting
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		speakers, words := map[string]bool{}, 0
		short := shortLabels(m.Transcript) // one person's titled and plain labels are one speaker
		for _, u := range m.Transcript {
			if c := cleanQMSum(u.Content); c != "" {
				sp := strings.TrimSpace(u.Speaker)
				if s, ok := short[sp]; ok {
					sp = s
				}
				speakers[sp] = true
				words += alnum(c)
			}
		}
		got, gotWords, marked := map[string]bool{}, 0, 0
		for _, tu := range doc.Turns {
			got[tu.Speaker] = true
			gotWords += alnum(tu.Text)
			if strings.Contains(tu.Text, "{vocalsound}") || strings.Contains(tu.Text, "{disfmarker}") || strings.Contains(tu.Text, " .") || strings.Contains(tu.Text, " 's ") {
				marked++
				t.Logf("%s: turn keeps corpus markup: %.80q", filepath.Base(f), tu.Text)
			}
		}
		if marked > 0 || doc.Format != FormatQMSum || len(got) != len(speakers) || gotWords != words {
			t.Errorf("%s: format %s, %d speakers of %d, %d letters and digits of %d, %d turns with markup", filepath.Base(f), doc.Format, len(got), len(speakers), gotWords, words, marked)
		}
		turns += len(doc.Turns)
	}
	t.Logf("%d meetings, %d turns", len(files), turns)
}

// alnum counts letters and digits: what no cleaning may drop.
func alnum(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
