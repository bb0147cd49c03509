package api

import (
	"context"
	"net/http"
	"net/url"
	"sort"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
)

// outcomeOptions are an outcome filter's choices, chosen selected.
func outcomeOptions(chosen persona.Outcome, none string) []frontend.Option {
	opts := []frontend.Option{{Value: "", Label: none, Selected: chosen == persona.OutcomeNone}}
	for _, o := range persona.Outcomes {
		opts = append(opts, frontend.Option{Value: string(o), Label: o.Title(), Selected: chosen == o})
	}
	return opts
}

// outcomeViews are a theme's deals per outcome, for a page.
func outcomeViews(oq []app.OutcomeQuotes) []frontend.OutcomeView {
	var out []frontend.OutcomeView
	for _, x := range oq {
		out = append(out, frontend.OutcomeView{Outcome: string(x.Outcome), Title: x.Outcome.Title(), Deals: x.Deals, Quotes: quoteLinks(x.Quotes)})
	}
	return out
}

func (s *Server) objectionPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	outcome, err := persona.ParseOutcome(c.Query("outcome"))
	if err != nil {
		return err
	}
	v, err := s.objectionView(c, id, outcome)
	if err != nil {
		return err
	}
	switch {
	case c.Query("answered") != "":
		v.AnswerSaved = "Thanks: your answer is on this objection and on the personas that raise it."
	case c.Query("deleted") != "":
		v.AnswerSaved = "Answer deleted."
	}
	return s.render(c, http.StatusOK, "objection", v)
}

// objectionView is theme id's objection page filtered by outcome.
func (s *Server) objectionView(c *gin.Context, id int64, outcome persona.Outcome) (frontend.ObjectionPage, error) {
	p, err := s.app.ObjectionPage(c.Request.Context(), id, outcome, objectionPageLimit)
	if err != nil {
		return frontend.ObjectionPage{}, err
	}
	answers, err := s.app.ThemeAnswers(c.Request.Context(), id)
	if err != nil {
		return frontend.ObjectionPage{}, err
	}
	v := frontend.ObjectionPage{Base: s.base(c, p.Theme.Label+" · Objection", "search"), ThemeID: p.Theme.ID,
		Label: p.Theme.Label, Ring: string(p.Theme.Ring), Headline: p.Theme.Headline, StudyName: p.Study.Name,
		Raised: p.Theme.Participants, Of: p.Theme.Of, Outcomes: outcomeViews(p.Outcomes),
		Outcome: string(outcome), OutcomeTitle: outcome.Title(), OutcomeOptions: outcomeOptions(outcome, "Any outcome"), Total: p.Total}
	v.StudyID = p.Study.ID
	for _, r := range p.ByPersona {
		v.RaisedBy = append(v.RaisedBy, frontend.Raiser{PersonaID: r.PersonaID, Name: r.Name, N: r.Participants, Size: r.Size})
	}
	sort.SliceStable(v.RaisedBy, func(i, j int) bool { return v.RaisedBy[i].N*v.RaisedBy[j].Size > v.RaisedBy[j].N*v.RaisedBy[i].Size })
	for _, q := range p.Quotes {
		v.Quotes = append(v.Quotes, frontend.ObjectionQuote{QuoteView: quoteView(q.QuoteRef), Outcome: string(q.Outcome),
			OutcomeTitle: q.Outcome.Title(), Competitor: q.Competitor})
	}
	v.Answers = answerViews(c, answers)
	return v, nil
}

// winLossView is the persona page's objections by deal outcome, filtered
// by ?outcome= (lost by default); nil when no deal of the persona's buyers
// has an outcome.
func (s *Server) winLossView(ctx context.Context, personaID int64, filter string) (*frontend.WinLossView, error) {
	wl, err := s.app.WinLoss(ctx, app.WinLossQuery{PersonaID: personaID})
	if err != nil {
		return nil, err
	}
	total := 0
	for _, d := range wl.Deals {
		total += d.Deals
	}
	if total == 0 {
		return nil, nil
	}
	o, err := persona.ParseOutcome(filter)
	if err != nil || filter == "" {
		o = persona.OutcomeLost
	}
	v := &frontend.WinLossView{Outcome: string(o), OutcomeTitle: o.Title(), Options: outcomeOptions(o, "")[1:]}
	for _, d := range wl.Deals {
		v.Deals = append(v.Deals, frontend.OutcomeView{Outcome: string(d.Outcome), Title: d.Title, Deals: d.Deals})
	}
	for _, t := range app.SortByOutcome(wl.Themes, o) {
		v.Themes = append(v.Themes, frontend.WinLossTheme{ThemeID: t.ThemeID, Label: t.Label, Outcomes: outcomeViews(t.Outcomes)})
	}
	return v, nil
}

// outcomeFacet adds the "Objections from deals" filter to the search
// page's filters when the study has deals with an outcome: it keeps the
// objection answer to quotes from deals that ended so (the quote list is
// not filtered: outcome is not an index field). Counts are deals.
func (s *Server) outcomeFacet(ctx context.Context, v *frontend.SearchPage, study int64, vals url.Values) error {
	metas, err := s.app.SourceMetas(ctx, study)
	if err != nil {
		return err
	}
	deals := map[persona.Outcome]int{}
	for _, m := range metas {
		if m.Outcome != persona.OutcomeNone {
			deals[m.Outcome]++
		}
	}
	if len(deals) == 0 {
		return nil
	}
	g := frontend.FacetGroup{Field: "outcome", Title: "Objections from deals"}
	for _, o := range persona.Outcomes {
		if deals[o] == 0 {
			continue
		}
		u := cloneValues(vals)
		u.Del("page")
		u.Del("noted")
		active := v.Outcome == string(o)
		if active {
			u.Del("outcome")
		} else {
			u.Set("outcome", string(o))
		}
		fv := frontend.FacetValue{Field: "outcome", Value: string(o), Label: o.Title(), Count: deals[o], Href: "/search?" + u.Encode(), Active: active}
		g.Values = append(g.Values, fv)
		if active {
			fv.Label = o.Title() + " deals"
			v.Active = append(v.Active, fv)
		}
	}
	v.Facets = append([]frontend.FacetGroup{g}, v.Facets...)
	return nil
}
