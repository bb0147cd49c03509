package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

func (s *Server) listThemes(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.Study(c.Request.Context(), id); err != nil {
		return err
	}
	themes, err := s.app.Themes(c.Request.Context(), id)
	if err != nil {
		return err
	}
	for i := range themes {
		themes[i].QuoteIDs = nil // long; GET /themes/{id} lists them
	}
	c.JSON(http.StatusOK, gin.H{"themes": themes})
	return nil
}

func (s *Server) getTheme(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	page, err := s.app.ThemePage(c.Request.Context(), id, 500)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, page)
	return nil
}

type themeRequest struct {
	Label    string  `json:"label"`
	ThemeIDs []int64 `json:"theme_ids"`
	QuoteIDs []int64 `json:"quote_ids"`
}

func (s *Server) renameTheme(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req themeRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with a label")
	}
	t, err := s.app.RenameTheme(c.Request.Context(), id, req.Label)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, t)
	return nil
}

func (s *Server) mergeThemes(c *gin.Context) error {
	var req themeRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with theme_ids and an optional label")
	}
	t, err := s.app.MergeThemes(c.Request.Context(), req.ThemeIDs, req.Label)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, t)
	return nil
}

func (s *Server) splitTheme(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req themeRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with quote_ids and a label")
	}
	t, err := s.app.SplitTheme(c.Request.Context(), id, req.QuoteIDs, req.Label)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, t)
	return nil
}

func (s *Server) listPersonas(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.Study(c.Request.Context(), id); err != nil {
		return err
	}
	ps, err := s.app.Personas(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"personas": ps})
	return nil
}

func (s *Server) getPersona(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	body, err := s.app.CachedPersonaJSON(c.Request.Context(), id)
	if err != nil {
		return err
	}
	// With its length known, the page goes out in one piece rather than
	// chunked (the most requested and one of the largest bodies: ~50 KB).
	c.Header("Content-Length", strconv.Itoa(len(body)))
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
	return nil
}

type personaRequest struct {
	Name  *string `json:"name"`
	Notes *string `json:"notes"`
}

func (s *Server) updatePersona(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req personaRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with name or notes")
	}
	p, err := s.app.EditPersona(c.Request.Context(), id, req.Name, req.Notes)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, p)
	return nil
}

func (s *Server) startAnalysis(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.Study(c.Request.Context(), id); err != nil {
		return err
	}
	s.app.ScheduleAnalysis(id)
	c.JSON(http.StatusAccepted, gin.H{"status": "started", "status_url": "/api/v1/studies/" + itoa(id) + "/analysis"})
	return nil
}

func (s *Server) analysisStatus(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.Study(c.Request.Context(), id); err != nil {
		return err
	}
	c.JSON(http.StatusOK, s.app.AnalysisStatus(c.Request.Context(), id))
	return nil
}
