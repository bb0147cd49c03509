package app

import (
	"context"
	"strings"
	"testing"
)

// Deleting a participant erases their words everywhere: also the text kept
// of a code example that a role change took off their quote and that
// waits, unplaced, in quote_anchors.
func TestDeletingAParticipantErasesTheirHeldExamples(t *testing.T) {
	ctx := context.Background()
	a, study, res, code := anchoredStudy(t)
	q := mustQuote(t, a, res.SourceID, "onboarding was painful")
	if _, err := a.UpdateCode(ctx, code.ID, CodeInput{Name: code.Name, Examples: []int64{q.ID}}); err != nil {
		t.Fatal(err)
	}
	sam := participantLabelled(t, a, res.SourceID, "Sam")
	if _, err := a.SetRole(ctx, sam.ID, true); err != nil {
		t.Fatal(err)
	}
	un, err := a.UnplacedHeldOf(ctx, study)
	if err != nil || len(un.Examples) != 1 {
		t.Fatalf("after the role change: %+v, %v; want Sam's example held", un, err)
	}
	if _, _, _, err := a.DeleteParticipant(ctx, sam.ID); err != nil {
		t.Fatal(err)
	}
	un, err = a.UnplacedHeldOf(ctx, study)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range un.Examples {
		if strings.Contains(e.Text, "onboarding") {
			t.Errorf("a deleted participant's words remain in a held example: %q", e.Text)
		}
	}
}
