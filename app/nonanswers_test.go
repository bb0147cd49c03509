package app

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// harborviewSurvey is the e2e survey with three non-answers.
func harborviewSurvey(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../e2e/testdata/harborview-survey-non-answers.csv")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// ingestSurvey ingests the CSV survey into a new study of a fresh App.
func ingestSurvey(t *testing.T, csv string) (*App, persona.Study, FileResult) {
	t.Helper()
	a, st := freshStudy(t, "survey")
	return a, st, a.Ingest(context.Background(), st.ID, "survey.csv", strings.NewReader(csv))
}

// A survey's non-answers are counted at ingest and stored with the source;
// NonAnswersOf lists exactly those answers; a survey stored before the
// count was kept (-1) is counted when first shown, and the count stored.
func TestNonAnswersAreStoredAndListed(t *testing.T) {
	ctx := context.Background()
	a, st, res := ingestSurvey(t, harborviewSurvey(t))
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

// twoQuestionSurvey has two open questions, each answered "nothing" by
// someone: the non-answers page must tell which column each came from.
const twoQuestionSurvey = `Respondent,Company size,What almost stopped you from buying?,What would you change first?
R1,201-1000,"The per-seat price looked too expensive next to our existing CRM bill, and the platform fee made it worse.",N/A
R2,5000+,Our vendor risk review took four months because the data residency answers were vague at first.,"The reporting screens, because our managers export everything to spreadsheets every Monday."
R3,1-50,Nothing to add at this time.,"Single sign-on, since the setup needed a consultant and the documentation skipped our provider."
R4,51-200,"Salesforce custom objects, because our last tool created duplicate records nobody wanted to clean up.",Can't think of anything
R5,201-1000,"Onboarding the reps took longer than promised because the training videos were out of date.","The mobile app, since our field reps cannot log calls from the road without it crashing."
R6,5000+,"Migrating two years of call recordings was slow and we lost some speaker labels on the way.","Pricing tiers, because the jump from the team plan to enterprise is far too steep for us."
`

// Each non-answer says the survey question (column) it answered, through
// the app and on the non-answers page's JSON; a redaction pass over the
// stored survey keeps them.
func TestNonAnswersSayTheirColumn(t *testing.T) {
	ctx := context.Background()
	a, st, res := ingestSurvey(t, twoQuestionSurvey)
	if res.Status != StatusOK {
		t.Fatalf("ingest: %+v", res)
	}
	const stopped, change = "What almost stopped you from buying?", "What would you change first?"
	want := map[string]string{"N/A": change, "Nothing to add at this time.": stopped, "Can't think of anything": change}
	check := func(when string) {
		t.Helper()
		na, err := a.NonAnswersOf(ctx, res.SourceID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(na.Answers) != len(want) {
			t.Fatalf("%s: non-answers %+v; want %d", when, na.Answers, len(want))
		}
		for _, x := range na.Answers {
			if x.Question != want[x.Text] {
				t.Errorf("%s: %q of %s is listed under %q; want the column %q", when, x.Text, x.Respondent, x.Question, want[x.Text])
			}
		}
	}
	check("after ingest")
	redactOn(t, a, st.ID)
	if _, err := a.RedactStored(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	check("after a redaction pass")
}
