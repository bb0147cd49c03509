package api

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
)

type signInRequest struct {
	Name     string `json:"name" form:"name"`
	Password string `json:"password" form:"password"`
}

// signIn checks a password, rate-limited per IP and per account, and sets a
// fresh session cookie.
func (s *Server) signIn(c *gin.Context) error {
	var req signInRequest
	if err := c.ShouldBind(&req); err != nil {
		if tooLarge(err) {
			return err
		}
		return badRequest("send name and password")
	}
	u, err := s.doSignIn(c, req)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, u)
	return nil
}

// doSignIn counts the attempt against the caller's IP, then refuses a name
// that cannot exist without writing it anywhere (an attacker's 10 MB name
// would otherwise land in the audit log), then counts it against the
// account, keyed in lower case as names are unique ignoring case. A
// sign-in that succeeds gives both back (Limiter.Undo).
func (s *Server) doSignIn(c *gin.Context, req signInRequest) (account.User, error) {
	limited := &apiError{http.StatusTooManyRequests, "rate_limited", "too many sign-in attempts; wait a minute"}
	if !s.signins.Allow("ip:" + c.ClientIP()) {
		return account.User{}, limited
	}
	if !account.ValidName(req.Name) {
		s.audit(c, account.User{}, account.ActionSignInFailed, "", "not a valid user name")
		return account.User{}, unauthorized("invalid name or password")
	}
	if !s.signins.Allow("user:" + strings.ToLower(req.Name)) {
		return account.User{}, limited
	}
	u, err := s.accounts.Authenticate(c.Request.Context(), req.Name, req.Password)
	if err != nil {
		s.audit(c, account.User{}, account.ActionSignInFailed, req.Name, "")
		return account.User{}, unauthorized("invalid name or password")
	}
	// Only failures count against the limits.
	s.signins.Undo("ip:" + c.ClientIP())
	s.signins.Undo("user:" + strings.ToLower(req.Name))
	tok, err := s.accounts.CreateSession(c.Request.Context(), u.ID)
	if err != nil {
		return account.User{}, err
	}
	http.SetCookie(c.Writer, &http.Cookie{
		Name: SessionCookie, Value: tok, Path: "/", HttpOnly: true, Secure: s.cfg.SecureCookies,
		SameSite: http.SameSiteLaxMode, Expires: time.Now().Add(account.SessionTTL),
	})
	return u, nil
}

func (s *Server) signOut(c *gin.Context) error {
	if tok, err := c.Cookie(SessionCookie); err == nil && tok != "" {
		_ = s.accounts.DeleteSession(c.Request.Context(), tok)
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true, MaxAge: -1, SameSite: http.SameSiteLaxMode})
	c.Status(http.StatusNoContent)
	return nil
}

func (s *Server) me(c *gin.Context) error {
	u, _ := currentUser(c)
	c.JSON(http.StatusOK, u)
	return nil
}

// audit records who did what; failures are logged, never shown.
func (s *Server) audit(c *gin.Context, u account.User, action, target, detail string) {
	if u.ID == 0 {
		u, _ = currentUser(c)
	}
	err := s.accounts.Record(c.Request.Context(), account.Entry{At: time.Now().UTC(), UserID: u.ID, UserName: u.Name, Action: action, Target: target, Detail: detail})
	if err != nil {
		logger(c).Error("audit", slog.String("action", action), slog.String("error", err.Error()))
	}
}

func pathID(c *gin.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest(name + " must be a positive integer")
	}
	return id, nil
}
