package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// VerbatimCoder is the coder id of Verbatim's own coding (the analysis'
// theme of a quote, matched to the code of the same name), compared with
// researchers' codings like another coder's.
const (
	VerbatimCoder     int64 = 0
	VerbatimCoderName       = "Verbatim"
)

// ConsensusCoder is the coder id of the consensus coding: the codes a
// settled disagreement kept on a quote (Settle), used by persona pages and
// exports in place of the coders' own codings on that quote, and compared
// with each coder in the agreement figures.
const (
	ConsensusCoder     int64 = -2
	ConsensusCoderName       = "Consensus"
)

// codingScope is what one reader may see of a study's codings.
type codingScope struct {
	rounds []persona.CodingRound // open (blind) rounds
	source map[int64]int64       // quote id -> source id, for the quotes coded
}

// hidden reports whether a coding is hidden from by: an open round covers
// its quote's source and the coding is someone else's.
func (s codingScope) hidden(c persona.Coding, by Actor) bool {
	if c.CoderID == by.ID {
		return false
	}
	src := s.source[c.QuoteID]
	for _, r := range s.rounds {
		if r.Covers(src) {
			return true
		}
	}
	return false
}

// blindRounds are a study's open rounds.
func (a *App) blindRounds(ctx context.Context, studyID int64) ([]persona.CodingRound, error) {
	rounds, err := a.store.Rounds(ctx, studyID)
	if err != nil {
		return nil, err
	}
	var open []persona.CodingRound
	for _, r := range rounds {
		if r.Blind() {
			open = append(open, r)
		}
	}
	return open, nil
}

// visibleCodings are a study's researcher codings that by may see: all of
// them, except other coders' on sources an open blind round covers.
func (a *App) visibleCodings(ctx context.Context, studyID int64, by Actor) ([]persona.Coding, error) {
	return a.visibleCodingsOf(ctx, store.CodingFilter{StudyID: studyID}, studyID, by)
}

func (a *App) visibleCodingsOf(ctx context.Context, f store.CodingFilter, studyID int64, by Actor) ([]persona.Coding, error) {
	all, err := a.store.Codings(ctx, f)
	if err != nil {
		return nil, err
	}
	open, err := a.blindRounds(ctx, studyID)
	if err != nil || len(open) == 0 {
		return all, err
	}
	scope := codingScope{rounds: open, source: map[int64]int64{}}
	ids := make([]int64, 0, len(all))
	for _, c := range all {
		ids = append(ids, c.QuoteID)
	}
	qs, err := a.store.QuotesByID(ctx, uniqueIDs(ids, len(ids)))
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		scope.source[q.ID] = q.SourceID
	}
	out := all[:0:0]
	for _, c := range all {
		if !scope.hidden(c, by) {
			out = append(out, c)
		}
	}
	return out, nil
}

// codeAndQuote loads a code and a quote of the same study.
func (a *App) codeAndQuote(ctx context.Context, codeID, quoteID int64) (persona.Code, persona.Quote, error) {
	q, err := a.store.Quote(ctx, quoteID)
	if err != nil {
		return persona.Code{}, q, err
	}
	c, err := a.store.Code(ctx, codeID)
	if err != nil {
		return c, q, err
	}
	if c.StudyID != q.StudyID {
		return c, q, fmt.Errorf("code %d belongs to another study than quote %d: %w", codeID, quoteID, persona.ErrInvalid)
	}
	return c, q, nil
}

// CodeQuote applies a code to a quote as by's coding.
func (a *App) CodeQuote(ctx context.Context, quoteID, codeID int64, by Actor) (persona.Coding, error) {
	c, q, err := a.codeAndQuote(ctx, codeID, quoteID)
	if err != nil {
		return persona.Coding{}, err
	}
	cd := persona.Coding{StudyID: q.StudyID, CodeID: c.ID, QuoteID: q.ID, CoderID: by.ID, Coder: by.Name, CreatedAt: time.Now().UTC()}
	defer a.changed(q.StudyID, ChangeCodings)
	return cd, a.store.AddCoding(ctx, cd)
}

// UncodeQuote removes by's coding of a quote with a code.
func (a *App) UncodeQuote(ctx context.Context, quoteID, codeID int64, by Actor) error {
	_, q, err := a.codeAndQuote(ctx, codeID, quoteID)
	if err != nil {
		return err
	}
	defer a.changed(q.StudyID, ChangeCodings)
	ok, err := a.store.DeleteCoding(ctx, codeID, quoteID, by.ID)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("quote %d has no coding of yours with code %d: %w", quoteID, codeID, persona.ErrNotFound)
	}
	return nil
}

// CoderCodes are one coder's codes on a quote.
type CoderCodes struct {
	CoderID int64          `json:"coder_id"`
	Coder   string         `json:"coder"`
	Codes   []persona.Code `json:"codes"`
}

// QuoteCoding is a quote with its codings as a reader sees them: theirs,
// the other coders' (unless a blind round hides them), Verbatim's, and the
// codebook to code it with.
type QuoteCoding struct {
	Quote    QuoteRef       `json:"quote"`
	Study    StudyRef       `json:"study"`
	Ring     persona.Ring   `json:"ring"`
	Theme    string         `json:"theme"`
	Mine     []persona.Code `json:"mine"`
	Others   []CoderCodes   `json:"others"`
	Verbatim []persona.Code `json:"verbatim"`
	// Blind is true when an open round hides other coders' codings here.
	Blind    bool           `json:"blind"`
	Codebook []persona.Code `json:"codebook"`
}

// QuoteCoding assembles a quote's codings for by.
func (a *App) QuoteCoding(ctx context.Context, quoteID int64, by Actor) (QuoteCoding, error) {
	q, err := a.store.Quote(ctx, quoteID)
	if err != nil {
		return QuoteCoding{}, err
	}
	st, err := a.store.Study(ctx, q.StudyID)
	if err != nil {
		return QuoteCoding{}, err
	}
	out := QuoteCoding{Study: StudyRef{ID: st.ID, Name: st.Name}, Ring: q.Ring, Mine: []persona.Code{}, Others: []CoderCodes{}, Verbatim: []persona.Code{}}
	refs, err := a.quoteRefs(ctx, q.StudyID, []int64{q.ID})
	if err != nil {
		return out, err
	}
	out.Quote = refs[q.ID]
	byID, codes, err := a.studyCodes(ctx, q.StudyID)
	if err != nil {
		return out, err
	}
	out.Codebook = codes
	all, err := a.store.Codings(ctx, store.CodingFilter{StudyID: q.StudyID, QuoteIDs: []int64{q.ID}})
	if err != nil {
		return out, err
	}
	open, err := a.blindRounds(ctx, q.StudyID)
	if err != nil {
		return out, err
	}
	scope := codingScope{rounds: open, source: map[int64]int64{q.ID: q.SourceID}}
	others := map[int64]*CoderCodes{}
	for _, c := range all {
		code, ok := byID[c.CodeID]
		switch {
		case !ok:
		case c.CoderID == by.ID:
			out.Mine = append(out.Mine, code)
		case scope.hidden(c, by):
			out.Blind = true
		default:
			if others[c.CoderID] == nil {
				others[c.CoderID] = &CoderCodes{CoderID: c.CoderID, Coder: c.Coder}
			}
			others[c.CoderID].Codes = append(others[c.CoderID].Codes, code)
		}
	}
	for _, r := range open {
		if r.Covers(q.SourceID) {
			out.Blind = true
		}
	}
	for _, o := range others {
		out.Others = append(out.Others, *o)
	}
	sort.Slice(out.Others, func(i, j int) bool { return out.Others[i].Coder < out.Others[j].Coder })
	if q.ThemeID != 0 {
		if t, err := a.store.Theme(ctx, q.ThemeID); err == nil {
			out.Theme = t.Label
			if c, ok := codeNamed(codes, t.Label); ok {
				out.Verbatim = append(out.Verbatim, c)
			}
		}
	}
	return out, nil
}

// codeNamed finds the code named like a theme label (ignoring case).
func codeNamed(codes []persona.Code, label string) (persona.Code, bool) {
	for _, c := range codes {
		if strings.EqualFold(strings.TrimSpace(c.Name), strings.TrimSpace(label)) {
			return c, true
		}
	}
	return persona.Code{}, false
}

// StartRound opens a blind coding round for named coders (at least two)
// on a study's sources (all of them when sourceIDs is empty). Only one
// round per study may be open at a time.
func (a *App) StartRound(ctx context.Context, studyID int64, coders []persona.RoundCoder, sourceIDs []int64, by Actor) (persona.CodingRound, error) {
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return persona.CodingRound{}, err
	}
	seen := map[int64]bool{}
	var cs []persona.RoundCoder
	for _, c := range coders {
		if !seen[c.ID] {
			seen[c.ID] = true
			cs = append(cs, persona.RoundCoder{ID: c.ID, Name: c.Name})
		}
	}
	if len(cs) < 2 {
		return persona.CodingRound{}, fmt.Errorf("blind coding: name at least two coders: %w", persona.ErrInvalid)
	}
	open, err := a.blindRounds(ctx, studyID)
	if err != nil {
		return persona.CodingRound{}, err
	}
	if len(open) > 0 {
		return persona.CodingRound{}, fmt.Errorf("blind coding: round %d is still open in this study: %w", open[0].ID, persona.ErrConflict)
	}
	srcs, err := a.sourceMap(ctx, studyID)
	if err != nil {
		return persona.CodingRound{}, err
	}
	for _, id := range sourceIDs {
		if _, ok := srcs[id]; !ok {
			return persona.CodingRound{}, fmt.Errorf("blind coding: source %d is not in this study: %w", id, persona.ErrInvalid)
		}
	}
	return a.store.AddRound(ctx, persona.CodingRound{StudyID: studyID, SourceIDs: uniqueIDs(sourceIDs, len(sourceIDs)), Coders: cs,
		CreatedBy: by.Name, CreatedAt: time.Now().UTC()})
}

// RoundSources are the sources a blind round may cover: the study's.
func (a *App) RoundSources(ctx context.Context, studyID int64) ([]persona.Source, error) {
	return a.store.Sources(ctx, studyID)
}

// Rounds lists a study's blind coding rounds, newest first.
func (a *App) Rounds(ctx context.Context, studyID int64) ([]persona.CodingRound, error) {
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return nil, err
	}
	return a.store.Rounds(ctx, studyID)
}

// MarkRoundDone records that by has finished coding in a study's open
// round (done=false takes it back while the round is open); when every
// coder is done the round is revealed. It returns the round as it is now.
func (a *App) MarkRoundDone(ctx context.Context, studyID int64, done bool, by Actor) (persona.CodingRound, error) {
	open, err := a.blindRounds(ctx, studyID)
	if err != nil {
		return persona.CodingRound{}, err
	}
	if len(open) == 0 {
		return persona.CodingRound{}, fmt.Errorf("blind coding: no open round in study %d: %w", studyID, persona.ErrNotFound)
	}
	r := open[0]
	if !r.HasCoder(by.ID) {
		return r, fmt.Errorf("blind coding: you are not a coder of round %d: %w", r.ID, persona.ErrForbidden)
	}
	now := time.Now().UTC()
	var at *time.Time
	if done {
		at = &now
	}
	if err := a.store.SetRoundDone(ctx, r.ID, by.ID, at); err != nil {
		return r, err
	}
	all := true
	for i, c := range r.Coders {
		if c.ID == by.ID {
			r.Coders[i].DoneAt = at
		}
		all = all && r.Coders[i].DoneAt != nil
	}
	if all {
		if err := a.store.RevealRound(ctx, r.ID, now); err != nil {
			return r, err
		}
		r.RevealedAt = &now
	}
	return r, nil
}
