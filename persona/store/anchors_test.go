package store

import (
	"context"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// Anchors, their placement, source rewrites, consensus settlements and
// forgetting a user behave alike on SQLite and PostgreSQL.
func TestConformanceAnchorsConsensusAndForgetUser(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, err := s.CreateStudy(ctx, "Anchors")
		if err != nil {
			t.Fatal(err)
		}
		imp := sampleImport("anchors")
		src, err := s.Import(ctx, st.ID, imp)
		if err != nil {
			t.Fatal(err)
		}
		q := imp.Quotes[0]
		now := time.Unix(100, 0).UTC()
		c, err := s.AddCode(ctx, persona.Code{StudyID: st.ID, Name: "Price", CreatedAt: now, UpdatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddCoding(ctx, persona.Coding{StudyID: st.ID, CodeID: c.ID, QuoteID: q.ID, CoderID: 7, Coder: "ann", CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
		if un, err := s.UnplacedAnchors(ctx, st.ID, "", ""); err != nil || len(un) != 0 {
			t.Fatalf("unplaced while placed: %+v %v", un, err)
		}
		// A rewrite moves the anchor with the quote's text.
		q.Text, q.End = q.Text[:len(q.Text)-1], q.End-1
		if err := s.RewriteSource(ctx, src, nil, nil, []persona.Quote{q}); err != nil {
			t.Fatal(err)
		}
		// Consensus: the settled codes, replacing the consensus' earlier ones.
		for _, codes := range [][]int64{{c.ID}, {}} {
			err := s.Settle(ctx, persona.Settlement{StudyID: st.ID, QuoteID: q.ID, Coders: [2]int64{0, 7}, Choice: persona.SettleFirst, CodeIDs: codes, CreatedAt: now},
				&persona.Coding{CoderID: -2, Coder: "Consensus"})
			if err != nil {
				t.Fatal(err)
			}
			cs, _ := s.Codings(ctx, CodingFilter{StudyID: st.ID, CoderID: -2})
			if len(cs) != len(codes) {
				t.Errorf("consensus codings %+v; want %v", cs, codes)
			}
		}
		ss, err := s.Settlements(ctx, st.ID)
		if err != nil || len(ss) != 1 || ss[0].Coders != [2]int64{0, 7} {
			t.Errorf("settlements %+v %v; want coders 0 and 7 kept", ss, err)
		}
		// Deleting the source leaves ann's coding waiting, with its text.
		if err := s.DeleteSource(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
		un, err := s.UnplacedAnchors(ctx, st.ID, src.SHA256, "")
		if err != nil || len(un) != 1 || un[0].Text != q.Text || un[0].Coder != "ann" || un[0].TextHash != TextHash(q.Text) {
			t.Fatalf("unplaced after delete: %+v %v", un, err)
		}
		imp2 := sampleImport("anchors")
		if _, err := s.Import(ctx, st.ID, imp2); err != nil {
			t.Fatal(err)
		}
		if err := s.PlaceAnchors(ctx, []Placement{{AnchorID: un[0].ID, QuoteID: imp2.Quotes[0].ID}}); err != nil {
			t.Fatal(err)
		}
		if cs, _ := s.Codings(ctx, CodingFilter{StudyID: st.ID, CoderID: 7}); len(cs) != 1 || cs[0].QuoteID != imp2.Quotes[0].ID {
			t.Errorf("placed codings %+v", cs)
		}
		if un, _ := s.UnplacedAnchors(ctx, st.ID, "", ""); len(un) != 0 {
			t.Errorf("still unplaced after placing: %+v", un)
		}
		// Forgetting a user removes their grants and ownership.
		if err := s.AddStudyMember(ctx, persona.StudyMember{StudyID: st.ID, UserID: 9, UserName: "mo", CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetStudyOwner(ctx, st.ID, 9); err != nil {
			t.Fatal(err)
		}
		ids, err := s.ForgetUser(ctx, 9)
		if err != nil || len(ids) != 1 || ids[0] != st.ID {
			t.Errorf("forget user: %v %v", ids, err)
		}
		if vis, _ := s.VisibleStudyIDs(ctx, 9, "sales"); vis[st.ID] {
			t.Errorf("a forgotten user still sees the study")
		}
	})
}
