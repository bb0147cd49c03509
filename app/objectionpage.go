package app

import (
	"context"

	"github.com/verbatimhq/verbatim/persona"
)

// ObjectionPage is one objection (a theme, usually a perceived barrier)
// as a sales rep reads it: the buyers' quotes, who raises it, the deals it
// came with, and what reps answered that worked.
type ObjectionPage struct {
	Theme persona.Theme `json:"theme"`
	Study StudyRef      `json:"study"`
	// Outcome is the filter: only quotes from deals that ended so
	// (OutcomeNone: every quote).
	Outcome   persona.Outcome `json:"outcome"`
	ByPersona []PersonaCount  `json:"by_persona"`
	// Outcomes are the deals of each outcome that raise it, one quote each.
	Outcomes []OutcomeQuotes `json:"outcomes"`
	// Total is how many of the theme's visible quotes pass the filter;
	// Quotes the first of them.
	Total  int              `json:"total"`
	Quotes []ObjectionQuote `json:"quotes"`
}

// ObjectionQuote is a buyer quote with the outcome of its deal.
type ObjectionQuote struct {
	QuoteRef
	Outcome    persona.Outcome `json:"outcome,omitempty"`
	Competitor string          `json:"competitor,omitempty"`
}

// ObjectionPage assembles theme id's objection page with up to limit
// quotes, representatives first.
func (a *App) ObjectionPage(ctx context.Context, id int64, outcome persona.Outcome, limit int) (ObjectionPage, error) {
	t, err := a.store.Theme(ctx, id)
	if err != nil {
		return ObjectionPage{}, err
	}
	st, err := a.store.Study(ctx, t.StudyID)
	if err != nil {
		return ObjectionPage{}, err
	}
	page := ObjectionPage{Study: StudyRef{ID: st.ID, Name: st.Name}, Outcome: outcome, ByPersona: []PersonaCount{},
		Outcomes: []OutcomeQuotes{}, Quotes: []ObjectionQuote{}}
	personas := map[int64]persona.Profile{}
	if err := a.loadPersonas(ctx, t.StudyID, personas); err != nil {
		return page, err
	}
	for _, p := range sortedPersonas(personas) {
		if n := p.ThemeCounts[t.ID]; n > 0 {
			page.ByPersona = append(page.ByPersona, PersonaCount{PersonaID: p.ID, Name: p.Name, Participants: n, Size: p.Size})
		}
	}
	wl, err := a.WinLoss(ctx, WinLossQuery{StudyID: t.StudyID, AllRings: true})
	if err != nil {
		return page, err
	}
	for _, x := range wl.Themes {
		if x.ThemeID == t.ID {
			page.Outcomes = x.Outcomes
		}
	}
	metas, err := a.store.SourceMetas(ctx, t.StudyID)
	if err != nil {
		return page, err
	}
	srcs, err := a.sourceMap(ctx, t.StudyID)
	if err != nil {
		return page, err
	}
	ids := append(append([]int64{}, t.TopQuoteIDs...), t.QuoteIDs...)
	quotes, err := a.store.QuotesByID(ctx, ids)
	if err != nil {
		return page, err
	}
	var partIDs []int64
	for _, q := range quotes {
		partIDs = append(partIDs, q.ParticipantID)
	}
	parts, err := a.store.ParticipantsByID(ctx, partIDs)
	if err != nil {
		return page, err
	}
	seen := map[int64]bool{}
	for _, q := range quotes {
		m := metas[q.SourceID]
		if seen[q.ID] || q.Hidden || q.ThemeID != t.ID || (outcome != persona.OutcomeNone && m.Outcome != outcome) {
			continue
		}
		seen[q.ID] = true
		page.Total++
		if len(page.Quotes) < limit {
			src := srcs[q.SourceID]
			page.Quotes = append(page.Quotes, ObjectionQuote{QuoteRef: QuoteRef{ID: q.ID, Text: q.Text, Participant: parts[q.ParticipantID].Label,
				Source: src.Name, SourceID: src.ID, Position: Position(q, src)}, Outcome: m.Outcome, Competitor: m.Competitor})
		}
	}
	t.QuoteIDs = nil
	page.Theme = t
	return page, nil
}
