package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/frontend"
)

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}

func (s *Server) signInPage(c *gin.Context) {
	pageHeaders(c)
	next := safeNext(c.Query("next"))
	if _, ok := currentUser(c); ok {
		c.Redirect(http.StatusSeeOther, next)
		return
	}
	v := frontend.SignIn{Base: s.base(c, "Sign in", ""), Next: next}
	if err := s.render(c, http.StatusOK, "signin", v); err != nil {
		s.errorPage(c, err)
	}
}

func (s *Server) signInForm(c *gin.Context) {
	pageHeaders(c)
	if err := c.Request.ParseForm(); err != nil {
		status := http.StatusBadRequest
		if tooLarge(err) {
			status = http.StatusRequestEntityTooLarge
		}
		c.String(status, "The sign-in form was not understood.")
		return
	}
	req := signInRequest{Name: strings.TrimSpace(c.PostForm("name")), Password: c.PostForm("password")}
	next := safeNext(c.PostForm("next"))
	if _, err := s.doSignIn(c, req); err != nil {
		status, msg := http.StatusInternalServerError, "Sign-in failed; try again."
		var ae *apiError
		if errors.As(err, &ae) {
			status, msg = ae.status, ae.msg
			if status == http.StatusUnauthorized {
				msg = "That name and password do not match."
			}
		}
		if status == http.StatusTooManyRequests {
			msg = "Too many sign-in attempts. Wait a minute, then try again."
		}
		v := frontend.SignIn{Base: s.base(c, "Sign in", ""), Name: req.Name, Next: next, Error: msg}
		v.User = frontend.User{}
		if rerr := s.render(c, status, "signin", v); rerr != nil {
			s.errorPage(c, rerr)
		}
		return
	}
	c.Redirect(http.StatusSeeOther, next)
}

func (s *Server) signOutForm(c *gin.Context) {
	if tok, err := c.Cookie(SessionCookie); err == nil && tok != "" {
		_ = s.accounts.DeleteSession(c.Request.Context(), tok)
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true, MaxAge: -1, SameSite: http.SameSiteLaxMode})
	c.Redirect(http.StatusSeeOther, "/signin")
}
