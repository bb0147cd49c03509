package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
)

// The cases below are where the drivers differ underneath (unique
// violations, parameter limits, the bulk label write, the streamed read,
// cascading deletes, boolean columns); each runs on every driver.

func TestConformanceUniqueViolationIsDomainError(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a, err := s.CreateStudy(ctx, "Pricing")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateStudy(ctx, "Pricing"); !errors.Is(err, persona.ErrConflict) {
			t.Errorf("second study named Pricing: %v; want ErrConflict", err)
		}
		b, err := s.CreateStudy(ctx, "pricing") // names are case-sensitive on both drivers
		if err != nil {
			t.Fatalf("study named pricing beside Pricing: %v", err)
		}
		if _, err := s.RenameStudy(ctx, b.ID, "Pricing"); !errors.Is(err, persona.ErrConflict) {
			t.Errorf("rename onto a taken name: %v; want ErrConflict", err)
		}
		if got, err := s.EnsureStudy(ctx, "Pricing"); err != nil || got.ID != a.ID {
			t.Errorf("EnsureStudy(Pricing) = %+v, %v; want study %d", got, err, a.ID)
		}
		c := persona.Collateral{StudyID: a.ID, Name: "one.pdf", Format: "pdf", SHA256: "h1", Text: "We are fast."}
		first, err := s.AddCollateral(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		c.Name = "copy.pdf"
		if dup, err := s.AddCollateral(ctx, c); !errors.Is(err, persona.ErrDuplicate) || dup.ID != first.ID {
			t.Errorf("same collateral twice = %+v, %v; want ErrDuplicate of %d", dup, err, first.ID)
		}
	})
}

// bigImport is one source with n buyer quotes (and one turn each): far
// more rows than one statement may carry on either driver.
func bigImport(sha string, n int) *persona.Import {
	imp := &persona.Import{
		Source:       persona.Source{Kind: persona.KindSurvey, Name: "big.csv", Format: "csv", SHA256: sha, Size: int64(n), ImportedAt: time.Unix(1700000000, 123456789).UTC()},
		Participants: []persona.Participant{{Label: "Respondent"}},
	}
	for i := range n {
		text := fmt.Sprintf("Answer number %d is about price, naïve “quotes” and/or 'marks'.", i)
		imp.Turns = append(imp.Turns, persona.Turn{ParticipantID: 0, Speaker: "Respondent", Seq: i, StartMS: -1, EndMS: -1, Text: text, Line: i + 2})
		imp.Quotes = append(imp.Quotes, persona.Quote{TurnID: int64(i), ParticipantID: 0, Kind: persona.KindSurvey, Text: text,
			Start: 0, End: len(text), AtMS: -1, Line: i + 2, Question: "Why?", Tokens: []persona.Token{{Text: "price", Tag: "NN"}}})
	}
	return imp
}

func TestConformanceLargeBatches(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		// 18 columns a quote: 4000 quotes need 72,000 parameters, over
		// both SQLite's 32,766 and PostgreSQL's 65,535.
		const n = 4000
		st, _ := s.CreateStudy(ctx, "Big")
		imp := bigImport("big", n)
		if _, err := s.Import(ctx, st.ID, imp); err != nil {
			t.Fatal(err)
		}
		ids := make([]int64, n)
		seen := map[int64]bool{}
		for i, q := range imp.Quotes {
			ids[i] = q.ID
			if q.ID == 0 || seen[q.ID] {
				t.Fatalf("quote %d got id %d (zero or repeated)", i, q.ID)
			}
			seen[q.ID] = true
		}
		got, err := s.QuotesByID(ctx, ids)
		if err != nil || len(got) != n {
			t.Fatalf("QuotesByID(%d ids) = %d quotes, %v", n, len(got), err)
		}
		for i, q := range got {
			if q.ID != ids[i] || q.Text != imp.Quotes[i].Text {
				t.Fatalf("quote %d = %d %q; want %d %q (order or text lost)", i, q.ID, q.Text, ids[i], imp.Quotes[i].Text)
			}
		}
		th, err := s.CreateTheme(ctx, persona.Theme{StudyID: st.ID, Label: "Price", Ring: persona.RingCriteria})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetQuotesTheme(ctx, ids, th.ID); err != nil {
			t.Fatal(err)
		}
		mentions, err := s.ThemeMentions(ctx, st.ID)
		if err != nil || len(mentions) != 1 || mentions[0].QuoteID != ids[0] {
			t.Errorf("ThemeMentions = %+v, %v; want one mention from quote %d", mentions, err, ids[0])
		}
		turns, err := s.Turns(ctx, imp.Source.ID)
		if err != nil || len(turns) != n || turns[n-1].Seq != n-1 {
			t.Errorf("Turns = %d, %v; want %d in seq order", len(turns), err, n)
		}
		stream, err := s.AnalysisQuotes(ctx, st.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		listed, err := s.Quotes(ctx, QuoteFilter{StudyID: st.ID})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(listed, stream); diff != "" {
			t.Errorf("streamed quotes differ from listed (-listed +streamed):\n%s", diff)
		}
	})
}

// TestConformanceBulkAnalysisSave writes labels for thousands of quotes
// (every ring, hidden and visible, with and without a theme) and reads
// each one back.
func TestConformanceBulkAnalysisSave(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const n = 7000 // over SQLite's limit at 5 parameters a label
		st, _ := s.CreateStudy(ctx, "Bulk")
		imp := bigImport("bulk", n)
		if _, err := s.Import(ctx, st.ID, imp); err != nil {
			t.Fatal(err)
		}
		a := &persona.Analysis{StudyID: st.ID, Themes: []persona.Theme{
			{ID: 1, Label: "Price", Ring: persona.RingCriteria}, {ID: 2, Label: "Speed", Ring: persona.RingSuccess}}}
		rings := append([]persona.Ring{persona.RingNone}, persona.Rings...)
		for i, q := range imp.Quotes {
			a.Labels = append(a.Labels, persona.QuoteLabel{QuoteID: q.ID, Ring: rings[i%len(rings)],
				Confidence: float64(i%100) / 100, ThemeIndex: i%3 - 1, Hidden: i%7 == 0})
		}
		if err := s.SaveAnalysis(ctx, a); err != nil {
			t.Fatal(err)
		}
		got, err := s.Quotes(ctx, QuoteFilter{StudyID: st.ID, NoTokens: true})
		if err != nil || len(got) != n {
			t.Fatalf("Quotes = %d, %v", len(got), err)
		}
		for i, q := range got {
			l := a.Labels[i]
			theme := int64(0)
			if l.ThemeIndex >= 0 {
				theme = a.Themes[l.ThemeIndex].ID
			}
			if q.ID != l.QuoteID || q.Ring != l.Ring || q.RingConfidence != l.Confidence || q.ThemeID != theme || q.Hidden != l.Hidden {
				t.Fatalf("quote %d = ring %q conf %v theme %d hidden %v; want %q %v %d %v", q.ID, q.Ring, q.RingConfidence, q.ThemeID, q.Hidden,
					l.Ring, l.Confidence, theme, l.Hidden)
			}
		}
		facets, err := s.StudyQuoteFacets(ctx, st.ID)
		if err != nil || len(facets) != n || facets[7].Hidden != true || facets[8].Hidden != false {
			t.Errorf("StudyQuoteFacets = %d facets, %v; want %d with quote 7 hidden, 8 not", len(facets), err, n)
		}
	})
}

// TestConformanceDeletesCascade deletes a source, then the study, and
// checks nothing of either is left in any table.
func TestConformanceDeletesCascade(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, _ := s.CreateStudy(ctx, "Gone")
		keep, _ := s.CreateStudy(ctx, "Kept")
		one, two := sampleImport("one"), sampleImport("two")
		src1, err := s.Import(ctx, st.ID, one)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, st.ID, two); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, keep.ID, sampleImport("kept")); err != nil {
			t.Fatal(err)
		}
		if err := s.SetSourceWave(ctx, src1.ID, "Q1", "2025-01-01"); err != nil {
			t.Fatal(err)
		}
		th, _ := s.CreateTheme(ctx, persona.Theme{StudyID: st.ID, Label: "Price", Ring: persona.RingBarriers})
		if _, err := s.AddAnswer(ctx, persona.FieldAnswer{StudyID: st.ID, ThemeID: th.ID, Text: "ROI sheet", CreatedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
		tr, err := s.AddTracker(ctx, persona.Tracker{StudyID: st.ID, Name: "price", Words: []string{"price"}, OwnerID: 1, CreatedAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetTrackerSeen(ctx, tr.ID, 1, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddCollateral(ctx, persona.Collateral{StudyID: st.ID, Name: "b.pdf", SHA256: "c", Text: "x"}); err != nil {
			t.Fatal(err)
		}
		count := func(table string, studyID int64) int64 {
			var n int64
			q := "SELECT COUNT(*) FROM " + table
			switch table {
			case "turns", "source_meta":
				q += " WHERE source_id IN (SELECT id FROM sources WHERE study_id = ?)"
			case "tracker_visits":
				q += " WHERE tracker_id IN (SELECT id FROM trackers WHERE study_id = ?)"
			default:
				q += " WHERE study_id = ?"
			}
			if err := s.db.Raw(q, studyID).Scan(&n).Error; err != nil {
				t.Fatalf("count %s: %v", table, err)
			}
			return n
		}
		if err := s.DeleteSource(ctx, src1.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Quote(ctx, one.Quotes[0].ID); !errors.Is(err, persona.ErrNotFound) {
			t.Errorf("quote of the deleted source: %v; want ErrNotFound", err)
		}
		if n := count("source_meta", st.ID); n != 0 {
			t.Errorf("%d source_meta rows left after deleting the source", n)
		}
		if stats, _ := s.Stats(ctx, st.ID); stats != (persona.StudyStats{Sources: 1, Participants: 1, Quotes: 1}) {
			t.Errorf("after deleting one source: %+v; want the other's 1 source, 1 buyer, 1 quote", stats)
		}
		if err := s.DeleteStudy(ctx, st.ID); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"sources", "participants", "turns", "quotes", "themes", "personas", "edits", "analyses",
			"collateral", "source_meta", "field_answers", "trackers", "tracker_visits"} {
			if n := count(table, st.ID); n != 0 {
				t.Errorf("%d %s rows of the deleted study left", n, table)
			}
		}
		if stats, _ := s.Stats(ctx, keep.ID); stats.Quotes != 1 {
			t.Errorf("the other study lost its quotes: %+v", stats)
		}
		if err := s.DeleteStudy(ctx, st.ID); !errors.Is(err, persona.ErrNotFound) {
			t.Errorf("deleting it again: %v; want ErrNotFound", err)
		}
	})
}

// TestConformanceBooleansAndTimes checks the columns whose types differ
// (booleans, timestamps) round-trip alike.
func TestConformanceBooleansAndTimes(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, _ := s.CreateStudy(ctx, "Flags")
		imp := sampleImport("flags")
		imp.Source.ImportedAt = time.Date(2025, 3, 1, 9, 0, 0, 123456789, time.FixedZone("CET", 3600))
		src, err := s.Import(ctx, st.ID, imp)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.Source(ctx, src.ID)
		if want := time.Date(2025, 3, 1, 8, 0, 0, 123456000, time.UTC); !got.ImportedAt.Equal(want) || got.ImportedAt.Location() != time.UTC {
			t.Errorf("imported_at = %v; want %v (UTC, microseconds)", got.ImportedAt, want)
		}
		if un, _ := s.UnindexedSources(ctx); len(un) != 1 {
			t.Errorf("%d unindexed sources; want the new one", len(un))
		}
		if err := s.MarkIndexed(ctx, src.ID, true); err != nil {
			t.Fatal(err)
		}
		if un, _ := s.UnindexedSources(ctx); len(un) != 0 {
			t.Errorf("%d unindexed sources after marking; want 0", len(un))
		}
		if err := s.MarkStudyUnindexed(ctx, st.ID); err != nil {
			t.Fatal(err)
		}
		if un, _ := s.UnindexedSources(ctx); len(un) != 1 {
			t.Errorf("%d unindexed after MarkStudyUnindexed; want 1", len(un))
		}
		buyers, _ := s.Participants(ctx, ParticipantFilter{StudyID: st.ID, BuyersOnly: true})
		if len(buyers) != 1 || buyers[0].Label != "Sam" {
			t.Errorf("buyers = %+v; want Sam only", buyers)
		}
		q := imp.Quotes[0].ID
		if err := s.SetQuoteHidden(ctx, q, true); err != nil {
			t.Fatal(err)
		}
		if err := s.SetQuoteRing(ctx, q, persona.RingJourney); err != nil {
			t.Fatal(err)
		}
		got2, _ := s.Quote(ctx, q)
		if !got2.Hidden || !got2.RingSet || got2.RingConfidence != 1 || got2.Ring != persona.RingJourney {
			t.Errorf("quote after hide and ring = %+v", got2)
		}
		if err := s.SetQuoteLabel(ctx, q, persona.Ring("bogus"), 0.5, 0); !errors.Is(err, persona.ErrInvalid) {
			t.Errorf("unknown ring: %v; want ErrInvalid", err)
		}
	})
}

// TestConformanceInvalidTextRefusedAlike: text PostgreSQL cannot store (a
// NUL character) is refused as persona.ErrInvalid before any write, on
// SQLite too, so the two drivers accept the same data.
func TestConformanceInvalidTextRefusedAlike(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if _, err := s.CreateStudy(ctx, "bad\x00name"); !errors.Is(err, persona.ErrInvalid) {
			t.Errorf("study name with NUL: %v; want ErrInvalid", err)
		}
		st, _ := s.CreateStudy(ctx, "Good")
		imp := sampleImport("nul")
		imp.Turns[1].Text = "It was too\x00 expensive."
		if _, err := s.Import(ctx, st.ID, imp); !errors.Is(err, persona.ErrInvalid) {
			t.Errorf("turn with NUL: %v; want ErrInvalid", err)
		}
		if n, _ := s.CountQuotes(ctx); n != 0 {
			t.Errorf("%d quotes stored from a refused import", n)
		}
	})
}
