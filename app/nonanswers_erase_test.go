package app

import (
	"context"
	"testing"
)

// Deleting a respondent whose answer was a non-answer changes the count
// the study page shows (NonAnswerCounts) to what the non-answers page
// lists: the stored count does not keep counting an erased answer.
func TestNonAnswerCountFollowsADeletedRespondent(t *testing.T) {
	ctx := context.Background()
	a, st, res := ingestSurvey(t, harborviewSurvey(t))
	if res.Status != StatusOK || res.NonAnswers != 3 {
		t.Fatalf("ingest: %+v; want 3 non-answers", res)
	}
	na, err := a.NonAnswersOf(ctx, res.SourceID, 0)
	if err != nil || len(na.Answers) != 3 {
		t.Fatalf("non-answers %+v, %v", na, err)
	}
	if _, _, _, err := a.DeleteParticipant(ctx, na.Answers[0].ParticipantID); err != nil {
		t.Fatal(err)
	}
	srcs, err := a.Sources(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	counts, err := a.NonAnswerCounts(ctx, srcs)
	if err != nil {
		t.Fatal(err)
	}
	if counts[res.SourceID] != 2 {
		t.Errorf("the study page counts %d non-answers after deleting a respondent who gave one; want 2", counts[res.SourceID])
	}
}
