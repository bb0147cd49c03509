package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

type outcomeRequest struct {
	Outcome    string `json:"outcome"`
	Competitor string `json:"competitor"`
}

// setSourceOutcome marks how a source's deal ended ({"outcome":""} clears
// it).
func (s *Server) setSourceOutcome(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req outcomeRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with outcome (won, lost, no-decision or empty) and competitor")
	}
	m, err := s.app.SetSourceOutcome(c.Request.Context(), id, req.Outcome, req.Competitor)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "source_outcome", itoa(id), string(m.Outcome))
	c.JSON(http.StatusOK, m)
	return nil
}

// sourceOutcomeForm is the source page's outcome form.
func (s *Server) sourceOutcomeForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	m, err := s.app.SetSourceOutcome(c.Request.Context(), id, c.PostForm("outcome"), c.PostForm("competitor"))
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "source_outcome", itoa(id), string(m.Outcome))
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/sources/%d?saved=outcome", id))
	return nil
}

// getWinLoss counts a study's (or a persona's) deals by outcome per theme:
// ?persona=ID, ?rings=all for every ring (default perceived barriers).
func (s *Server) getWinLoss(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	q := app.WinLossQuery{StudyID: id, AllRings: c.Query("rings") == "all"}
	if p := c.Query("persona"); p != "" {
		if q.PersonaID, err = strconv.ParseInt(p, 10, 64); err != nil || q.PersonaID <= 0 {
			return badRequest("persona must be a persona id")
		}
	}
	wl, err := s.app.WinLoss(c.Request.Context(), q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, wl)
	return nil
}

// objectionPageLimit is how many quotes an objection page lists.
const objectionPageLimit = 40

// getObjection is one objection theme's page as JSON (?outcome= filters
// its quotes).
func (s *Server) getObjection(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	o, err := persona.ParseOutcome(c.Query("outcome"))
	if err != nil {
		return err
	}
	page, err := s.app.ObjectionPage(c.Request.Context(), id, o, objectionPageLimit)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, page)
	return nil
}
