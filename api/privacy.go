package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/redact"
)

// privacyRequest changes a study's privacy settings; absent fields keep
// their value.
type privacyRequest struct {
	Redact        *bool          `json:"redact"`
	Kinds         *[]redact.Kind `json:"kinds"`
	KeepOriginals *bool          `json:"keep_originals"`
	KeepWords     *[]string      `json:"keep_words"`
}

func (s *Server) getPrivacy(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, err := s.app.Privacy(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, p)
	return nil
}

func (s *Server) putPrivacy(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req privacyRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send redact, kinds and keep_originals as JSON")
	}
	p, err := s.savePrivacy(c, id, req)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, p)
	return nil
}

// savePrivacy applies req to the study's settings; only an admin may
// change whether originals are kept. The change is audited.
func (s *Server) savePrivacy(c *gin.Context, studyID int64, req privacyRequest) (persona.Privacy, error) {
	ctx := c.Request.Context()
	p, err := s.app.Privacy(ctx, studyID)
	if err != nil {
		return p, err
	}
	if req.Redact != nil {
		p.Redact = *req.Redact
	}
	if req.Kinds != nil {
		p.Kinds = *req.Kinds
	}
	if req.KeepWords != nil {
		p.KeepWords = *req.KeepWords
	}
	if req.KeepOriginals != nil && *req.KeepOriginals != p.KeepOriginals {
		if !accountUser(c).Role.Can(account.PermAdmin) {
			return p, forbidden("only an admin may choose to keep the originals")
		}
		p.KeepOriginals = *req.KeepOriginals
	}
	p, err = s.app.SetPrivacy(ctx, p)
	if err != nil {
		return p, err
	}
	kinds := make([]string, len(p.Kinds))
	for i, k := range p.Kinds {
		kinds[i] = string(k)
	}
	s.audit(c, accountUser(c), "study_privacy", "study "+itoa(studyID),
		fmt.Sprintf("redact=%t kinds=%s keep_originals=%t", p.Redact, strings.Join(kinds, ","), p.KeepOriginals))
	return p, nil
}

// privacyForm is the study page's privacy form; it goes back to the page.
func (s *Server) privacyForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	redactOn := isTrue(c.PostForm("redact"))
	var kinds []redact.Kind
	for _, k := range c.PostFormArray("kinds") {
		kinds = append(kinds, redact.Kind(k))
	}
	keepWords := strings.FieldsFunc(c.PostForm("keep_words"), func(r rune) bool { return r == ',' || r == '\n' || r == '\r' })
	req := privacyRequest{Redact: &redactOn, Kinds: &kinds, KeepWords: &keepWords}
	if accountUser(c).Role.Can(account.PermAdmin) {
		keep := isTrue(c.PostForm("keep_originals"))
		req.KeepOriginals = &keep
	}
	if _, err := s.savePrivacy(c, id, req); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d?saved=privacy#privacy", id))
	return nil
}

func (s *Server) sourceOriginals(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	o, err := s.app.Originals(c.Request.Context(), id)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "read_originals", "source "+itoa(id), fmt.Sprintf("%d originals", len(o)))
	c.JSON(http.StatusOK, gin.H{"originals": o})
	return nil
}

// removeParticipant deletes a participant and audits it by id and counts
// (never the name).
func (s *Server) removeParticipant(c *gin.Context) (persona.Participant, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return persona.Participant{}, err
	}
	p, rows, n, err := s.app.DeleteParticipant(c.Request.Context(), id)
	if len(rows) > 0 {
		// What went is audited also when the deletion failed part-way.
		s.audit(c, accountUser(c), "delete_participant", "participant "+itoa(id), app.DeletedDetail(p, rows, n))
	}
	return p, err
}

func (s *Server) deleteParticipant(c *gin.Context) error {
	if _, err := s.removeParticipant(c); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// deleteParticipantForm is the source page's delete button.
func (s *Server) deleteParticipantForm(c *gin.Context) error {
	p, err := s.removeParticipant(c)
	if err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/sources/%d?saved=deleted", p.SourceID))
	return nil
}

// privacyView is the study page's privacy form.
func (s *Server) privacyView(c *gin.Context, studyID int64) (*frontend.PrivacyView, error) {
	p, err := s.app.Privacy(c.Request.Context(), studyID)
	if err != nil {
		return nil, err
	}
	on := map[redact.Kind]bool{}
	for _, k := range p.Kinds {
		on[k] = true
	}
	v := &frontend.PrivacyView{StudyID: studyID, Redact: p.Redact, KeepOriginals: p.KeepOriginals, KeepWords: strings.Join(p.KeepWords, ", "),
		CanKeep: accountUser(c).Role.Can(account.PermAdmin), Saved: c.Query("saved") == "privacy"}
	for _, k := range []redact.Kind{redact.Person, redact.Company, redact.Email, redact.Phone, redact.URL} {
		v.Kinds = append(v.Kinds, frontend.KindOption{Name: string(k), On: on[k]})
	}
	pass, err := s.app.RedactionPassOf(c.Request.Context(), studyID)
	if err != nil {
		return nil, err
	}
	v.Pass, v.PassRunning = passText(pass)
	return v, nil
}

// passText says how a redaction pass of stored text went.
func passText(p app.RedactionPass) (string, bool) {
	switch {
	case p.StartedAt.IsZero():
		return "", false
	case p.Running:
		return fmt.Sprintf("Applying redaction to stored text: %d of %d sources read, %d rewritten so far.", p.Done, p.Sources, p.Changed), true
	case p.Error != "" || p.FinishedAt == nil:
		return fmt.Sprintf("Applying redaction stopped after %d of %d sources: %s", p.Done, p.Sources, p.Error), false
	}
	return fmt.Sprintf("Redaction applied to stored text on %s: %d of %d sources rewritten and re-indexed.", when(*p.FinishedAt), p.Changed, p.Sources), false
}

// startRedactStored starts the pass applying redaction to stored text
// (audited) and answers 202 with its state.
func (s *Server) startRedactStored(c *gin.Context) (app.RedactionPass, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return app.RedactionPass{}, err
	}
	p, err := s.app.StartRedactStored(c.Request.Context(), id)
	if err != nil {
		return p, err
	}
	s.audit(c, accountUser(c), "redact_stored", "study "+itoa(id), fmt.Sprintf("%d sources", p.Sources))
	return p, nil
}

func (s *Server) postRedactStored(c *gin.Context) error {
	p, err := s.startRedactStored(c)
	if err != nil {
		return err
	}
	c.JSON(http.StatusAccepted, p)
	return nil
}

func (s *Server) getRedactStored(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.Study(c.Request.Context(), id); err != nil {
		return err
	}
	p, err := s.app.RedactionPassOf(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, p)
	return nil
}

// redactStoredForm is the study page's "Apply redaction" button.
func (s *Server) redactStoredForm(c *gin.Context) error {
	p, err := s.startRedactStored(c)
	if err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d#privacy", p.StudyID))
	return nil
}

// sourcePrivacy fills the source page's delete buttons and, for admins,
// the originals.
func (s *Server) sourcePrivacy(c *gin.Context, v *frontend.SourcePage, sourceID int64) error {
	role := accountUser(c).Role
	v.CanDelete = role.Can(account.PermDelete)
	v.Deleted = c.Query("saved") == "deleted"
	if !role.Can(account.PermAdmin) {
		return nil
	}
	o, err := s.app.Originals(c.Request.Context(), sourceID)
	if err != nil {
		return err
	}
	for _, x := range o {
		v.Originals = append(v.Originals, frontend.OriginalRow{Label: x.Label, Original: x.Original})
	}
	return nil
}
