package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/codebook"
	"github.com/verbatimhq/verbatim/persona/qdpx"
)

// CodeInput is what a code form or API call sends; examples are quote ids.
type CodeInput struct {
	Name         string  `json:"name"`
	Ring         string  `json:"ring"`
	Definition   string  `json:"definition"`
	WhenToUse    string  `json:"when_to_use"`
	WhenNotToUse string  `json:"when_not_to_use"`
	Examples     []int64 `json:"example_quote_ids"`
}

// code turns an input into a clean code of a study; the examples must be
// the study's quotes, and those not among kept (the code's examples
// before an update) must be shown: a hidden quote is shown nowhere, so it
// cannot become an example.
func (a *App) code(ctx context.Context, studyID int64, in CodeInput, kept []int64) (persona.Code, error) {
	ring, ok := persona.ParseRing(in.Ring)
	if !ok {
		return persona.Code{}, fmt.Errorf("code ring %.40q: use one of the five rings or none: %w", in.Ring, persona.ErrInvalid)
	}
	c, err := persona.Code{StudyID: studyID, Name: in.Name, Ring: ring, Definition: in.Definition, WhenToUse: in.WhenToUse,
		WhenNotToUse: in.WhenNotToUse, ExampleQuoteIDs: in.Examples}.Clean()
	if err != nil {
		return c, err
	}
	if len(c.ExampleQuoteIDs) > 0 {
		qs, err := a.store.QuotesByID(ctx, c.ExampleQuoteIDs)
		if err != nil {
			return c, err
		}
		found, hidden := map[int64]bool{}, map[int64]bool{}
		for _, q := range qs {
			if q.StudyID == studyID {
				found[q.ID], hidden[q.ID] = true, q.Hidden
			}
		}
		for _, id := range c.ExampleQuoteIDs {
			if !found[id] {
				return c, fmt.Errorf("example quote %d is not in this study: %w", id, persona.ErrInvalid)
			}
			if hidden[id] && !slices.Contains(kept, id) {
				return c, fmt.Errorf("example quote %d is hidden and cannot be an example: unhide it first: %w", id, persona.ErrInvalid)
			}
		}
	}
	return c, nil
}

// CreateCode adds a code to a study's codebook.
func (a *App) CreateCode(ctx context.Context, studyID int64, in CodeInput) (persona.Code, error) {
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return persona.Code{}, err
	}
	c, err := a.code(ctx, studyID, in, nil)
	if err != nil {
		return c, err
	}
	c.CreatedAt = time.Now().UTC()
	c.UpdatedAt = c.CreatedAt
	return a.store.AddCode(ctx, c)
}

// UpdateCode replaces a code's name, ring, texts and examples.
func (a *App) UpdateCode(ctx context.Context, id int64, in CodeInput) (persona.Code, error) {
	old, err := a.store.Code(ctx, id)
	if err != nil {
		return old, err
	}
	c, err := a.code(ctx, old.StudyID, in, old.ExampleQuoteIDs)
	if err != nil {
		return c, err
	}
	c.ID, c.CreatedAt, c.UpdatedAt = old.ID, old.CreatedAt, time.Now().UTC()
	if err := a.store.UpdateCode(ctx, c); err != nil {
		return c, err
	}
	return c, nil
}

// DeleteCode deletes a code and every coding with it.
func (a *App) DeleteCode(ctx context.Context, id int64) (persona.Code, error) {
	c, err := a.store.Code(ctx, id)
	if err != nil {
		return c, err
	}
	return c, a.store.DeleteCode(ctx, id)
}

// Code returns one code.
func (a *App) Code(ctx context.Context, id int64) (persona.Code, error) { return a.store.Code(ctx, id) }

// PromoteTheme adds a theme to its study's codebook: its label as the
// name, its ring, and its headline and top quotes as examples.
func (a *App) PromoteTheme(ctx context.Context, themeID int64) (persona.Code, error) {
	t, err := a.store.Theme(ctx, themeID)
	if err != nil {
		return persona.Code{}, err
	}
	var cands []int64
	if t.HeadlineQuoteID != 0 {
		cands = append(cands, t.HeadlineQuoteID)
	}
	for _, id := range t.TopQuoteIDs {
		if id != t.HeadlineQuoteID {
			cands = append(cands, id)
		}
	}
	// Quotes hidden since the analysis (or hidden and pinned) are shown
	// nowhere, so they are no examples.
	qs, err := a.store.QuotesByID(ctx, cands)
	if err != nil {
		return persona.Code{}, err
	}
	byID := quotesByID(qs)
	var ex []int64
	for _, id := range cands {
		if q, ok := byID[id]; ok && !q.Hidden && len(ex) < 5 {
			ex = append(ex, id)
		}
	}
	def := fmt.Sprintf("Promoted from the theme %q (%s), raised by %d of %d buyers.", t.Label, t.Ring.Title(), t.Participants, t.Of)
	return a.CreateCode(ctx, t.StudyID, CodeInput{Name: t.Label, Ring: string(t.Ring), Definition: def, Examples: ex})
}

// CodeEntry is a code as the codebook page lists it: its examples as
// quotes and how much it is used.
type CodeEntry struct {
	Code     persona.Code `json:"code"`
	Examples []QuoteRef   `json:"examples"`
	// Codings counts the codings the reader sees; Quotes the quotes they
	// are on.
	Codings int `json:"codings"`
	Quotes  int `json:"quotes"`
}

// Codebook is a study's codebook for a reader.
type Codebook struct {
	Study StudyRef    `json:"study"`
	Codes []CodeEntry `json:"codes"`
}

// Codebook lists a study's codes with their examples and use, as by sees
// them (blind rounds hide other coders' codings).
func (a *App) Codebook(ctx context.Context, studyID int64, by Actor) (Codebook, error) {
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return Codebook{}, err
	}
	cb := Codebook{Study: StudyRef{ID: st.ID, Name: st.Name}, Codes: []CodeEntry{}}
	codes, err := a.store.Codes(ctx, studyID)
	if err != nil {
		return cb, err
	}
	codings, err := a.visibleCodings(ctx, studyID, by)
	if err != nil {
		return cb, err
	}
	uses, quotes := map[int64]int{}, map[int64]map[int64]bool{}
	for _, c := range codings {
		uses[c.CodeID]++
		if quotes[c.CodeID] == nil {
			quotes[c.CodeID] = map[int64]bool{}
		}
		quotes[c.CodeID][c.QuoteID] = true
	}
	var exIDs []int64
	for _, c := range codes {
		exIDs = append(exIDs, c.ExampleQuoteIDs...)
	}
	refs, err := a.quoteRefs(ctx, studyID, exIDs)
	if err != nil {
		return cb, err
	}
	for _, c := range codes {
		e := CodeEntry{Code: c, Examples: []QuoteRef{}, Codings: uses[c.ID], Quotes: len(quotes[c.ID])}
		for _, id := range c.ExampleQuoteIDs {
			if r, ok := refs[id]; ok {
				e.Examples = append(e.Examples, r)
			}
		}
		cb.Codes = append(cb.Codes, e)
	}
	return cb, nil
}

// quoteRefs loads quotes of a study as QuoteRefs by id; missing ones
// (deleted, re-ingested) are left out.
func (a *App) quoteRefs(ctx context.Context, studyID int64, ids []int64) (map[int64]QuoteRef, error) {
	out := map[int64]QuoteRef{}
	if len(ids) == 0 {
		return out, nil
	}
	qs, err := a.store.QuotesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	srcs, err := a.sourceMap(ctx, studyID)
	if err != nil {
		return nil, err
	}
	pids := make([]int64, 0, len(qs))
	for _, q := range qs {
		pids = append(pids, q.ParticipantID)
	}
	parts, err := a.store.ParticipantsByID(ctx, pids)
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		if q.StudyID != studyID {
			continue
		}
		src := srcs[q.SourceID]
		out[q.ID] = QuoteRef{ID: q.ID, Text: q.Text, Participant: parts[q.ParticipantID].Label, Source: src.Name, SourceID: src.ID, Position: Position(q, src)}
	}
	return out, nil
}

// Codebook formats.
const (
	CodebookCSV = "csv"
	CodebookQDC = "qdc"
)

// CodebookImport is what an import did.
type CodebookImport struct {
	Format   string   `json:"format"`
	Read     int      `json:"read"`
	Added    int      `json:"added"`
	Updated  int      `json:"updated"`
	Kept     int      `json:"kept"`
	Warnings []string `json:"warnings"`
}

// ImportCodebook reads a codebook file (CSV, or REFI-QDA .qdc/.qdpx, told
// by name and content) into a study's codebook: new names are added;
// names the codebook has are updated with replace, kept as they are
// without.
func (a *App) ImportCodebook(ctx context.Context, studyID int64, name string, data []byte, replace bool) (CodebookImport, error) {
	res := CodebookImport{Warnings: []string{}}
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return res, err
	}
	var codes []persona.Code
	var err error
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".qdc" || ext == ".qdpx" || ext == ".qde" || qdpx.Is(data) {
		res.Format = CodebookQDC
		var warnings []string
		codes, warnings, err = codebook.ReadQDC(data)
		res.Warnings = append(res.Warnings, warnings...)
	} else {
		res.Format = CodebookCSV
		codes, err = codebook.ReadCSV(bytes.NewReader(data))
	}
	if err != nil {
		return res, err
	}
	res.Read = len(codes)
	res.Added, res.Updated, err = a.store.ImportCodes(ctx, studyID, codes, replace, time.Now().UTC())
	res.Kept = res.Read - res.Added - res.Updated
	return res, err
}

// ExportCodebook writes a study's codebook as CSV or REFI-QDA .qdc.
func (a *App) ExportCodebook(ctx context.Context, studyID int64, format string, w io.Writer) error {
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return err
	}
	codes, err := a.store.Codes(ctx, studyID)
	if err != nil {
		return err
	}
	switch format {
	case CodebookCSV, "":
		return codebook.WriteCSV(w, codes)
	case CodebookQDC:
		return codebook.WriteQDC(w, strconv.FormatInt(studyID, 10), codes)
	}
	return fmt.Errorf("codebook format %.20q: use csv or qdc: %w", format, persona.ErrInvalid)
}

// studyCodes maps a study's code ids to codes.
func (a *App) studyCodes(ctx context.Context, studyID int64) (map[int64]persona.Code, []persona.Code, error) {
	codes, err := a.store.Codes(ctx, studyID)
	if err != nil {
		return nil, nil, err
	}
	m := make(map[int64]persona.Code, len(codes))
	for _, c := range codes {
		m[c.ID] = c
	}
	return m, codes, nil
}
