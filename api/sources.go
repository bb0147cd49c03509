package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func accountUser(c *gin.Context) account.User {
	u, _ := currentUser(c)
	return u
}

// uploadSources streams a multipart upload, ingesting each part named
// "files" as it arrives (a "force=1" field, or ?force=1, before the files
// takes in files that look like no transcript instead of skipping them); a file over the size limit, or past the file
// limit, is reported next to its name and the others still go in. Then the
// analysis re-runs in the background.
func (s *Server) uploadSources(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.Study(c.Request.Context(), id); err != nil {
		return err
	}
	end := s.app.BeginUpload(id)
	results, err := s.ingestMultipart(c, id)
	s.accepted(c, results, end)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"files": results})
	return nil
}

// accepted audits each stored file and ends the upload (app.BeginUpload),
// which queues the analysis once. It runs whatever ended the upload (a
// client gone half way, a broken body): what was stored is in the study
// and must be in the log and the analysis.
func (s *Server) accepted(c *gin.Context, results []app.FileResult, end func(stored int)) (ok int) {
	for _, r := range results {
		if r.Status == app.StatusOK {
			ok++
			s.audit(c, accountUser(c), account.ActionUpload, r.Path, fmt.Sprintf("source %d, %d quotes", r.SourceID, r.Quotes))
		}
	}
	end(ok)
	return ok
}

// ResumeAnalyses starts, in the background, the analyses a crash cut
// short (app.DueAnalyses). serve calls it once at start.
func (s *Server) ResumeAnalyses(ctx context.Context) ([]int64, error) {
	return s.app.ResumeAnalyses(ctx)
}

// maxFileName bounds an uploaded file's name, in bytes: it becomes the
// source's name and goes into the audit log.
const maxFileName = 255

// maxRefusedListed bounds the files past MaxUploadFiles named in the
// answer; the upload stops reading after them.
const maxRefusedListed = 100

// ingestMultipart ingests the parts named files, in order, and returns a
// result for each, also when it stops on an error (the files before it are
// stored). Files past MaxUploadFiles are not stored: each gets an error
// result saying so.
func (s *Server) ingestMultipart(c *gin.Context, studyID int64) ([]app.FileResult, error) {
	limit := s.cfg.MaxUploadSize*int64(s.cfg.MaxUploadFiles) + 1<<20
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return nil, badRequest("send multipart/form-data with parts named files")
	}
	results := []app.FileResult{}
	stored := 0
	opt := app.IngestOptions{Force: isTrue(c.Query("force"))}
	var labels app.SourceLabels // wave, date, outcome, competitor fields before the files
	labelsChecked := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if tooLarge(err) {
				return results, err
			}
			return results, badRequest(fmt.Sprintf("the upload broke off after %d files; those are stored, send the rest again", len(results)))
		}
		if readLabelField(part, &labels) {
			part.Close()
			continue
		}
		if part.FormName() == "force" && part.FileName() == "" {
			v, _ := io.ReadAll(io.LimitReader(part, 16))
			opt.Force = isTrue(string(v))
		}
		if part.FormName() == "speakers" && part.FileName() == "" {
			// The study's setting: is the same speaker name in several
			// files one person (persona.SpeakerIdentity)?
			v, _ := io.ReadAll(io.LimitReader(part, 16))
			mode, err := persona.ParseSpeakerIdentity(string(v))
			if err != nil {
				return results, badRequest("speakers: send auto, same or separate")
			}
			if err := s.app.SetStudySpeakers(c.Request.Context(), studyID, mode); err != nil {
				return results, err
			}
		}
		if part.FormName() != "files" || part.FileName() == "" {
			part.Close()
			continue
		}
		if name := part.FileName(); len(name) > maxFileName {
			part.Close()
			results = append(results, app.FileResult{Path: name[:maxFileName/4] + "…", Status: app.StatusError,
				Error: fmt.Sprintf("not stored: the file name is longer than %d characters; rename the file", maxFileName)})
			continue
		}
		if stored == s.cfg.MaxUploadFiles {
			part.Close()
			results = append(results, app.FileResult{Path: part.FileName(), Status: app.StatusError,
				Error: fmt.Sprintf("not stored: an upload takes at most %d files; upload this one again", s.cfg.MaxUploadFiles)})
			if len(results) >= s.cfg.MaxUploadFiles+maxRefusedListed {
				break
			}
			continue
		}
		if !labelsChecked {
			if labels, err = labels.Clean(); err != nil {
				return results, err
			}
			labelsChecked = true
		}
		stored++
		// Finish the file even if the client goes away: a half-stored
		// source is impossible anyway (one transaction), but a finished
		// one should be reported at the next list.
		res := s.app.IngestWith(context.WithoutCancel(c.Request.Context()), studyID, part.FileName(), part, opt)
		if err := s.app.LabelResult(context.WithoutCancel(c.Request.Context()), res, labels); err != nil {
			res.Warnings = append(res.Warnings, "stored, but its wave or outcome could not be recorded")
			logger(c).Error("label source", slog.Int64("source_id", res.SourceID), slog.String("error", err.Error()))
		}
		_, _ = io.Copy(io.Discard, part) // the rest of an oversized part
		part.Close()
		results = append(results, res)
	}
	if len(results) == 0 {
		return nil, badRequest("no file parts named files in the upload")
	}
	return results, nil
}

func (s *Server) listSources(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.Study(c.Request.Context(), id); err != nil {
		return err
	}
	srcs, err := s.app.Sources(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"sources": srcs})
	return nil
}

func (s *Server) getSource(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.sourceDetail(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, d)
	return nil
}

func (s *Server) sourceDetail(ctx context.Context, id int64) (app.SourceDetail, error) {
	return s.app.SourceDetail(ctx, id)
}

func (s *Server) deleteSource(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	src, err := s.app.Source(c.Request.Context(), id)
	if err != nil {
		return err
	}
	if err := s.app.DeleteSource(c.Request.Context(), id); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "delete_source", src.Name, "source "+itoa(id))
	c.Status(http.StatusNoContent)
	return nil
}

// isTrue reads a form flag: "1", "true", "on" (a checked box).
func isTrue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "on", "yes":
		return true
	}
	return false
}
