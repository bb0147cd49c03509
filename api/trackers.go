package api

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
)

// listTrackers lists the caller's trackers and the teams', with what is
// new for them.
func (s *Server) listTrackers(c *gin.Context) error {
	list, err := s.app.Trackers(c.Request.Context(), actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"trackers": list})
	return nil
}

// createTracker saves an objection search (study_id, name, words,
// synonyms, team).
func (s *Server) createTracker(c *gin.Context) error {
	var in app.TrackerInput
	if err := c.ShouldBindJSON(&in); err != nil {
		return badRequest("send JSON with study_id, words, and optionally name, synonyms and team")
	}
	t, err := s.app.CreateTracker(c.Request.Context(), in, actor(c))
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "create_tracker", "tracker "+itoa(t.ID), "")
	c.JSON(http.StatusCreated, t)
	return nil
}

// getTracker reports what a tracker found; ?mark=1 records the visit as
// the tracker page does.
func (s *Server) getTracker(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rep, err := s.app.TrackerReport(c.Request.Context(), id, actor(c), isTrue(c.Query("mark")))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, rep)
	return nil
}

// deleteTracker deletes the caller's tracker (an admin's: any).
func (s *Server) deleteTracker(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.app.DeleteTracker(c.Request.Context(), id, actor(c)); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "delete_tracker", "tracker "+itoa(id), "")
	c.Status(http.StatusNoContent)
	return nil
}

// feedItems is how many matches a tracker's feed lists, newest first.
const feedItems = 100

// jsonFeed is a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1).
type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	FeedURL     string     `json:"feed_url"`
	Description string     `json:"description"`
	Items       []feedItem `json:"items"`
	// Verbatim's own fields (JSON Feed extensions start with _).
	Verbatim feedInfo `json:"_verbatim"`
}

type feedItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	ContentText   string       `json:"content_text"`
	DatePublished string       `json:"date_published"`
	Authors       []feedAuthor `json:"authors"`
	Tags          []string     `json:"tags"`
	Verbatim      feedQuote    `json:"_verbatim"`
}

type feedAuthor struct {
	Name string `json:"name"`
}

type feedQuote struct {
	QuoteID   int64  `json:"quote_id"`
	SourceID  int64  `json:"source_id"`
	Source    string `json:"source"`
	Kind      string `json:"kind"`
	Position  string `json:"position"`
	PersonaID int64  `json:"persona_id,omitempty"`
	ThemeID   int64  `json:"theme_id,omitempty"`
	Ring      string `json:"ring,omitempty"`
}

type feedInfo struct {
	TrackerID int64    `json:"tracker_id"`
	StudyID   int64    `json:"study_id"`
	Words     []string `json:"words"`
	Synonyms  []string `json:"synonyms"`
	Total     uint64   `json:"total"`
}

// trackerFeed is a tracker's newest matches as a JSON Feed for other tools
// (a bearer token reads it); it does not count as a visit.
func (s *Server) trackerFeed(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	t, total, hits, err := s.app.TrackerMatches(c.Request.Context(), id, actor(c), feedItems)
	if err != nil {
		return err
	}
	base := s.absoluteBase(c)
	f := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: "Verbatim tracker: " + t.Name,
		HomePageURL: fmt.Sprintf("%s/trackers/%d", base, t.ID), FeedURL: fmt.Sprintf("%s/api/v1/trackers/%d/feed.json", base, t.ID),
		Description: "What buyers say about " + strings.Join(t.Terms(), ", "), Items: []feedItem{},
		Verbatim: feedInfo{TrackerID: t.ID, StudyID: t.StudyID, Words: t.Words, Synonyms: t.Synonyms, Total: total}}
	for _, h := range hits {
		f.Items = append(f.Items, feedItem{ID: fmt.Sprintf("quote-%d", h.ID), URL: fmt.Sprintf("%s/sources/%d#quote-%d", base, h.SourceID, h.ID),
			ContentText: h.Text, DatePublished: h.At.UTC().Format(time.RFC3339), Authors: []feedAuthor{{Name: h.Participant}},
			Tags: []string{string(h.Kind)}, Verbatim: feedQuote{QuoteID: h.ID, SourceID: h.SourceID, Source: h.Source, Kind: string(h.Kind),
				Position: h.Position, PersonaID: h.PersonaID, ThemeID: h.ThemeID, Ring: string(h.Ring)}})
	}
	c.Header("Content-Type", "application/feed+json; charset=utf-8")
	c.JSON(http.StatusOK, f)
	return nil
}

// absoluteBase is the server's address as the caller reached it.
func (s *Server) absoluteBase(c *gin.Context) string {
	scheme := "http"
	if c.Request.TLS != nil || s.cfg.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}
