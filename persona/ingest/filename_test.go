package ingest

import (
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/nlp"
	"github.com/verbatimhq/verbatim/persona/redact"
)

// unnamedInterview names nobody: its speakers are roles.
const unnamedInterview = `Interviewer: Thanks for joining. Tell me about the security review.
Buyer: The security review took three months, and the pricing call with finance was the hardest part.
Interviewer: What would you change?
Buyer: Honestly the onboarding was painful and nobody trained us on the export.
`

// A file name that names someone no speaker is (the speakers here are
// roles) is redacted through the recogniser; words of file names, dates
// and words the transcript writes in lower case stay.
func TestFileNameNamingSomeoneNoSpeakerIs(t *testing.T) {
	for _, tc := range []struct {
		file       string
		gone, kept []string
	}{
		{"call-notes-priya-raman.txt", []string{"priya", "raman"}, []string{"call-notes-", ".txt"}},
		{"interview-with-marcus-bell-2024-03-01.txt", []string{"marcus", "bell"}, []string{"interview-with-", "2024-03-01"}},
		{"discovery_call_jonas_whitfield.txt", []string{"jonas", "whitfield"}, []string{"discovery_call_"}},
		{"security-review-pricing-call.txt", nil, []string{"security-review-pricing-call.txt"}},
		{"zoom-recording-2024-q3.txt", nil, []string{"zoom-recording-2024-q3.txt"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			red := &Redaction{Redactor: &redact.Redactor{Pseudonyms: redact.NewPseudonyms([]byte("s")), Entities: nlp.Shared().Entities}}
			imp, _ := buildRedacted(t, tc.file, unnamedInterview, red)
			got := imp.Source.Name
			for _, s := range tc.gone {
				if strings.Contains(strings.ToLower(got), s) {
					t.Errorf("%s is stored as %q; %q should be gone", tc.file, got, s)
				}
			}
			for _, s := range tc.kept {
				if !strings.Contains(got, s) {
					t.Errorf("%s is stored as %q; %q should stay", tc.file, got, s)
				}
			}
			if len(tc.gone) > 0 && !strings.Contains(got, "[Person 1]") {
				t.Errorf("%s is stored as %q; want the person's pseudonym", tc.file, got)
			}
			// Without a recogniser the name stays (nothing to find it).
			plain := &Redaction{Redactor: &redact.Redactor{Pseudonyms: redact.NewPseudonyms([]byte("s"))}}
			if imp, _ := buildRedacted(t, tc.file, unnamedInterview, plain); imp.Source.Name != tc.file {
				t.Errorf("without a recogniser %s became %q", tc.file, imp.Source.Name)
			}
		})
	}
}
