package app

import (
	"context"
	"sort"
	"strconv"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/search"
)

// objectionPersonas is how many personas an objection answer says what
// they value instead for.
const objectionPersonas = 4

// objectionValues says, for each persona whose buyers raise the objection
// (those who said a relevant quote), most raising first, what those buyers
// value instead: the decision-criteria and success-factor themes they
// mention most, each with one of their quotes. It changes with the query:
// other objections are raised by other buyers. A persona whose raising
// buyers mention no such theme gets its overall top values.
func (a *App) objectionValues(ctx context.Context, rel []candidate, personas map[int64]persona.Profile) ([]PersonaValues, error) {
	seen := map[int64]bool{}
	var partIDs []int64
	for _, c := range rel {
		if !seen[c.quote.ParticipantID] {
			seen[c.quote.ParticipantID] = true
			partIDs = append(partIDs, c.quote.ParticipantID)
		}
	}
	parts, err := a.store.ParticipantsByID(ctx, partIDs)
	if err != nil {
		return nil, err
	}
	raisers := map[int64][]int64{} // persona -> its raising participants
	for _, id := range partIDs {
		p, ok := parts[id]
		if ok && p.PersonaID != 0 {
			raisers[p.PersonaID] = append(raisers[p.PersonaID], id)
			if err := a.loadPersonas(ctx, p.StudyID, personas); err != nil {
				return nil, err
			}
		}
	}
	ranked := make([]int64, 0, len(raisers))
	for id := range raisers {
		if _, ok := personas[id]; ok {
			ranked = append(ranked, id)
		}
	}
	sort.Slice(ranked, func(i, j int) bool {
		ni, nj := len(raisers[ranked[i]]), len(raisers[ranked[j]])
		return ni > nj || ni == nj && ranked[i] < ranked[j]
	})
	out := []PersonaValues{}
	for _, id := range ranked[:min(objectionPersonas, len(ranked))] {
		v, err := a.raisersValues(ctx, personas[id], raisers[id])
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// raisersValues is what the participants ids of persona p mention most in
// the decision-criteria and success-factor rings, each theme with the
// first of their quotes in it that may be shown as representative (none
// when none may: a courtesy is no value).
func (a *App) raisersValues(ctx context.Context, p persona.Profile, ids []int64) (PersonaValues, error) {
	ids = ids[:min(200, len(ids))]
	q := search.Query{Size: 100, NoHighlight: true, Facets: []string{"theme"}, FacetSize: 20,
		Filters: map[string][]string{"ring": {string(persona.RingCriteria), string(persona.RingSuccess)}, "participant": {}}}
	for _, id := range ids {
		q.Filters["participant"] = append(q.Filters["participant"], strconv.FormatInt(id, 10))
	}
	res, err := a.searchIndex(ctx, q)
	if err != nil {
		return PersonaValues{}, err
	}
	hitIDs := make([]int64, len(res.Hits))
	for i, h := range res.Hits {
		hitIDs[i] = h.ID
	}
	quotes, err := a.store.QuotesByID(ctx, hitIDs)
	if err != nil {
		return PersonaValues{}, err
	}
	v := PersonaValues{PersonaID: p.ID, Name: p.Name, Raising: len(ids), DecisionCriteria: []ThemeQuote{}, SuccessFactors: []ThemeQuote{}}
	facetIDs := make([]int64, 0, len(res.Facets["theme"]))
	raising := make(map[int64]bool, len(ids))
	for _, id := range ids {
		raising[id] = true
	}
	for _, fc := range res.Facets["theme"] {
		id, _ := strconv.ParseInt(fc.Value, 10, 64)
		facetIDs = append(facetIDs, id)
	}
	themes, err := a.cachedThemes(ctx, facetIDs)
	if err != nil {
		return PersonaValues{}, err
	}
	// The themes shown (three a ring; a catch-all, "Mixed remarks (…)",
	// names no value and is left out), each with the theme's own top
	// quote (chosen by the analysis) that a raising buyer said, else the
	// first quotable hit in it: the hits are every remark of theirs that
	// the theme holds, small talk too ("I hope I didn't go through that
	// too quickly"). The top quotes are read in one query.
	var shown []*ThemeQuote
	var fallback []persona.Theme
	for _, id := range facetIDs {
		t, ok := themes[id]
		if !ok || analysis.FallbackTheme(t) {
			continue
		}
		// Every value theme is read, not the first three a ring: one none
		// of whose quotes may be shown gives way to the next (keepQuoted).
		var list *[]ThemeQuote
		switch t.Ring {
		case persona.RingCriteria:
			list = &v.DecisionCriteria
		case persona.RingSuccess:
			list = &v.SuccessFactors
		default:
			continue
		}
		tq := ThemeQuote{ThemeID: t.ID, Label: t.Label}
		for _, qt := range quotes {
			if qt.ThemeID == t.ID && a.quotable(qt) {
				tq.Quote, tq.QuoteID = qt.Text, qt.ID
				break
			}
		}
		*list = append(*list, tq)
		fallback = append(fallback, t)
	}
	for i := range v.DecisionCriteria {
		shown = append(shown, &v.DecisionCriteria[i])
	}
	for i := range v.SuccessFactors {
		shown = append(shown, &v.SuccessFactors[i])
	}
	if err := a.raisersTopQuotes(ctx, fallback, raising, shown); err != nil {
		return v, err
	}
	v.DecisionCriteria, v.SuccessFactors = keepQuoted(v.DecisionCriteria, 3), keepQuoted(v.SuccessFactors, 3)
	if len(v.DecisionCriteria)+len(v.SuccessFactors) == 0 {
		all, err := a.cachedPersonaValues(ctx, p)
		if err != nil {
			return v, err
		}
		v.DecisionCriteria, v.SuccessFactors = all.DecisionCriteria, all.SuccessFactors
	}
	return v, nil
}

// raisersTopQuotes sets, for each theme of themes, its ThemeQuote in shown
// to the first of the theme's top quotes (quotable, chosen by the
// analysis) said by one of the raising buyers; it leaves the one there
// (a search hit, or none) when none of them said one. The top quotes
// of every such theme are read in one query.
func (a *App) raisersTopQuotes(ctx context.Context, themes []persona.Theme, raising map[int64]bool, shown []*ThemeQuote) error {
	if len(themes) == 0 {
		return nil
	}
	var ids []int64
	for _, t := range themes {
		ids = append(ids, t.TopQuoteIDs...)
	}
	top, err := a.store.QuotesByID(ctx, ids)
	if err != nil {
		return err
	}
	byID := quotesByID(top)
	byTheme := make(map[int64][]*ThemeQuote, len(shown))
	for _, tq := range shown {
		byTheme[tq.ThemeID] = append(byTheme[tq.ThemeID], tq)
	}
	for _, t := range themes {
		q, ok := firstShown(t.TopQuoteIDs, byID, func(q persona.Quote) bool { return raising[q.ParticipantID] })
		if !ok {
			continue
		}
		for _, tq := range byTheme[t.ID] {
			tq.Quote, tq.QuoteID = q.Text, q.ID
		}
	}
	return nil
}

// quotesByID indexes quotes by id.
func quotesByID(qs []persona.Quote) map[int64]persona.Quote {
	byID := make(map[int64]persona.Quote, len(qs))
	for _, q := range qs {
		byID[q.ID] = q
	}
	return byID
}

// firstShown is the first quote of ids, in order, that byID holds (a
// quote erased since is not there), that is not hidden and that ok
// accepts (nil accepts all): a theme's top quote that may be shown.
func firstShown(ids []int64, byID map[int64]persona.Quote, ok func(persona.Quote) bool) (persona.Quote, bool) {
	for _, id := range ids {
		if q, found := byID[id]; found && !q.Hidden && (ok == nil || ok(q)) {
			return q, true
		}
	}
	return persona.Quote{}, false
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
	// The themes, then their top quotes, each in one query.
	rings := []persona.Ring{persona.RingCriteria, persona.RingSuccess}
	var ids []int64
	for _, ring := range rings {
		ids = append(ids, p.Rings[ring][:min(valueThemesRead, len(p.Rings[ring]))]...)
	}
	themes, err := a.cachedThemes(ctx, ids)
	if err != nil {
		return v, err
	}
	// Every top quote, not only the first: one hidden or erased since the
	// analysis (a hidden quote a researcher pinned stands first) gives way
	// to the next.
	var top []int64
	for _, t := range themes {
		top = append(top, t.TopQuoteIDs...)
	}
	quotes, err := a.store.QuotesByID(ctx, top)
	if err != nil {
		return v, err
	}
	byID := quotesByID(quotes)
	for _, ring := range rings {
		ids := p.Rings[ring]
		if len(ids) > valueThemesRead {
			ids = ids[:valueThemesRead]
		}
		for _, id := range ids {
			t, ok := themes[id]
			if !ok || analysis.FallbackTheme(t) {
				continue
			}
			tq := ThemeQuote{ThemeID: t.ID, Label: t.Label}
			if q, ok := firstShown(t.TopQuoteIDs, byID, nil); ok {
				tq.Quote, tq.QuoteID = q.Text, q.ID
			}
			if ring == persona.RingCriteria {
				v.DecisionCriteria = append(v.DecisionCriteria, tq)
			} else {
				v.SuccessFactors = append(v.SuccessFactors, tq)
			}
		}
	}
	v.DecisionCriteria, v.SuccessFactors = keepQuoted(v.DecisionCriteria, 3), keepQuoted(v.SuccessFactors, 3)
	return v, nil
}

// valueThemesRead is how many of a persona's themes a ring are read for
// its values: three are shown, and a theme with no quote that may be
// shown gives way to the next.
const valueThemesRead = 6

// keepQuoted is the first n values of list that show a quote. A value is
// a theme's label put forward as what buyers care about; shown without
// one of its quotes ("working design", ES2008) it is a claim the rep
// cannot check or repeat in the buyers' words, so the next theme that
// has one takes its place.
func keepQuoted(list []ThemeQuote, n int) []ThemeQuote {
	out := list[:0]
	for _, tq := range list {
		if tq.QuoteID != 0 && len(out) < n {
			out = append(out, tq)
		}
	}
	return out
}
