package app

import (
	"context"
	"fmt"
	"strconv"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/search"
)

// QuoteHit is a search hit with what a reader needs to trust it: who said
// it, where, and the question it answered.
type QuoteHit struct {
	ID   int64  `json:"id"`
	Text string `json:"text"`
	// Shown is Text in clean verbatim, as the pages show it (no "um", no
	// stutter, no cut-off start: persona.CleanVerbatim); empty when it is
	// Text unchanged. Text, the index and exports keep every word.
	Shown         string       `json:"shown,omitempty"`
	Fragments     []string     `json:"fragments"`
	Score         float64      `json:"score"`
	Participant   string       `json:"participant"`
	ParticipantID int64        `json:"participant_id"`
	Source        string       `json:"source"`
	SourceID      int64        `json:"source_id"`
	Position      string       `json:"position"`
	Question      string       `json:"question,omitempty"`
	Ring          persona.Ring `json:"ring,omitempty"`
	// RingConfidence is the ring model's confidence in Ring (1 when a
	// researcher set it).
	RingConfidence float64           `json:"ring_confidence,omitempty"`
	ThemeID        int64             `json:"theme_id,omitempty"`
	PersonaID      int64             `json:"persona_id,omitempty"`
	Attributes     map[string]string `json:"attributes,omitempty"`
}

// SearchResult is a page of hydrated hits.
type SearchResult struct {
	Total  uint64                         `json:"total"`
	Hits   []QuoteHit                     `json:"hits"`
	Facets map[string][]search.FacetCount `json:"facets"`
	// FacetsCapped: the query matched too many quotes to count facets.
	FacetsCapped bool `json:"facets_capped,omitempty"`
	// TotalCapped: the query matched more than Total quotes (the
	// PostgreSQL backend's rank cap); the page is the best of those Total.
	TotalCapped bool `json:"total_capped,omitempty"`
}

// Search runs a query and hydrates the hits from the database.
func (a *App) Search(ctx context.Context, q search.Query) (SearchResult, error) {
	res, err := a.searchIndex(ctx, q)
	if err != nil {
		return SearchResult{}, err
	}
	hits, err := a.hydrate(ctx, res.Hits)
	if err != nil {
		return SearchResult{}, err
	}
	return SearchResult{Total: res.Total, Facets: res.Facets, FacetsCapped: res.FacetsCapped, TotalCapped: res.TotalCapped, Hits: hits}, nil
}

// hydrate turns index hits into QuoteHits, in the same order, from the
// database; hits whose quote is gone are left out.
func (a *App) hydrate(ctx context.Context, hits []search.Hit) ([]QuoteHit, error) {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	quotes, err := a.store.QuotesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := quotesByID(quotes)
	out := make([]QuoteHit, 0, len(hits))
	// One query each for the page's sources and participants.
	var srcIDs, partIDs []int64
	for _, q := range quotes {
		srcIDs = append(srcIDs, q.SourceID)
		partIDs = append(partIDs, q.ParticipantID)
	}
	srcs, err := a.store.SourcesByID(ctx, srcIDs)
	if err != nil {
		return nil, err
	}
	parts, err := a.store.ParticipantsByID(ctx, partIDs)
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		q, ok := byID[h.ID]
		if !ok {
			continue // deleted since it was indexed
		}
		src, ok := srcs[q.SourceID]
		if !ok {
			continue
		}
		p, ok := parts[q.ParticipantID]
		if !ok {
			continue
		}
		shown := persona.CleanVerbatim(q.Text)
		if shown == q.Text {
			shown = ""
		}
		out = append(out, QuoteHit{
			ID: q.ID, Text: q.Text, Shown: shown, Fragments: h.Fragments, Score: h.Score,
			Participant: p.Label, ParticipantID: p.ID, Source: src.Name, SourceID: src.ID,
			Position: Position(q, src), Question: q.Question, Ring: q.Ring, RingConfidence: q.RingConfidence,
			ThemeID: q.ThemeID, PersonaID: p.PersonaID, Attributes: p.Attributes,
		})
	}
	return out, nil
}

// Position says where a quote is in its source: a timestamp when known,
// else the turn's line or row.
func Position(q persona.Quote, src persona.Source) string {
	if q.AtMS >= 0 {
		s := q.AtMS / 1000
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	if src.Kind == persona.KindSurvey {
		return "row " + strconv.Itoa(q.Line)
	}
	return "line " + strconv.Itoa(q.Line)
}
