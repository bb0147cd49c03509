package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/frontend"
)

// A survey source's answers set aside as non-answers (app.NonAnswersOf).

// maxNonAnswers is how many non-answers a page or a request lists at most.
const maxNonAnswers = 5000

func (s *Server) getNonAnswers(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	limit := 1000
	if v := c.Query("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit <= 0 {
			return badRequest("limit: give a positive number")
		}
	}
	limit = min(limit, maxNonAnswers)
	na, err := s.app.NonAnswersOf(c.Request.Context(), id, limit)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, na)
	return nil
}

func (s *Server) nonAnswersPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	na, err := s.app.NonAnswersOf(c.Request.Context(), id, maxNonAnswers)
	if err != nil {
		return err
	}
	st, err := s.app.Study(c.Request.Context(), na.Source.StudyID)
	if err != nil {
		return err
	}
	v := frontend.NonAnswersPage{Base: s.base(c, "Non-answers in "+na.Source.Name, "studies"), StudyName: st.Name,
		SourceName: na.Source.Name, SourceID: na.Source.ID, Total: na.Total}
	v.StudyID = st.ID
	for _, a := range na.Answers {
		v.Answers = append(v.Answers, frontend.NonAnswerRow{Respondent: a.Respondent, Text: a.Text, Row: a.Row, Question: a.Question})
	}
	return s.render(c, http.StatusOK, "non-answers", v)
}
