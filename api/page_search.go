package api

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/search"
)

var dealStages = []string{"Discovery", "Demo", "Evaluation", "Proposal", "Negotiation", "Closed won", "Closed lost"}

func (s *Server) searchPage(c *gin.Context) error {
	v, err := s.searchView(c)
	if err != nil {
		return err
	}
	if c.Query("noted") != "" {
		v.NoteSaved = "Field note saved: it is searchable now and feeds the next analysis."
	}
	return s.render(c, http.StatusOK, "search", v)
}

// searchView runs the objection search and the filtered quote search for
// the request's query string.
func (s *Server) searchView(c *gin.Context) (frontend.SearchPage, error) {
	vals := c.Request.URL.Query()
	v := frontend.SearchPage{Base: s.base(c, "Objection search", "search"), Q: strings.TrimSpace(vals.Get("q")),
		Stages: dealStages, Page: 1, Note: frontend.NoteForm{DealStage: dealStages[0]}}
	if v.Q != "" {
		v.Title = v.Q + " · Search"
	}
	studies, err := s.app.Studies(c.Request.Context())
	if err != nil {
		return v, err
	}
	// The study searched: the one asked for, every one when asked
	// (study=all), else the most recently analysed.
	scope := strings.TrimSpace(vals.Get("study"))
	st, all, err := s.app.ResolveStudy(c.Request.Context(), scope)
	switch {
	case errors.Is(err, persona.ErrNotFound) || errors.Is(err, persona.ErrInvalid):
		if scope != "" && scope != app.AllStudies {
			return v, err // a study that is not there
		}
		all = true // no study yet
	case err != nil:
		return v, err
	}
	var study int64
	if !all {
		study = st.ID
	}
	v.AllStudies, v.AllRings = all, vals.Get("rings") == "all"
	for _, x := range studies {
		v.Studies = append(v.Studies, frontend.Option{Value: itoa(x.ID), Label: x.Name, Selected: x.ID == study})
		if x.ID == study {
			v.StudyName = x.Name
		}
	}
	// The note form names its study too: the one searched, else the
	// default one. Notes never go to a study nobody chose.
	noteStudy := study
	if noteStudy == 0 {
		if d, err := s.app.DefaultStudy(c.Request.Context()); err == nil {
			noteStudy = d.ID
		}
	}
	if id, _ := strconv.ParseInt(c.PostForm("study_id"), 10, 64); id != 0 {
		noteStudy = id // re-rendering a note that failed
	}
	for _, x := range studies {
		v.NoteStudies = append(v.NoteStudies, frontend.Option{Value: itoa(x.ID), Label: x.Name, Selected: x.ID == noteStudy})
	}
	v.StudyID = study
	q, err := searchQuery(c)
	if err != nil {
		return v, err
	}
	delete(q.Filters, "study")
	filtered := len(q.Filters) > 0
	if study != 0 {
		q.Filters["study"] = []string{itoa(study)}
	}
	if v.Q == "" && !filtered {
		v.Suggestions = []string{"price", "security review", "integration", "migration", "procurement", "contract"}
		return v, nil
	}
	names, err := s.searchNames(c.Request.Context(), studies, study)
	if err != nil {
		return v, err
	}
	release, err := s.acquire(c)
	if err != nil {
		return v, err
	}
	defer release()
	if v.Q != "" {
		outcome, _ := persona.ParseOutcome(vals.Get("outcome")) // an unknown outcome filters nothing
		v.Outcome = string(outcome)
		obj, err := s.app.Objections(c.Request.Context(), app.ObjectionQuery{Text: v.Q, StudyID: study, AllRings: v.AllRings, Size: 10, Outcome: outcome})
		if err != nil {
			v.Error = plainError(err)
			return v, nil
		}
		v.Objections, v.Values = objectionViews(obj, vals["persona"])
		if p := vals.Get("page"); !filtered && (p == "" || p == "1") {
			for _, h := range obj.Quotes {
				v.Said = append(v.Said, names.hit(h))
			}
		}
		v.Concern, v.Unanswered, v.SetAside = strings.Join(obj.Focus.Concerns, " or "), obj.Focus.Unanswered, obj.Focus.SetAside
		if v.Concern == "" && len(obj.Focus.Topic) > 0 {
			v.Concern = "one of: " + strings.Join(obj.Focus.Topic, ", ")
		}
		if err := s.countAnswers(c.Request.Context(), v.Objections); err != nil {
			return v, err
		}
	}
	for _, key := range names.attrs {
		q.Facets = append(q.Facets, search.AttrField(key))
	}
	res, err := s.app.Search(c.Request.Context(), q)
	if err != nil {
		v.Error = plainError(err)
		return v, nil
	}
	v.Total, v.TotalCapped = res.Total, res.TotalCapped
	for _, h := range res.Hits {
		v.Hits = append(v.Hits, names.hit(h))
	}
	v.Facets, v.Active = names.facets(res.Facets, vals)
	if v.Q != "" && study != 0 {
		if err := s.outcomeFacet(c.Request.Context(), &v, study, vals); err != nil {
			return v, err
		}
	}
	if vals.Get("page") != "" {
		v.Page, _ = strconv.Atoi(vals.Get("page"))
	}
	if v.Page > 1 {
		v.PrevURL = pageURL(vals, v.Page-1)
	}
	if uint64(q.From+q.Size) < res.Total {
		v.NextURL = pageURL(vals, v.Page+1)
	}
	return v, nil
}

func pageURL(vals url.Values, page int) string {
	u := cloneValues(vals)
	u.Set("page", strconv.Itoa(page))
	return "/search?" + u.Encode()
}

func cloneValues(vals url.Values) url.Values {
	u := url.Values{}
	for k, vs := range vals {
		u[k] = append([]string{}, vs...)
	}
	return u
}

// names labels facet values and hits: persona names, theme labels, and
// which attributes to facet on.
type names struct {
	personas map[string]string
	themes   map[string]string
	attrs    []string
	attrName map[string]string
}

func (s *Server) searchNames(ctx context.Context, studies []persona.Study, only int64) (names, error) {
	n := names{personas: map[string]string{}, themes: map[string]string{}, attrName: map[string]string{}}
	seen := map[string]bool{}
	for _, st := range studies {
		if only != 0 && st.ID != only {
			continue
		}
		ps, err := s.app.Personas(ctx, st.ID)
		if err != nil {
			return n, err
		}
		for _, p := range ps {
			n.personas[itoa(p.ID)] = p.Name
			for _, d := range profile(p, 1) {
				if !seen[d.Name] {
					seen[d.Name] = true
					n.attrs = append(n.attrs, d.Name)
				}
			}
		}
		ts, err := s.app.Themes(ctx, st.ID)
		if err != nil {
			return n, err
		}
		for _, t := range ts {
			n.themes[itoa(t.ID)] = t.Label
		}
	}
	sort.Strings(n.attrs)
	n.attrs = n.attrs[:min(6, len(n.attrs))]
	for _, a := range n.attrs {
		n.attrName[search.AttrField(a)] = a
	}
	return n, nil
}

func (n names) hit(h app.QuoteHit) frontend.Hit {
	fv := frontend.Hit{QuoteView: frontend.QuoteView{ID: h.ID, SourceID: h.SourceID, Text: h.Text, Participant: h.Participant,
		Source: h.Source, Position: h.Position}, Question: h.Question, Ring: string(h.Ring),
		Theme: n.themes[itoa(h.ThemeID)], Persona: n.personas[itoa(h.PersonaID)]}
	if h.Ring != persona.RingNone {
		fv.RingTitle = h.Ring.Title()
	}
	if len(h.Fragments) > 0 {
		fv.Fragment = h.Fragments[0]
	}
	fv.Copy = "“" + persona.CleanVerbatim(h.Text) + "” — " + h.Participant + ", " + h.Source
	return fv
}

// facetOrder is the order and titles of the filter groups.
var facetOrder = []struct{ field, title string }{
	{"persona", "Persona"}, {"theme", "Theme"}, {"ring", "Ring"}, {"kind", "Kind of source"},
}

func (n names) facets(counts map[string][]search.FacetCount, vals url.Values) (groups []frontend.FacetGroup, active []frontend.FacetValue) {
	order := append([]struct{ field, title string }{}, facetOrder...)
	var attrFields []string
	for field := range counts {
		if strings.HasPrefix(field, "attr.") {
			attrFields = append(attrFields, field)
		}
	}
	sort.Strings(attrFields)
	for _, f := range attrFields {
		title := n.attrName[f]
		if title == "" {
			title = strings.ReplaceAll(strings.TrimPrefix(f, "attr."), "_", " ")
		}
		order = append(order, struct{ field, title string }{f, title})
	}
	for _, o := range order {
		g := frontend.FacetGroup{Field: o.field, Title: o.title}
		for _, fc := range counts[o.field] {
			fv := frontend.FacetValue{Field: o.field, Value: fc.Value, Label: n.label(o.field, fc.Value), Count: fc.Count,
				Active: slices.Contains(vals[o.field], fc.Value)}
			fv.Href = toggleURL(vals, o.field, fc.Value)
			g.Values = append(g.Values, fv)
		}
		groups = append(groups, g)
	}
	for _, o := range order {
		for _, val := range vals[o.field] {
			active = append(active, frontend.FacetValue{Field: o.field, Value: val, Label: o.title + ": " + n.label(o.field, val),
				Href: toggleURL(vals, o.field, val), Active: true})
		}
	}
	return groups, active
}

func (n names) label(field, value string) string {
	switch field {
	case "persona":
		if l, ok := n.personas[value]; ok {
			return l
		}
	case "theme":
		if l, ok := n.themes[value]; ok {
			return l
		}
	case "ring":
		return ringTitle(persona.Ring(value))
	}
	return value
}

// toggleURL adds field=value to the search, or removes it when present.
func toggleURL(vals url.Values, field, value string) string {
	u := cloneValues(vals)
	u.Del("page")
	u.Del("noted")
	if i := slices.Index(u[field], value); i >= 0 {
		u[field] = slices.Delete(u[field], i, i+1)
	} else {
		u.Add(field, value)
	}
	return "/search?" + u.Encode()
}

func objectionViews(obj app.Objections, activePersonas []string) ([]frontend.Objection, []frontend.PersonaValues) {
	var themes []frontend.Objection
	for _, t := range obj.Themes[:min(6, len(obj.Themes))] {
		o := frontend.Objection{ThemeID: t.Theme.ID, Label: t.Theme.Label, Matches: t.Matches, Of: t.Theme.Quotes,
			Outcomes: outcomeViews(t.Outcomes)}
		for _, p := range t.ByPersona {
			o.RaisedBy = append(o.RaisedBy, frontend.Raiser{PersonaID: p.PersonaID, Name: p.Name, N: p.Participants, Size: p.Size,
				Active: slices.Contains(activePersonas, itoa(p.PersonaID))})
		}
		sort.SliceStable(o.RaisedBy, func(i, j int) bool {
			return o.RaisedBy[i].N*o.RaisedBy[j].Size > o.RaisedBy[j].N*o.RaisedBy[i].Size
		})
		for _, q := range obj.Quotes {
			if q.ThemeID == t.Theme.ID && len(o.Quotes) < 2 {
				o.Quotes = append(o.Quotes, frontend.QuoteView{ID: q.ID, SourceID: q.SourceID, Text: q.Text,
					Participant: q.Participant, Source: q.Source, Position: q.Position})
			}
		}
		if q := t.Quote; len(o.Quotes) == 0 && q != nil {
			// None of its matches ranks among the answer's quotes: the
			// best of them that may be shown backs it.
			o.Quotes = append(o.Quotes, frontend.QuoteView{ID: q.ID, SourceID: q.SourceID, Text: q.Text,
				Participant: q.Participant, Source: q.Source, Position: q.Position})
		}
		themes = append(themes, o)
	}
	var values []frontend.PersonaValues
	for _, a := range obj.Answers {
		pv := frontend.PersonaValues{PersonaID: a.PersonaID, Name: a.Name}
		for _, tq := range a.DecisionCriteria {
			pv.Criteria = append(pv.Criteria, frontend.Value{Label: tq.Label, Quote: tq.Quote})
		}
		for _, tq := range a.SuccessFactors {
			pv.Success = append(pv.Success, frontend.Value{Label: tq.Label, Quote: tq.Quote})
		}
		values = append(values, pv)
	}
	return themes, values
}

// noteForm posts a field note from the search page and returns to the
// search with a confirmation; errors re-render the page with the form.
func (s *Server) noteForm(c *gin.Context) error {
	studyID, _ := strconv.ParseInt(c.PostForm("study_id"), 10, 64)
	n := app.Note{StudyID: studyID, Text: c.PostForm("text"), Account: c.PostForm("account"), Role: c.PostForm("role"),
		DealStage: c.PostForm("deal_stage"), By: accountUser(c).Name}
	back := url.Values{}
	if q := strings.TrimSpace(c.PostForm("q")); q != "" {
		back.Set("q", q)
	}
	if scope := strings.TrimSpace(c.PostForm("scope")); scope != "" {
		back.Set("study", scope) // back to the search as it was
	}
	res, err := s.app.AddNote(c.Request.Context(), n)
	if err != nil {
		c.Request.URL.RawQuery = back.Encode()
		v, verr := s.searchView(c)
		if verr != nil {
			return verr
		}
		v.NoteError = plainError(err)
		v.Note = frontend.NoteForm{Text: n.Text, Account: n.Account, Role: n.Role, DealStage: n.DealStage}
		return s.render(c, http.StatusBadRequest, "search", v)
	}
	s.audit(c, accountUser(c), "field_note", res.Path, "source "+itoa(res.SourceID))
	back.Set("noted", itoa(res.SourceID))
	c.Redirect(http.StatusSeeOther, "/search?"+back.Encode())
	return nil
}
