package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
)

// actor is the caller as the author of answers and owner of trackers.
func actor(c *gin.Context) app.Actor {
	u := accountUser(c)
	return app.Actor{ID: u.ID, Name: u.Name, Admin: u.Role.Can(account.PermAdmin)}
}

type answerRequest struct {
	Text    string `json:"text"`
	Context string `json:"context"`
}

// postAnswer attaches what worked against an objection to its theme.
func (s *Server) postAnswer(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req answerRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with text (how you answered it) and context")
	}
	a, err := s.app.AddAnswer(c.Request.Context(), id, req.Text, req.Context, actor(c))
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "field_answer", "theme "+itoa(id), "answer "+itoa(a.ID))
	c.JSON(http.StatusCreated, a)
	return nil
}

// listAnswers lists a theme's field answers, newest first.
func (s *Server) listAnswers(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	list, err := s.app.ThemeAnswers(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"answers": list})
	return nil
}

// deleteAnswer deletes the caller's own answer (an admin's: any).
func (s *Server) deleteAnswer(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a, err := s.app.DeleteAnswer(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "delete_field_answer", "theme "+itoa(a.ThemeID), "answer "+itoa(id))
	c.Status(http.StatusNoContent)
	return nil
}

// answerForm is the objection page's "how I answered it" form. A refused
// answer re-renders the page with the text kept.
func (s *Server) answerForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a, err := s.app.AddAnswer(c.Request.Context(), id, c.PostForm("text"), c.PostForm("context"), actor(c))
	if err != nil {
		v, verr := s.objectionView(c, id, persona.OutcomeNone)
		if verr != nil {
			return verr
		}
		v.AnswerError, v.AnswerText, v.AnswerContext = plainError(err), c.PostForm("text"), c.PostForm("context")
		return s.render(c, http.StatusBadRequest, "objection", v)
	}
	s.audit(c, accountUser(c), "field_answer", "theme "+itoa(id), "answer "+itoa(a.ID))
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/objections/%d?answered=%d#answers", id, a.ID))
	return nil
}

// deleteAnswerForm deletes an answer from the objection page.
func (s *Server) deleteAnswerForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a, err := s.app.DeleteAnswer(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "delete_field_answer", "theme "+itoa(a.ThemeID), "answer "+itoa(id))
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/objections/%d?%s#answers", a.ThemeID, url.Values{"deleted": {"1"}}.Encode()))
	return nil
}

// answerViews are field answers for a page, the caller's own marked.
func answerViews(c *gin.Context, list []persona.FieldAnswer) []frontend.FieldAnswer {
	me := actor(c)
	out := make([]frontend.FieldAnswer, 0, len(list))
	for _, a := range list {
		out = append(out, frontend.FieldAnswer{ID: a.ID, Text: a.Text, Context: a.Context, By: a.By, When: when(a.CreatedAt),
			ThemeID: a.ThemeID, ThemeRef: a.ThemeLabel, Mine: me.Admin || a.UserID == me.ID})
	}
	return out
}

// personaAnswers lists the field answers to a persona's objections.
func (s *Server) personaAnswers(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	list, err := s.app.PersonaAnswers(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"themes": list})
	return nil
}

// countAnswers says how many field answers each objection card has.
func (s *Server) countAnswers(ctx context.Context, cards []frontend.Objection) error {
	ids := make([]int64, len(cards))
	for i, o := range cards {
		ids[i] = o.ThemeID
	}
	list, err := s.app.Answers(ctx, ids)
	if err != nil {
		return err
	}
	n := map[int64]int{}
	for _, a := range list {
		n[a.ThemeID]++
	}
	for i := range cards {
		cards[i].Answers = n[cards[i].ThemeID]
	}
	return nil
}
