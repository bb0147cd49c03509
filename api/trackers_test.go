package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

func TestTrackerPagesFeedAndVisits(t *testing.T) {
	r := newRig(t, true)
	const ct = "application/x-www-form-urlencoded"
	form := url.Values{"words": {"too expensive"}, "synonyms": {"price, cost"}, "study_id": {itoa(r.study)}, "team": {"EMEA sales"}}.Encode()
	st, b := r.do(account.RoleSales, "POST", "/trackers", ct, strings.NewReader(form))
	if st != http.StatusOK || !strings.Contains(string(b), `id="tracker-name"`) {
		t.Fatalf("create tracker: %d", st)
	}
	var list struct {
		Trackers []app.TrackerSummary `json:"trackers"`
	}
	if st := r.json(account.RoleSales, "GET", "/api/v1/trackers", nil, &list); st != http.StatusOK || len(list.Trackers) != 1 {
		t.Fatalf("list: %d %+v", st, list)
	}
	tr := list.Trackers[0]
	// The page was the first visit: nothing is new after it.
	if tr.New != 0 || tr.LastVisit == nil || tr.Total == 0 {
		t.Errorf("after the first visit: %d new, last visit %v, %d total", tr.New, tr.LastVisit, tr.Total)
	}
	page := string(b)
	if !strings.Contains(page, `id="week-chart"`) || !strings.Contains(page, "tracker-personas") {
		t.Error("the tracker page lacks the weekly chart or the personas")
	}

	// A field note that says it is new for the rep, and for a teammate
	// who never opened the tracker everything is.
	note := map[string]any{"study_id": r.study, "text": "Their price is too expensive for a team our size.", "account": "Northwind"}
	if st := r.json(account.RoleSales, "POST", "/api/v1/notes", note, nil); st != http.StatusCreated {
		t.Fatalf("note: %d", st)
	}
	var rep app.TrackerReport
	if st := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/trackers/%d", tr.Tracker.ID), nil, &rep); st != http.StatusOK {
		t.Fatalf("report: %d", st)
	}
	if rep.NewCount != 1 || rep.NewNotes != 1 {
		t.Errorf("after a note: %d new, %d notes; want 1 and 1", rep.NewCount, rep.NewNotes)
	}
	st, b = r.do(account.RoleSales, "GET", fmt.Sprintf("/trackers/%d", tr.Tracker.ID), "", nil)
	if st != http.StatusOK || strings.Count(string(b), `class="hit tracker-hit tracker-note"`) != 1 {
		t.Errorf("the tracker page (%d) does not list the new field note", st)
	}
	if st := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/trackers/%d", tr.Tracker.ID), nil, &rep); st != http.StatusOK || rep.NewCount != 0 {
		t.Errorf("after the page: %d new; want 0", rep.NewCount)
	}
	var mkt app.TrackerReport
	if st := r.json(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/trackers/%d", tr.Tracker.ID), nil, &mkt); st != http.StatusOK || uint64(mkt.NewCount) != mkt.Total {
		t.Errorf("the teammate: %d, %d new of %d", st, mkt.NewCount, mkt.Total)
	}

	// The feed: JSON Feed 1.1, newest first, the note on top.
	st, b = r.do(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/trackers/%d/feed.json", tr.Tracker.ID), "", nil)
	if st != http.StatusOK {
		t.Fatalf("feed: %d", st)
	}
	var feed jsonFeed
	if err := json.Unmarshal(b, &feed); err != nil {
		t.Fatal(err)
	}
	if feed.Version != "https://jsonfeed.org/version/1.1" || len(feed.Items) == 0 || feed.Items[0].Verbatim.Kind != string(persona.KindNote) ||
		!strings.Contains(feed.Items[0].URL, fmt.Sprintf("#quote-%d", feed.Items[0].Verbatim.QuoteID)) || feed.Verbatim.Total != mkt.Total {
		t.Errorf("feed %+v", feed)
	}

	// A personal tracker is the owner's alone; deleting needs the owner.
	var own persona.Tracker
	if st := r.json(account.RoleResearcher, "POST", "/api/v1/trackers", map[string]any{"study_id": r.study, "words": "migration"}, &own); st != http.StatusCreated {
		t.Fatalf("create: %d", st)
	}
	if st := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/trackers/%d", own.ID), nil, nil); st != http.StatusNotFound {
		t.Errorf("another user's personal tracker: %d, want 404", st)
	}
	if st := r.json(account.RoleMarketer, "DELETE", fmt.Sprintf("/api/v1/trackers/%d", tr.Tracker.ID), nil, nil); st != http.StatusForbidden {
		t.Errorf("a teammate deletes the rep's tracker: %d, want 403", st)
	}
	if st, _ := r.do(account.RoleSales, "POST", fmt.Sprintf("/trackers/%d/delete", tr.Tracker.ID), ct, strings.NewReader("")); st != http.StatusOK {
		t.Errorf("delete from the page: %d", st)
	}
	if st := r.json(account.RoleSales, "POST", "/api/v1/trackers", map[string]any{"study_id": r.study, "words": " , "}, nil); st != http.StatusBadRequest {
		t.Errorf("no words: %d, want 400", st)
	}
	st, b = r.do(account.RoleSales, "POST", "/trackers", ct, strings.NewReader(url.Values{"words": {""}, "synonyms": {"kept"}, "study_id": {itoa(r.study)}}.Encode()))
	if st != http.StatusBadRequest || !strings.Contains(string(b), `value="kept"`) {
		t.Errorf("refused form: %d, want 400 with the form kept", st)
	}
}
