package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// noRaceReason is why the real-data parse tests skip under -race.
const noRaceReason = "real-data parse check on one goroutine: runs on every file without -race (make test's second line)"

// sharedData holds the real transcripts (see ../shared/data/README.md);
// it is not in the repository.
const sharedData = "../../../shared/data"

// TestRealTranscripts parses every real transcript and checks that the
// interviewer and the interviewee come out right.
func TestRealTranscripts(t *testing.T) {
	sets := []struct {
		glob        string
		interviewer string // a label that must be RoleInterviewer
	}{
		{"ml_practitioner_interviews/Interview_*.txt", ""},
		{"serdif_usability_study/transcripts/*.txt", "MODERATOR"},
	}
	for _, set := range sets {
		files, err := filepath.Glob(filepath.Join(sharedData, set.glob))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			if os.Getenv("CI") == "true" {
				t.Fatalf("no files match %s in %s; CI must have ../shared/data", set.glob, sharedData)
			}
			t.Skipf("real transcripts not found in %s (../shared/data is not in the repository)", sharedData)
		}
		for _, f := range files {
			t.Run(filepath.Base(f), func(t *testing.T) { checkRealTranscript(t, f, set.interviewer) })
		}
	}
}

func checkRealTranscript(t *testing.T, path, interviewer string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(filepath.Base(path), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	counts := map[string]int{}
	for _, tu := range doc.Turns {
		if len(tu.Speaker) > maxLabelLen {
			t.Errorf("line %d: speaker label %q is longer than %d", tu.Line, tu.Speaker, maxLabelLen)
		}
		roles[tu.Speaker] = tu.Role
		counts[tu.Role]++
	}
	if len(roles) < 2 {
		t.Errorf("%d speakers %v; want >= 2", len(roles), roles)
	}
	if counts[RoleInterviewer] == 0 || counts[RoleParticipant] == 0 {
		t.Errorf("turns by role %v; want both interviewer and participant turns", counts)
	}
	if interviewer != "" && roles[interviewer] != RoleInterviewer {
		t.Errorf("%q has role %q; want %q", interviewer, roles[interviewer], RoleInterviewer)
	}
	for sp, role := range roles {
		if role == "" && sp != unknownSpeaker {
			t.Errorf("speaker %q has no role", sp)
		}
	}
}

// TestInterviewersByBehaviourRealData hides the roles the labels declare and
// checks that behaviour alone (most turns ask, prompt or introduce) finds
// each file's main interviewer (the declared interviewer with the most
// turns) and never takes a declared interviewee for an interviewer.
func TestInterviewersByBehaviourRealData(t *testing.T) {
	if raceEnabled {
		t.Skip(noRaceReason)
	}
	for _, glob := range []string{"ml_practitioner_interviews/Interview_*.txt", "serdif_usability_study/transcripts/*.txt"} {
		files, _ := filepath.Glob(filepath.Join(sharedData, glob))
		if len(files) == 0 {
			if os.Getenv("CI") == "true" {
				t.Fatalf("no files match %s in %s; CI must have ../shared/data", glob, sharedData)
			}
			t.Skipf("real transcripts not found in %s", sharedData)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(filepath.Base(f), bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			stats, _ := speakerStats(doc.Turns)
			got := persona.DetectInterviewers(stats, nil)
			main, role := "", map[string]string{}
			for _, tu := range doc.Turns {
				role[tu.Speaker] = tu.Role
				if tu.Role == RoleInterviewer && (main == "" || stats[tu.Speaker].Turns > stats[main].Turns) {
					main = tu.Speaker
				}
			}
			if !got[main] {
				t.Errorf("%s: main interviewer %q %+v not detected", filepath.Base(f), main, stats[main])
			}
			for sp := range got {
				if role[sp] == RoleParticipant {
					t.Errorf("%s: interviewee %q %+v taken for an interviewer", filepath.Base(f), sp, stats[sp])
				}
			}
		}
	}
}
