package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestCallRecorderBuild builds each vendor's export: the seller's people
// are interviewers (by the export's own fields where it has them), the
// buyer is the one participant with quotes, and titles and the call date
// are attributes.
func TestCallRecorderBuild(t *testing.T) {
	tests := []struct {
		file, format, buyer, interviewer string
		attrs                            map[string]string
	}{
		{"gong.json", FormatGong, "Priya Raman", "Jordan Lee", map[string]string{"Title": "VP Finance", "Call date": "2024-03-12"}},
		{"fathom.json", FormatFathom, "Dana Whitfield", "Sam Ortiz", map[string]string{"Call date": "2025-03-01"}},
		{"fireflies.json", FormatFireflies, "Maria Lopez", "Alex Kim", map[string]string{"Call date": "2024-06-03"}},
		{"grain.json", FormatGrain, "Dr. Ana Silva", "Chris Park", nil},
	}
	fixtures := transcriptFixtures(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := fixtures[tt.file]
			doc, err := Parse(tt.file, bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if doc.Format != tt.format {
				t.Errorf("format %q; want %q", doc.Format, tt.format)
			}
			imp := Build(tt.file, data, doc, nlp.Shared())
			for _, p := range imp.Participants {
				switch p.Label {
				case tt.buyer:
					if p.Interviewer {
						t.Errorf("%s marked interviewer", p.Label)
					}
					for k, v := range tt.attrs {
						if p.Attributes[k] != v {
							t.Errorf("%s attribute %s = %q; want %q", p.Label, k, p.Attributes[k], v)
						}
					}
				case tt.interviewer:
					if !p.Interviewer {
						t.Errorf("%s not marked interviewer", p.Label)
					}
				default:
					t.Errorf("unexpected participant %q", p.Label)
				}
			}
			if len(imp.Quotes) == 0 {
				t.Fatal("no quotes")
			}
			for _, q := range imp.Quotes {
				if imp.Participants[q.ParticipantID].Label != tt.buyer {
					t.Errorf("quote %q attributed to %s", q.Text, imp.Participants[q.ParticipantID].Label)
				}
			}
		})
	}
}

// TestCallRecorderSides: the export's side fields decide, even where the
// questions alone would point the other way.
func TestCallRecorderSides(t *testing.T) {
	grain := `{"participants":[{"id":"a","name":"Rep","scope":"internal"},{"id":"b","name":"Buyer","scope":"external"}],
	"transcript":[{"speaker":"Buyer","participant_id":"b","start":0,"end":1,"text":"Why would we pay more for that?"},
	{"speaker":"Rep","participant_id":"a","start":2,"end":3,"text":"Because the reports are ready on Monday morning."}]}`
	doc, err := Parse("call.json", strings.NewReader(grain))
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, tu := range doc.Turns {
		roles[tu.Speaker] = tu.Role
	}
	if roles["Rep"] != RoleInterviewer || roles["Buyer"] != RoleParticipant {
		t.Errorf("roles %v; want Rep interviewer, Buyer participant", roles)
	}
	gong := `{"callTranscripts":[{"callId":"1","transcript":[{"speakerId":"x","sentences":[{"start":0,"end":1,"text":"How do you report?"}]},
	{"speakerId":"y","sentences":[{"start":1,"end":2,"text":"In Excel, every Friday."}]}]}]}`
	doc, err = Parse("gong.json", strings.NewReader(gong))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Turns[0].Speaker != "Speaker 1" || doc.Turns[1].Speaker != "Speaker 2" || !strings.Contains(strings.Join(doc.Warnings, " "), "parties") {
		t.Errorf("gong without parties: %+v %v; want Speaker 1/2 and a warning", doc.Turns, doc.Warnings)
	}
}

func TestCallRecorderBadInput(t *testing.T) {
	tests := []struct{ name, data, msg string }{
		{"meeting.json", `{"topic_list":[{"topic":"x"}],"meeting_transcripts":[]}`, "QMSum meeting with no speech"},
		{"tagsonly.json", `{"meeting_transcripts":[{"speaker":"A","content":"{vocalsound} {gap}"}]}`, "QMSum meeting with no speech"},
		{"badshape.json", `{"meeting_transcripts":{"speaker":"A"}}`, "unexpected JSON shape"},
		{"list.json", `[1,2,3]`, "Fireflies (sentences"},
		{"objects.json", `[{"a":1}]`, "Grain (segments"},
		{"broken.json", `{"callTranscripts": [`, "invalid JSON"},
		{"wrongtype.json", `{"callTranscripts": "yes"}`, "unexpected JSON shape"},
		{"empty.json", `{"sentences": []}`, "no speech"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.name, strings.NewReader(tt.data))
			var pe *Error
			if !errors.As(err, &pe) || pe.File != tt.name || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Parse(%s) = %v; want an *Error naming the file with %q", tt.name, err, tt.msg)
			}
		})
	}
}
