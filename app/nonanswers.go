package app

import (
	"context"

	"github.com/verbatimhq/verbatim/persona"
)

// A survey's answers that say there is nothing to say ("N/A", "Nothing
// comes to mind", persona.IsNonAnswer) give no quote. Their number is
// stored per source at ingest and shown on the study page; the answers
// themselves stay in the source's turns, where a researcher can open them.

// NonAnswer is one answer set aside as a non-answer.
type NonAnswer struct {
	TurnID        int64  `json:"turn_id"`
	ParticipantID int64  `json:"participant_id"`
	Respondent    string `json:"respondent"`
	// Row is the answer's row in the survey file.
	Row  int    `json:"row"`
	Text string `json:"text"`
	// Question is the survey column the answer is in (its title); empty
	// for surveys stored before it was kept (migration 15).
	Question string `json:"question,omitempty"`
}

// SourceNonAnswers are a source's answers set aside as non-answers: Total
// of them, the first limit (all when limit <= 0) in the file's order.
type SourceNonAnswers struct {
	Source  persona.Source `json:"source"`
	Total   int            `json:"total"`
	Answers []NonAnswer    `json:"answers"`
}

// NonAnswersOf lists a source's answers set aside as non-answers (none for
// anything but a survey).
func (a *App) NonAnswersOf(ctx context.Context, sourceID int64, limit int) (SourceNonAnswers, error) {
	src, err := a.store.Source(ctx, sourceID)
	if err != nil {
		return SourceNonAnswers{}, err
	}
	out := SourceNonAnswers{Source: src, Answers: []NonAnswer{}}
	if src.Kind != persona.KindSurvey {
		return out, nil
	}
	turns, err := a.store.Turns(ctx, sourceID)
	if err != nil {
		return out, err
	}
	for _, t := range turns {
		if !persona.IsNonAnswer(t.Text) {
			continue
		}
		out.Total++
		if limit <= 0 || len(out.Answers) < limit {
			out.Answers = append(out.Answers, NonAnswer{TurnID: t.ID, ParticipantID: t.ParticipantID, Respondent: t.Speaker, Row: t.Line, Text: t.Text, Question: t.Question})
		}
	}
	if out.Total != src.NonAnswers {
		// Counted anew (a survey stored before the count was kept, or a
		// change in what counts as a non-answer): the study page shows it.
		defer a.changed(src.StudyID, ChangeSources)
		if err := a.store.SetNonAnswers(ctx, sourceID, out.Total); err != nil {
			return out, err
		}
		out.Source.NonAnswers = out.Total
	}
	return out, nil
}

// NonAnswerCounts are the non-answer counts of a study's sources that have
// any, by source id; surveys stored before the count was kept are counted
// (once) here.
func (a *App) NonAnswerCounts(ctx context.Context, srcs []persona.Source) (map[int64]int, error) {
	out := map[int64]int{}
	for _, s := range srcs {
		n := s.NonAnswers
		if n < 0 {
			na, err := a.NonAnswersOf(ctx, s.ID, 1)
			if err != nil {
				return nil, err
			}
			n = na.Total
		}
		if n > 0 {
			out[s.ID] = n
		}
	}
	return out, nil
}
