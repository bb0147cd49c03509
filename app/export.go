package app

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// ExportQuote is one quote of a study as exports list it: where it is,
// who said it, and what the analysis made of it.
type ExportQuote struct {
	ID             int64        `json:"id"`
	Source         string       `json:"source"`
	SourceID       int64        `json:"source_id"`
	Participant    string       `json:"participant"`
	Position       string       `json:"position"`
	Question       string       `json:"question,omitempty"`
	Kind           persona.Kind `json:"kind"`
	Ring           persona.Ring `json:"ring"`
	RingConfidence float64      `json:"ring_confidence"`
	ThemeID        int64        `json:"theme_id"`
	Theme          string       `json:"theme"`
	PersonaID      int64        `json:"persona_id"`
	Persona        string       `json:"persona"`
	Text           string       `json:"text"`
	// Codes are the codebook codes researchers applied to the quote (on a
	// settled quote, the consensus coding's), by name.
	Codes []string `json:"codes"`
}

// ExportQuoteColumns are the CSV columns of ExportQuote.Row, in order.
var ExportQuoteColumns = []string{"id", "source", "participant", "position", "ring", "ring_confidence",
	"theme_id", "theme", "persona_id", "persona", "text", "question", "kind", "codes"}

// Row is the quote as CSV cells (ExportQuoteColumns), user text escaped
// with CSVCell.
func (q ExportQuote) Row() []string {
	return []string{strconv.FormatInt(q.ID, 10), CSVCell(q.Source), CSVCell(q.Participant), q.Position, string(q.Ring),
		strconv.FormatFloat(q.RingConfidence, 'f', 3, 64), strconv.FormatInt(q.ThemeID, 10), CSVCell(q.Theme),
		strconv.FormatInt(q.PersonaID, 10), CSVCell(q.Persona), CSVCell(q.Text), CSVCell(q.Question), string(q.Kind),
		CSVCell(strings.Join(q.Codes, "; "))}
}

// CSVCell escapes a cell a spreadsheet would run as a formula (starting
// with =, +, -, @, tab or carriage return) by a leading apostrophe.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ExportQuotes calls each with every quote of a study but those a
// researcher hid (a hidden quote leaves through no export), in id order,
// a page at a time; it stops at the first error each returns.
func (a *App) ExportQuotes(ctx context.Context, studyID int64, each func(ExportQuote) error) error {
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return err
	}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return err
	}
	srcByID := map[int64]persona.Source{}
	for _, src := range srcs {
		srcByID[src.ID] = src
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID})
	if err != nil {
		return err
	}
	partByID := map[int64]persona.Participant{}
	for _, p := range parts {
		partByID[p.ID] = p
	}
	themes, err := a.store.Themes(ctx, studyID)
	if err != nil {
		return err
	}
	themeLabel := map[int64]string{}
	for _, t := range themes {
		themeLabel[t.ID] = t.Label
	}
	personas, err := a.store.Personas(ctx, studyID)
	if err != nil {
		return err
	}
	personaName := map[int64]string{}
	for _, p := range personas {
		personaName[p.ID] = p.Name
	}
	codes, err := a.quoteCodeNames(ctx, studyID)
	if err != nil {
		return err
	}
	var after int64
	for {
		page, err := a.store.Quotes(ctx, store.QuoteFilter{StudyID: studyID, AfterID: after, Limit: 5000, NoTokens: true})
		if err != nil || len(page) == 0 {
			return err
		}
		for _, q := range page {
			if q.Hidden {
				continue
			}
			src, p := srcByID[q.SourceID], partByID[q.ParticipantID]
			e := ExportQuote{ID: q.ID, Source: src.Name, SourceID: src.ID, Participant: p.Label, Position: Position(q, src),
				Question: q.Question, Kind: q.Kind, Ring: q.Ring, RingConfidence: q.RingConfidence, ThemeID: q.ThemeID,
				Theme: themeLabel[q.ThemeID], PersonaID: p.PersonaID, Persona: personaName[p.PersonaID], Text: q.Text,
				Codes: codes[q.ID]}
			if e.Codes == nil {
				e.Codes = []string{}
			}
			if err := each(e); err != nil {
				return err
			}
		}
		after = page[len(page)-1].ID
	}
}

// quoteCodeNames are the codebook codes on each coded quote, by name,
// sorted: every researcher's, or on a settled quote the consensus coding's
// (codings an open blind round hides are left out).
func (a *App) quoteCodeNames(ctx context.Context, studyID int64) (map[int64][]string, error) {
	byID, _, err := a.studyCodes(ctx, studyID)
	if err != nil || len(byID) == 0 {
		return nil, err
	}
	codings, err := a.visibleCodings(ctx, studyID, Actor{ID: VerbatimCoder})
	if err != nil {
		return nil, err
	}
	if codings, err = a.consensusFirst(ctx, studyID, codings); err != nil {
		return nil, err
	}
	seen := map[int64]map[string]bool{}
	out := map[int64][]string{}
	for _, c := range codings {
		code, ok := byID[c.CodeID]
		if !ok || c.CoderID == SeededCoder {
			continue
		}
		if seen[c.QuoteID] == nil {
			seen[c.QuoteID] = map[string]bool{}
		}
		if !seen[c.QuoteID][code.Name] {
			seen[c.QuoteID][code.Name] = true
			out[c.QuoteID] = append(out[c.QuoteID], code.Name)
		}
	}
	for _, names := range out {
		sort.Strings(names)
	}
	return out, nil
}
