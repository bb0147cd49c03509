package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/frontend"
)

// reviewPageSize is how many suggestions the review page lists.
const reviewPageSize = 25

// suggestCodes runs the seeded coding of a study ("code the rest from my
// examples") and reports what it did.
func (s *Server) suggestCodes(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rep, err := s.app.SuggestCodes(c.Request.Context(), id)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "codes_suggest", "study "+itoa(id), fmt.Sprintf("%d coded, %d seeds", rep.Coded, rep.Seeds))
	c.JSON(http.StatusOK, rep)
	return nil
}

// reviewQuery reads ?code= and ?limit= (default and cap 200).
func reviewQuery(c *gin.Context, def int) (code int64, limit int, err error) {
	if v := c.Query("code"); v != "" {
		if code, err = strconv.ParseInt(v, 10, 64); err != nil || code <= 0 {
			return 0, 0, badRequest("code: give a code id")
		}
	}
	limit = def
	if v := c.Query("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit <= 0 {
			return 0, 0, badRequest("limit: give a positive number")
		}
	}
	return code, min(limit, 200), nil
}

// getReview lists the seeded coding's review queue.
func (s *Server) getReview(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	code, limit, err := reviewQuery(c, 50)
	if err != nil {
		return err
	}
	rv, err := s.app.ReviewQueue(c.Request.Context(), id, code, limit)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, rv)
	return nil
}

// reviewQuote decides a quote's suggestion: {"code_id": N}, 0 skips.
func (s *Server) reviewQuote(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		CodeID *int64 `json:"code_id"`
	}
	if err := c.ShouldBindJSON(&in); err != nil || in.CodeID == nil || *in.CodeID < 0 {
		return badRequest("send JSON with code_id: the code to apply (the suggested one accepts it), or 0 to skip")
	}
	d, err := s.app.DecideSuggestion(c.Request.Context(), id, *in.CodeID, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, d)
	return nil
}

// reviewView builds the review page.
func (s *Server) reviewView(c *gin.Context, studyID int64) (frontend.ReviewPage, error) {
	code, _, err := reviewQuery(c, reviewPageSize)
	if err != nil {
		return frontend.ReviewPage{}, err
	}
	rv, err := s.app.ReviewQueue(c.Request.Context(), studyID, code, reviewPageSize)
	if err != nil {
		return frontend.ReviewPage{}, err
	}
	v := frontend.ReviewPage{Base: s.base(c, "Code the rest · "+rv.Study.Name, "codebook"), StudyName: rv.Study.Name, Ran: rv.Ran, Open: rv.Open}
	v.StudyID = rv.Study.ID
	if rv.RanAt != nil {
		v.RanAt = when(*rv.RanAt)
	}
	if rv.Code != nil {
		v.Code = rv.Code.Name
	}
	for _, cd := range rv.Codebook {
		v.Options = append(v.Options, frontend.Option{Value: itoa(cd.ID), Label: cd.Name})
	}
	for _, it := range rv.Items {
		v.Items = append(v.Items, frontend.ReviewItemView{Quote: quoteView(it.Quote), CodeID: it.Suggested.ID, Code: it.Suggested.Name,
			Coded: it.Coded, Confidence: int(it.Confidence*100 + 0.5)})
	}
	return v, nil
}

func (s *Server) reviewPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.reviewView(c, id)
	if err != nil {
		return err
	}
	if r := c.Query("result"); len(r) <= 200 {
		v.Result = r
	}
	return s.render(c, http.StatusOK, "review", v)
}

// suggestForm runs the seeded coding from the review page.
func (s *Server) suggestForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rep, err := s.app.SuggestCodes(c.Request.Context(), id)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "codes_suggest", "study "+itoa(id), fmt.Sprintf("%d coded, %d seeds", rep.Coded, rep.Seeds))
	msg := fmt.Sprintf("Coded %d of %d quotes from %d seeds; %d left for the themes.", rep.Coded, rep.Quotes, rep.Seeds, rep.Uncoded)
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/review?result=%s", id, url.QueryEscape(msg)))
	return nil
}

// reviewForm decides one suggestion from the review page.
func (s *Server) reviewForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	code, err := strconv.ParseInt(c.PostForm("code_id"), 10, 64)
	if err != nil || code < 0 {
		return badRequest("pick a code, or skip")
	}
	d, err := s.app.DecideSuggestion(c.Request.Context(), id, code, actor(c))
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("Quote %d %s; %d other suggestions changed.", id, d.Status, d.Changed)
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/review?result=%s", d.StudyID, url.QueryEscape(msg)))
	return nil
}
