package api

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
)

// getWaves reports a study's themes wave by wave (app.Waves).
func (s *Server) getWaves(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rep, err := s.app.Waves(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, rep)
	return nil
}

// personaWaves says which themes are new for a persona in the latest wave.
func (s *Server) personaWaves(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	news, err := s.app.PersonaWaves(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, news)
	return nil
}

type waveRequest struct {
	Wave string `json:"wave" form:"wave"`
	Date string `json:"date" form:"date"`
}

// setSourceWave puts a source in a wave ({"wave":"","date":""} clears it).
func (s *Server) setSourceWave(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req waveRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with wave and date (YYYY-MM-DD)")
	}
	m, err := s.app.SetSourceWave(c.Request.Context(), id, req.Wave, req.Date)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "source_wave", itoa(id), m.Wave)
	c.JSON(http.StatusOK, m)
	return nil
}

// sourceWaveForm is the source page's wave form; it goes back to the page.
func (s *Server) sourceWaveForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	m, err := s.app.SetSourceWave(c.Request.Context(), id, c.PostForm("wave"), c.PostForm("date"))
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "source_wave", itoa(id), m.Wave)
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/sources/%d?saved=wave", id))
	return nil
}

// uploadLabelFields are the multipart fields an upload may set, before its
// files, to label every file of it (app.SourceLabels).
var uploadLabelFields = map[string]func(*app.SourceLabels, string){
	"wave":       func(l *app.SourceLabels, v string) { l.Wave = v },
	"date":       func(l *app.SourceLabels, v string) { l.Date = v },
	"outcome":    func(l *app.SourceLabels, v string) { l.Outcome = v },
	"competitor": func(l *app.SourceLabels, v string) { l.Competitor = v },
}

// readLabelField reads part into labels when it is one of
// uploadLabelFields; it reports whether it was.
func readLabelField(part *multipart.Part, labels *app.SourceLabels) bool {
	set, ok := uploadLabelFields[part.FormName()]
	if !ok || part.FileName() != "" {
		return false
	}
	v, _ := io.ReadAll(io.LimitReader(part, 512))
	set(labels, strings.TrimSpace(string(v)))
	return true
}
