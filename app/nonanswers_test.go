package app

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// A survey's non-answers are counted at ingest and stored with the source;
// NonAnswersOf lists exactly those answers; a survey stored before the
// count was kept (-1) is counted when first shown, and the count stored.
func TestNonAnswersAreStoredAndListed(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, err := a.CreateStudy(ctx, "survey")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../e2e/testdata/harborview-survey-non-answers.csv")
	if err != nil {
		t.Fatal(err)
	}
	res := a.Ingest(ctx, st.ID, "survey.csv", strings.NewReader(string(data)))
	if res.Status != StatusOK {
		t.Fatalf("ingest: %+v", res)
	}
	want := []string{"N/A", "Can't think of anything", "Nothing to add at this time."}
	if res.NonAnswers != len(want) {
		t.Fatalf("the ingest reports %d non-answers; want %d", res.NonAnswers, len(want))
	}
	src, err := a.Source(ctx, res.SourceID)
	if err != nil || src.NonAnswers != len(want) {
		t.Fatalf("stored source %+v, %v; want %d non-answers", src, err, len(want))
	}
	for _, limit := range []int{0, 2} {
		na, err := a.NonAnswersOf(ctx, src.ID, limit)
		if err != nil {
			t.Fatal(err)
		}
		if na.Total != len(want) || limit == 0 && len(na.Answers) != len(want) || limit == 2 && len(na.Answers) != 2 {
			t.Fatalf("limit %d: %+v; want %d in all", limit, na, len(want))
		}
		for i, x := range na.Answers {
			if x.Text != want[i] || x.Respondent == "" || x.Row < 2 {
				t.Errorf("non-answer %d: %+v; want %q with its respondent and row", i, x, want[i])
			}
		}
	}
	// Stored before the count was kept: counted once, then read.
	if err := a.store.SetNonAnswers(ctx, src.ID, -1); err != nil {
		t.Fatal(err)
	}
	srcs, err := a.Sources(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	counts, err := a.NonAnswerCounts(ctx, srcs)
	if err != nil || counts[src.ID] != len(want) {
		t.Fatalf("counts %v, %v; want %d for source %d", counts, err, len(want), src.ID)
	}
	if again, _ := a.Source(ctx, src.ID); again.NonAnswers != len(want) {
		t.Errorf("the count was not stored: %d", again.NonAnswers)
	}
	// A transcript has none, and lists none.
	tr := a.IngestWith(ctx, st.ID, "call.txt", strings.NewReader(anchoredTranscript), IngestOptions{Force: true})
	if na, err := a.NonAnswersOf(ctx, tr.SourceID, 0); err != nil || na.Total != 0 || na.Source.Kind == persona.KindSurvey {
		t.Errorf("a transcript's non-answers: %+v, %v", na, err)
	}
}
