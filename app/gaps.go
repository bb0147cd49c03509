package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/persona/gaps"
	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/store"
)

// GapReport is a content-gap check of one stored document against its
// study's analysis.
type GapReport struct {
	Collateral persona.Collateral `json:"collateral"`
	Study      persona.Study      `json:"study"`
	// Passages are the document's passages the check matched, in order
	// (ThemeMatch.PassageIndex and VendorPhrase.Passage index them).
	Passages []string `json:"passages"`
	gaps.Report
}

// ErrNoAnalysis is returned when a study has no themes to check against.
var ErrNoAnalysis = fmt.Errorf("the study has no analysis yet; analyse it first: %w", persona.ErrConflict)

// AddCollateral reads a document's text and stores it with the study.
// Storing the same content again returns the stored document (and no
// error), so an upload can be repeated.
func (a *App) AddCollateral(ctx context.Context, studyID int64, name string, data []byte, user string) (persona.Collateral, error) {
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return persona.Collateral{}, err
	}
	text, format, err := ingest.CollateralText(name, data)
	if err != nil {
		return persona.Collateral{}, fmt.Errorf("%w: %w", err, persona.ErrInvalid)
	}
	sum := sha256.Sum256(data)
	c := persona.Collateral{StudyID: studyID, Name: name, Format: format, SHA256: hex.EncodeToString(sum[:]),
		Size: int64(len(data)), Text: text, CreatedBy: user}
	c, err = a.store.AddCollateral(ctx, c)
	a.changed(studyID, ChangeCollateral)
	if errors.Is(err, persona.ErrDuplicate) {
		return c, nil
	}
	if err == nil {
		a.Log.Info("collateral added", slog.Int64("study_id", studyID), slog.Int64("collateral_id", c.ID), slog.String("format", format))
	}
	return c, err
}

// CheckCollateral runs the content-gap check of a stored document for one
// persona (personaID) or all (0).
func (a *App) CheckCollateral(ctx context.Context, id, personaID int64) (*GapReport, error) {
	c, err := a.store.Collateral(ctx, id)
	if err != nil {
		return nil, err
	}
	st, err := a.store.Study(ctx, c.StudyID)
	if err != nil {
		return nil, err
	}
	if personaID != 0 {
		p, err := a.store.Persona(ctx, personaID)
		if err != nil {
			return nil, err
		}
		if p.StudyID != c.StudyID {
			return nil, fmt.Errorf("persona %d is not in study %d: %w", personaID, c.StudyID, persona.ErrNotFound)
		}
	}
	in, err := a.gapInput(ctx, c.StudyID)
	if err != nil {
		return nil, err
	}
	in.Passages = gaps.Passages(a.Lang, c.Text)
	in.PersonaID = personaID
	rep, err := gaps.Check(in)
	if err != nil {
		return nil, fmt.Errorf("check collateral %d: %w", id, err)
	}
	return &GapReport{Collateral: c, Study: st, Passages: in.Passages, Report: *rep}, nil
}

// gapInput loads a study's analysis for gaps.Check: themes with member
// quotes (attributed), personas, and every buyer quote's text.
func (a *App) gapInput(ctx context.Context, studyID int64) (gaps.Input, error) {
	in := gaps.Input{Members: map[int64][]gaps.Quote{}, Vectors: analysis.DefaultVectors()}
	var err error
	if in.Themes, err = a.store.Themes(ctx, studyID); err != nil {
		return in, err
	}
	if len(in.Themes) == 0 {
		return in, ErrNoAnalysis
	}
	if in.Personas, err = a.store.Personas(ctx, studyID); err != nil {
		return in, err
	}
	cite, err := a.citer(ctx, studyID)
	if err != nil {
		return in, err
	}
	quotes, err := a.buyerQuotes(ctx, studyID)
	if err != nil {
		return in, err
	}
	byID := make(map[int64]persona.Quote, len(quotes))
	for _, q := range quotes {
		byID[q.ID] = q
		if !q.Hidden {
			in.BuyerTexts = append(in.BuyerTexts, q.Text)
		}
	}
	for _, t := range in.Themes {
		for _, id := range uniqueIDs(append(append([]int64{}, t.TopQuoteIDs...), t.QuoteIDs...), gaps.MaxMembers) {
			if q, ok := byID[id]; ok && !q.Hidden {
				in.Members[t.ID] = append(in.Members[t.ID], cite(q))
			}
		}
	}
	return in, nil
}

// citer returns a function that attributes a quote to its participant
// and source.
func (a *App) citer(ctx context.Context, studyID int64) (func(persona.Quote) gaps.Quote, error) {
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID})
	if err != nil {
		return nil, err
	}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return nil, err
	}
	label := map[int64]string{}
	for _, p := range parts {
		label[p.ID] = p.Label
	}
	byID := map[int64]persona.Source{}
	for _, s := range srcs {
		byID[s.ID] = s
	}
	return func(q persona.Quote) gaps.Quote {
		src := byID[q.SourceID]
		return gaps.Quote{ID: q.ID, Text: q.Text, Participant: label[q.ParticipantID], Source: src.Name, SourceID: q.SourceID, Position: Position(q, src)}
	}, nil
}

// buyerQuotes are a study's buyers' quotes, without tokens, in id order.
func (a *App) buyerQuotes(ctx context.Context, studyID int64) ([]persona.Quote, error) {
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID, BuyersOnly: true})
	if err != nil {
		return nil, err
	}
	buyer := make(map[int64]bool, len(parts))
	for _, p := range parts {
		buyer[p.ID] = true
	}
	var out []persona.Quote
	var after int64
	for {
		page, err := a.store.Quotes(ctx, store.QuoteFilter{StudyID: studyID, AfterID: after, Limit: 20000, NoTokens: true})
		if err != nil {
			return nil, err
		}
		if len(page) == 0 {
			return out, nil
		}
		for _, q := range page {
			if buyer[q.ParticipantID] {
				out = append(out, q)
			}
		}
		after = page[len(page)-1].ID
	}
}

// GapMarkdown renders a gap report as Markdown for export.
func GapMarkdown(r *GapReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Content-gap check: %s\n\nStudy: %s. %d passages; %d of %d content words (%.0f%%) are words the buyers use.\n\n",
		r.Collateral.Name, r.Study.Name, r.PassageCount, r.BuyerWords, r.Words, 100*r.BuyerLanguage)
	if len(r.VendorPhrases) > 0 {
		b.WriteString("## Vendor phrases the buyers never use\n\n")
		for _, v := range r.VendorPhrases {
			c := ""
			if v.Cliche {
				c = " (cliché)"
			}
			fmt.Fprintf(&b, "- %s ×%d%s\n", v.Text, v.Count, c)
		}
		b.WriteString("\n")
	}
	for _, p := range r.Personas {
		fmt.Fprintf(&b, "## %s — coverage %.0f%%\n\nAddresses %d of the persona's %d top themes (%d of %d buyer mentions).\n\n",
			p.Name, 100*p.Coverage, p.Addressed, p.Themes, p.Covered, p.Weight)
		for _, rr := range p.Rings {
			fmt.Fprintf(&b, "### %s\n\n", rr.Title)
			for _, t := range rr.Themes {
				mark := "never mentioned"
				if t.Addressed {
					mark = "addressed"
				}
				fmt.Fprintf(&b, "- **%s** (raised by %d of %d) — %s\n", t.Label, t.Raised, t.Of, mark)
				if t.Addressed {
					fmt.Fprintf(&b, "  - Document: “%s”\n", t.Passage)
				}
				for _, q := range t.Quotes {
					fmt.Fprintf(&b, "  - Buyer: “%s” — %s (%s)\n", q.Text, q.Participant, q.Source)
				}
			}
			b.WriteString("\n")
		}
		if len(p.Missing) > 0 {
			b.WriteString("Buyer phrases the document lacks: ")
			for i, m := range p.Missing {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "“%s”", m.Text)
			}
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// LoadDemoCollateral stores every document of fsys (the demo's collateral)
// with the study named name, so its content-gap page has something to show.
func (a *App) LoadDemoCollateral(ctx context.Context, fsys fs.FS, name string) error {
	st, err := a.store.StudyByName(ctx, name)
	if err != nil {
		return err
	}
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		_, err = a.AddCollateral(ctx, st.ID, path.Base(p), data, "demo")
		return err
	})
}

// DeleteCollateral deletes a collateral document.
func (a *App) DeleteCollateral(ctx context.Context, id int64) error {
	c, err := a.store.Collateral(ctx, id)
	if err != nil {
		return err
	}
	defer a.changed(c.StudyID, ChangeCollateral)
	return a.store.DeleteCollateral(ctx, id)
}
