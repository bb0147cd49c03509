package app

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/codebook"
	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/qdpx"
	"github.com/verbatimhq/verbatim/persona/store"
)

// FormatQDPX names a REFI-QDA project or codebook in a FileResult.
const FormatQDPX = "qdpx"

// isQDA reports a REFI-QDA file by name (.qdpx, .qde, .qdc) or content.
func isQDA(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".qdpx", ".qde", ".qdc":
		return true
	}
	return qdpx.Is(data)
}

// importQDA takes in a REFI-QDA project: each text source is parsed as a
// transcript and stored; each code with codings becomes a researcher theme
// (a split edit named after the code, in the ring of the ring-named code
// above it) whose coded quotes are pinned. A codebook alone (.qdc) has no
// text to code: its codes go into the study's codebook and the file is
// reported as skipped (no source).
func (a *App) importQDA(ctx context.Context, studyID int64, name string, data []byte, opt IngestOptions) FileResult {
	res := FileResult{Path: name, Format: FormatQDPX, Warnings: []string{}}
	p, err := qdpx.Read(data)
	if err != nil {
		return fail(res, fmt.Errorf("parse %s: %w", filepath.Base(name), err))
	}
	res.Warnings = append(res.Warnings, p.Warnings...)
	codes := 0
	qdpx.Walk(p.Codes, func(qdpx.Code, []qdpx.Code) { codes++ })
	if len(p.Sources) == 0 {
		return a.importQDACodebook(ctx, studyID, p, codes, res)
	}
	attrs := caseAttributes(p)
	cb, err := a.importQDAGroup(ctx, studyID, p)
	if err != nil {
		return fail(res, err)
	}
	res.Warnings = append(res.Warnings, cb.warnings...)
	var researcher []qdaImported
	coded := map[string][]int64{} // code guid -> quote ids
	noted := map[string][]int64{} // note guid -> quote ids
	unmatched := 0
	verbatim := strings.HasPrefix(p.Origin, "Verbatim")
	for _, s := range p.Sources {
		r, spans := a.importQDASource(ctx, studyID, s, attrs[s.GUID], verbatim, opt)
		if r.Status == StatusError {
			res.Warnings = append(res.Warnings, fmt.Sprintf("source %q not imported: %s", s.Name, r.Error))
			continue
		}
		if res.SourceID == 0 {
			res.SourceID = r.SourceID
		}
		res.Participants += r.Participants
		res.Turns += r.Turns
		res.Quotes += r.Quotes
		for _, sel := range s.Selections {
			ids := quotesIn(spans, sel.Start, sel.End)
			if len(ids) == 0 {
				unmatched++
			}
			for _, g := range sel.NoteGUIDs {
				noted[strings.ToLower(g)] = append(noted[strings.ToLower(g)], ids...)
			}
			for i, code := range sel.CodeGUIDs {
				if name, ok := cb.names[strings.ToLower(code)]; ok {
					researcher = append(researcher, qdaImported{quotes: ids, code: name, user: sel.CoderOf(i)})
					continue
				}
				coded[strings.ToLower(code)] = append(coded[strings.ToLower(code)], ids...)
			}
		}
	}
	if res.SourceID == 0 {
		res.Status, res.Error = StatusError, "no text source could be imported"
		return res
	}
	themes, err := a.recordCodes(ctx, studyID, cb.rest, coded)
	if err != nil {
		return fail(res, err)
	}
	if len(researcher) > 0 {
		n, coders, err := a.importQDACodings(ctx, studyID, p.Users, researcher)
		if err != nil {
			return fail(res, err)
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d codings by %d coders added to the codebook's codes", n, coders))
	}
	if len(p.Notes) > 0 && len(noted) > 0 {
		n, err := a.importQDASettlements(ctx, studyID, p.Notes, noted)
		if err != nil {
			return fail(res, err)
		}
		if n > 0 {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%d settled disagreements added, with their consensus coding", n))
		}
	}
	res.Status = StatusOK
	res.Warnings = append(res.Warnings, fmt.Sprintf("%d of %d codes, with their coded quotes pinned, kept as researcher themes", themes, codes))
	if unmatched > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d coded selections cover no buyer quote (interviewer speech or labels) and were left out", unmatched))
	}
	return res
}

// importQDACodebook takes a codebook alone (.qdc) into the study's
// codebook (docs/CODEBOOK.md): it adds no source, so it is reported as
// skipped, with what went into the codebook.
func (a *App) importQDACodebook(ctx context.Context, studyID int64, p *qdpx.Project, codes int, res FileResult) FileResult {
	res.Status = StatusSkipped
	cs, warnings := codebook.FromQDA(p)
	res.Warnings = append(res.Warnings, warnings...)
	if len(cs) == 0 {
		res.Reason = fmt.Sprintf("a codebook with %d codes, all ring groupings, and no text sources: nothing to add", codes)
		return res
	}
	added, _, err := a.store.ImportCodes(ctx, studyID, cs, false, time.Now().UTC())
	if err != nil {
		return fail(res, err)
	}
	res.Reason = fmt.Sprintf("a codebook with %d codes and no text sources: %d codes added to the study's codebook (%d already there); "+
		"to bring sources and codings, import the project (.qdpx)", codes, added, len(cs)-added)
	return res
}

// caseAttributes maps source guid -> case name -> attributes.
func caseAttributes(p *qdpx.Project) map[string]map[string]map[string]string {
	out := map[string]map[string]map[string]string{}
	for _, c := range p.Cases {
		m := map[string]string{}
		for _, at := range c.Attributes {
			if at.Value != "" {
				m[at.Name] = at.Value
			}
		}
		for _, g := range c.SourceGUIDs {
			if out[g] == nil {
				out[g] = map[string]map[string]string{}
			}
			out[g][c.Name] = m
		}
	}
	return out
}

// quoteSpan is a stored quote and where it sits in its source's text, in
// characters.
type quoteSpan struct {
	id         int64
	start, end int
}

// importQDASource parses and stores one text source and finds each of its
// quotes in the text.
//
// A source Verbatim exported is read back turn for turn
// (ingest.ParseTurnLayout), its cases being the buyers and every other
// speaker an interviewer; any other tool's source is parsed like an
// uploaded text transcript.
func (a *App) importQDASource(ctx context.Context, studyID int64, s qdpx.Source, attrs map[string]map[string]string, verbatim bool, opt IngestOptions) (FileResult, []quoteSpan) {
	name := s.Name
	if ext := strings.ToLower(filepath.Ext(name)); ext != ".txt" && ext != ".md" {
		name += ".txt" // the text of a .docx or .pdf source, as the tool extracted it
	}
	var pr prepared
	if verbatim {
		pr = a.prepareLayout(name, s.Text, attrs, s.Description == surveyDescription)
	} else {
		pr = a.prepare(name, bytes.NewReader([]byte(s.Text)), opt)
	}
	if pr.imp != nil {
		pr.imp.Source.Name = s.Name
		for i := range pr.imp.Participants {
			pt := &pr.imp.Participants[i]
			for k, v := range attrs[pt.Label] {
				if pt.Attributes == nil {
					pt.Attributes = map[string]string{}
				}
				pt.Attributes[k] = v
			}
		}
	}
	r := a.storePrepared(ctx, studyID, pr)
	if r.Status == StatusSkipped {
		r.Status, r.Error = StatusError, r.Reason
	}
	if r.Status != StatusOK && r.Status != StatusDuplicate {
		return r, nil
	}
	spans, err := a.locateQuotes(ctx, studyID, r.SourceID, s.Text)
	if err != nil {
		return fail(r, err), nil
	}
	return r, spans
}

// prepareLayout reads a source in Verbatim's own export layout.
func (a *App) prepareLayout(name, text string, cases map[string]map[string]string, survey bool) prepared {
	res := FileResult{Path: name, Warnings: []string{}}
	roles := map[string]string{}
	for _, ln := range strings.Split(text, "\n\n") {
		if label, _, ok := strings.Cut(ln, ": "); ok {
			roles[label] = ingest.RoleInterviewer
		}
	}
	for c := range cases {
		roles[c] = ingest.RoleParticipant
	}
	doc, err := ingest.ParseTurnLayout(name, text, roles, survey)
	if err != nil {
		return prepared{res: fail(res, err)}
	}
	res.Format = FormatQDPX
	return prepared{res: res, imp: ingest.Build(name, []byte(text), doc, a.Lang)}
}

// locateQuotes finds each stored quote of a source in its text: from the
// line its turn starts on, the turn's text (or the quote's own) is looked
// up, and its byte offsets become character offsets.
func (a *App) locateQuotes(ctx context.Context, studyID, sourceID int64, text string) ([]quoteSpan, error) {
	turns, err := a.store.Turns(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	lineStart := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			lineStart = append(lineStart, i+1)
		}
	}
	turnAt := map[int64]int{} // turn id -> byte offset of its text, -1 when not found verbatim
	for _, t := range turns {
		from := 0
		if t.Line >= 1 && t.Line <= len(lineStart) {
			from = lineStart[t.Line-1]
		}
		turnAt[t.ID] = -1
		if i := strings.Index(text[from:], t.Text); i >= 0 && t.Text != "" {
			turnAt[t.ID] = from + i
		}
	}
	quotes, err := a.store.Quotes(ctx, store.QuoteFilter{StudyID: studyID, SourceID: sourceID, NoTokens: true})
	if err != nil {
		return nil, err
	}
	var out []quoteSpan
	for _, q := range quotes {
		at, ok := turnAt[q.TurnID]
		if !ok {
			continue
		}
		lo := at + q.Start
		if at < 0 || lo+len(q.Text) > len(text) || text[lo:lo+len(q.Text)] != q.Text {
			i := strings.Index(text, q.Text)
			if i < 0 {
				continue
			}
			lo = i
		}
		start := utf8.RuneCountInString(text[:lo])
		out = append(out, quoteSpan{id: q.ID, start: start, end: start + utf8.RuneCountInString(q.Text)})
	}
	return out, nil
}

// quotesIn lists the quotes a selection covers: at least half of the
// quote, or at least half of the selection, inside the other.
func quotesIn(spans []quoteSpan, start, end int) []int64 {
	var ids []int64
	for _, s := range spans {
		ov := min(end, s.end) - max(start, s.start)
		if ov <= 0 {
			continue
		}
		if 2*ov >= s.end-s.start || 2*ov >= end-start {
			ids = append(ids, s.id)
		}
	}
	return ids
}

// recordCodes records, for each code with coded quotes, a researcher
// theme: the quotes' ring (from the ring-named code above, if any), a
// split into a theme named after the code, and the quotes pinned. It
// returns how many codes became themes.
func (a *App) recordCodes(ctx context.Context, studyID int64, codes []qdpx.Code, coded map[string][]int64) (int, error) {
	n := 0
	var err error
	qdpx.Walk(codes, func(c qdpx.Code, parents []qdpx.Code) {
		ids := uniqueIDs(coded[strings.ToLower(c.GUID)], len(coded[strings.ToLower(c.GUID)]))
		if err != nil || len(ids) == 0 || c.Name == "" {
			return
		}
		ring := persona.RingNone
		for _, p := range append(parents[:len(parents):len(parents)], c) {
			if r, ok := ringNamed(p.Name); ok {
				ring = r
			}
		}
		if ring != persona.RingNone {
			for _, id := range ids {
				if err = a.store.SetQuoteRing(ctx, id, ring); err != nil {
					return
				}
			}
			if _, err = a.store.AddEdit(ctx, persona.Edit{StudyID: studyID, Kind: persona.EditSetRing, QuoteIDs: ids, Ring: ring}); err != nil {
				return
			}
		}
		label := c.Name
		if len(label) > 200 {
			label = label[:200]
		}
		if _, err = a.store.AddEdit(ctx, persona.Edit{StudyID: studyID, Kind: persona.EditSplitTheme, QuoteIDs: ids, Label: label}); err != nil {
			return
		}
		if _, err = a.store.AddEdit(ctx, persona.Edit{StudyID: studyID, Kind: persona.EditPinQuote, QuoteIDs: ids}); err != nil {
			return
		}
		n++
	})
	a.changed(studyID, ChangeQuotes)
	return n, err
}

// ringNamed reads a ring from a code's name: its title ("Perceived
// barriers") or key ("perceived_barriers").
func ringNamed(name string) (persona.Ring, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, r := range persona.Rings {
		if n == strings.ToLower(r.Title()) || n == string(r) {
			return r, true
		}
	}
	return persona.RingNone, false
}
