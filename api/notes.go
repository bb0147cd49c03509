package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
)

// postNote stores what a prospect said on a sales call as a searchable
// quote that flows into the next analysis.
func (s *Server) postNote(c *gin.Context) error {
	var n app.Note
	if err := c.ShouldBind(&n); err != nil {
		return badRequest("send JSON with study_id, text, account, role and deal_stage")
	}
	n.By = accountUser(c).Name
	res, err := s.app.AddNote(c.Request.Context(), n)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "field_note", res.Path, "source "+itoa(res.SourceID))
	c.JSON(http.StatusCreated, gin.H{"id": res.SourceID, "source_id": res.SourceID, "quotes": res.Quotes, "name": res.Path})
	return nil
}
