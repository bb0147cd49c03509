package ingest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestMarkdownBuild builds each Markdown and unlabelled fixture and checks
// what a researcher would: the buyer is a participant, the interviewer
// (and the questions) are not quoted, and no markup reaches a quote.
func TestMarkdownBuild(t *testing.T) {
	tests := []struct {
		file         string
		buyer        string
		interviewers []string
	}{
		{"pandoc_hardbreak.md", "Participant", []string{"Interviewer"}},
		{"bold_inline.md", "Maria Lopez", []string{"Interviewer"}},
		{"heading_names.md", "Omar", []string{"Jane"}},
		{"qa_labels.md", "A", []string{"Q"}},
		{"qa_bold.md", "Participant", []string{"Interviewer"}},
		{"qa_italic_headings.md", "Participant", []string{"Interviewer"}},
		{"table.md", "Priya", []string{"Interviewer"}},
		{"one_speaker.txt", "Participant", []string{"Interviewer"}},
		{"one_label.txt", "Participant", []string{"Interviewer"}},
		{"list_stamps.md", "Participant 12", []string{"Interviewer"}},
	}
	fixtures := transcriptFixtures(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := fixtures[tt.file]
			doc, err := Parse(tt.file, bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Parse(%s): %v", tt.file, err)
			}
			imp := Build(tt.file, data, doc, nlp.Shared())
			var buyers, interviewers []string
			for _, p := range imp.Participants {
				if p.Interviewer {
					interviewers = append(interviewers, p.Label)
				} else {
					buyers = append(buyers, p.Label)
				}
			}
			if len(buyers) != 1 || buyers[0] != tt.buyer || strings.Join(interviewers, ",") != strings.Join(tt.interviewers, ",") {
				t.Errorf("buyers %v, interviewers %v; want [%s], %v", buyers, interviewers, tt.buyer, tt.interviewers)
			}
			if len(imp.Quotes) == 0 {
				t.Fatalf("no quotes")
			}
			for _, q := range imp.Quotes {
				if hasMarkup(q.Text) {
					t.Errorf("markup in quote %q", q.Text)
				}
				if strings.HasSuffix(q.Text, "?") {
					t.Errorf("question quoted as the buyer's: %q", q.Text)
				}
			}
			for _, tu := range imp.Turns {
				if hasMarkup(tu.Text) {
					t.Errorf("markup in stored turn %q", tu.Text)
				}
			}
		})
	}
}

// hasMarkup reports Markdown left in text: emphasis markers, escapes, and
// heading or table markers at a line's start.
func hasMarkup(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.ContainsAny(l, "*\\") || strings.Contains(l, "__") || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "|") {
			return true
		}
	}
	return false
}
