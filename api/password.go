package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
)

type passwordRequest struct {
	Current  string `json:"current"`
	Password string `json:"password"`
}

// changeOwnPassword checks the caller's current password (rate-limited
// like sign-in, so a stolen session cannot guess it) and sets the new one.
// Every session of the user ends; a caller on a session cookie gets a
// fresh one so this browser stays signed in.
func (s *Server) changeOwnPassword(c *gin.Context) error {
	var req passwordRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		if tooLarge(err) {
			return err
		}
		return badRequest("Send your current password and the new one.")
	}
	me := accountUser(c)
	if !s.signins.Allow("user:" + strings.ToLower(me.Name)) {
		return &apiError{http.StatusTooManyRequests, "rate_limited", "Too many attempts; wait a minute."}
	}
	if err := s.accounts.ChangePassword(c.Request.Context(), me.ID, req.Current, req.Password); err != nil {
		return err
	}
	s.signins.Undo("user:" + strings.ToLower(me.Name))
	s.audit(c, me, account.ActionPassword, me.Name, "own password")
	if _, err := c.Cookie(SessionCookie); err == nil {
		tok, err := s.accounts.CreateSession(c.Request.Context(), me.ID)
		if err != nil {
			return err
		}
		http.SetCookie(c.Writer, &http.Cookie{
			Name: SessionCookie, Value: tok, Path: "/", HttpOnly: true, Secure: s.cfg.SecureCookies,
			SameSite: http.SameSiteLaxMode, Expires: time.Now().Add(account.SessionTTL),
		})
	}
	c.Status(http.StatusNoContent)
	return nil
}
