package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
)

func sampleImport(sha string) *persona.Import {
	return &persona.Import{
		Source: persona.Source{Kind: persona.KindTranscript, Name: "call.vtt", Format: "vtt", SHA256: sha, Size: 10, ImportedAt: time.Unix(0, 0).UTC()},
		Participants: []persona.Participant{
			{Label: "Maya", Interviewer: true},
			{Label: "Sam", Attributes: map[string]string{"Role": "CFO"}},
		},
		Turns: []persona.Turn{
			{ParticipantID: 0, Speaker: "Maya", Seq: 0, StartMS: 0, EndMS: 1000, Text: "What happened?", Line: 3},
			{ParticipantID: 1, Speaker: "Sam", Seq: 1, StartMS: 1000, EndMS: 5000, Text: "It was too expensive for us. We waited.", Line: 7},
		},
		Quotes: []persona.Quote{{TurnID: 1, ParticipantID: 1, Kind: persona.KindTranscript, Text: "It was too expensive for us.", Start: 0, End: 28,
			AtMS: 1000, Line: 7, Question: "What happened?", Tokens: []persona.Token{{Text: "too", Tag: "RB"}, {Text: "and/or", Tag: "CC"}}}},
	}
}

func TestImportRoundTrip(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, err := s.CreateStudy(ctx, "Pricing study")
		if err != nil {
			t.Fatal(err)
		}
		imp := sampleImport("abc")
		src, err := s.Import(ctx, st.ID, imp)
		if err != nil {
			t.Fatal(err)
		}
		q, err := s.Quote(ctx, imp.Quotes[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		want := imp.Quotes[0]
		if diff := cmp.Diff(want, q); diff != "" {
			t.Errorf("stored quote differs (-imported +stored):\n%s", diff)
		}
		if q.SourceID != src.ID || q.TurnID != imp.Turns[1].ID || q.ParticipantID != imp.Participants[1].ID {
			t.Errorf("quote ids not rewritten: %+v", q)
		}
		stats, err := s.Stats(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(persona.StudyStats{Sources: 1, Participants: 1, Quotes: 1}, stats); diff != "" {
			t.Errorf("stats (-want +got):\n%s", diff)
		}
	})
}

func TestImportDuplicateIsNotStoredTwice(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, _ := s.CreateStudy(ctx, "S")
		first, err := s.Import(ctx, st.ID, sampleImport("same"))
		if err != nil {
			t.Fatal(err)
		}
		dup, err := s.Import(ctx, st.ID, sampleImport("same"))
		if !errors.Is(err, persona.ErrDuplicate) || dup.ID != first.ID {
			t.Fatalf("second import = %+v, %v; want ErrDuplicate of source %d", dup, err, first.ID)
		}
		other, _ := s.CreateStudy(ctx, "Other")
		if _, err := s.Import(ctx, other.ID, sampleImport("same")); err != nil {
			t.Errorf("same file in another study: %v", err)
		}
		n, _ := s.CountQuotes(ctx)
		if n != 2 {
			t.Errorf("quotes = %d; want 2", n)
		}
	})
}

// TestFailedImportLeavesNothing makes the quotes insert fail (a quote
// pointing at a turn that does not exist) after the source, participants
// and turns went in: the transaction must leave no trace.
func TestFailedImportLeavesNothing(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, _ := s.CreateStudy(ctx, "S")
		if _, err := s.Import(ctx, st.ID, sampleImport("good")); err != nil {
			t.Fatal(err)
		}
		bad := sampleImport("bad")
		bad.Quotes[0].TurnID = 5 // out of range
		if _, err := s.Import(ctx, st.ID, bad); err == nil {
			t.Fatal("import with a dangling quote succeeded")
		}
		srcs, _ := s.Sources(ctx, st.ID)
		parts, _ := s.Participants(ctx, ParticipantFilter{StudyID: st.ID})
		n, _ := s.CountQuotes(ctx)
		if len(srcs) != 1 || len(parts) != 2 || n != 1 {
			t.Errorf("after a failed import: %d sources, %d participants, %d quotes; want only the first import (1, 2, 1)", len(srcs), len(parts), n)
		}
	})
}

func TestMigrationsAreIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	for i := 0; i < 2; i++ {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		var v int
		s.db.Raw("SELECT MAX(version) FROM schema_migrations").Scan(&v)
		if v != len(migrations)-1 {
			t.Errorf("schema version %d; want %d", v, len(migrations)-1)
		}
		var fk, journal string
		s.db.Raw("PRAGMA foreign_keys").Scan(&fk)
		s.db.Raw("PRAGMA journal_mode").Scan(&journal)
		if fk != "1" || journal != "wal" {
			t.Errorf("foreign_keys=%s journal_mode=%s; want 1 and wal", fk, journal)
		}
		s.Close()
	}
}

func TestSaveAnalysisRewritesThemeIDs(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, _ := s.CreateStudy(ctx, "S")
		imp := sampleImport("x")
		if _, err := s.Import(ctx, st.ID, imp); err != nil {
			t.Fatal(err)
		}
		qid, pid := imp.Quotes[0].ID, imp.Participants[1].ID
		a := &persona.Analysis{StudyID: st.ID,
			Themes: []persona.Theme{{ID: 1, Label: "price", Ring: persona.RingBarriers, QuoteIDs: []int64{qid}, Quotes: 1, Participants: 1,
				HeadlineQuoteID: qid, Headline: imp.Quotes[0].Text}},
			Personas: []persona.Profile{{Name: "CFOs", ParticipantIDs: []int64{pid}, Size: 1, Rings: map[persona.Ring][]int64{persona.RingBarriers: {1}}, ThemeCounts: map[int64]int{1: 1}}},
			Labels:   []persona.QuoteLabel{{QuoteID: qid, Ring: persona.RingBarriers, Confidence: 0.9, ThemeIndex: 0}},
		}
		var firstTheme, firstPersona int64
		for run := 1; run <= 2; run++ {
			a.Themes[0].ID = 1
			a.Personas[0].Rings = map[persona.Ring][]int64{persona.RingBarriers: {1}}
			a.Personas[0].ThemeCounts = map[int64]int{1: 1}
			if err := s.SaveAnalysis(ctx, a); err != nil {
				t.Fatal(err)
			}
			if a.Version != run {
				t.Errorf("version = %d; want %d", a.Version, run)
			}
			if run == 1 {
				firstTheme, firstPersona = a.Themes[0].ID, a.Personas[0].ID
			} else if a.Themes[0].ID != firstTheme || a.Personas[0].ID != firstPersona {
				t.Errorf("re-analysis gave theme %d persona %d; want the same ids as before (%d, %d)", a.Themes[0].ID, a.Personas[0].ID, firstTheme, firstPersona)
			}
		}
		themes, _ := s.Themes(ctx, st.ID)
		personas, _ := s.Personas(ctx, st.ID)
		q, _ := s.Quote(ctx, qid)
		p, _ := s.Participant(ctx, pid)
		if len(themes) != 1 || len(personas) != 1 {
			t.Fatalf("%d themes, %d personas; want one each (old run replaced)", len(themes), len(personas))
		}
		tid := themes[0].ID
		if themes[0].HeadlineQuoteID != qid || themes[0].Headline != imp.Quotes[0].Text {
			t.Errorf("headline %d %q; want quote %d %q", themes[0].HeadlineQuoteID, themes[0].Headline, qid, imp.Quotes[0].Text)
		}
		if q.ThemeID != tid || q.Ring != persona.RingBarriers || p.PersonaID != personas[0].ID {
			t.Errorf("quote theme %d ring %q, participant persona %d; want theme %d, barriers, persona %d", q.ThemeID, q.Ring, p.PersonaID, tid, personas[0].ID)
		}
		if got := personas[0].Rings[persona.RingBarriers]; len(got) != 1 || got[0] != tid || personas[0].ThemeCounts[tid] != 1 {
			t.Errorf("persona rings %v counts %v; want theme id %d", personas[0].Rings, personas[0].ThemeCounts, tid)
		}
	})
}

func TestSourcesAndParticipantsByID(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, err := s.CreateStudy(ctx, "Batch")
		if err != nil {
			t.Fatal(err)
		}
		a, b := sampleImport("a"), sampleImport("b")
		b.Source.Name = "second.vtt"
		b.Participants[1].Label = "Kim"
		srcA, err := s.Import(ctx, st.ID, a)
		if err != nil {
			t.Fatal(err)
		}
		srcB, err := s.Import(ctx, st.ID, b)
		if err != nil {
			t.Fatal(err)
		}
		const missing = 9999
		srcs, err := s.SourcesByID(ctx, []int64{srcB.ID, srcA.ID, srcB.ID, missing})
		if err != nil {
			t.Fatal(err)
		}
		if len(srcs) != 2 || srcs[srcA.ID].Name != "call.vtt" || srcs[srcB.ID].Name != "second.vtt" {
			t.Errorf("SourcesByID = %+v; want call.vtt and second.vtt by id", srcs)
		}
		sam, kim := a.Participants[1].ID, b.Participants[1].ID
		parts, err := s.ParticipantsByID(ctx, []int64{kim, sam, missing})
		if err != nil {
			t.Fatal(err)
		}
		if len(parts) != 2 || parts[sam].Label != "Sam" || parts[kim].Label != "Kim" || parts[sam].Attributes["Role"] != "CFO" {
			t.Errorf("ParticipantsByID = %+v; want Sam (CFO) and Kim by id", parts)
		}
		if got, err := s.SourcesByID(ctx, nil); err != nil || len(got) != 0 {
			t.Errorf("SourcesByID(nil) = %v, %v; want empty", got, err)
		}
	})
}
