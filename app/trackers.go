package app

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/search"
)

// Tracker limits on what a report reads and lists.
const (
	// trackerMaxMatches is how many matching quotes a report reads (the
	// newest first); Total still counts all of them.
	trackerMaxMatches = 2000
	// trackerListed is how many new quotes a report lists.
	trackerListed = 50
	// trackerWeeks is how many weeks the weekly counts go back.
	trackerWeeks = 26
)

// TrackerInput is what a tracker form or API call sends: terms separated
// by commas or lines.
type TrackerInput struct {
	StudyID  int64  `json:"study_id"`
	Name     string `json:"name"`
	Words    string `json:"words"`
	Synonyms string `json:"synonyms"`
	// Team shares the tracker with everyone under that team's name; ""
	// keeps it to its owner.
	Team string `json:"team"`
}

// CreateTracker saves an objection search for by (or their team).
func (a *App) CreateTracker(ctx context.Context, in TrackerInput, by Actor) (persona.Tracker, error) {
	t, err := persona.Tracker{StudyID: in.StudyID, Name: in.Name, Words: []string{in.Words}, Synonyms: []string{in.Synonyms},
		Team: in.Team, OwnerID: by.ID, Owner: by.Name, CreatedAt: time.Now().UTC()}.Clean()
	if err != nil {
		return t, err
	}
	if _, err := a.Study(ctx, t.StudyID); err != nil {
		return t, err
	}
	if err := trackerQuery(t).Check(); err != nil {
		return t, err
	}
	defer a.changed(t.StudyID, ChangeTrackers)
	return a.store.AddTracker(ctx, t)
}

// trackerQuery is the search a tracker runs: any of its terms, each quoted
// (a phrase when it has several words; bleve's English analyzer stems).
func trackerQuery(t persona.Tracker) *search.Expr {
	return search.AnyPhrase(t.Terms()...)
}

// visibleTracker loads a tracker by can see: their own, a team's, or any
// for an admin; others are not found (their existence is not revealed).
func (a *App) visibleTracker(ctx context.Context, id int64, by Actor) (persona.Tracker, error) {
	t, err := a.store.Tracker(ctx, id)
	if err != nil {
		return t, err
	}
	if t.Team == "" && t.OwnerID != by.ID && !by.Admin {
		return persona.Tracker{}, fmt.Errorf("tracker %d: %w", id, persona.ErrNotFound)
	}
	return t, nil
}

// DeleteTracker deletes a tracker: its owner's, or any for an admin.
func (a *App) DeleteTracker(ctx context.Context, id int64, by Actor) error {
	t, err := a.visibleTracker(ctx, id, by)
	if err != nil {
		return err
	}
	if t.OwnerID != by.ID && !by.Admin {
		return fmt.Errorf("tracker %d belongs to %s: %w", id, t.Owner, persona.ErrForbidden)
	}
	defer a.changed(t.StudyID, ChangeTrackers)
	return a.store.DeleteTracker(ctx, id)
}

// TrackerSummary is a tracker in a list, with what is new for the reader.
type TrackerSummary struct {
	Tracker persona.Tracker `json:"tracker"`
	Total   uint64          `json:"total"`
	New     int             `json:"new"`
	// LastVisit is when the reader last opened it (null: never).
	LastVisit *time.Time `json:"last_visit"`
}

// Trackers lists the trackers by sees, with their new matches.
func (a *App) Trackers(ctx context.Context, by Actor) ([]TrackerSummary, error) {
	list, err := a.store.Trackers(ctx, by.ID, by.Admin)
	if err != nil {
		return nil, err
	}
	visible, all, err := a.visibleStudies(ctx)
	if err != nil {
		return nil, err
	}
	out := []TrackerSummary{}
	for _, t := range list {
		if !all && !visible[t.StudyID] {
			continue // its study is no longer shared with by
		}
		seen, err := a.store.TrackerSeen(ctx, t.ID, by.ID)
		if err != nil {
			return nil, err
		}
		m, err := a.trackerMatches(ctx, t)
		if err != nil {
			return nil, err
		}
		s := TrackerSummary{Tracker: t, Total: m.total}
		if !seen.IsZero() {
			s.LastVisit = &seen
		}
		for _, h := range m.hits {
			if h.At.After(seen) {
				s.New++
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// TrackerHit is a matching quote with when it came in and what it is.
type TrackerHit struct {
	QuoteHit
	Kind persona.Kind `json:"kind"`
	// At is when its source (an upload, a field note) came in.
	At time.Time `json:"at"`
}

// WeekCount is how many matching quotes came in during the week starting
// on Monday Week (YYYY-MM-DD, UTC).
type WeekCount struct {
	Week  string `json:"week"`
	Count int    `json:"count"`
}

// TrackerReport is what a tracker found, and what is new for its reader.
type TrackerReport struct {
	Tracker persona.Tracker `json:"tracker"`
	Study   StudyRef        `json:"study"`
	// Query is the search it runs.
	Query string `json:"query"`
	// LastVisit is the reader's previous visit (null: the first).
	LastVisit *time.Time `json:"last_visit"`
	// Total counts every match; Read how many (the newest) the counts
	// below cover.
	Total uint64 `json:"total"`
	Read  int    `json:"read"`
	// New are the matches that came in since the last visit (all on a
	// first visit), newest first, up to 50; NewCount counts them all,
	// NewNotes those from field notes.
	New      []TrackerHit `json:"new"`
	NewCount int          `json:"new_count"`
	NewNotes int          `json:"new_notes"`
	// Weeks counts matches per week over the last 26 weeks; Earlier
	// those before.
	Weeks   []WeekCount `json:"weeks"`
	Earlier int         `json:"earlier"`
	// Personas are the personas whose buyers raise it (distinct buyers);
	// Unassigned the raising buyers in no persona yet (new sources, field
	// notes before the next analysis).
	Personas   []PersonaCount `json:"personas"`
	Unassigned int            `json:"unassigned"`
}

// trackerMatches are a tracker's matches, newest first.
type trackerMatches struct {
	total uint64
	hits  []TrackerHit
}

func (a *App) trackerMatches(ctx context.Context, t persona.Tracker) (trackerMatches, error) {
	res, err := a.searchIndex(ctx, search.Query{Match: trackerQuery(t), Size: trackerMaxMatches, SortByDate: true, NoHighlight: true,
		Filters: map[string][]string{"study": {strconv.FormatInt(t.StudyID, 10)}}})
	if err != nil {
		return trackerMatches{}, err
	}
	hits, err := a.hydrate(ctx, res.Hits)
	if err != nil {
		return trackerMatches{}, err
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.SourceID
	}
	srcs, err := a.store.SourcesByID(ctx, ids)
	if err != nil {
		return trackerMatches{}, err
	}
	m := trackerMatches{total: res.Total}
	for _, h := range hits {
		src := srcs[h.SourceID]
		m.hits = append(m.hits, TrackerHit{QuoteHit: h, Kind: src.Kind, At: src.ImportedAt})
	}
	sort.SliceStable(m.hits, func(i, j int) bool { return m.hits[i].At.After(m.hits[j].At) })
	return m, nil
}

// TrackerReport runs a tracker for by. With markSeen (the tracker page)
// the visit is recorded, so the next report's "new" starts from now.
func (a *App) TrackerReport(ctx context.Context, id int64, by Actor, markSeen bool) (TrackerReport, error) {
	t, err := a.visibleTracker(ctx, id, by)
	if err != nil {
		return TrackerReport{}, err
	}
	st, err := a.store.Study(ctx, t.StudyID)
	if err != nil {
		return TrackerReport{}, err
	}
	rep := TrackerReport{Tracker: t, Study: StudyRef{ID: st.ID, Name: st.Name}, Query: trackerQuery(t).String(),
		New: []TrackerHit{}, Weeks: []WeekCount{}, Personas: []PersonaCount{}}
	seen, err := a.store.TrackerSeen(ctx, t.ID, by.ID)
	if err != nil {
		return rep, err
	}
	if !seen.IsZero() {
		rep.LastVisit = &seen
	}
	now := time.Now().UTC()
	m, err := a.trackerMatches(ctx, t)
	if err != nil {
		return rep, err
	}
	rep.Total, rep.Read = m.total, len(m.hits)
	for _, h := range m.hits {
		if !h.At.After(seen) {
			continue
		}
		rep.NewCount++
		if h.Kind == persona.KindNote {
			rep.NewNotes++
		}
		if len(rep.New) < trackerListed {
			rep.New = append(rep.New, h)
		}
	}
	if err := a.highlightHits(ctx, trackerQuery(t), rep.New); err != nil {
		return rep, err
	}
	rep.Weeks, rep.Earlier = weeklyCounts(m.hits, now, trackerWeeks)
	if rep.Personas, rep.Unassigned, err = a.trackerPersonas(ctx, t.StudyID, m.hits); err != nil {
		return rep, err
	}
	if markSeen {
		defer a.changed(t.StudyID, ChangeTrackers)
		if err := a.store.SetTrackerSeen(ctx, t.ID, by.ID, now); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// highlightHits marks the terms in the listed hits.
func (a *App) highlightHits(ctx context.Context, match *search.Expr, hits []TrackerHit) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	frags, err := a.index.Highlight(ctx, match, ids)
	if err != nil {
		return err
	}
	for i := range hits {
		hits[i].Fragments = frags[hits[i].ID]
	}
	return nil
}

// weekStart is the Monday (UTC) of t's week.
func weekStart(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// weeklyCounts counts hits per week, from the week of the oldest hit (at
// most weeks back from now's week) to now's week, weeks without a hit
// included; older hits are counted in earlier.
func weeklyCounts(hits []TrackerHit, now time.Time, weeks int) (out []WeekCount, earlier int) {
	out = []WeekCount{}
	if len(hits) == 0 {
		return out, 0
	}
	last := weekStart(now)
	first := last.AddDate(0, 0, -7*(weeks-1))
	oldest := last
	for _, h := range hits {
		if w := weekStart(h.At); w.Before(oldest) {
			oldest = w
		}
	}
	if oldest.After(first) {
		first = oldest
	}
	idx := map[string]int{}
	for w := first; !w.After(last); w = w.AddDate(0, 0, 7) {
		idx[w.Format("2006-01-02")] = len(out)
		out = append(out, WeekCount{Week: w.Format("2006-01-02")})
	}
	for _, h := range hits {
		if i, ok := idx[weekStart(h.At).Format("2006-01-02")]; ok {
			out[i].Count++
		} else if weekStart(h.At).Before(first) {
			earlier++
		}
	}
	return out, earlier
}

// trackerPersonas counts the distinct buyers of each persona among hits.
func (a *App) trackerPersonas(ctx context.Context, studyID int64, hits []TrackerHit) ([]PersonaCount, int, error) {
	personas := map[int64]persona.Profile{}
	if err := a.loadPersonas(ctx, studyID, personas); err != nil {
		return nil, 0, err
	}
	raisers := map[int64]map[int64]bool{}
	none := map[int64]bool{}
	for _, h := range hits {
		if _, ok := personas[h.PersonaID]; !ok {
			none[h.ParticipantID] = true
			continue
		}
		if raisers[h.PersonaID] == nil {
			raisers[h.PersonaID] = map[int64]bool{}
		}
		raisers[h.PersonaID][h.ParticipantID] = true
	}
	out := []PersonaCount{}
	for _, p := range sortedPersonas(personas) {
		if n := len(raisers[p.ID]); n > 0 {
			out = append(out, PersonaCount{PersonaID: p.ID, Name: p.Name, Participants: n, Size: p.Size})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Participants > out[j].Participants })
	return out, len(none), nil
}

// TrackerMatches returns a tracker by can see and its newest n matches.
func (a *App) TrackerMatches(ctx context.Context, id int64, by Actor, n int) (persona.Tracker, uint64, []TrackerHit, error) {
	t, err := a.visibleTracker(ctx, id, by)
	if err != nil {
		return t, 0, nil, err
	}
	m, err := a.trackerMatches(ctx, t)
	if err != nil {
		return t, 0, nil, err
	}
	return t, m.total, m.hits[:min(n, len(m.hits))], nil
}
