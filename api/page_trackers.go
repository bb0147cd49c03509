package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
)

// trackersView lists the reader's trackers with the new-tracker form.
func (s *Server) trackersView(c *gin.Context, form frontend.TrackerForm, study int64) (frontend.TrackersPage, error) {
	ctx := c.Request.Context()
	v := frontend.TrackersPage{Base: s.base(c, "Objection trackers", "trackers"), Form: form}
	studies, err := s.app.Studies(ctx)
	if err != nil {
		return v, err
	}
	if study == 0 {
		if d, err := s.app.DefaultStudy(ctx); err == nil {
			study = d.ID
		}
	}
	names := map[int64]string{}
	for _, st := range studies {
		names[st.ID] = st.Name
		v.Studies = append(v.Studies, frontend.Option{Value: itoa(st.ID), Label: st.Name, Selected: st.ID == study})
	}
	v.StudyID = study
	list, err := s.app.Trackers(ctx, actor(c))
	if err != nil {
		return v, err
	}
	for _, t := range list {
		row := frontend.TrackerRow{ID: t.Tracker.ID, Name: t.Tracker.Name, Terms: strings.Join(t.Tracker.Terms(), ", "),
			Team: t.Tracker.Team, Owner: t.Tracker.Owner, StudyName: names[t.Tracker.StudyID], Total: int(t.Total), New: t.New,
			LastVisit: "never"}
		if t.LastVisit != nil {
			row.LastVisit = when(*t.LastVisit)
		}
		v.Trackers = append(v.Trackers, row)
	}
	return v, nil
}

// trackersPage lists trackers; ?words=&study= prefill the form (the
// search page's "Track this objection").
func (s *Server) trackersPage(c *gin.Context) error {
	study, _ := strconv.ParseInt(c.Query("study"), 10, 64)
	v, err := s.trackersView(c, frontend.TrackerForm{Words: c.Query("words")}, study)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "trackers", v)
}

// trackerForm saves a tracker and opens it; a refused one re-renders the
// list with the form kept.
func (s *Server) trackerForm(c *gin.Context) error {
	study, _ := strconv.ParseInt(c.PostForm("study_id"), 10, 64)
	in := app.TrackerInput{StudyID: study, Name: c.PostForm("name"), Words: c.PostForm("words"),
		Synonyms: c.PostForm("synonyms"), Team: c.PostForm("team")}
	t, err := s.app.CreateTracker(c.Request.Context(), in, actor(c))
	if err != nil {
		v, verr := s.trackersView(c, frontend.TrackerForm{Name: in.Name, Words: in.Words, Synonyms: in.Synonyms, Team: in.Team}, study)
		if verr != nil {
			return verr
		}
		v.Error = plainError(err)
		return s.render(c, http.StatusBadRequest, "trackers", v)
	}
	s.audit(c, accountUser(c), "create_tracker", "tracker "+itoa(t.ID), "")
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/trackers/%d", t.ID))
	return nil
}

// trackerPage shows what a tracker found and records the visit.
func (s *Server) trackerPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	me := actor(c)
	rep, err := s.app.TrackerReport(c.Request.Context(), id, me, true)
	if err != nil {
		return err
	}
	t := rep.Tracker
	v := frontend.TrackerPage{Base: s.base(c, t.Name+" · Tracker", "trackers"), ID: t.ID, Name: t.Name, Team: t.Team, Owner: t.Owner,
		Words: t.Words, Synonyms: t.Synonyms, StudyName: rep.Study.Name, Total: int(rep.Total), Read: rep.Read,
		NewCount: rep.NewCount, NewNotes: rep.NewNotes, Earlier: rep.Earlier, Unassigned: rep.Unassigned,
		FirstVisit: rep.LastVisit == nil, CanDelete: me.Admin || t.OwnerID == me.ID, FeedURL: fmt.Sprintf("/api/v1/trackers/%d/feed.json", t.ID)}
	v.StudyID = rep.Study.ID
	if rep.LastVisit != nil {
		v.LastVisit = when(*rep.LastVisit)
	}
	names := map[int64]string{}
	for _, p := range rep.Personas {
		names[p.PersonaID] = p.Name
		v.Personas = append(v.Personas, frontend.Raiser{PersonaID: p.PersonaID, Name: p.Name, N: p.Participants, Size: p.Size})
	}
	for _, h := range rep.New {
		th := frontend.TrackerHit{QuoteView: frontend.QuoteView{ID: h.ID, SourceID: h.SourceID, Text: h.Text, Participant: h.Participant,
			Source: h.Source, Position: h.Position}, Note: h.Kind == "note", When: ago(h.At), Persona: names[h.PersonaID]}
		if len(h.Fragments) > 0 {
			th.Fragment = h.Fragments[0]
		}
		v.New = append(v.New, th)
	}
	items := make([]frontend.WeekItem, len(rep.Weeks))
	for i, w := range rep.Weeks {
		items[i] = frontend.WeekItem{Week: w.Week, Count: w.Count}
	}
	if len(items) > 0 {
		v.Weeks = frontend.NewWeekChart(items)
	}
	return s.render(c, http.StatusOK, "tracker", v)
}

// deleteTrackerForm deletes a tracker from its page.
func (s *Server) deleteTrackerForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.app.DeleteTracker(c.Request.Context(), id, actor(c)); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "delete_tracker", "tracker "+itoa(id), "")
	c.Redirect(http.StatusSeeOther, "/trackers")
	return nil
}
