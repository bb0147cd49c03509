package api

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/search"
)

// pageRoutes registers the HTML pages and static files. Handlers live in
// page_*.go, one file per area.
func (s *Server) pageRoutes(r *gin.Engine) {
	if s.pages == nil {
		return
	}
	static := filesOnly{s.pages.Static()}
	r.GET("/static/*filepath", func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=300")
		c.FileFromFS(c.Param("filepath"), static)
	})
	r.HEAD("/static/*filepath", func(c *gin.Context) { c.FileFromFS(c.Param("filepath"), static) })
	r.GET("/favicon.ico", func(c *gin.Context) { c.Redirect(http.StatusMovedPermanently, "/static/favicon.svg") })

	r.GET("/signin", s.signInPage)
	r.POST("/signin", s.signInForm)
	r.POST("/signout", s.signOutForm)

	pages := []struct {
		method, path string
		perm         account.Permission
		h            func(*Server, *gin.Context) error
	}{
		{"GET", "/", account.PermRead, (*Server).studiesPage},
		{"GET", "/studies/:id", account.PermRead, (*Server).studyPage},
		{"GET", "/studies/:id/upload", account.PermUpload, (*Server).uploadPage},
		{"POST", "/studies/:id/members", account.PermUpload, (*Server).shareForm},
		{"POST", "/studies/:id/members/remove", account.PermUpload, (*Server).unshareForm},
		{"POST", "/studies/:id/upload", account.PermUpload, (*Server).uploadForm},
		{"GET", "/studies/:id/personas", account.PermRead, (*Server).personasPage},
		{"GET", "/studies/:id/themes", account.PermEdit, (*Server).themesPage},
		{"GET", "/themes/:id/quotes", account.PermEdit, (*Server).themeQuotes},
		{"GET", "/sources/:id", account.PermRead, (*Server).sourcePage},
		{"GET", "/sources/:id/non-answers", account.PermRead, (*Server).nonAnswersPage},
		{"GET", "/personas/:id", account.PermRead, (*Server).personaPage},
		{"GET", "/search", account.PermSearch, (*Server).searchPage},
		{"POST", "/notes", account.PermNote, (*Server).noteForm},
		{"GET", "/admin", account.PermAdmin, (*Server).adminPage},
		{"GET", "/account", account.PermRead, (*Server).accountPage},
		{"GET", "/studies/:id/gaps", account.PermRead, (*Server).gapsPage},
		{"POST", "/studies/:id/gaps", account.PermEditPersona, (*Server).gapsForm},
		{"GET", "/collateral/:id", account.PermRead, (*Server).gapPage},
		{"GET", "/collateral/:id/print", account.PermRead, (*Server).gapPrintPage},
		{"GET", "/themes/:id/survey", account.PermRead, (*Server).surveyPage},
		{"POST", "/sources/:id/wave", account.PermEdit, (*Server).sourceWaveForm},
		{"POST", "/studies/:id/privacy", account.PermEdit, (*Server).privacyForm},
		{"POST", "/studies/:id/privacy/apply", account.PermEdit, (*Server).redactStoredForm},
		{"POST", "/participants/:id/delete", account.PermDelete, (*Server).deleteParticipantForm},
		{"POST", "/sources/:id/outcome", account.PermNote, (*Server).sourceOutcomeForm},
		{"GET", "/objections/:id", account.PermSearch, (*Server).objectionPage},
		{"POST", "/objections/:id/answers", account.PermNote, (*Server).answerForm},
		{"POST", "/answers/:id/delete", account.PermNote, (*Server).deleteAnswerForm},
		{"GET", "/trackers", account.PermSearch, (*Server).trackersPage},
		{"POST", "/trackers", account.PermSearch, (*Server).trackerForm},
		{"GET", "/trackers/:id", account.PermSearch, (*Server).trackerPage},
		{"POST", "/trackers/:id/delete", account.PermSearch, (*Server).deleteTrackerForm},
		{"GET", "/studies/:id/codebook", account.PermRead, (*Server).codebookPage},
		{"POST", "/studies/:id/codebook", account.PermCode, (*Server).codeCreateForm},
		{"POST", "/studies/:id/codebook/import", account.PermCode, (*Server).codebookImportForm},
		{"POST", "/studies/:id/unplaced-codings/dismiss", account.PermCode, (*Server).unplacedDismissForm},
		{"POST", "/studies/:id/unplaced-anchors/dismiss", account.PermCode, (*Server).unplacedHeldDismissForm},
		{"POST", "/codes/:id", account.PermCode, (*Server).codeUpdateForm},
		{"POST", "/codes/:id/delete", account.PermCode, (*Server).codeDeleteForm},
		{"POST", "/themes/:id/promote", account.PermCode, (*Server).promoteThemeForm},
		{"GET", "/quotes/:id/code", account.PermCode, (*Server).quoteCodePage},
		{"POST", "/quotes/:id/code", account.PermCode, (*Server).quoteCodeForm},
		{"POST", "/quotes/:id/uncode", account.PermCode, (*Server).quoteUncodeForm},
		{"POST", "/quotes/:id/settle", account.PermCode, (*Server).settleForm},
		{"GET", "/studies/:id/agreement", account.PermCode, (*Server).agreementPage},
		{"POST", "/studies/:id/rounds", account.PermCode, (*Server).roundForm},
		{"POST", "/studies/:id/rounds/done", account.PermCode, (*Server).roundDoneForm},
		{"GET", "/studies/:id/disagreements", account.PermCode, (*Server).disagreementsPage},
		{"GET", "/studies/:id/review", account.PermCode, (*Server).reviewPage},
		{"POST", "/studies/:id/review", account.PermCode, (*Server).suggestForm},
		{"POST", "/quotes/:id/review", account.PermCode, (*Server).reviewForm},
	}
	for _, p := range pages {
		params, _ := scopedParams(p.path)
		h := []gin.HandlerFunc{s.page(p.perm, params, p.h)}
		if p.perm == account.PermSearch {
			h = append([]gin.HandlerFunc{s.searchLimits}, h...)
		}
		r.Handle(p.method, p.path, h...)
	}
}

// page wraps a page handler: the CSP header, sign-in redirect for anonymous
// callers, a friendly 403 for roles without perm, and an error page for
// whatever the handler returns.
func (s *Server) page(perm account.Permission, params []paramObject, h func(*Server, *gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		pageHeaders(c)
		u, ok := currentUser(c)
		if !ok {
			c.Redirect(http.StatusSeeOther, "/signin?next="+url.QueryEscape(c.Request.URL.RequestURI()))
			c.Abort()
			return
		}
		if !u.Role.Can(perm) {
			s.errorPage(c, forbidden("Your role ("+string(u.Role)+") cannot open this page. Ask an admin if you need it."))
			return
		}
		asViewer(c, u)
		if err := s.authorizePath(c, params); err != nil {
			s.errorPage(c, err)
			return
		}
		if err := h(s, c); err != nil {
			s.errorPage(c, err)
		}
	}
}

func pageHeaders(c *gin.Context) {
	c.Header("Content-Security-Policy", frontend.CSP)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Referrer-Policy", "same-origin")
	c.Header("Cache-Control", "no-store")
}

// render writes a page with status.
func (s *Server) render(c *gin.Context, status int, name string, data any) error {
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(status)
	if err := s.pages.Render(c.Writer, name, data); err != nil {
		return err
	}
	return nil
}

// errorPage maps err like fail does, as a page. The detail of a 500 goes
// to the log only.
func (s *Server) errorPage(c *gin.Context, err error) {
	v := frontend.ErrorPage{Base: s.base(c, "", ""), RequestID: requestID(c)}
	v.Status, v.Message = http.StatusInternalServerError, "Something went wrong on our side. Quote the request id if you report it."
	err = timedOut(err)
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		v.Status, v.Message = ae.status, ae.msg
	default:
		known := false
		for _, m := range statusOf {
			if errors.Is(err, m.err) {
				v.Status, v.Message, known = m.status, plainError(err), true
				break
			}
		}
		if !known {
			logger(c).Error("page failed", slog.String("request_id", v.RequestID), slog.String("path", c.FullPath()), slog.String("error", err.Error()))
		}
	}
	v.Heading = map[int]string{400: "That request did not work", 403: "This page is not for your role",
		404: "We could not find that", 409: "That clashes with something", 429: "Slow down a little",
		503: "That took too long"}[v.Status]
	if v.Heading == "" {
		v.Heading = "Something went wrong"
	}
	v.Title = v.Heading
	if rerr := s.render(c, v.Status, "error", v); rerr != nil {
		logger(c).Error("render error page", slog.String("error", rerr.Error()))
	}
	c.Abort()
}

// plainError turns a wrapped domain error into words for the page: the
// sentinel's suffix ("...: not found") is dropped.
func plainError(err error) string {
	var h human
	if errors.As(err, &h) {
		return h.Human()
	}
	if errors.Is(err, persona.ErrNotFound) {
		return "It may have been deleted, or the link is wrong."
	}
	var le *search.LimitError
	if errors.As(err, &le) {
		return le.Msg
	}
	if errors.Is(err, search.ErrQuery) {
		return "The search could not be understood; try plain words."
	}
	return humanMessage(err)
}

// base is the layout's view model for the caller.
func (s *Server) base(c *gin.Context, title, nav string) frontend.Base {
	b := frontend.Base{Title: title, Nav: nav}
	if u, ok := currentUser(c); ok {
		b.User = frontend.User{Name: u.Name, Role: string(u.Role)}
		r := u.Role
		b.Can = frontend.Perms{Upload: r.Can(account.PermUpload), Edit: r.Can(account.PermEdit),
			EditPersona: r.Can(account.PermEditPersona), Export: r.Can(account.PermExport),
			Note: r.Can(account.PermNote), Admin: r.Can(account.PermAdmin), Code: r.Can(account.PermCode)}
	}
	return b
}

// when formats a time for pages.
func when(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Local().Format("2 Jan 2006, 15:04")
}

// ago says how long ago t was, roughly.
func ago(t time.Time) string {
	d := time.Since(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	}
	return "on " + t.Local().Format("2 Jan 2006")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(int64(n)) + " " + word + "s"
}
