package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// Build turns a parsed document into domain objects ready to store:
// participants (interviewers marked), turns, and the buyers' quotes, each
// carrying the question it answers. data is the file's raw bytes, for the
// checksum.
func Build(name string, data []byte, doc *Document, lang persona.Language) *persona.Import {
	sum := sha256.Sum256(data)
	imp := &persona.Import{Source: persona.Source{
		Kind: persona.KindTranscript, Name: name, Format: doc.Format,
		SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)),
		ImportedAt: time.Now().UTC(), Warnings: doc.Warnings,
	}}
	if doc.IsSurvey() {
		imp.Source.Kind = persona.KindSurvey
		buildSurvey(imp, doc, lang)
	} else {
		buildTranscript(imp, doc, lang)
	}
	return imp
}

func buildTranscript(imp *persona.Import, doc *Document, lang persona.Language) {
	index := map[string]int{}
	for _, t := range doc.Turns {
		if _, ok := index[t.Speaker]; !ok {
			index[t.Speaker] = len(imp.Participants)
			imp.Participants = append(imp.Participants, persona.Participant{Label: t.Speaker, Attributes: doc.Attributes[t.Speaker]})
		}
	}
	stats, texts := speakerStats(doc.Turns)
	declared := map[string]string{}
	for _, t := range doc.Turns {
		if t.Role != "" {
			declared[t.Speaker] = t.Role
		}
	}
	interviewers := persona.DetectInterviewers(stats, declared)
	for i := range imp.Participants {
		imp.Participants[i].Interviewer = interviewers[imp.Participants[i].Label]
	}
	for i, t := range doc.Turns {
		imp.Turns = append(imp.Turns, persona.Turn{
			ParticipantID: int64(index[t.Speaker]), Speaker: t.Speaker, Seq: i,
			StartMS: t.StartMS, EndMS: t.EndMS, Text: texts[i], Line: t.Line,
		})
	}
	speeches := persona.Speeches(imp.Turns, func(p int64) bool { return imp.Participants[p].Interviewer })
	imp.Quotes = persona.ExtractQuotes(lang, speeches)
	for i := range imp.Quotes {
		q := &imp.Quotes[i]
		q.Kind = persona.KindTranscript
		q.ParticipantID = imp.Turns[q.TurnID].ParticipantID
		q.Line = imp.Turns[q.TurnID].Line
	}
}

// speakerStats counts each speaker's turns, words, small-talk turns and
// turns that ask, over the turns' texts without markup (also returned).
func speakerStats(turns []Turn) (map[string]persona.SpeakerStats, []string) {
	stats := map[string]persona.SpeakerStats{}
	texts := make([]string, len(turns))
	for i, t := range turns {
		texts[i] = cleanMarkup(t.Text)
		s := stats[t.Speaker]
		s.Turns++
		s.Words += len(strings.Fields(texts[i]))
		if persona.SpeaksForInstitution(texts[i]) {
			s.Institutional++
		}
		switch {
		case persona.IsSmallTalk(texts[i]):
			s.SmallTalk++
		case persona.Asks(texts[i]):
			s.Questions++
		}
		stats[t.Speaker] = s
	}
	return stats, texts
}

// buildSurvey makes each respondent a participant with their closed answers
// as attributes, and each open-ended answer a turn whose quotes carry the
// survey question.
func buildSurvey(imp *persona.Import, doc *Document, lang persona.Language) {
	var speeches []persona.Speech
	for _, r := range doc.Respondents {
		p := len(imp.Participants)
		imp.Participants = append(imp.Participants, persona.Participant{Label: r.ID, Attributes: r.Attributes})
		for _, a := range r.Answers {
			if a.Text = cleanMarkup(a.Text); a.Text == "" {
				continue
			}
			imp.Turns = append(imp.Turns, persona.Turn{
				ParticipantID: int64(p), Speaker: r.ID, Seq: len(imp.Turns),
				StartMS: -1, EndMS: -1, Text: a.Text, Line: r.Row,
			})
			speeches = append(speeches, persona.Speech{Turn: len(imp.Turns) - 1, Text: a.Text, Question: a.Question, StartMS: -1, EndMS: -1})
		}
	}
	imp.Quotes = persona.ExtractQuotes(lang, speeches)
	for i := range imp.Quotes {
		q := &imp.Quotes[i]
		q.Kind = persona.KindSurvey
		q.ParticipantID = imp.Turns[q.TurnID].ParticipantID
		q.Line = imp.Turns[q.TurnID].Line
	}
}
