package app

import (
	"context"
	"fmt"
	"sort"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// WinLoss is which themes come with won, lost and undecided deals: a deal
// is a source (an interview or a call) with a recorded outcome, and it
// raises a theme when one of its buyers has a visible quote in it.
type WinLoss struct {
	StudyID int64 `json:"study_id"`
	// PersonaID limits the deals' buyers to one persona (0: everyone).
	PersonaID int64 `json:"persona_id,omitempty"`
	// Ring is the ring of the themes counted ("" for every ring).
	Ring   persona.Ring    `json:"ring"`
	Deals  []DealCount     `json:"deals"`
	Themes []ThemeOutcomes `json:"themes"`
}

// DealCount is how many deals ended one way, and against which
// competitors.
type DealCount struct {
	Outcome     persona.Outcome `json:"outcome"`
	Title       string          `json:"title"`
	Deals       int             `json:"deals"`
	Competitors []persona.Count `json:"competitors"`
}

// ThemeOutcomes is one theme's deals by outcome.
type ThemeOutcomes struct {
	ThemeID  int64           `json:"theme_id"`
	Label    string          `json:"label"`
	Ring     persona.Ring    `json:"ring"`
	Outcomes []OutcomeQuotes `json:"outcomes"`
}

// OutcomeQuotes is how many deals of one outcome raise a theme, with one
// quote of each (the count is traceable to them).
type OutcomeQuotes struct {
	Outcome persona.Outcome `json:"outcome"`
	Deals   int             `json:"deals"`
	Quotes  []QuoteLoc      `json:"quotes"`
}

// Deals returns how many deals of outcome o raise the theme.
func (t ThemeOutcomes) Deals(o persona.Outcome) int {
	for _, x := range t.Outcomes {
		if x.Outcome == o {
			return x.Deals
		}
	}
	return 0
}

// WinLossQuery says whose deals and which themes to count.
type WinLossQuery struct {
	StudyID   int64
	PersonaID int64
	// AllRings counts themes of every ring; by default perceived barriers
	// only (the objections).
	AllRings bool
}

// WinLoss counts, for a study (or one persona of it), the deals of each
// outcome that raise each theme. Themes raised in no deal with an outcome
// are left out; the rest come most lost deals first.
func (a *App) WinLoss(ctx context.Context, q WinLossQuery) (WinLoss, error) {
	out := WinLoss{StudyID: q.StudyID, PersonaID: q.PersonaID, Deals: []DealCount{}, Themes: []ThemeOutcomes{}}
	if !q.AllRings {
		out.Ring = persona.RingBarriers
	}
	var members map[int64]bool
	if q.PersonaID != 0 {
		p, err := a.store.Persona(ctx, q.PersonaID)
		if err != nil {
			return out, err
		}
		if q.StudyID != 0 && p.StudyID != q.StudyID {
			return out, fmt.Errorf("persona %d is not in study %d: %w", q.PersonaID, q.StudyID, persona.ErrInvalid)
		}
		out.StudyID = p.StudyID
		members = map[int64]bool{}
		for _, id := range p.ParticipantIDs {
			members[id] = true
		}
	} else if _, err := a.store.Study(ctx, q.StudyID); err != nil {
		return out, err
	}
	metas, err := a.store.SourceMetas(ctx, out.StudyID)
	if err != nil {
		return out, err
	}
	deals, err := a.dealsOf(ctx, out.StudyID, metas, members)
	if err != nil {
		return out, err
	}
	for _, o := range persona.Outcomes {
		dc := DealCount{Outcome: o, Title: o.Title(), Competitors: []persona.Count{}}
		comp := map[string]int{}
		for src := range deals {
			if metas[src].Outcome == o {
				dc.Deals++
				if c := metas[src].Competitor; c != "" {
					comp[c]++
				}
			}
		}
		for name, n := range comp {
			dc.Competitors = append(dc.Competitors, persona.Count{Value: name, N: n})
		}
		sort.Slice(dc.Competitors, func(i, j int) bool {
			ci, cj := dc.Competitors[i], dc.Competitors[j]
			return ci.N > cj.N || ci.N == cj.N && ci.Value < cj.Value
		})
		out.Deals = append(out.Deals, dc)
	}
	if len(deals) == 0 {
		return out, nil
	}
	mentions, err := a.store.ThemeMentions(ctx, out.StudyID)
	if err != nil {
		return out, err
	}
	// theme -> source -> its first quote in the theme
	raised := map[int64]map[int64]int64{}
	for _, m := range mentions {
		if !deals[m.SourceID] || (members != nil && !members[m.ParticipantID]) {
			continue
		}
		if raised[m.ThemeID] == nil {
			raised[m.ThemeID] = map[int64]int64{}
		}
		if q, ok := raised[m.ThemeID][m.SourceID]; !ok || m.QuoteID < q {
			raised[m.ThemeID][m.SourceID] = m.QuoteID
		}
	}
	ids := make([]int64, 0, len(raised))
	for id := range raised {
		ids = append(ids, id)
	}
	themes, err := a.cachedThemes(ctx, ids)
	if err != nil {
		return out, err
	}
	for id, srcs := range raised {
		t, ok := themes[id]
		if !ok || (out.Ring != "" && t.Ring != out.Ring) {
			continue
		}
		to := ThemeOutcomes{ThemeID: id, Label: t.Label, Ring: t.Ring}
		for _, o := range persona.Outcomes {
			oq := OutcomeQuotes{Outcome: o, Quotes: []QuoteLoc{}}
			for src, quote := range srcs {
				if metas[src].Outcome == o {
					oq.Deals++
					oq.Quotes = append(oq.Quotes, QuoteLoc{ID: quote, SourceID: src})
				}
			}
			sort.Slice(oq.Quotes, func(i, j int) bool { return oq.Quotes[i].ID < oq.Quotes[j].ID })
			to.Outcomes = append(to.Outcomes, oq)
		}
		out.Themes = append(out.Themes, to)
	}
	sortByOutcome(out.Themes, persona.OutcomeLost)
	return out, nil
}

// sortByOutcome orders themes by their deals of outcome o, then by all
// their deals, then by id.
func sortByOutcome(themes []ThemeOutcomes, o persona.Outcome) {
	total := func(t ThemeOutcomes) int {
		n := 0
		for _, x := range t.Outcomes {
			n += x.Deals
		}
		return n
	}
	sort.SliceStable(themes, func(i, j int) bool {
		ti, tj := themes[i], themes[j]
		if ti.Deals(o) != tj.Deals(o) {
			return ti.Deals(o) > tj.Deals(o)
		}
		if total(ti) != total(tj) {
			return total(ti) > total(tj)
		}
		return ti.ThemeID < tj.ThemeID
	})
}

// SortByOutcome orders themes by their deals of outcome o (the filter of a
// page), dropping those with none.
func SortByOutcome(themes []ThemeOutcomes, o persona.Outcome) []ThemeOutcomes {
	out := []ThemeOutcomes{}
	for _, t := range themes {
		if t.Deals(o) > 0 {
			out = append(out, t)
		}
	}
	sortByOutcome(out, o)
	return out
}

// dealsOf is the set of the study's sources with an outcome, and, with
// members, only those where one of the members is a buyer.
func (a *App) dealsOf(ctx context.Context, studyID int64, metas map[int64]persona.SourceMeta, members map[int64]bool) (map[int64]bool, error) {
	deals := map[int64]bool{}
	for id, m := range metas {
		if m.Outcome != persona.OutcomeNone {
			deals[id] = true
		}
	}
	if members == nil || len(deals) == 0 {
		return deals, nil
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID, BuyersOnly: true})
	if err != nil {
		return nil, err
	}
	keep := map[int64]bool{}
	for _, p := range parts {
		if members[p.ID] && deals[p.SourceID] {
			keep[p.SourceID] = true
		}
	}
	return keep, nil
}

// SetSourceOutcome records how the deal behind a source (an interview or a
// call, not a survey) ended and against which competitor; OutcomeNone
// clears it.
func (a *App) SetSourceOutcome(ctx context.Context, sourceID int64, outcome, competitor string) (persona.SourceMeta, error) {
	o, comp, err := persona.CleanOutcome(outcome, competitor)
	if err != nil {
		return persona.SourceMeta{}, err
	}
	src, err := a.store.Source(ctx, sourceID)
	if err != nil {
		return persona.SourceMeta{}, err
	}
	if src.Kind == persona.KindSurvey {
		return persona.SourceMeta{}, fmt.Errorf("source %d is a survey: only an interview or a call has a deal outcome: %w", sourceID, persona.ErrInvalid)
	}
	defer a.changed(src.StudyID, ChangeLabels)
	if err := a.store.SetSourceOutcome(ctx, sourceID, o, comp); err != nil {
		return persona.SourceMeta{}, err
	}
	return a.store.SourceMeta(ctx, sourceID)
}

// keepOutcome keeps the candidates said in deals of outcome o.
func (a *App) keepOutcome(ctx context.Context, cands []candidate, o persona.Outcome) ([]candidate, error) {
	if o == persona.OutcomeNone {
		return cands, nil
	}
	metas := map[int64]persona.SourceMeta{}
	loaded := map[int64]bool{}
	out := cands[:0:0]
	for _, c := range cands {
		if !loaded[c.quote.StudyID] {
			m, err := a.store.SourceMetas(ctx, c.quote.StudyID)
			if err != nil {
				return nil, err
			}
			for k, v := range m {
				metas[k] = v
			}
			loaded[c.quote.StudyID] = true
		}
		if metas[c.quote.SourceID].Outcome == o {
			out = append(out, c)
		}
	}
	return out, nil
}

// addOutcomes gives each objection theme its deals by outcome.
func (a *App) addOutcomes(ctx context.Context, themes []ObjectionTheme) error {
	byStudy := map[int64]map[int64]ThemeOutcomes{}
	for i := range themes {
		st := themes[i].Theme.StudyID
		if _, ok := byStudy[st]; !ok {
			wl, err := a.WinLoss(ctx, WinLossQuery{StudyID: st, AllRings: true})
			if err != nil {
				return err
			}
			m := map[int64]ThemeOutcomes{}
			for _, t := range wl.Themes {
				m[t.ThemeID] = t
			}
			byStudy[st] = m
		}
		if t, ok := byStudy[st][themes[i].Theme.ID]; ok {
			themes[i].Outcomes = t.Outcomes
		} else {
			themes[i].Outcomes = []OutcomeQuotes{}
		}
	}
	return nil
}
