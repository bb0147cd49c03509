package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
)

const (
	keyRequestID = "request_id"
	keyUser      = "user"
	keyLogger    = "logger"
	// SessionCookie is the name of the session cookie.
	SessionCookie = "verbatim_session"
)

func runtimeCPUs() int { return runtime.GOMAXPROCS(0) }

func (s *Server) requestID(c *gin.Context) {
	var b [8]byte
	_, _ = rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	c.Set(keyRequestID, id)
	c.Set(keyLogger, s.log) // request_id added when used: most requests log one line
	c.Header("X-Request-Id", id)
	c.Next()
}

func requestID(c *gin.Context) string { return c.GetString(keyRequestID) }

func logger(c *gin.Context) *slog.Logger {
	if l, ok := c.Get(keyLogger); ok {
		return l.(*slog.Logger).With(slog.String("request_id", requestID(c)))
	}
	return slog.Default()
}

// recover turns a panic into a 500 that reveals nothing.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			fail(c, fmt.Errorf("panic: %v", v))
		}
	}()
	c.Next()
}

// accessLog logs method, route, status and duration — never bodies or
// query text, which may hold what buyers said.
func (s *Server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	s.log.LogAttrs(c.Request.Context(), slog.LevelInfo, "request", slog.String("request_id", requestID(c)),
		slog.String("method", c.Request.Method), slog.String("route", c.FullPath()),
		slog.Int("status", c.Writer.Status()), slog.Duration("took", time.Since(start)))
}

// authenticate resolves the caller from a bearer token or the session
// cookie. Anonymous callers continue; routes decide what they may do.
func (s *Server) authenticate(c *gin.Context) {
	if h := c.GetHeader("Authorization"); strings.HasPrefix(h, "Bearer ") {
		u, err := s.accounts.TokenUser(c.Request.Context(), strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")))
		if err != nil {
			fail(c, unauthorized("invalid or revoked API token"))
			return
		}
		c.Set(keyUser, u)
		c.Next()
		return
	}
	if tok, err := c.Cookie(SessionCookie); err == nil && tok != "" {
		if u, err := s.accounts.SessionUser(c.Request.Context(), tok); err == nil {
			c.Set(keyUser, u)
		}
	}
	c.Next()
}

func currentUser(c *gin.Context) (account.User, bool) {
	v, ok := c.Get(keyUser)
	if !ok {
		return account.User{}, false
	}
	return v.(account.User), true
}

// need refuses callers without perm: 401 when anonymous, 403 otherwise.
func need(perm account.Permission) gin.HandlerFunc {
	return func(c *gin.Context) {
		u, ok := currentUser(c)
		if !ok {
			fail(c, unauthorized("sign in or send an API token"))
			return
		}
		if !u.Role.Can(perm) {
			fail(c, forbidden(fmt.Sprintf("the %s role may not do this", u.Role)))
			return
		}
		asViewer(c, u)
		c.Next()
	}
}

// apiHeaders keeps API answers out of caches (they hold what buyers said
// and who may see it) and stops browsers guessing their type.
func apiHeaders(c *gin.Context) {
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		c.Header("Cache-Control", "no-store")
		c.Header("X-Content-Type-Options", "nosniff")
	}
	c.Next()
}
