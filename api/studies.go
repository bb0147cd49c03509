package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

type studyView struct {
	persona.Study
	persona.StudyStats
	Analysis app.Progress `json:"analysis"`
}

func (s *Server) studyView(c *gin.Context, st persona.Study) (studyView, error) {
	stats, err := s.app.StudyStats(c.Request.Context(), st.ID)
	if err != nil {
		return studyView{}, err
	}
	return studyView{Study: st, StudyStats: stats, Analysis: s.app.AnalysisStatus(c.Request.Context(), st.ID)}, nil
}

func (s *Server) listStudies(c *gin.Context) error {
	studies, err := s.app.Studies(c.Request.Context())
	if err != nil {
		return err
	}
	out := make([]studyView, 0, len(studies))
	for _, st := range studies {
		v, err := s.studyView(c, st)
		if err != nil {
			return err
		}
		out = append(out, v)
	}
	c.JSON(http.StatusOK, gin.H{"studies": out})
	return nil
}

type studyRequest struct {
	Name string `json:"name" form:"name"`
	// Redact turns redaction on from the study's first upload.
	Redact bool `json:"redact" form:"redact"`
	// Speakers: is the same speaker name in several files one person
	// (auto, same, separate; persona.SpeakerIdentity)? Empty: unchanged.
	Speakers string `json:"speakers" form:"speakers"`
}

func (s *Server) createStudy(c *gin.Context) error {
	var req studyRequest
	if err := c.ShouldBind(&req); err != nil {
		return badRequest("send a name")
	}
	st, err := s.app.CreateStudy(c.Request.Context(), req.Name)
	if err != nil {
		return err
	}
	if req.Redact {
		if err := s.app.EnableRedaction(c.Request.Context(), st.ID); err != nil {
			return err
		}
		s.audit(c, accountUser(c), "study_privacy", "study "+itoa(st.ID), "redact=true at creation")
	}
	v, err := s.studyView(c, st)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, v)
	return nil
}

func (s *Server) getStudy(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	st, err := s.app.Study(c.Request.Context(), id)
	if err != nil {
		return err
	}
	v, err := s.studyView(c, st)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}

func (s *Server) renameStudy(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req studyRequest
	if err := c.ShouldBindJSON(&req); err != nil || req.Name == "" && req.Speakers == "" {
		return badRequest("send a name or speakers")
	}
	var mode persona.SpeakerIdentity
	if req.Speakers != "" {
		if mode, err = persona.ParseSpeakerIdentity(req.Speakers); err != nil {
			return badRequest("speakers: send auto, same or separate")
		}
	}
	// The rename first: a name taken refuses the request before the
	// speakers setting changes, so a failed PATCH changes nothing.
	if req.Name != "" {
		if _, err := s.app.RenameStudy(c.Request.Context(), id, req.Name); err != nil {
			return err
		}
	}
	if req.Speakers != "" {
		if err := s.app.SetStudySpeakers(c.Request.Context(), id, mode); err != nil {
			return err
		}
	}
	st, err := s.app.Study(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, st)
	return nil
}

func (s *Server) deleteStudy(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.app.DeleteStudy(c.Request.Context(), id); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "delete_study", itoa(id), "")
	c.Status(http.StatusNoContent)
	return nil
}
