package gaps

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
)

func TestSize(t *testing.T) {
	// Interviewees 1-4, respondents 11-20. Respondents 11-14 chose
	// "Price"; 11-13 also answered about price in the open question.
	inter := []persona.Participant{{ID: 1}, {ID: 2}, {ID: 3}, {ID: 4}}
	var resp []persona.Participant
	for id := int64(11); id <= 20; id++ {
		crit := "Support"
		if id <= 14 {
			crit = "Price"
		}
		role := "IT"
		if id%2 == 0 {
			role = "Sales"
		}
		resp = append(resp, persona.Participant{ID: id, Attributes: map[string]string{"Most important criterion": crit, "Role": role}})
	}
	q := func(id, part int64) persona.Quote { return persona.Quote{ID: id, ParticipantID: part} }
	quotes := []persona.Quote{q(100, 1), q(101, 2), q(102, 2), q(103, 11), q(104, 12), q(105, 13), q(106, 13),
		q(200, 15), q(201, 16), q(300, 3)}
	themes := []persona.Theme{
		{ID: 1, Label: "price per seat", QuoteIDs: []int64{100, 101, 102, 103, 104, 105, 106}},
		{ID: 2, Label: "support team", QuoteIDs: []int64{200, 201}}, // no interviewee: not sized
		{ID: 3, Label: "security review", QuoteIDs: []int64{300}},
	}
	got := Size(SizingInput{Themes: themes, Quotes: quotes, Interviewees: inter, Respondents: resp})
	want := []ThemeSize{
		{ThemeID: 1, Label: "price per seat", Interviewees: 2, InterviewsOf: 4, Survey: Wilson(3, 10),
			SurveyQuoteIDs: []int64{103, 104, 105},
			Closed:         []ClosedShare{{Question: "Most important criterion", Value: "Price", Chose: Wilson(4, 10)}}},
		{ThemeID: 3, Label: "security review", Interviewees: 1, InterviewsOf: 4, Survey: Wilson(0, 10)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Size (-want +got):\n%s", diff)
	}
}
