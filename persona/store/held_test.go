package store

import (
	"context"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// Deleting a source holds the code examples and suggestions on its
// quotes; PlaceHeld puts them on the new quotes (the example at its old
// place in the list, the suggestion with its decision); a new seeded run
// and deleting the code drop what is still held. On SQLite and PostgreSQL.
func TestConformanceHeldExamplesAndSuggestions(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, err := s.CreateStudy(ctx, "Held")
		if err != nil {
			t.Fatal(err)
		}
		imp := sampleImport("held")
		src, err := s.Import(ctx, st.ID, imp)
		if err != nil {
			t.Fatal(err)
		}
		q := imp.Quotes[0]
		now := time.Unix(100, 0).UTC()
		c, err := s.AddCode(ctx, persona.Code{StudyID: st.ID, Name: "Price", ExampleQuoteIDs: []int64{999999, q.ID}, CreatedAt: now, UpdatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		sg := persona.Suggestion{QuoteID: q.ID, CodeID: c.ID, BestCodeID: c.ID, Confidence: 0.75, Teach: 0.5, Status: persona.SuggestionSkipped, CreatedAt: now}
		if err := s.ReplaceSuggestions(ctx, st.ID, []persona.Suggestion{sg}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteSource(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
		held, err := s.HeldAnchors(ctx, st.ID, "", src.SHA256, "")
		if err != nil || len(held) != 2 {
			t.Fatalf("held after delete: %+v %v; want the example and the suggestion", held, err)
		}
		for _, h := range held {
			if h.Text != q.Text || h.QuoteID != q.ID || h.CodeID != c.ID {
				t.Errorf("held %+v; want quote %d's text and code %d", h, q.ID, c.ID)
			}
			if h.Kind == persona.HeldExample && h.Position != 1 {
				t.Errorf("held example at %d; want 1", h.Position)
			}
			if h.Kind == persona.HeldSuggestion && (h.Suggestion.Status != persona.SuggestionSkipped || h.Suggestion.Confidence != 0.75) {
				t.Errorf("held suggestion %+v; want its decision and confidence", h.Suggestion)
			}
		}
		imp2 := sampleImport("held")
		if _, err := s.Import(ctx, st.ID, imp2); err != nil {
			t.Fatal(err)
		}
		nq := imp2.Quotes[0].ID
		if err := s.PlaceHeld(ctx, []Placement{{AnchorID: held[0].ID, QuoteID: nq}, {AnchorID: held[1].ID, QuoteID: nq}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Code(ctx, c.ID)
		if err != nil || len(got.ExampleQuoteIDs) != 2 || got.ExampleQuoteIDs[1] != nq {
			t.Errorf("examples after placing %v %v; want the new quote at place 1", got.ExampleQuoteIDs, err)
		}
		ss, err := s.Suggestions(ctx, st.ID)
		if err != nil || len(ss) != 1 || ss[0].QuoteID != nq || ss[0].Status != persona.SuggestionSkipped || ss[0].Teach != 0.5 {
			t.Errorf("suggestions after placing %+v %v", ss, err)
		}
		if h, _ := s.HeldAnchors(ctx, st.ID, "", "", ""); len(h) != 0 {
			t.Errorf("still held after placing: %+v", h)
		}
		// Held again; a new run drops the held suggestion, deleting the code
		// the held example.
		if err := s.DeleteSource(ctx, imp2.Source.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.ReplaceSuggestions(ctx, st.ID, nil); err != nil {
			t.Fatal(err)
		}
		if h, _ := s.HeldAnchors(ctx, st.ID, persona.HeldSuggestion, "", ""); len(h) != 0 {
			t.Errorf("held suggestions after a new run: %+v", h)
		}
		if err := s.DeleteCode(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if h, _ := s.HeldAnchors(ctx, st.ID, "", "", ""); len(h) != 0 {
			t.Errorf("held after deleting the code: %+v", h)
		}
	})
}
