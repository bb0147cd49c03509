package app

import (
	"context"
	"sort"
	"strconv"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/search"
)

// Objections answers a sales rep's "what do buyers say about X?": the
// perceived-barrier themes that match, how many buyers of each persona
// raise them, the best quotes, and what those personas value instead.
type Objections struct {
	Query   string           `json:"query"`
	Total   uint64           `json:"total"`
	Themes  []ObjectionTheme `json:"themes"`
	Quotes  []QuoteHit       `json:"quotes"`
	Answers []PersonaValues  `json:"answers"`
}

// ObjectionTheme is a barrier theme with its matches and who raises it.
type ObjectionTheme struct {
	Theme     persona.Theme  `json:"theme"`
	Matches   int            `json:"matches"`
	ByPersona []PersonaCount `json:"by_persona"`
}

// PersonaCount is how many of a persona's participants raise a theme.
type PersonaCount struct {
	PersonaID    int64  `json:"persona_id"`
	Name         string `json:"name"`
	Participants int    `json:"participants"`
	Size         int    `json:"size"`
}

// PersonaValues is what a persona cares about: its top decision criteria
// and success factors, each with a supporting quote.
type PersonaValues struct {
	PersonaID        int64        `json:"persona_id"`
	Name             string       `json:"name"`
	DecisionCriteria []ThemeQuote `json:"decision_criteria"`
	SuccessFactors   []ThemeQuote `json:"success_factors"`
}

// ThemeQuote is a theme and its best quote.
type ThemeQuote struct {
	ThemeID int64  `json:"theme_id"`
	Label   string `json:"label"`
	Quote   string `json:"quote,omitempty"`
	QuoteID int64  `json:"quote_id,omitempty"`
}

// Objections searches buyer barriers. studyID 0 searches every study.
func (a *App) Objections(ctx context.Context, text string, studyID int64, size int) (Objections, error) {
	q := search.Query{Text: text, Size: size, Facets: []string{"theme"}, FacetSize: 10,
		Filters: map[string][]string{"ring": {string(persona.RingBarriers)}}}
	if studyID != 0 {
		q.Filters["study"] = []string{strconv.FormatInt(studyID, 10)}
	}
	res, err := a.Search(ctx, q)
	if err != nil {
		return Objections{}, err
	}
	out := Objections{Query: text, Total: res.Total, Quotes: res.Hits, Themes: []ObjectionTheme{}, Answers: []PersonaValues{}}
	personas := map[int64]persona.Profile{}
	for _, fc := range res.Facets["theme"] {
		id, _ := strconv.ParseInt(fc.Value, 10, 64)
		t, err := a.cachedTheme(ctx, id)
		if err != nil {
			continue
		}
		t.QuoteIDs = nil
		ot := ObjectionTheme{Theme: t, Matches: fc.Count, ByPersona: []PersonaCount{}}
		if err := a.loadPersonas(ctx, t.StudyID, personas); err != nil {
			return out, err
		}
		for _, p := range sortedPersonas(personas) {
			if n := p.ThemeCounts[t.ID]; n > 0 {
				ot.ByPersona = append(ot.ByPersona, PersonaCount{PersonaID: p.ID, Name: p.Name, Participants: n, Size: p.Size})
			}
		}
		out.Themes = append(out.Themes, ot)
	}
	// What the personas raising these objections value instead, most
	// affected persona first.
	raised := map[int64]int{}
	for _, ot := range out.Themes {
		for _, pc := range ot.ByPersona {
			raised[pc.PersonaID] += pc.Participants
		}
	}
	ranked := sortedPersonas(personas)
	sort.SliceStable(ranked, func(i, j int) bool { return raised[ranked[i].ID] > raised[ranked[j].ID] })
	for _, p := range ranked {
		if raised[p.ID] == 0 {
			continue
		}
		v, err := a.cachedPersonaValues(ctx, p)
		if err != nil {
			return out, err
		}
		out.Answers = append(out.Answers, v)
	}
	return out, nil
}

func (a *App) loadPersonas(ctx context.Context, studyID int64, into map[int64]persona.Profile) error {
	for _, p := range into {
		if p.StudyID == studyID {
			return nil
		}
	}
	ps, err := a.cachedPersonas(ctx, studyID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		into[p.ID] = p
	}
	return nil
}

func sortedPersonas(m map[int64]persona.Profile) []persona.Profile {
	out := make([]persona.Profile, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (a *App) personaValues(ctx context.Context, p persona.Profile) (PersonaValues, error) {
	v := PersonaValues{PersonaID: p.ID, Name: p.Name, DecisionCriteria: []ThemeQuote{}, SuccessFactors: []ThemeQuote{}}
	for _, ring := range []persona.Ring{persona.RingCriteria, persona.RingSuccess} {
		ids := p.Rings[ring]
		if len(ids) > 3 {
			ids = ids[:3]
		}
		for _, id := range ids {
			t, err := a.cachedTheme(ctx, id)
			if err != nil {
				continue
			}
			tq := ThemeQuote{ThemeID: t.ID, Label: t.Label}
			if len(t.TopQuoteIDs) > 0 {
				if q, err := a.Store.Quote(ctx, t.TopQuoteIDs[0]); err == nil {
					tq.Quote, tq.QuoteID = q.Text, q.ID
				}
			}
			if ring == persona.RingCriteria {
				v.DecisionCriteria = append(v.DecisionCriteria, tq)
			} else {
				v.SuccessFactors = append(v.SuccessFactors, tq)
			}
		}
	}
	return v, nil
}
