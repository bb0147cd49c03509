package app

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
	"github.com/verbatimhq/verbatim/search"
)

// TestFieldNoteGetsRingAndThemeWhenPosted: a note's quote is classified by
// the current ring model and put in the nearest theme of its ring as it is
// posted, stored and indexed so, before any new analysis.
func TestFieldNoteGetsRingAndThemeWhenPosted(t *testing.T) {
	a, st := demoApp(t)
	ctx := context.Background()
	text := "The renewal price doubled and our budget cannot absorb that cost this year."
	res, err := a.AddNote(ctx, Note{StudyID: st.ID, Text: text, Account: "Acme", Role: "CFO", DealStage: "Negotiation"})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := a.store.Quotes(ctx, store.QuoteFilter{SourceID: res.SourceID})
	if err != nil || len(qs) != 1 {
		t.Fatalf("note quotes = %v, %v; want 1", qs, err)
	}
	q := qs[0]
	if q.Ring == persona.RingNone || q.RingConfidence <= 0 || q.RingSet {
		t.Fatalf("note quote ring %q confidence %.2f set %v; want a model's ring, not a researcher's", q.Ring, q.RingConfidence, q.RingSet)
	}
	if q.ThemeID == 0 {
		t.Fatalf("note quote in ring %q got no theme", q.Ring)
	}
	th, err := a.store.Theme(ctx, q.ThemeID)
	if err != nil || th.Ring != q.Ring || th.StudyID != st.ID {
		t.Fatalf("theme %+v, %v; want a theme of ring %q in the study", th, err, q.Ring)
	}
	member := false
	for _, id := range th.QuoteIDs {
		member = member || id == q.ID
	}
	if !member {
		t.Error("the theme does not list the note's quote among its members")
	}
	found, err := a.Search(ctx, search.Query{Text: "renewal budget", Filters: map[string][]string{
		"kind": {string(persona.KindNote)}, "ring": {string(q.Ring)}, "theme": {strconv.FormatInt(q.ThemeID, 10)}}})
	if err != nil || len(found.Hits) != 1 || found.Hits[0].ID != q.ID {
		t.Errorf("search by the note's ring and theme = %+v, %v; want the note", found.Hits, err)
	}
}

func TestFieldNoteNeedsAStudy(t *testing.T) {
	a, _ := demoApp(t)
	_, err := a.AddNote(context.Background(), Note{Text: "Price is too high.", Account: "Acme"})
	if !errors.Is(err, persona.ErrInvalid) {
		t.Errorf("a note without a study: err = %v; want invalid, not study 1", err)
	}
}

// TestNearestTheme: a text goes to the theme whose quotes share its words.
func TestNearestTheme(t *testing.T) {
	tests := []struct {
		text   string
		groups [][]string
		want   int
	}{
		{"the price doubled", [][]string{{"security review took months"}, {"the price is too high", "price went up again"}}, 1},
		{"security questionnaire", [][]string{{"security review took months"}, {"the price is too high"}}, 0},
	}
	for _, tc := range tests {
		var all []string
		for _, g := range tc.groups {
			all = append(all, g...)
		}
		s := tfidfCentroidSimilarity(tc.text, tc.groups, all)
		best := 0
		for i := range s {
			if s[i] > s[best] {
				best = i
			}
		}
		if best != tc.want {
			t.Errorf("nearest group of %q = %d (%v); want %d", tc.text, best, s, tc.want)
		}
	}
}
