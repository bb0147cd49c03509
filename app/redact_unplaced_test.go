package app

import (
	"context"
	"strings"
	"testing"
)

// A coding waiting to be placed keeps a copy of its quote's text. Applying
// redaction to stored text redacts that copy with the redactor prepared
// for its file: "Dana", a part of the speaker "Dana Ortiz" that starts a
// sentence (where the recogniser never reads), is found there as in the
// turns. Before, the study's base redactor, which knows none of the
// file's speakers, left it.
func TestUnplacedCodingsAreRedactedWithTheFilesNames(t *testing.T) {
	ctx := context.Background()
	a, st := freshStudy(t, "unplaced")
	text := `Interviewer: How did you choose your current tool?
Dana Ortiz: We picked it because the price was fair for a team of our size. The security review took three months though.
Interviewer: And for you, Sam?
Sam: Dana said the onboarding was painful and nobody trained us at all, so we lost weeks.
Interviewer: Anything about the contract?
Dana Ortiz: The yearly contract locked us in and we regretted it. Migration of old recordings was the hardest part.
Sam: Support answered within a day, which mattered to our team more than features.
`
	res := a.IngestWith(ctx, st.ID, "call.txt", strings.NewReader(text), IngestOptions{Force: true})
	if res.Status != StatusOK {
		t.Fatalf("ingest: %+v", res)
	}
	code, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "pain"})
	if err != nil {
		t.Fatal(err)
	}
	ann := Actor{ID: 7, Name: "ann"}
	q, ok := quoteWith(t, a, res.SourceID, "onboarding was painful")
	if !ok {
		t.Fatal("no quote holds the coded words")
	}
	if _, err := a.CodeQuote(ctx, q.ID, code.ID, ann); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetRole(ctx, q.ParticipantID, true); err != nil {
		t.Fatal(err)
	}
	un, err := a.UnplacedCodings(ctx, st.ID, ann)
	if err != nil || len(un) != 1 || !strings.Contains(un[0].Text, "Dana") {
		t.Fatalf("unplaced %+v, %v; want the coding, saying Dana (else the test proves nothing)", un, err)
	}
	redactOn(t, a, st.ID)
	if _, err := a.RedactStored(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	un, err = a.UnplacedCodings(ctx, st.ID, ann)
	if err != nil || len(un) != 1 {
		t.Fatalf("unplaced after the pass %+v, %v", un, err)
	}
	if strings.Contains(un[0].Text, "Dana") {
		t.Errorf("a coding waiting to be placed keeps a name the file's turns redact: %q", un[0].Text)
	}
}
