package api

import (
	"net/http"
	"sort"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
)

func (s *Server) sourcePage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.sourceDetail(c.Request.Context(), id)
	if err != nil {
		return err
	}
	st, err := s.app.Study(c.Request.Context(), d.StudyID)
	if err != nil {
		return err
	}
	themes, err := s.app.Themes(c.Request.Context(), d.StudyID)
	if err != nil {
		return err
	}
	personas, err := s.app.Personas(c.Request.Context(), d.StudyID)
	if err != nil {
		return err
	}
	themeLabel := map[int64]string{}
	for _, t := range themes {
		themeLabel[t.ID] = t.Label
	}
	personaName := map[int64]string{}
	for _, p := range personas {
		personaName[p.ID] = p.Name
	}
	v := frontend.SourcePage{Base: s.base(c, d.Name, "studies"), Survey: d.Kind == persona.KindSurvey}
	v.StudyID = d.StudyID
	v.Analysing = s.app.AnalysisStatus(c.Request.Context(), d.StudyID).Running
	if err := s.sourcePrivacy(c, &v, d.ID); err != nil {
		return err
	}
	v.Source = frontend.SourceHead{ID: d.ID, StudyName: st.Name, Name: d.Name, Kind: string(d.Kind), Format: d.Format,
		Imported: when(d.ImportedAt), Quotes: len(d.Quotes), Warnings: d.Warnings}
	byTurn := map[int64][]persona.Quote{}
	perParticipant := map[int64]int{}
	for _, q := range d.Quotes {
		byTurn[q.TurnID] = append(byTurn[q.TurnID], q)
		perParticipant[q.ParticipantID]++
	}
	alsoIn, err := s.app.SamePersonFiles(c.Request.Context(), d.StudyID, d.ID)
	if err != nil {
		return err
	}
	interviewer := map[int64]bool{}
	for _, p := range d.Participants {
		interviewer[p.ID] = p.Interviewer
		v.Participants = append(v.Participants, frontend.ParticipantRow{ID: p.ID, Label: p.Label, Interviewer: p.Interviewer,
			RoleSet: p.RoleSet, PersonaID: p.PersonaID, Persona: personaName[p.PersonaID], Quotes: perParticipant[p.ID],
			Switchable: d.Kind == persona.KindTranscript, AlsoIn: alsoIn[p.ID]})
	}
	respondent := map[int64]int{}
	if v.Survey {
		for _, p := range d.Participants {
			respondent[p.ID] = len(v.Respondents)
			v.Respondents = append(v.Respondents, frontend.Respondent{ID: p.ID, Label: p.Label, PersonaID: p.PersonaID,
				Persona: personaName[p.PersonaID], Attributes: sortedAttrs(p.Attributes)})
		}
	}
	for _, t := range d.Turns {
		qs := byTurn[t.ID]
		tv := frontend.TurnView{Speaker: t.Speaker, Interviewer: interviewer[t.ParticipantID], Position: turnPosition(t, d.Source),
			Segments: segments(t.Text, qs, themeLabel)}
		if len(qs) > 0 {
			tv.Question = qs[0].Question
		}
		if i, ok := respondent[t.ParticipantID]; ok && v.Survey {
			v.Respondents[i].Answers = append(v.Respondents[i].Answers, tv)
			continue
		}
		v.Turns = append(v.Turns, tv)
	}
	if v.Can.Code {
		markCodable(v.Turns)
		for i := range v.Respondents {
			markCodable(v.Respondents[i].Answers)
		}
	}
	if v.Analysing {
		markPending(v.Turns)
		for i := range v.Respondents {
			markPending(v.Respondents[i].Answers)
		}
	}
	if v.Meta, err = s.sourceMetaView(c, d.ID); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "source", v)
}

// markPending flags quotes without a ring while the analysis runs: after
// a role change the source's quotes are new and unclassified, and showing
// them all as "Other" until the analysis ends misleads.
func markPending(turns []frontend.TurnView) {
	for i := range turns {
		for j := range turns[i].Segments {
			if seg := &turns[i].Segments[j]; seg.QuoteID != 0 && seg.Ring == "" {
				seg.Pending = true
			}
		}
	}
}

// markCodable links each quote to its coding page.
func markCodable(turns []frontend.TurnView) {
	for i := range turns {
		for j := range turns[i].Segments {
			if seg := &turns[i].Segments[j]; seg.QuoteID != 0 {
				seg.Codable = true
			}
		}
	}
}

func turnPosition(t persona.Turn, src persona.Source) string {
	return app.Position(persona.Quote{AtMS: t.StartMS, Line: t.Line}, src)
}

// segments cuts a turn's text at its quotes' byte offsets [Start, End).
// Each piece stays plain text for the template to escape; a quote whose
// offsets do not fit the text (or overlap the previous one) is left
// unmarked rather than cut mid-character.
func segments(text string, quotes []persona.Quote, themes map[int64]string) []frontend.Segment {
	qs := append([]persona.Quote{}, quotes...)
	sort.Slice(qs, func(i, j int) bool { return qs[i].Start < qs[j].Start })
	var out []frontend.Segment
	pos := 0
	for _, q := range qs {
		if q.Start < pos || q.End <= q.Start || q.End > len(text) ||
			!utf8.ValidString(text[q.Start:q.End]) || !boundary(text, q.Start) || !boundary(text, q.End) {
			continue
		}
		if q.Start > pos {
			out = append(out, frontend.Segment{Text: text[pos:q.Start]})
		}
		out = append(out, frontend.Segment{Text: text[q.Start:q.End], QuoteID: q.ID, Ring: string(q.Ring),
			RingTitle: ringTitle(q.Ring), Theme: themes[q.ThemeID], Hidden: q.Hidden})
		pos = q.End
	}
	if pos < len(text) {
		out = append(out, frontend.Segment{Text: text[pos:]})
	}
	return out
}

func boundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

func ringTitle(r persona.Ring) string {
	if r == persona.RingNone {
		return "No ring"
	}
	return r.Title()
}

func sortedAttrs(m map[string]string) []frontend.KV {
	out := make([]frontend.KV, 0, len(m))
	for k, v := range m {
		out = append(out, frontend.KV{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
