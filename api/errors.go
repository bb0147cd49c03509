package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/search"
)

// apiError is an error the client may see: a status, a stable code and a
// message. Anything else is a 500 whose detail only the log sees.
type apiError struct {
	status int
	code   string
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badRequest(msg string) error   { return &apiError{http.StatusBadRequest, "bad_request", msg} }
func unauthorized(msg string) error { return &apiError{http.StatusUnauthorized, "unauthorized", msg} }
func forbidden(msg string) error    { return &apiError{http.StatusForbidden, "forbidden", msg} }
func notFoundErr(msg string) error  { return &apiError{http.StatusNotFound, "not_found", msg} }

// statusOf is the one table from domain errors to HTTP statuses.
var statusOf = []struct {
	err    error
	status int
	code   string
}{
	{persona.ErrNotFound, http.StatusNotFound, "not_found"},
	{persona.ErrInvalid, http.StatusBadRequest, "invalid"},
	{persona.ErrDuplicate, http.StatusConflict, "duplicate"},
	{persona.ErrConflict, http.StatusConflict, "conflict"},
	{persona.ErrForbidden, http.StatusForbidden, "forbidden"},
	{search.ErrQuery, http.StatusBadRequest, "bad_query"},
}

// fail writes err as JSON {"error","code","request_id"}.
func fail(c *gin.Context, err error) {
	rid := requestID(c)
	err = timedOut(err)
	var ae *apiError
	if errors.As(err, &ae) {
		c.AbortWithStatusJSON(ae.status, gin.H{"error": ae.msg, "code": ae.code, "request_id": rid})
		return
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		c.AbortWithStatusJSON(http.StatusRequestEntityTooLarge, gin.H{"error": "request body is too large", "code": "too_large", "request_id": rid})
		return
	}
	for _, m := range statusOf {
		if errors.Is(err, m.err) {
			c.AbortWithStatusJSON(m.status, gin.H{"error": humanMessage(err), "code": m.code, "request_id": rid})
			return
		}
	}
	logger(c).Error("request failed", slog.String("request_id", rid), slog.String("path", c.FullPath()), slog.String("error", err.Error()))
	c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": "internal error; quote the request id when reporting it", "code": "internal", "request_id": rid})
}

// human is an error that carries the sentence to show the person who
// caused it (account.Problem); the rest of its text is for the log.
type human interface{ Human() string }

// humanMessage is err's sentence for people, or its text without the
// sentinel's suffix (": invalid", ": conflict").
func humanMessage(err error) string {
	var h human
	if errors.As(err, &h) {
		return h.Human()
	}
	msg := err.Error()
	for _, m := range statusOf {
		msg = strings.TrimSuffix(msg, ": "+m.err.Error())
	}
	return msg
}
