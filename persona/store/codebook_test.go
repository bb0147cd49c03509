package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

func TestCodebookStore(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, err := s.CreateStudy(ctx, "Codes")
		if err != nil {
			t.Fatal(err)
		}
		imp := sampleImport("abc")
		if _, err := s.Import(ctx, st.ID, imp); err != nil {
			t.Fatal(err)
		}
		qid := imp.Quotes[0].ID
		now := time.Unix(100, 0).UTC()
		c, err := s.AddCode(ctx, persona.Code{StudyID: st.ID, Name: "Price", Ring: persona.RingBarriers, ExampleQuoteIDs: []int64{qid}, CreatedAt: now, UpdatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddCode(ctx, persona.Code{StudyID: st.ID, Name: "PRICE", CreatedAt: now, UpdatedAt: now}); !errors.Is(err, persona.ErrConflict) {
			t.Errorf("same name again: %v; want a conflict", err)
		}
		added, updated, err := s.ImportCodes(ctx, st.ID, []persona.Code{{Name: "price", Definition: "new"}, {Name: "Speed"}}, true, now)
		if err != nil || added != 1 || updated != 1 {
			t.Fatalf("import: %d added, %d updated, %v", added, updated, err)
		}
		got, err := s.Code(ctx, c.ID)
		if err != nil || got.Name != "Price" || got.Definition != "new" || len(got.ExampleQuoteIDs) != 1 {
			t.Errorf("after import: %+v %v (want the name and examples kept, the definition replaced)", got, err)
		}
		for range 2 {
			if err := s.AddCoding(ctx, persona.Coding{StudyID: st.ID, CodeID: c.ID, QuoteID: qid, CoderID: 7, Coder: "ann", CreatedAt: now}); err != nil {
				t.Fatal(err)
			}
		}
		cs, err := s.Codings(ctx, CodingFilter{StudyID: st.ID, QuoteIDs: []int64{qid}})
		if err != nil || len(cs) != 1 || cs[0].Coder != "ann" {
			t.Fatalf("codings: %+v %v; want one by ann", cs, err)
		}
		if ok, err := s.DeleteCoding(ctx, c.ID, qid, 8); ok || err != nil {
			t.Errorf("another coder's removal: %v %v", ok, err)
		}
		if err := s.DeleteCode(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if cs, _ := s.Codings(ctx, CodingFilter{StudyID: st.ID}); len(cs) != 0 {
			t.Errorf("codings outlive their code: %+v", cs)
		}

		r, err := s.AddRound(ctx, persona.CodingRound{StudyID: st.ID, Coders: []persona.RoundCoder{{ID: 7, Name: "ann"}, {ID: 8, Name: "bob"}}, CreatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetRoundDone(ctx, r.ID, 7, &now); err != nil {
			t.Fatal(err)
		}
		if err := s.SetRoundDone(ctx, r.ID, 9, &now); !errors.Is(err, persona.ErrNotFound) {
			t.Errorf("a coder not in the round: %v", err)
		}
		rounds, err := s.Rounds(ctx, st.ID)
		if err != nil || len(rounds) != 1 || !rounds[0].Blind() || rounds[0].Coders[0].DoneAt == nil || rounds[0].Coders[1].DoneAt != nil {
			t.Fatalf("rounds: %+v %v", rounds, err)
		}
		for _, choice := range []string{persona.SettleFirst, persona.SettleBoth} {
			if err := s.SetSettlement(ctx, persona.Settlement{StudyID: st.ID, QuoteID: qid, Coders: [2]int64{7, 8}, Choice: choice, CodeIDs: []int64{3}, CreatedAt: now}); err != nil {
				t.Fatal(err)
			}
		}
		sts, err := s.Settlements(ctx, st.ID)
		if err != nil || len(sts) != 1 || sts[0].Choice != persona.SettleBoth || sts[0].Coders != [2]int64{7, 8} {
			t.Errorf("settlements: %+v %v; want one, replaced", sts, err)
		}
	})
}
