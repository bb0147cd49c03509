package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/gaps"
)

// The content-gap check's JSON routes: collateral is stored with a study
// (one multipart part named file), and each read runs the check against
// the study's current analysis.

// readCollateral reads the one part named file (or files) of a multipart
// upload, at most Config.MaxUploadSize bytes.
func (s *Server) readCollateral(c *gin.Context) (name string, data []byte, err error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxUploadSize+1<<20)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return "", nil, badRequest("send multipart/form-data with one part named file")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return "", nil, badRequest("no part named file in the upload")
		}
		if err != nil {
			if tooLarge(err) {
				return "", nil, err
			}
			return "", nil, badRequest("the upload broke off; send it again")
		}
		if (part.FormName() != "file" && part.FormName() != "files") || part.FileName() == "" {
			part.Close()
			continue
		}
		name = part.FileName()
		if len(name) > maxFileName {
			return "", nil, badRequest(fmt.Sprintf("the file name is longer than %d characters; rename the file", maxFileName))
		}
		data, err = io.ReadAll(io.LimitReader(part, s.cfg.MaxUploadSize+1))
		part.Close()
		if err != nil {
			if tooLarge(err) {
				return "", nil, err
			}
			return "", nil, badRequest("the upload broke off; send it again")
		}
		if int64(len(data)) > s.cfg.MaxUploadSize {
			return "", nil, &apiError{http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the file is larger than %s", sizeText(s.cfg.MaxUploadSize))}
		}
		return name, data, nil
	}
}

func (s *Server) uploadCollateral(c *gin.Context) error {
	st, err := s.studyFromPath(c)
	if err != nil {
		return err
	}
	name, data, err := s.readCollateral(c)
	if err != nil {
		return err
	}
	u := accountUser(c)
	doc, err := s.app.AddCollateral(c.Request.Context(), st.ID, name, data, u.Name)
	if err != nil {
		return err
	}
	s.audit(c, u, "collateral_add", "collateral "+itoa(doc.ID), "study "+itoa(st.ID))
	doc.Text = ""
	c.JSON(http.StatusCreated, doc)
	return nil
}

func (s *Server) listCollateral(c *gin.Context) error {
	st, err := s.studyFromPath(c)
	if err != nil {
		return err
	}
	docs, err := s.app.CollateralList(c.Request.Context(), st.ID)
	if err != nil {
		return err
	}
	if docs == nil {
		docs = []persona.Collateral{}
	}
	c.JSON(http.StatusOK, gin.H{"collateral": docs})
	return nil
}

// gapReport runs the check of the document in the path for ?persona=ID
// (absent or 0: every persona).
func (s *Server) gapReport(c *gin.Context) (*app.GapReport, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	var pid int64
	if v := c.Query("persona"); v != "" {
		if pid, err = strconv.ParseInt(v, 10, 64); err != nil || pid < 0 {
			return nil, badRequest("persona must be a persona id")
		}
	}
	return s.app.CheckCollateral(c.Request.Context(), id, pid)
}

func (s *Server) getCollateralCheck(c *gin.Context) error {
	rep, err := s.gapReport(c)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, rep)
	return nil
}

func (s *Server) deleteCollateral(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.app.DeleteCollateral(c.Request.Context(), id); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "collateral_delete", "collateral "+itoa(id), "")
	c.Status(http.StatusNoContent)
	return nil
}

func (s *Server) exportGapMarkdown(c *gin.Context) error {
	rep, err := s.gapReport(c)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "export", "collateral "+itoa(rep.Collateral.ID), c.FullPath())
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-gaps.md"`, fileSafe(rep.Collateral.Name)))
	c.Data(http.StatusOK, "text/markdown; charset=utf-8", []byte(app.GapMarkdown(rep)))
	return nil
}

func (s *Server) exportGapJSON(c *gin.Context) error {
	rep, err := s.gapReport(c)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "export", "collateral "+itoa(rep.Collateral.ID), c.FullPath())
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-gaps.json"`, fileSafe(rep.Collateral.Name)))
	c.JSON(http.StatusOK, rep)
	return nil
}

// fileSafe is a document name reduced to letters, digits, dots and dashes
// for a download's file name.
func fileSafe(name string) string {
	name = strings.TrimSuffix(name, "."+strings.ToLower(lastExt(name)))
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "collateral"
	}
	return b.String()
}

func lastExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return ""
}

// ThemeSurvey is a theme's survey sizing with the answers it counts.
type ThemeSurvey struct {
	gaps.ThemeSize
	Quotes []app.QuoteRef `json:"quotes"`
}

// themeSurvey returns the sizing of the theme in the path and the survey
// answers behind it.
func (s *Server) themeSurveyData(c *gin.Context) (persona.Theme, ThemeSurvey, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return persona.Theme{}, ThemeSurvey{}, err
	}
	ctx := c.Request.Context()
	t, err := s.app.Theme(ctx, id)
	if err != nil {
		return t, ThemeSurvey{}, err
	}
	sizing, err := s.app.SurveySizing(ctx, t.StudyID)
	if err != nil {
		return t, ThemeSurvey{}, err
	}
	sz, ok := sizing[id]
	if !ok {
		return t, ThemeSurvey{}, notFoundErr("this theme is not sized by a survey: no interviewee raised it, or the study has no survey")
	}
	out := ThemeSurvey{ThemeSize: sz, Quotes: []app.QuoteRef{}}
	if out.Quotes, err = s.app.QuoteRefs(ctx, t.StudyID, sz.SurveyQuoteIDs); err != nil {
		return t, out, err
	}
	return t, out, nil
}

func (s *Server) themeSurvey(c *gin.Context) error {
	_, ts, err := s.themeSurveyData(c)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, ts)
	return nil
}
