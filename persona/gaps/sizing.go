package gaps

import (
	"sort"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// Interviews find, surveys size. A theme found in the interviews is sized
// by the survey: the share of respondents with at least one open answer
// in the theme (the analysis groups interview and survey quotes together,
// so a respondent "expresses" a theme exactly when the analysis put one of
// their answers in it), and, where a closed question's answer names the
// theme, the share who chose that answer.

// SizingInput is what Size needs.
type SizingInput struct {
	Themes []persona.Theme
	// Quotes are the study's buyer quotes (at least every theme member),
	// with ParticipantID.
	Quotes []persona.Quote
	// Interviewees are the buyers of transcripts; Respondents the buyers
	// of surveys (with their closed answers as Attributes).
	Interviewees []persona.Participant
	Respondents  []persona.Participant
}

// ThemeSize is one interview theme sized by the survey.
type ThemeSize struct {
	ThemeID int64        `json:"theme_id"`
	Label   string       `json:"label"`
	Ring    persona.Ring `json:"ring"`
	// Interviewees raised the theme, of InterviewsOf interviewed buyers.
	Interviewees int `json:"interviewees"`
	InterviewsOf int `json:"interviews_of"`
	// Survey is the share of respondents whose open answers express it.
	Survey Interval `json:"survey"`
	// SurveyQuoteIDs are those answers (one per respondent, the first).
	SurveyQuoteIDs []int64 `json:"survey_quote_ids,omitempty"`
	// Closed are the closed-question answers that name the theme, with
	// the share of respondents who chose each.
	Closed []ClosedShare `json:"closed,omitempty"`
}

// ClosedShare is the share of respondents who gave one answer to a
// closed question.
type ClosedShare struct {
	Question string   `json:"question"`
	Value    string   `json:"value"`
	Chose    Interval `json:"chose"`
}

// maxClosedValues bounds the distinct answers of a question that counts
// as closed (a multiple-choice list, not free text or a timestamp).
const maxClosedValues = 12

// Size sizes every theme raised by at least one interviewee. Themes come
// back in the input order.
func Size(in SizingInput) []ThemeSize {
	interviewee := idSet(in.Interviewees)
	respondent := idSet(in.Respondents)
	byID := make(map[int64]persona.Quote, len(in.Quotes))
	for _, q := range in.Quotes {
		byID[q.ID] = q
	}
	closed := closedAnswers(in.Respondents)
	var out []ThemeSize
	for _, t := range in.Themes {
		inter, surv := map[int64]bool{}, map[int64]bool{}
		var survQuotes []int64
		for _, id := range t.QuoteIDs {
			q, ok := byID[id]
			if !ok {
				continue
			}
			switch {
			case interviewee[q.ParticipantID]:
				inter[q.ParticipantID] = true
			case respondent[q.ParticipantID] && !surv[q.ParticipantID]:
				surv[q.ParticipantID] = true
				survQuotes = append(survQuotes, q.ID)
			}
		}
		if len(inter) == 0 {
			continue
		}
		ts := ThemeSize{ThemeID: t.ID, Label: t.Label, Ring: t.Ring, Interviewees: len(inter),
			InterviewsOf: len(in.Interviewees), Survey: Wilson(len(surv), len(in.Respondents)), SurveyQuoteIDs: survQuotes}
		ts.Closed = closedFor(t, closed, in.Respondents, surv)
		out = append(out, ts)
	}
	return out
}

func idSet(ps []persona.Participant) map[int64]bool {
	m := make(map[int64]bool, len(ps))
	for _, p := range ps {
		m[p.ID] = true
	}
	return m
}

// answer is one value of one closed question and how many chose it.
type answer struct {
	question, value string
	terms           []string
	n               int
}

// closedAnswers lists the answers of every closed question: an attribute
// the respondents answer with at most maxClosedValues distinct values.
func closedAnswers(rs []persona.Participant) []answer {
	counts := map[string]map[string]int{}
	for _, p := range rs {
		for k, v := range p.Attributes {
			if v == "" {
				continue
			}
			if counts[k] == nil {
				counts[k] = map[string]int{}
			}
			counts[k][v]++
		}
	}
	var out []answer
	for q, vals := range counts {
		if len(vals) < 2 || len(vals) > maxClosedValues {
			continue
		}
		for v, n := range vals {
			if terms := analysis.TextTerms(v); len(terms) > 0 {
				out = append(out, answer{question: q, value: v, terms: terms, n: n})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].question != out[j].question {
			return out[i].question < out[j].question
		}
		return out[i].value < out[j].value
	})
	return out
}

// closedFor lists the answers that name theme t: every content word of
// the answer ("Price", "Security & compliance") appears, stemmed, in the
// theme's label. Naming is the test, not similarity: a closed answer is a
// word the respondent ticked, and a theme's label is the buyers' own word
// for it; the label alone, because the theme's other phrases mention
// roles and tools in passing ("sales", "spreadsheets"). A named answer
// must also go with the theme: the respondents who chose it express the
// theme in their open answers more often than those who did not (so
// "IT / Security" as a role does not size a "security review" theme that
// its choosers do not raise more than anyone else).
func closedFor(t persona.Theme, answers []answer, rs []persona.Participant, expressed map[int64]bool) []ClosedShare {
	of := len(rs)
	words := map[string]bool{}
	for _, w := range analysis.TextTerms(t.Label) {
		words[w] = true
	}
	var out []ClosedShare
	for _, a := range answers {
		all := true
		for _, w := range a.terms {
			all = all && words[w]
		}
		if all && goesWith(a, rs, expressed) {
			out = append(out, ClosedShare{Question: a.question, Value: a.value, Chose: Wilson(a.n, of)})
		}
	}
	return out
}

// goesWith reports whether the respondents who chose answer a express the
// theme more often than the others.
func goesWith(a answer, rs []persona.Participant, expressed map[int64]bool) bool {
	var chose, chExp, rest, restExp int
	for _, p := range rs {
		if p.Attributes[a.question] == a.value {
			chose++
			if expressed[p.ID] {
				chExp++
			}
		} else {
			rest++
			if expressed[p.ID] {
				restExp++
			}
		}
	}
	if chose == 0 || chExp == 0 {
		return false
	}
	return rest == 0 || float64(chExp)/float64(chose) > float64(restExp)/float64(rest)
}
