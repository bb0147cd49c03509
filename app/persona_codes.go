package app

import (
	"context"
	"sort"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// PersonaCode is a codebook code as one persona's buyers carry it.
type PersonaCode struct {
	Code persona.Code `json:"code"`
	// Raised counts the persona's buyers with a quote coded with it (by
	// any researcher whose codings the reader may see); Of is the
	// persona's size.
	Raised int        `json:"raised"`
	Of     int        `json:"of"`
	Quotes []QuoteRef `json:"quotes"`
}

// personaCodeQuotes is how many quotes a persona page shows per code.
const personaCodeQuotes = 3

// PersonaCodes lists the codes researchers applied to a persona's buyers'
// quotes, most raised first, with up to three quotes each (one per buyer).
func (a *App) PersonaCodes(ctx context.Context, personaID int64, by Actor) ([]PersonaCode, error) {
	p, err := a.store.Persona(ctx, personaID)
	if err != nil {
		return nil, err
	}
	out := []PersonaCode{}
	byID, _, err := a.studyCodes(ctx, p.StudyID)
	if err != nil || len(byID) == 0 {
		return out, err
	}
	codings, err := a.visibleCodings(ctx, p.StudyID, by)
	if err != nil || len(codings) == 0 {
		return out, err
	}
	codings, err = a.consensusFirst(ctx, p.StudyID, codings)
	if err != nil {
		return nil, err
	}
	members := map[int64]bool{}
	for _, id := range p.ParticipantIDs {
		members[id] = true
	}
	ids := make([]int64, 0, len(codings))
	for _, c := range codings {
		ids = append(ids, c.QuoteID)
	}
	qs, err := a.store.QuotesByID(ctx, uniqueIDs(ids, len(ids)))
	if err != nil {
		return nil, err
	}
	quotes := map[int64]persona.Quote{}
	for _, q := range qs {
		if members[q.ParticipantID] && !q.Hidden {
			quotes[q.ID] = q
		}
	}
	type acc struct {
		buyers map[int64]bool
		quotes []int64
	}
	per := map[int64]*acc{}
	for _, c := range codings {
		q, ok := quotes[c.QuoteID]
		if !ok {
			continue
		}
		if _, ok := byID[c.CodeID]; !ok {
			continue
		}
		x := per[c.CodeID]
		if x == nil {
			x = &acc{buyers: map[int64]bool{}}
			per[c.CodeID] = x
		}
		if !x.buyers[q.ParticipantID] && len(x.quotes) < personaCodeQuotes {
			x.quotes = append(x.quotes, q.ID)
		}
		x.buyers[q.ParticipantID] = true
	}
	var shown []int64
	for _, x := range per {
		shown = append(shown, x.quotes...)
	}
	refs, err := a.quoteRefs(ctx, p.StudyID, shown)
	if err != nil {
		return nil, err
	}
	for id, x := range per {
		pc := PersonaCode{Code: byID[id], Raised: len(x.buyers), Of: p.Size, Quotes: []QuoteRef{}}
		for _, q := range x.quotes {
			if r, ok := refs[q]; ok {
				pc.Quotes = append(pc.Quotes, r)
			}
		}
		out = append(out, pc)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Raised != out[j].Raised {
			return out[i].Raised > out[j].Raised
		}
		return strings.ToLower(out[i].Code.Name) < strings.ToLower(out[j].Code.Name)
	})
	return out, nil
}

// consensusFirst keeps, on a quote whose disagreement was settled, only
// the consensus coding (the codes the settlement kept); elsewhere every
// coder's codings.
func (a *App) consensusFirst(ctx context.Context, studyID int64, codings []persona.Coding) ([]persona.Coding, error) {
	ss, err := a.store.Settlements(ctx, studyID)
	if err != nil || len(ss) == 0 {
		return codings, err
	}
	settled := map[int64]bool{}
	for _, s := range ss {
		settled[s.QuoteID] = true
	}
	out := codings[:0:0]
	for _, c := range codings {
		if !settled[c.QuoteID] || c.CoderID == ConsensusCoder {
			out = append(out, c)
		}
	}
	return out, nil
}
