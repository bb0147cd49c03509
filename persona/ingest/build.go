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
	imp, _ := BuildWith(name, data, doc, lang, nil)
	return imp
}

// BuildWith is Build that, given a Redaction, replaces what the study hides
// in the turns' text, the speaker labels and the attributes before quotes
// are cut, so quotes, offsets and the index see only redacted text. It
// returns the originals when the Redaction keeps them (SourceID unset).
func BuildWith(name string, data []byte, doc *Document, lang persona.Language, red *Redaction) (*persona.Import, []persona.Original) {
	sum := sha256.Sum256(data)
	imp := &persona.Import{Source: persona.Source{
		Kind: persona.KindTranscript, Name: name, Format: doc.Format,
		SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)),
		ImportedAt: time.Now().UTC(), Warnings: doc.Warnings,
	}}
	var originals []persona.Original
	if doc.IsSurvey() {
		imp.Source.Kind = persona.KindSurvey
		originals = buildSurvey(imp, doc, lang, red)
	} else {
		originals = buildTranscript(imp, doc, lang, red)
	}
	if red != nil && red.Redactor != nil {
		var speakers, texts []string
		for _, t := range doc.Turns {
			speakers, texts = append(speakers, t.Speaker), append(texts, t.Text)
		}
		if n := RedactFileName(name, red.Redactor, speakers, texts); n != name {
			if red.KeepOriginals {
				originals = append(originals, persona.Original{Label: n, Original: name})
			}
			imp.Source.Name = n
		}
	}
	return imp, originals
}

func buildTranscript(imp *persona.Import, doc *Document, lang persona.Language, red *Redaction) []persona.Original {
	index := map[string]int{}
	var speakers []string
	for _, t := range doc.Turns {
		if _, ok := index[t.Speaker]; !ok {
			index[t.Speaker] = len(imp.Participants)
			speakers = append(speakers, t.Speaker)
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
	// Roles are told from the originals; everything stored after this
	// point sees only the redacted text and labels.
	var x *redaction
	labels := speakers
	if red != nil && red.Redactor != nil {
		x = newRedaction(red, texts, speakers)
		labels = make([]string, len(speakers))
		for i, sp := range speakers {
			labels[i] = x.label(sp)
			imp.Participants[i].Label = labels[i]
			imp.Participants[i].Attributes = x.attrs(imp.Participants[i].Attributes)
		}
		for i := range texts {
			texts[i] = x.text(texts[i])
		}
	}
	for i, t := range doc.Turns {
		p := index[t.Speaker]
		imp.Turns = append(imp.Turns, persona.Turn{
			ParticipantID: int64(p), Speaker: labels[p], Seq: i,
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
	if x == nil {
		return nil
	}
	return x.list
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
func buildSurvey(imp *persona.Import, doc *Document, lang persona.Language, red *Redaction) []persona.Original {
	var x *redaction
	if red != nil && red.Redactor != nil {
		var texts, ids []string
		for _, r := range doc.Respondents {
			ids = append(ids, r.ID)
			for _, a := range r.Answers {
				texts = append(texts, a.Text)
			}
		}
		x = newRedaction(red, texts, ids)
	}
	var speeches []persona.Speech
	for _, r := range doc.Respondents {
		p := len(imp.Participants)
		label, attrs := r.ID, r.Attributes
		if x != nil {
			label, attrs = x.label(r.ID), x.attrs(r.Attributes)
		}
		imp.Participants = append(imp.Participants, persona.Participant{Label: label, Attributes: attrs})
		for _, a := range r.Answers {
			if a.Text = cleanMarkup(a.Text); a.Text == "" {
				continue
			}
			if x != nil {
				a.Text = x.text(a.Text)
			}
			imp.Turns = append(imp.Turns, persona.Turn{
				ParticipantID: int64(p), Speaker: label, Seq: len(imp.Turns),
				StartMS: -1, EndMS: -1, Text: a.Text, Line: r.Row, Question: a.Question,
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
	if x == nil {
		return nil
	}
	return x.list
}
