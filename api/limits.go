package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
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
	case strings.HasSuffix(path, "/sources"), strings.HasSuffix(path, "/upload"):
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
