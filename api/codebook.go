package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// getCodebook lists a study's codes with their examples and use.
func (s *Server) getCodebook(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	cb, err := s.app.Codebook(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, cb)
	return nil
}

// createCode adds a code (name, ring, definition, when_to_use,
// when_not_to_use, example_quote_ids).
func (s *Server) createCode(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.CodeInput
	if err := c.ShouldBindJSON(&in); err != nil {
		return badRequest("send JSON with name, and optionally ring, definition, when_to_use, when_not_to_use, example_quote_ids")
	}
	code, err := s.app.CreateCode(c.Request.Context(), id, in)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "code_create", "code "+itoa(code.ID), "study "+itoa(id))
	c.JSON(http.StatusCreated, code)
	return nil
}

func (s *Server) getCode(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	code, err := s.app.Code(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, code)
	return nil
}

// updateCode replaces a code's fields (send them all).
func (s *Server) updateCode(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.CodeInput
	if err := c.ShouldBindJSON(&in); err != nil {
		return badRequest("send JSON with name, ring, definition, when_to_use, when_not_to_use, example_quote_ids")
	}
	code, err := s.app.UpdateCode(c.Request.Context(), id, in)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "code_update", "code "+itoa(id), "")
	c.JSON(http.StatusOK, code)
	return nil
}

func (s *Server) deleteCode(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.DeleteCode(c.Request.Context(), id); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "code_delete", "code "+itoa(id), "")
	c.Status(http.StatusNoContent)
	return nil
}

// promoteTheme adds a theme to the codebook.
func (s *Server) promoteTheme(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	code, err := s.app.PromoteTheme(c.Request.Context(), id)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "code_create", "code "+itoa(code.ID), "theme "+itoa(id))
	c.JSON(http.StatusCreated, code)
	return nil
}

// codebookUpload reads a multipart upload: one file part (file or files)
// and an optional replace field.
func (s *Server) codebookUpload(c *gin.Context) (name string, data []byte, replace bool, err error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxUploadSize+1<<20)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return "", nil, false, badRequest("send multipart/form-data with one part named file (a codebook .csv or .qdc)")
	}
	replace = isTrue(c.Query("replace"))
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if tooLarge(err) {
				return "", nil, false, err
			}
			return "", nil, false, badRequest("the upload broke off; send it again")
		}
		switch {
		case part.FormName() == "replace" && part.FileName() == "":
			v, _ := io.ReadAll(io.LimitReader(part, 16))
			replace = replace || isTrue(string(bytes.TrimSpace(v)))
		case (part.FormName() == "file" || part.FormName() == "files") && part.FileName() != "" && data == nil:
			name = part.FileName()
			if data, err = io.ReadAll(io.LimitReader(part, s.cfg.MaxUploadSize+1)); err != nil {
				part.Close()
				if tooLarge(err) {
					return "", nil, false, err
				}
				return "", nil, false, badRequest("the upload broke off; send it again")
			}
		}
		part.Close()
	}
	if data == nil {
		return "", nil, false, badRequest("no part named file in the upload")
	}
	if int64(len(data)) > s.cfg.MaxUploadSize {
		return "", nil, false, &apiError{http.StatusRequestEntityTooLarge, "too_large", "the codebook is larger than the upload limit"}
	}
	return name, data, replace, nil
}

// importCodebook reads a codebook CSV or .qdc into a study's codebook
// (?replace=1 or a replace field updates codes whose names it has).
func (s *Server) importCodebook(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	name, data, replace, err := s.codebookUpload(c)
	if err != nil {
		return err
	}
	res, err := s.app.ImportCodebook(c.Request.Context(), id, name, data, replace)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "codebook_import", "study "+itoa(id), fmt.Sprintf("%s: %d added, %d updated", res.Format, res.Added, res.Updated))
	c.JSON(http.StatusOK, res)
	return nil
}

func (s *Server) exportCodebookCSV(c *gin.Context) error { return s.exportCodebook(c, app.CodebookCSV) }
func (s *Server) exportCodebookQDC(c *gin.Context) error { return s.exportCodebook(c, app.CodebookQDC) }

func (s *Server) exportCodebook(c *gin.Context, format string) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.app.ExportCodebook(c.Request.Context(), id, format, &buf); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "export", "study "+itoa(id), "codebook."+format)
	ctype := "text/csv; charset=utf-8"
	if format == app.CodebookQDC {
		ctype = "application/xml; charset=utf-8"
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="study-%d-codebook.%s"`, id, format))
	c.Data(http.StatusOK, ctype, buf.Bytes())
	return nil
}

// quoteCodings is a quote with its codings as the caller may see them.
func (s *Server) quoteCodings(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	qc, err := s.app.QuoteCoding(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, qc)
	return nil
}

// codeQuote applies a code to a quote as the caller's coding.
func (s *Server) codeQuote(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	code, err := pathID(c, "code")
	if err != nil {
		return err
	}
	cd, err := s.app.CodeQuote(c.Request.Context(), id, code, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, cd)
	return nil
}

// uncodeQuote removes the caller's coding of a quote with a code.
func (s *Server) uncodeQuote(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	code, err := pathID(c, "code")
	if err != nil {
		return err
	}
	if err := s.app.UncodeQuote(c.Request.Context(), id, code, actor(c)); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

func (s *Server) listRounds(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rounds, err := s.app.Rounds(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"rounds": rounds})
	return nil
}

type roundRequest struct {
	Coders    []string `json:"coders"`
	SourceIDs []int64  `json:"source_ids"`
}

// roundCoders resolves coder names to users who may code.
func (s *Server) roundCoders(c *gin.Context, names []string) ([]persona.RoundCoder, error) {
	var out []persona.RoundCoder
	for _, n := range names {
		u, err := s.accounts.UserByName(c.Request.Context(), n)
		if err != nil {
			return nil, badRequest(fmt.Sprintf("there is no user named %.60q", n))
		}
		if !u.Role.Can(account.PermCode) {
			return nil, badRequest(fmt.Sprintf("%s is a %s and cannot code; name researchers or admins", u.Name, u.Role))
		}
		out = append(out, persona.RoundCoder{ID: u.ID, Name: u.Name})
	}
	return out, nil
}

// startRound opens a blind coding round (coders: user names, source_ids:
// optional, the whole study when empty).
func (s *Server) startRound(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in roundRequest
	if err := c.ShouldBindJSON(&in); err != nil {
		return badRequest("send JSON with coders (user names) and optionally source_ids")
	}
	coders, err := s.roundCoders(c, in.Coders)
	if err != nil {
		return err
	}
	r, err := s.app.StartRound(c.Request.Context(), id, coders, in.SourceIDs, actor(c))
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "coding_round_start", "study "+itoa(id), "round "+itoa(r.ID))
	c.JSON(http.StatusCreated, r)
	return nil
}

// roundDone marks the caller done ({"done": false} takes it back).
func (s *Server) roundDone(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	in := struct {
		Done *bool `json:"done"`
	}{}
	_ = c.ShouldBindJSON(&in)
	done := in.Done == nil || *in.Done
	r, err := s.app.MarkRoundDone(c.Request.Context(), id, done, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, r)
	return nil
}

func (s *Server) getAgreement(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rep, err := s.app.Agreement(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, rep)
	return nil
}

// coderParam reads a coder id query parameter (0 is Verbatim, -1 its
// seeded coding).
func coderParam(c *gin.Context, name string) (int64, error) {
	v, err := strconv.ParseInt(c.Query(name), 10, 64)
	if err != nil || v < app.SeededCoder {
		return 0, badRequest(fmt.Sprintf("%s: give a coder id (0 for Verbatim, -1 for its seeded coding)", name))
	}
	return v, nil
}

// getDisagreements lists the quotes two coders coded differently
// (?first=ID&second=ID).
func (s *Server) getDisagreements(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	first, err := coderParam(c, "first")
	if err != nil {
		return err
	}
	second, err := coderParam(c, "second")
	if err != nil {
		return err
	}
	d, err := s.app.Disagreements(c.Request.Context(), id, first, second, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, d)
	return nil
}

type settleRequest struct {
	First  int64  `json:"first"`
	Second int64  `json:"second"`
	Choice string `json:"choice"`
}

// settleQuote records how two coders' disagreement on a quote is settled.
func (s *Server) settleQuote(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in settleRequest
	if err := c.ShouldBindJSON(&in); err != nil {
		return badRequest("send JSON with first, second (coder ids, 0 for Verbatim) and choice (first, second, both or none)")
	}
	st, err := s.app.Settle(c.Request.Context(), id, in.First, in.Second, in.Choice, actor(c))
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "coding_settle", "quote "+itoa(id), in.Choice)
	c.JSON(http.StatusOK, st)
	return nil
}

func (s *Server) personaCodes(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	codes, err := s.app.PersonaCodes(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"codes": codes})
	return nil
}

// listUnplaced lists codings that could not be placed again.
func (s *Server) listUnplaced(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	un, err := s.app.UnplacedCodings(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"codings": un})
	return nil
}

// dismissUnplaced drops codings that could not be placed ({"ids": […]}).
func (s *Server) dismissUnplaced(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		IDs []int64 `json:"ids"`
	}
	if err := c.ShouldBindJSON(&in); err != nil || len(in.IDs) == 0 || len(in.IDs) > 1000 {
		return badRequest("send JSON with ids: the unplaced codings to dismiss (1 to 1000)")
	}
	for _, a := range in.IDs {
		if err := s.app.DismissUnplaced(c.Request.Context(), id, a); err != nil {
			return err
		}
	}
	s.audit(c, accountUser(c), "coding_dismiss", "study "+itoa(id), fmt.Sprintf("%d unplaced codings", len(in.IDs)))
	c.Status(http.StatusNoContent)
	return nil
}
