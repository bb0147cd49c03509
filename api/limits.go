package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/search"
)

// Request body caps. Uploads have their own (Config.MaxUploadSize);
// sign-in needs a name and a password, a few hundred bytes; every other
// JSON body (renames, edits, notes, users) fits well within a megabyte.
const (
	maxAuthBody = 4 << 10
	maxJSONBody = 1 << 20
)

// bodyCap is the most a request to path may send, 0 for no cap here.
func bodyCap(method, path string) int64 {
	switch {
	case method == http.MethodGet || method == http.MethodHead:
		return 0
	case strings.HasPrefix(path, "/api/v1/auth/"), path == "/signin", path == "/signout":
		return maxAuthBody
	case strings.HasSuffix(path, "/sources"), strings.HasSuffix(path, "/upload"),
		strings.HasSuffix(path, "/collateral"), strings.HasSuffix(path, "/gaps"):
		return 0 // uploads: capped by the upload handler
	}
	return maxJSONBody
}

// limitBody caps the request body (see bodyCap); reading past the cap
// fails with *http.MaxBytesError, which fail answers with 413.
func limitBody(c *gin.Context) {
	if n := bodyCap(c.Request.Method, c.Request.URL.Path); n > 0 && c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
	}
	c.Next()
}

func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// searchLimits refuses query text search.CheckText refuses (400, before
// any search slot is taken) and gives the rest of the request, waiting
// for a slot included, Config.SearchTimeout; past it the search stops
// and the client gets a 503. Every route that searches takes "q".
func (s *Server) searchLimits(c *gin.Context) {
	if _, ok := currentUser(c); !ok {
		c.Next() // the route sends the caller to sign in
		return
	}
	if err := search.CheckText(c.Query("q")); err != nil {
		if isPage(c) {
			pageHeaders(c)
			s.errorPage(c, err)
		} else {
			fail(c, err)
		}
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.SearchTimeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

func isPage(c *gin.Context) bool { return !strings.HasPrefix(c.Request.URL.Path, "/api/") }

// errTimeout is what a search past its deadline tells the client.
var errTimeout = &apiError{http.StatusServiceUnavailable, "timeout",
	"the search took too long; try fewer or more specific words, or a filter"}

// timedOut maps a deadline that ran out to errTimeout.
func timedOut(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return errTimeout
	}
	return err
}
