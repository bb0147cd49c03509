package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

func TestTrackerReportsNewQuotesAndNotes(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	sam := Actor{ID: 1, Name: "sam"}
	tr, err := a.CreateTracker(ctx, TrackerInput{StudyID: st.ID, Words: "too expensive", Synonyms: `price, "pricey"; cost`}, sam)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Name != "too expensive" || strings.Join(tr.Synonyms, "|") != "price|pricey|cost" {
		t.Errorf("saved %+v", tr)
	}
	first, err := a.TrackerReport(ctx, tr.ID, sam, true)
	if err != nil {
		t.Fatal(err)
	}
	if first.LastVisit != nil || first.Total == 0 || first.NewCount != first.Read || uint64(first.Read) != first.Total {
		t.Fatalf("first visit: last %v, total %d, read %d, new %d; want every match new", first.LastVisit, first.Total, first.Read, first.NewCount)
	}
	// Every match says one of the terms; the counts add up.
	weekly := first.Earlier
	for _, w := range first.Weeks {
		weekly += w.Count
	}
	if weekly != first.Read {
		t.Errorf("weekly counts add up to %d of %d matches", weekly, first.Read)
	}
	buyers := map[int64]bool{}
	for _, h := range first.New {
		text := strings.ToLower(h.Text)
		if !strings.Contains(text, "expensive") && !strings.Contains(text, "pric") && !strings.Contains(text, "cost") {
			t.Errorf("quote %d matches none of the terms: %q", h.ID, h.Text)
		}
	}
	_, _, all, err := a.TrackerMatches(ctx, tr.ID, sam, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range all {
		buyers[h.ParticipantID] = true
	}
	raising := first.Unassigned
	for _, p := range first.Personas {
		raising += p.Participants
	}
	if raising != len(buyers) || len(first.Personas) == 0 {
		t.Errorf("personas count %d raising buyers (%d personas), the matches have %d", raising, len(first.Personas), len(buyers))
	}

	again, err := a.TrackerReport(ctx, tr.ID, sam, true)
	if err != nil {
		t.Fatal(err)
	}
	if again.LastVisit == nil || again.NewCount != 0 {
		t.Fatalf("second visit: last %v, %d new; want nothing new", again.LastVisit, again.NewCount)
	}
	res, err := a.AddNote(ctx, Note{StudyID: st.ID, Text: "Honestly the per-seat price is too expensive for our board.", Account: "Northwind", By: "sam"})
	if err != nil {
		t.Fatal(err)
	}
	third, err := a.TrackerReport(ctx, tr.ID, sam, false)
	if err != nil {
		t.Fatal(err)
	}
	if third.NewCount != 1 || third.NewNotes != 1 || len(third.New) != 1 || third.New[0].SourceID != res.SourceID || third.New[0].Kind != persona.KindNote {
		t.Fatalf("after a field note: %d new (%d notes) %+v", third.NewCount, third.NewNotes, third.New)
	}
	if len(third.New[0].Fragments) == 0 || !strings.Contains(third.New[0].Fragments[0], "<mark>") {
		t.Errorf("the new quote is not highlighted: %q", third.New[0].Fragments)
	}
	if third.Total != first.Total+1 {
		t.Errorf("total %d after one more match, was %d", third.Total, first.Total)
	}
	// Unmarked: the same note is still new.
	if fourth, _ := a.TrackerReport(ctx, tr.ID, sam, false); fourth.NewCount != 1 {
		t.Errorf("a report that does not mark the visit changed what is new: %d", fourth.NewCount)
	}
}

func TestTrackerPhrasesMatchWhole(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	sam := Actor{ID: 1, Name: "sam"}
	tr, err := a.CreateTracker(ctx, TrackerInput{StudyID: st.ID, Words: "security review"}, sam)
	if err != nil {
		t.Fatal(err)
	}
	_, total, hits, err := a.TrackerMatches(ctx, tr.ID, sam, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if total == 0 {
		t.Fatal("no demo quote says security review")
	}
	for _, h := range hits {
		if !strings.Contains(strings.ToLower(h.Text), "security review") {
			t.Errorf("quote %d matches the phrase without saying it: %q", h.ID, h.Text)
		}
	}
}

func TestTrackerVisibilityAndValidation(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	sam, kim, root := Actor{ID: 1, Name: "sam"}, Actor{ID: 2, Name: "kim"}, Actor{ID: 3, Name: "root", Admin: true}
	mine, err := a.CreateTracker(ctx, TrackerInput{StudyID: st.ID, Words: "migration"}, sam)
	if err != nil {
		t.Fatal(err)
	}
	team, err := a.CreateTracker(ctx, TrackerInput{StudyID: st.ID, Name: "Security", Words: "security", Team: "EMEA sales"}, sam)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.TrackerReport(ctx, mine.ID, kim, false); !errors.Is(err, persona.ErrNotFound) {
		t.Errorf("kim opens sam's own tracker: %v, want not found", err)
	}
	if _, err := a.TrackerReport(ctx, team.ID, kim, false); err != nil {
		t.Errorf("kim opens the team tracker: %v", err)
	}
	list, _ := a.Trackers(ctx, kim)
	if len(list) != 1 || list[0].Tracker.ID != team.ID {
		t.Errorf("kim's list %+v; want the team tracker only", list)
	}
	if err := a.DeleteTracker(ctx, team.ID, kim); !errors.Is(err, persona.ErrForbidden) {
		t.Errorf("kim deletes sam's team tracker: %v", err)
	}
	if err := a.DeleteTracker(ctx, mine.ID, root); err != nil {
		t.Errorf("an admin deletes a tracker: %v", err)
	}
	bad := []TrackerInput{
		{StudyID: st.ID, Words: " , ; "},
		{StudyID: 0, Words: "price"},
		{StudyID: st.ID, Words: manyTerms(persona.MaxTrackerTerms + 1)},
		{StudyID: st.ID, Words: strings.Repeat("y", persona.MaxTrackerTerm+1)},
	}
	for i, in := range bad {
		if _, err := a.CreateTracker(ctx, in, sam); !errors.Is(err, persona.ErrInvalid) {
			t.Errorf("bad input %d: %v, want invalid", i, err)
		}
	}
	if _, err := a.CreateTracker(ctx, TrackerInput{StudyID: 99999, Words: "price"}, sam); !errors.Is(err, persona.ErrNotFound) {
		t.Errorf("missing study: %v", err)
	}
}

func TestWeeklyCounts(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	hit := func(s string) TrackerHit { return TrackerHit{At: day(s)} }
	now := day("2026-12-06 12:00") // a Sunday
	cases := []struct {
		name    string
		hits    []TrackerHit
		weeks   int
		want    []WeekCount
		earlier int
	}{
		{"none", nil, 4, []WeekCount{}, 0},
		{"this week, Monday and Sunday", []TrackerHit{hit("2026-11-30 00:00"), hit("2026-12-06 23:59")}, 4,
			[]WeekCount{{"2026-11-30", 2}}, 0},
		{"a gap week is zero", []TrackerHit{hit("2026-11-16 09:00"), hit("2026-12-01 10:00")}, 4,
			[]WeekCount{{"2026-11-16", 1}, {"2026-11-23", 0}, {"2026-11-30", 1}}, 0},
		{"older than the window", []TrackerHit{hit("2026-01-05 09:00"), hit("2026-11-24 10:00")}, 2,
			[]WeekCount{{"2026-11-23", 1}, {"2026-11-30", 0}}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, earlier := weeklyCounts(c.hits, now, c.weeks)
			if len(got) != len(c.want) || earlier != c.earlier {
				t.Fatalf("got %v earlier %d, want %v earlier %d", got, earlier, c.want, c.earlier)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("week %d: %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func manyTerms(n int) string {
	terms := make([]string, n)
	for i := range terms {
		terms[i] = fmt.Sprintf("word%d", i)
	}
	return strings.Join(terms, ",")
}
