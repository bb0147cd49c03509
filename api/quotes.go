package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
)

func (s *Server) listParticipants(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.Study(c.Request.Context(), id); err != nil {
		return err
	}
	attrs := map[string]string{}
	for k, v := range c.Request.URL.Query() {
		if key, ok := strings.CutPrefix(k, "attr."); ok && len(v) > 0 {
			attrs[key] = v[0]
		}
	}
	ps, err := s.app.ParticipantsMatching(c.Request.Context(), id, attrs)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"participants": ps})
	return nil
}

type participantRequest struct {
	Label      *string           `json:"label"`
	Attributes map[string]string `json:"attributes"`
	// Role is "interviewer" or "buyer".
	Role *string `json:"role"`
}

func (s *Server) updateParticipant(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req participantRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with label, attributes or role")
	}
	p, err := s.app.EditParticipant(c.Request.Context(), id, app.ParticipantEdit{Label: req.Label, Attributes: req.Attributes, Role: req.Role})
	if err != nil {
		return err
	}
	if req.Role != nil {
		s.audit(c, accountUser(c), "role_change", p.Label, "participant "+itoa(id)+" is now "+*req.Role)
	}
	c.JSON(http.StatusOK, p)
	return nil
}

func (s *Server) getQuote(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	qc, err := s.app.Quote(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, qc)
	return nil
}

func (s *Server) updateQuote(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req app.QuoteEdit
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with ring, pinned or hidden")
	}
	q, err := s.app.EditQuote(c.Request.Context(), id, req)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, q)
	return nil
}
