package api

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
)

// route is one row of the routes table; openapi.go documents the same rows.
type route struct {
	method, path string
	perm         account.Permission // "" = public
	handler      func(*Server, *gin.Context) error
	summary      string
}

// apiRoutes is every JSON route. Keep paths stable: scripts rely on them.
var apiRoutes = []route{
	{"POST", "/api/v1/auth/signin", "", (*Server).signIn, "Sign in; sets the session cookie"},
	{"POST", "/api/v1/auth/signout", "", (*Server).signOut, "Sign out"},
	{"GET", "/api/v1/me", account.PermRead, (*Server).me, "The signed-in user"},
	{"POST", "/api/v1/me/password", account.PermRead, (*Server).changeOwnPassword, "Change your own password (current and password)"},

	{"GET", "/api/v1/studies", account.PermRead, (*Server).listStudies, "List studies with counts"},
	{"POST", "/api/v1/studies", account.PermUpload, (*Server).createStudy, "Create a study"},
	{"GET", "/api/v1/studies/:id", account.PermRead, (*Server).getStudy, "Get a study with counts and analysis status"},
	{"PATCH", "/api/v1/studies/:id", account.PermEdit, (*Server).renameStudy, "Rename a study (name) or set whether the same speaker name in several files is one person (speakers: auto, same, separate)"},
	{"DELETE", "/api/v1/studies/:id", account.PermDelete, (*Server).deleteStudy, "Delete a study and everything in it"},
	{"GET", "/api/v1/studies/:id/members", account.PermRead, (*Server).listMembers, "Who sees a study: owner, users and roles it is shared with (docs/ACCESS.md)"},
	{"POST", "/api/v1/studies/:id/members", account.PermUpload, (*Server).addMember, "Share a study with a user (user or user_id) or a role (researcher, marketer, sales); owner or admin"},
	{"DELETE", "/api/v1/studies/:id/members", account.PermUpload, (*Server).removeMember, "Stop sharing a study (query user, user_id or role); owner or admin"},

	{"POST", "/api/v1/studies/:id/sources", account.PermUpload, (*Server).uploadSources, "Upload files (multipart, parts named files)"},
	{"GET", "/api/v1/studies/:id/sources", account.PermRead, (*Server).listSources, "List a study's sources"},
	{"GET", "/api/v1/sources/:id", account.PermRead, (*Server).getSource, "Get a source with its turns and quotes"},
	{"DELETE", "/api/v1/sources/:id", account.PermDelete, (*Server).deleteSource, "Delete a source; re-analyses the study"},
	{"GET", "/api/v1/sources/:id/non-answers", account.PermRead, (*Server).getNonAnswers, "A survey source's answers set aside as non-answers (total, and the first limit, default 1000)"},

	{"GET", "/api/v1/studies/:id/participants", account.PermRead, (*Server).listParticipants, "List participants; filter with attr.KEY=VALUE"},
	{"PATCH", "/api/v1/participants/:id", account.PermEdit, (*Server).updateParticipant, "Edit label, attributes or role (interviewer/buyer)"},

	{"GET", "/api/v1/quotes/:id", account.PermRead, (*Server).getQuote, "Get a quote with its context"},
	{"PATCH", "/api/v1/quotes/:id", account.PermEdit, (*Server).updateQuote, "Correct a quote's ring, pin or hide it"},

	{"GET", "/api/v1/search", account.PermSearch, (*Server).search, "Search quotes with filters, facets and highlights"},
	{"GET", "/api/v1/objections", account.PermSearch, (*Server).objections, "Objection themes, quotes and what to answer with"},

	{"GET", "/api/v1/studies/:id/themes", account.PermRead, (*Server).listThemes, "List a study's themes"},
	{"GET", "/api/v1/themes/:id", account.PermRead, (*Server).getTheme, "Get a theme with its quotes"},
	{"PATCH", "/api/v1/themes/:id", account.PermEdit, (*Server).renameTheme, "Rename a theme"},
	{"POST", "/api/v1/themes/merge", account.PermEdit, (*Server).mergeThemes, "Merge themes"},
	{"POST", "/api/v1/themes/:id/split", account.PermEdit, (*Server).splitTheme, "Split quotes out of a theme into a new one"},

	{"GET", "/api/v1/studies/:id/personas", account.PermRead, (*Server).listPersonas, "List a study's personas"},
	{"GET", "/api/v1/personas/:id", account.PermRead, (*Server).getPersona, "Get a persona with its themes and quotes"},
	{"PATCH", "/api/v1/personas/:id", account.PermEditPersona, (*Server).updatePersona, "Edit a persona's name and notes"},

	{"POST", "/api/v1/studies/:id/analyze", account.PermAnalyze, (*Server).startAnalysis, "Start the analysis"},
	{"GET", "/api/v1/studies/:id/analysis", account.PermRead, (*Server).analysisStatus, "Analysis status and progress"},

	{"POST", "/api/v1/notes", account.PermNote, (*Server).postNote, "Post a field note from a sales call"},

	{"GET", "/api/v1/personas/:id/export.md", account.PermExport, (*Server).exportPersonaMarkdown, "Export a persona as Markdown"},
	{"GET", "/api/v1/personas/:id/export.json", account.PermExport, (*Server).exportPersonaJSON, "Export a persona as JSON"},
	{"GET", "/api/v1/studies/:id/quotes.csv", account.PermExport, (*Server).exportQuotesCSV, "Export quotes as CSV"},
	{"GET", "/api/v1/studies/:id/themes.csv", account.PermExport, (*Server).exportThemesCSV, "Export themes as CSV"},
	{"GET", "/api/v1/studies/:id/export.qdpx", account.PermExport, (*Server).exportQDPX, "Export a study as a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)"},

	{"GET", "/api/v1/users", account.PermAdmin, (*Server).listUsers, "List users"},
	{"POST", "/api/v1/users", account.PermAdmin, (*Server).createUser, "Create a user"},
	{"PATCH", "/api/v1/users/:id", account.PermAdmin, (*Server).updateUser, "Change a user's role or password"},
	{"DELETE", "/api/v1/users/:id", account.PermAdmin, (*Server).deleteUser, "Delete a user"},
	{"GET", "/api/v1/tokens", account.PermAdmin, (*Server).listTokens, "List API tokens"},
	{"POST", "/api/v1/tokens", account.PermAdmin, (*Server).createToken, "Create an API token (shown once)"},
	{"DELETE", "/api/v1/tokens/:id", account.PermAdmin, (*Server).revokeToken, "Revoke an API token"},
	{"GET", "/api/v1/audit", account.PermAdmin, (*Server).auditLog, "Read the audit log"},

	{"GET", "/api/v1/openapi.json", "", (*Server).openAPI, "This OpenAPI document"},

	{"POST", "/api/v1/studies/:id/collateral", account.PermEditPersona, (*Server).uploadCollateral, "Store a collateral document for the content-gap check (multipart, one part named file)"},
	{"GET", "/api/v1/studies/:id/collateral", account.PermRead, (*Server).listCollateral, "List a study's collateral documents"},
	{"GET", "/api/v1/collateral/:id", account.PermRead, (*Server).getCollateralCheck, "Content-gap check of a document; ?persona=ID for one persona"},
	{"DELETE", "/api/v1/collateral/:id", account.PermEditPersona, (*Server).deleteCollateral, "Delete a collateral document"},
	{"GET", "/api/v1/collateral/:id/export.md", account.PermExport, (*Server).exportGapMarkdown, "Export a content-gap check as Markdown"},
	{"GET", "/api/v1/collateral/:id/export.json", account.PermExport, (*Server).exportGapJSON, "Export a content-gap check as JSON"},
	{"GET", "/api/v1/themes/:id/survey", account.PermRead, (*Server).themeSurvey, "A theme sized by the survey, with the answers counted"},
	// Research waves (docs/LOOP.md).
	{"GET", "/api/v1/studies/:id/waves", account.PermRead, (*Server).getWaves, "Theme shares per research wave with two-proportion tests"},
	{"PUT", "/api/v1/sources/:id/wave", account.PermEdit, (*Server).setSourceWave, "Put a source in a research wave (wave, date YYYY-MM-DD)"},
	{"GET", "/api/v1/personas/:id/waves", account.PermRead, (*Server).personaWaves, "Themes new for a persona since the earlier waves"},

	// Win/loss (docs/LOOP.md).
	{"PUT", "/api/v1/sources/:id/outcome", account.PermNote, (*Server).setSourceOutcome, "Mark a source's deal won, lost or no-decision, with the competitor"},
	{"GET", "/api/v1/studies/:id/winloss", account.PermRead, (*Server).getWinLoss, "Deals by outcome per theme (persona=ID, rings=all)"},
	{"GET", "/api/v1/objections/:id", account.PermSearch, (*Server).getObjection, "One objection theme: quotes (outcome= filter), personas, deals"},

	// Answers from the field (docs/LOOP.md).
	{"POST", "/api/v1/themes/:id/answers", account.PermNote, (*Server).postAnswer, "Attach how you answered an objection (text, context)"},
	{"GET", "/api/v1/themes/:id/answers", account.PermRead, (*Server).listAnswers, "List the field answers to an objection theme"},
	{"DELETE", "/api/v1/answers/:id", account.PermNote, (*Server).deleteAnswer, "Delete your field answer (an admin: any)"},
	{"GET", "/api/v1/personas/:id/answers", account.PermRead, (*Server).personaAnswers, "Field answers to a persona's objections"},

	// Objection trackers (docs/LOOP.md).
	{"GET", "/api/v1/trackers", account.PermSearch, (*Server).listTrackers, "Your trackers and your teams', with what is new for you"},
	{"POST", "/api/v1/trackers", account.PermSearch, (*Server).createTracker, "Save an objection search (study_id, words, synonyms, name, team)"},
	{"GET", "/api/v1/trackers/:id", account.PermSearch, (*Server).getTracker, "What a tracker found: new since your last visit, per week, personas (mark=1 records the visit)"},
	{"DELETE", "/api/v1/trackers/:id", account.PermSearch, (*Server).deleteTracker, "Delete your tracker (an admin: any)"},
	{"GET", "/api/v1/trackers/:id/feed.json", account.PermSearch, (*Server).trackerFeed, "A tracker's newest matches as a JSON Feed 1.1"},

	// Codebook, researchers' coding and agreement (docs/CODEBOOK.md).
	{"GET", "/api/v1/studies/:id/codebook", account.PermRead, (*Server).getCodebook, "A study's codebook: codes with examples and use"},
	{"POST", "/api/v1/studies/:id/codes", account.PermCode, (*Server).createCode, "Add a code (name, ring, definition, when_to_use, when_not_to_use, example_quote_ids)"},
	{"GET", "/api/v1/codes/:id", account.PermRead, (*Server).getCode, "Get a code"},
	{"PATCH", "/api/v1/codes/:id", account.PermCode, (*Server).updateCode, "Replace a code's fields"},
	{"DELETE", "/api/v1/codes/:id", account.PermCode, (*Server).deleteCode, "Delete a code and its codings"},
	{"POST", "/api/v1/themes/:id/promote", account.PermCode, (*Server).promoteTheme, "Add a theme to the codebook (label, ring, headline and top quotes as examples)"},
	{"POST", "/api/v1/studies/:id/codebook/import", account.PermCode, (*Server).importCodebook, "Import a codebook CSV (name/tag/path, description) or REFI-QDA .qdc (multipart part file; replace=1 updates known names)"},
	{"GET", "/api/v1/studies/:id/codebook.csv", account.PermExport, (*Server).exportCodebookCSV, "Export the codebook as CSV"},
	{"GET", "/api/v1/studies/:id/codebook.qdc", account.PermExport, (*Server).exportCodebookQDC, "Export the codebook as a REFI-QDA codebook (.qdc)"},
	{"GET", "/api/v1/quotes/:id/codings", account.PermCode, (*Server).quoteCodings, "A quote's codings: yours, other coders' (unless blind), Verbatim's"},
	{"PUT", "/api/v1/quotes/:id/codes/:code", account.PermCode, (*Server).codeQuote, "Apply a code to a quote as your coding"},
	{"DELETE", "/api/v1/quotes/:id/codes/:code", account.PermCode, (*Server).uncodeQuote, "Remove your coding of a quote with a code"},
	{"GET", "/api/v1/studies/:id/rounds", account.PermCode, (*Server).listRounds, "Blind double-coding rounds"},
	{"POST", "/api/v1/studies/:id/rounds", account.PermCode, (*Server).startRound, "Start a blind round (coders: user names; source_ids: optional)"},
	{"POST", "/api/v1/studies/:id/rounds/done", account.PermCode, (*Server).roundDone, "Mark yourself done in the open round (done=false takes it back); all done reveals it"},
	{"GET", "/api/v1/studies/:id/agreement", account.PermCode, (*Server).getAgreement, "Percent agreement, Cohen's kappa, Krippendorff's alpha per code and overall"},
	{"GET", "/api/v1/studies/:id/disagreements", account.PermCode, (*Server).getDisagreements, "Quotes two coders coded differently (first, second: coder ids, 0 = Verbatim)"},
	{"POST", "/api/v1/quotes/:id/settle", account.PermCode, (*Server).settleQuote, "Settle a disagreement (first, second, choice: first, second, both or none)"},
	{"GET", "/api/v1/studies/:id/unplaced-codings", account.PermCode, (*Server).listUnplaced, "Codings whose quote is gone (re-ingest, role change, redaction) and could not be placed again"},
	{"POST", "/api/v1/studies/:id/unplaced-codings/dismiss", account.PermCode, (*Server).dismissUnplaced, "Dismiss codings that could not be placed (ids)"},
	{"GET", "/api/v1/studies/:id/unplaced-anchors", account.PermCode, (*Server).listUnplacedHeld, "Code examples and seeded suggestions whose quote is gone and could not be placed again"},
	{"POST", "/api/v1/studies/:id/unplaced-anchors/dismiss", account.PermCode, (*Server).dismissUnplacedHeld, "Dismiss unplaced examples (ids) or a file's unplaced suggestions (suggestions_of: its sha256)"},
	{"POST", "/api/v1/studies/:id/codebook/suggest", account.PermCode, (*Server).suggestCodes, "Code the rest from the examples: the seeded coding of every quote from the researchers' codings and the codes' examples (docs/SEEDED.md)"},
	{"GET", "/api/v1/studies/:id/review", account.PermCode, (*Server).getReview, "The seeded coding's review queue (limit; code=ID lists that code's seeded codings instead)"},
	{"POST", "/api/v1/quotes/:id/review", account.PermCode, (*Server).reviewQuote, "Decide a suggestion (code_id: accept or correct as your coding, 0 skips); the seeded coding updates at once"},
	{"GET", "/api/v1/personas/:id/codes", account.PermRead, (*Server).personaCodes, "Codes researchers applied to a persona's buyers, with quotes"},

	// Privacy of the people quoted (docs/PRIVACY.md).
	{"GET", "/api/v1/studies/:id/privacy", account.PermEdit, (*Server).getPrivacy, "A study's privacy settings: redact at ingest, kinds, keep originals"},
	{"PUT", "/api/v1/studies/:id/privacy", account.PermEdit, (*Server).putPrivacy, "Set redact, kinds (Person, Company, Email, Phone, URL); keep_originals: admins only"},
	{"POST", "/api/v1/studies/:id/privacy/apply", account.PermEdit, (*Server).postRedactStored, "Apply the study's redaction to what is already stored (background pass, audited; 202 with its state)"},
	{"GET", "/api/v1/studies/:id/privacy/apply", account.PermEdit, (*Server).getRedactStored, "The state of the last pass applying redaction to stored text"},
	{"GET", "/api/v1/sources/:id/originals", account.PermAdmin, (*Server).sourceOriginals, "What a source's pseudonyms replaced, when the study keeps originals (audited)"},
	{"DELETE", "/api/v1/participants/:id", account.PermDelete, (*Server).deleteParticipant, "Delete a participant: turns, quotes, codings, index entries, attributes (audited)"},
}

func (s *Server) routes(r *gin.Engine) {
	for _, rt := range apiRoutes {
		h := []gin.HandlerFunc{}
		if rt.perm != "" {
			h = append(h, need(rt.perm))
		}
		if params, _ := scopedParams(rt.path); rt.perm != "" && len(params) > 0 {
			h = append(h, s.studyAccess(params))
		}
		if rt.perm == account.PermSearch {
			h = append(h, s.searchLimits)
		}
		h = append(h, s.wrap(rt.handler))
		r.Handle(rt.method, rt.path, h...)
	}
	s.pageRoutes(r)
	r.NoRoute(func(c *gin.Context) {
		if !strings.HasPrefix(c.Request.URL.Path, "/api/") && strings.Contains(c.GetHeader("Accept"), "text/html") {
			pageHeaders(c)
			s.errorPage(c, notFoundErr("There is no page at this address."))
			return
		}
		fail(c, notFoundErr("no such route"))
	})
}

// wrap adapts a handler that returns an error.
func (s *Server) wrap(h func(*Server, *gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(s, c); err != nil {
			fail(c, err)
		}
	}
}
