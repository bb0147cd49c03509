package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

// Code examples and seeded suggestions whose quote is gone and that could
// not be placed again (app.UnplacedHeldOf): listed and dismissed like
// codings that could not be placed.

func (s *Server) listUnplacedHeld(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	un, err := s.app.UnplacedHeldOf(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, un)
	return nil
}

// dismissUnplacedHeld drops unplaced examples ({"ids": […]}) or every
// unplaced suggestion of a source file ({"suggestions_of": sha256}).
func (s *Server) dismissUnplacedHeld(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		IDs           []int64 `json:"ids"`
		SuggestionsOf string  `json:"suggestions_of"`
	}
	if err := c.ShouldBindJSON(&in); err != nil || (len(in.IDs) == 0) == (in.SuggestionsOf == "") || len(in.IDs) > 1000 || len(in.SuggestionsOf) > 64 {
		return badRequest("send JSON with ids (1 to 1000 unplaced examples) or suggestions_of (a source file's sha256)")
	}
	n, err := s.app.DismissHeld(c.Request.Context(), id, in.IDs, in.SuggestionsOf)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "anchor_dismiss", "study "+itoa(id), fmt.Sprintf("%d unplaced examples or suggestions", n))
	c.JSON(http.StatusOK, gin.H{"dismissed": n})
	return nil
}

// unplacedHeldDismissForm is the codebook page's Dismiss button of an
// unplaced example (id) or of a file's unplaced suggestions (sha).
func (s *Server) unplacedHeldDismissForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var ids []int64
	sha := c.PostForm("sha")
	if sha == "" {
		anchor, err := strconv.ParseInt(c.PostForm("id"), 10, 64)
		if err != nil || anchor <= 0 {
			return badRequest("id: the example to dismiss, or sha: the file whose suggestions to dismiss")
		}
		ids = []int64{anchor}
	}
	if len(sha) > 64 {
		return badRequest("sha: a source file's sha256")
	}
	n, err := s.app.DismissHeld(c.Request.Context(), id, ids, sha)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "anchor_dismiss", "study "+itoa(id), fmt.Sprintf("%d unplaced examples or suggestions", n))
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/codebook#unplaced-anchors", id))
	return nil
}
