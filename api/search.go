package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/search"
)

// FacetCap is the largest hit set whose facets a search counts.
const FacetCap = 20000

// searchQuery reads the search parameters shared by the API and pages:
// q, study, persona, theme, ring, kind, source, attr.KEY (repeatable), sort
// (relevance|date), page, size, facet (extra facet fields).
func searchQuery(c *gin.Context) (search.Query, error) {
	v := c.Request.URL.Query()
	match, err := search.Parse(v.Get("q"))
	if err != nil {
		return search.Query{}, err
	}
	q := search.Query{Match: match, Filters: map[string][]string{}, SortByDate: v.Get("sort") == "date",
		Facets: []string{"ring", "theme", "persona", "kind"}, FacetSize: 10, FacetCap: FacetCap}
	if v.Get("facets") == "false" {
		q.Facets = nil
	}
	for _, f := range []string{"study", "persona", "theme", "ring", "kind", "source", "speaker"} {
		if vals := nonEmpty(v[f]); len(vals) > 0 {
			q.Filters[f] = vals
		}
	}
	for k, vals := range v {
		if key, ok := strings.CutPrefix(k, "attr."); ok && len(nonEmpty(vals)) > 0 {
			field := search.AttrField(key)
			q.Filters[field] = nonEmpty(vals)
			q.Facets = append(q.Facets, field)
		}
	}
	for _, f := range v["facet"] {
		if key, ok := strings.CutPrefix(f, "attr."); ok {
			q.Facets = append(q.Facets, search.AttrField(key))
		}
	}
	size, page := 20, 1
	if s := v.Get("size"); s != "" {
		if size, err = strconv.Atoi(s); err != nil || size < 1 || size > 100 {
			return q, badRequest("size must be 1-100")
		}
	}
	if p := v.Get("page"); p != "" {
		if page, err = strconv.Atoi(p); err != nil || page < 1 || page > 1000 {
			return q, badRequest("page must be 1-1000")
		}
	}
	q.Size, q.From = size, (page-1)*size
	return q, nil
}

func nonEmpty(vals []string) []string {
	var out []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// acquire bounds concurrent searches: more than the cores only stretches
// the tail.
func (s *Server) acquire(c *gin.Context) (release func(), err error) {
	select {
	case s.searches <- struct{}{}:
		return func() { <-s.searches }, nil
	case <-c.Done():
		return nil, c.Err()
	}
}

func (s *Server) search(c *gin.Context) error {
	q, err := searchQuery(c)
	if err != nil {
		return err
	}
	release, err := s.acquire(c)
	if err != nil {
		return err
	}
	defer release()
	res, err := s.app.Search(c.Request.Context(), q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// objections answers GET /api/v1/objections?q=...&study=ID|all&rings=all.
// Without study it searches the default study (the most recently
// analysed); study=all searches every study; rings=all ranks quotes of
// every ring, perceived barriers lifted.
func (s *Server) objections(c *gin.Context) error {
	text := strings.TrimSpace(c.Query("q"))
	if text == "" {
		return badRequest("q is required, e.g. q=too expensive")
	}
	q, err := s.objectionQuery(c, text)
	if err != nil {
		return err
	}
	release, err := s.acquire(c)
	if err != nil {
		return err
	}
	defer release()
	res, err := s.app.Objections(c.Request.Context(), q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// objectionQuery reads study (id, "all" or empty for the default study)
// and rings ("all" or empty) for an objection search.
func (s *Server) objectionQuery(c *gin.Context, text string) (app.ObjectionQuery, error) {
	q := app.ObjectionQuery{Text: text, Size: 10}
	switch r := c.Query("rings"); r {
	case "", string(persona.RingBarriers):
	case "all":
		q.AllRings = true
	default:
		return q, badRequest("rings must be all or perceived_barriers")
	}
	scope := strings.TrimSpace(c.Query("study"))
	if scope != "" && scope != app.AllStudies {
		if _, err := strconv.ParseInt(scope, 10, 64); err != nil {
			return q, badRequest("study must be an id or all")
		}
	}
	st, all, err := s.app.ResolveStudy(c.Request.Context(), scope)
	switch {
	case errors.Is(err, persona.ErrNotFound) && scope == "":
		all = true // no study yet: nothing to mix up
	case err != nil:
		return q, err
	}
	if !all {
		q.StudyID = st.ID
	}
	if q.Outcome, err = persona.ParseOutcome(c.Query("outcome")); err != nil {
		return q, err
	}
	return q, nil
}
