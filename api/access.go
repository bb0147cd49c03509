package api

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
)

// Study access (docs/ACCESS.md). The signed-in user rides in the request
// context as an app.Viewer, so every app operation sees only the studies
// shared with them; and every route whose path names something in a
// study is checked by app.Authorize before its handler runs.

// asViewer puts u into the request's context as the app viewer.
func asViewer(c *gin.Context, u account.User) {
	c.Request = c.Request.WithContext(app.WithViewer(c.Request.Context(), app.Viewer{UserID: u.ID, Name: u.Name, Role: u.Role}))
}

// pathObjects maps a path segment to what the id after it names.
var pathObjects = map[string]app.Object{
	"studies": app.ObjStudy, "sources": app.ObjSource, "participants": app.ObjParticipant,
	"quotes": app.ObjQuote, "themes": app.ObjTheme, "objections": app.ObjTheme,
	"personas": app.ObjPersona, "collateral": app.ObjCollateral, "trackers": app.ObjTracker,
	"answers": app.ObjAnswer, "codes": app.ObjCode,
}

// unscopedParams are path parameters that name nothing in a study.
var unscopedParams = map[string]bool{"users/:id": true, "tokens/:id": true}

// paramObject is one path parameter and what it names.
type paramObject struct {
	param string
	obj   app.Object
}

// scopedParams are the path parameters of a route that name something in
// a study; ok is false when a parameter names something unknown (a route
// added without saying: TestEveryPathParamIsScoped fails on it).
func scopedParams(path string) (out []paramObject, ok bool) {
	segs := strings.Split(path, "/")
	ok = true
	for i, seg := range segs {
		if !strings.HasPrefix(seg, ":") || i == 0 {
			continue
		}
		if unscopedParams[segs[i-1]+"/"+seg] {
			continue
		}
		obj, known := pathObjects[segs[i-1]]
		if !known {
			ok = false
			continue
		}
		out = append(out, paramObject{param: seg[1:], obj: obj})
	}
	return out, ok
}

// authorizePath checks each scoped path parameter with app.Authorize: a
// study not shared with the caller answers 404, as a missing one does.
// Ids that do not parse are left to the handler (400).
func (s *Server) authorizePath(c *gin.Context, params []paramObject) error {
	for _, p := range params {
		id, err := strconv.ParseInt(c.Param(p.param), 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		if err := s.app.Authorize(c.Request.Context(), p.obj, id); err != nil {
			return err
		}
	}
	return nil
}

// studyAccess is the middleware form of authorizePath for API routes.
func (s *Server) studyAccess(params []paramObject) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := s.authorizePath(c, params); err != nil {
			fail(c, err)
			return
		}
		c.Next()
	}
}
