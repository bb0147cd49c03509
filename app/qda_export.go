package app

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/codebook"
	"github.com/verbatimhq/verbatim/persona/qdpx"
	"github.com/verbatimhq/verbatim/persona/store"
)

// ringDescriptions describe the rings as the codebook's top-level codes.
var ringDescriptions = map[persona.Ring]string{
	persona.RingPriority: "Priority initiative: what makes buyers invest in a solution now, and what they did before.",
	persona.RingSuccess:  "Success factors: the results buyers expect from buying.",
	persona.RingBarriers: "Perceived barriers: what makes buyers doubt the solution, the company or the effort.",
	persona.RingJourney:  "Buyer's journey: who is involved and how buyers learn, evaluate and decide.",
	persona.RingCriteria: "Decision criteria: what buyers compare when they choose.",
}

// surveyDescription marks a survey's answers in an exported source, so
// the import reads them back as a survey.
const surveyDescription = "Survey answers, one respondent's answer to a paragraph (Verbatim)."

// ExportQDPX writes a study as a REFI-QDA project (.qdpx): each source as
// plain text ("Speaker: turn", a blank line between turns); the codebook
// with the five rings and each ring's themes under it; each themed quote
// as a PlainTextSelection coded with its theme, at its exact character
// offsets; each buyer as a case with their attributes as variables.
func (a *App) ExportQDPX(ctx context.Context, studyID int64, w io.Writer) error {
	p, err := a.QDAProject(ctx, studyID)
	if err != nil {
		return err
	}
	return qdpx.Write(w, p, time.Now())
}

// QDAProject is the study as a REFI-QDA project (what ExportQDPX writes).
func (a *App) QDAProject(ctx context.Context, studyID int64) (qdpx.Project, error) {
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return qdpx.Project{}, err
	}
	p := qdpx.Project{Name: st.Name, Origin: "Verbatim"}
	themes, err := a.store.Themes(ctx, studyID)
	if err != nil {
		return p, err
	}
	themeCode := map[int64]string{}
	for _, r := range persona.Rings {
		ring := qdpx.Code{GUID: qdpx.GUID("verbatim ring", string(r)), Name: r.Title(), Description: ringDescriptions[r]}
		for _, t := range themes {
			if t.Ring != r {
				continue
			}
			g := qdpx.GUID("verbatim theme", strconv.FormatInt(studyID, 10), strconv.FormatInt(t.ID, 10))
			themeCode[t.ID] = g
			ring.Children = append(ring.Children, qdpx.Code{GUID: g, Name: t.Label, Codable: true,
				Description: fmt.Sprintf("Raised by %d of %d buyers in %d sources (%d quotes).", t.Participants, t.Of, t.Sources, t.Quotes)})
		}
		p.Codes = append(p.Codes, ring)
	}
	coded, err := a.qdaCodebook(ctx, studyID, &p)
	if err != nil {
		return p, err
	}
	notes, err := a.qdaSettlements(ctx, studyID, &p)
	if err != nil {
		return p, err
	}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return p, err
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID})
	if err != nil {
		return p, err
	}
	for _, src := range srcs {
		s, err := a.qdaSource(ctx, studyID, src, themeCode, coded, notes)
		if err != nil {
			return p, err
		}
		if s.Text == "" { // an attributes file: no speech to code
			continue
		}
		p.Sources = append(p.Sources, s)
		for _, pt := range parts {
			if pt.SourceID != src.ID || pt.Interviewer {
				continue
			}
			c := qdpx.Case{GUID: qdpx.GUID("verbatim participant", strconv.FormatInt(pt.ID, 10)), Name: pt.Label, SourceGUIDs: []string{s.GUID}}
			keys := make([]string, 0, len(pt.Attributes))
			for k := range pt.Attributes {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				c.Attributes = append(c.Attributes, qdpx.Attribute{Name: k, Value: pt.Attributes[k]})
			}
			p.Cases = append(p.Cases, c)
		}
	}
	return p, nil
}

// qdaSource lays a source's turns out as text and codes its themed quotes;
// a settled quote's selection refers to its settlement's note. A quote a
// researcher hid leaves nothing of its own: no selection (theme, codings
// or notes), and its words are masked in the source's text, rune for
// rune (hiddenMask), so every other selection keeps its offsets.
func (a *App) qdaSource(ctx context.Context, studyID int64, src persona.Source, themeCode map[int64]string, coded map[int64][]qdaCoding, notes map[int64][]string) (qdpx.Source, error) {
	s := qdpx.Source{GUID: qdpx.GUID("verbatim source", strconv.FormatInt(studyID, 10), strconv.FormatInt(src.ID, 10)), Name: src.Name}
	if src.Kind == persona.KindSurvey {
		s.Description = surveyDescription
	}
	turns, err := a.store.Turns(ctx, src.ID)
	if err != nil {
		return s, err
	}
	if len(turns) == 0 {
		return s, nil
	}
	_, starts := TranscriptText(turns)
	byID := map[int64]int{}
	for i, t := range turns {
		byID[t.ID] = i
	}
	var hidden []persona.Quote
	var after int64
	for {
		page, err := a.store.Quotes(ctx, store.QuoteFilter{StudyID: studyID, SourceID: src.ID, AfterID: after, Limit: 5000, NoTokens: true})
		if err != nil {
			return s, err
		}
		if len(page) == 0 {
			break
		}
		for _, q := range page {
			i, ok := byID[q.TurnID]
			if !ok || q.Start < 0 || q.End > len(turns[i].Text) || q.Start > q.End {
				continue
			}
			if q.Hidden {
				hidden = append(hidden, q)
				continue
			}
			code, themed := themeCode[q.ThemeID]
			if !themed && len(coded[q.ID]) == 0 && len(notes[q.ID]) == 0 {
				continue
			}
			tt := turns[i].Text
			start := starts[i] + utf8.RuneCountInString(tt[:q.Start])
			sel := qdpx.Selection{GUID: qdpx.GUID("verbatim quote", strconv.FormatInt(q.ID, 10)),
				Start: start, End: start + utf8.RuneCountInString(tt[q.Start:q.End])}
			if themed {
				sel.CodeGUIDs, sel.Coders = append(sel.CodeGUIDs, code), append(sel.Coders, "")
			}
			for _, c := range coded[q.ID] {
				sel.CodeGUIDs, sel.Coders = append(sel.CodeGUIDs, c.code), append(sel.Coders, c.user)
			}
			if len(coded[q.ID]) == 0 {
				sel.Coders = nil
			}
			sel.NoteGUIDs = notes[q.ID]
			s.Selections = append(s.Selections, sel)
		}
		after = page[len(page)-1].ID
	}
	s.Text, _ = TranscriptText(maskHidden(turns, byID, hidden))
	return s, nil
}

// maskHidden returns the turns with each hidden quote's text replaced by
// hiddenMask of as many runes (the turns given are left alone).
func maskHidden(turns []persona.Turn, byID map[int64]int, hidden []persona.Quote) []persona.Turn {
	if len(hidden) == 0 {
		return turns
	}
	out := slices.Clone(turns)
	// Latest first within a turn, so earlier byte offsets stay valid.
	sort.Slice(hidden, func(i, j int) bool {
		if hidden[i].TurnID != hidden[j].TurnID {
			return hidden[i].TurnID < hidden[j].TurnID
		}
		return hidden[i].Start > hidden[j].Start
	})
	masked := map[int64]int{} // per turn, where the masking so far begins
	for _, q := range hidden {
		i, end := byID[q.TurnID], q.End
		if m, ok := masked[q.TurnID]; ok {
			end = min(end, m) // overlaps a later hidden quote, masked already
		}
		if q.Start >= end {
			continue
		}
		t := out[i].Text
		out[i].Text = t[:q.Start] + hiddenMask(utf8.RuneCountInString(t[q.Start:end])) + t[end:]
		masked[q.TurnID] = q.Start
	}
	return out
}

// hiddenMask is n runes saying a quote was hidden: "[hidden]" and spaces.
func hiddenMask(n int) string {
	const word = "[hidden]"
	if n <= len(word) {
		return word[:n]
	}
	return word + strings.Repeat(" ", n-len(word))
}

// TranscriptText lays turns out as a labelled transcript, "Speaker: text"
// with a blank line between turns, and returns where each turn's text
// starts, in characters (runes).
func TranscriptText(turns []persona.Turn) (string, []int) {
	var b []byte
	starts := make([]int, len(turns))
	n := 0
	for i, t := range turns {
		if i > 0 {
			b = append(b, "\n\n"...)
			n += 2
		}
		label := t.Speaker + ": "
		b = append(b, label...)
		n += utf8.RuneCountInString(label)
		starts[i] = n
		// A blank line inside a turn would read back as a new turn: it
		// becomes a line holding a space, the same length, so offsets hold.
		text := strings.ReplaceAll(t.Text, "\n\n", "\n ")
		b = append(b, text...)
		n += utf8.RuneCountInString(text)
	}
	return string(b) + "\n", starts
}

// qdaCoding is one researcher's (or the consensus) coding of a quote in
// an export: the code's and the coder's GUIDs.
type qdaCoding struct{ code, user string }

// CodebookGroup is the name of the top-level REFI-QDA code that holds the
// study's codebook in an export (its rings below it, then its codes), so
// the codes researchers apply stay apart from Verbatim's themes and an
// import knows them again.
const CodebookGroup = "Codebook"

// qdaCoderGUID is a coder's REFI-QDA user GUID.
func qdaCoderGUID(id int64) string { return qdpx.GUID("verbatim coder", strconv.FormatInt(id, 10)) }

// qdaCodebook adds the study's codebook to p (under CodebookGroup, codes
// with their definitions and criteria) and its coders as users, and
// returns the codings by quote: researchers' and the consensus, as any
// reader sees them (an open blind round's codings are left out).
func (a *App) qdaCodebook(ctx context.Context, studyID int64, p *qdpx.Project) (map[int64][]qdaCoding, error) {
	byID, codes, err := a.studyCodes(ctx, studyID)
	if err != nil || len(codes) == 0 {
		return nil, err
	}
	key := strconv.FormatInt(studyID, 10)
	group := codebook.ToQDA(key, codes)
	for i := range group {
		if !group[i].Codable { // a ring: its own GUID, apart from the themes' ring
			group[i].GUID = qdpx.GUID("verbatim codebook ring", key, group[i].Name)
		}
	}
	p.Codes = append(p.Codes, qdpx.Code{GUID: qdpx.GUID("verbatim codebook", key), Name: CodebookGroup,
		Description: "The study's codebook: the codes researchers apply, with their definitions; the codings name their coder.", Children: group})
	codings, err := a.visibleCodings(ctx, studyID, Actor{ID: VerbatimCoder})
	if err != nil {
		return nil, err
	}
	out := map[int64][]qdaCoding{}
	users := map[int64]bool{}
	for _, c := range codings {
		code, ok := byID[c.CodeID]
		if !ok || c.CoderID == SeededCoder || c.CoderID == VerbatimCoder {
			continue
		}
		if !users[c.CoderID] {
			users[c.CoderID] = true
			p.Users = append(p.Users, qdpx.User{GUID: qdaCoderGUID(c.CoderID), Name: c.Coder})
		}
		out[c.QuoteID] = append(out[c.QuoteID], qdaCoding{code: qdpx.GUID("verbatim code", key, strings.ToLower(code.Name)), user: qdaCoderGUID(c.CoderID)})
	}
	sort.Slice(p.Users, func(i, j int) bool { return p.Users[i].Name < p.Users[j].Name })
	return out, nil
}
