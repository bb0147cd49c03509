package app

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// changeLog records what OnChange reports.
type changeLog struct {
	mu  sync.Mutex
	got map[int64][]Change
}

func (l *changeLog) record(studyID int64, what Change) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got[studyID] = append(l.got[studyID], what)
}

func (l *changeLog) take(studyID int64) []Change {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.got[studyID]
	l.got = map[int64][]Change{}
	return out
}

// TestEveryWriteReportsItsChange: each mutating operation of App goes
// through the one invalidation point (changed) for the study it wrote to,
// so the study's persona page is rebuilt at the next read. Real SQLite
// and bleve, the demo study.
func TestEveryWriteReportsItsChange(t *testing.T) {
	ctx := context.Background()
	a, st := demoApp(t)
	personas, err := a.Personas(ctx, st.ID)
	if err != nil || len(personas) == 0 {
		t.Fatalf("personas: %v %v", personas, err)
	}
	p := personas[0]
	themes, err := a.Themes(ctx, st.ID)
	if err != nil || len(themes) < 3 {
		t.Fatalf("themes: %d %v", len(themes), err)
	}
	buyers, err := a.Buyers(ctx, st.ID)
	if err != nil || len(buyers) == 0 {
		t.Fatalf("buyers: %v", err)
	}
	srcs, err := a.Sources(ctx, st.ID)
	if err != nil || len(srcs) < 2 {
		t.Fatalf("sources: %v", err)
	}
	var transcript persona.Source
	for _, s := range srcs {
		if s.Kind == persona.KindTranscript && s.ID != buyers[0].SourceID {
			transcript = s
		}
	}
	// The writes that change what an analysis reads (redaction, source
	// deletion) only mark the study due: a background analysis would
	// report ChangeAnalysis and move the epoch itself, so a write that
	// reported nothing could pass, and each costs a demo analysis under
	// -race. The "analyze" case runs one.
	a.analyses.held = true
	log := &changeLog{got: map[int64][]Change{}}
	a.OnChange(log.record)
	str := func(s string) *string { return &s }
	yes := true
	var answer persona.FieldAnswer
	var collateral persona.Collateral
	var tracker persona.Tracker
	var code persona.Code
	cases := []struct {
		name  string
		write func() error
		want  Change
	}{
		{"rename study", func() error { _, err := a.RenameStudy(ctx, st.ID, "Renamed"); return err }, ChangeStudy},
		{"rename theme", func() error { _, err := a.RenameTheme(ctx, themes[0].ID, "Renamed theme"); return err }, ChangeThemes},
		{"split theme", func() error {
			t0, err := a.Theme(ctx, themes[0].ID)
			if err != nil {
				return err
			}
			_, err = a.SplitTheme(ctx, t0.ID, t0.QuoteIDs[:1], "Split off")
			return err
		}, ChangeThemes},
		{"merge themes", func() error { _, err := a.MergeThemes(ctx, []int64{themes[1].ID, themes[2].ID}, ""); return err }, ChangeThemes},
		{"edit quote", func() error {
			t0, err := a.Theme(ctx, themes[0].ID)
			if err != nil {
				return err
			}
			_, err = a.EditQuote(ctx, t0.QuoteIDs[0], QuoteEdit{Pinned: &yes})
			return err
		}, ChangeQuotes},
		{"edit persona", func() error { _, err := a.EditPersona(ctx, p.ID, str("Renamed persona"), nil); return err }, ChangePersonas},
		{"edit participant", func() error {
			_, err := a.EditParticipant(ctx, buyers[0].ID, ParticipantEdit{Label: str("Renamed buyer")})
			return err
		}, ChangeParticipants},
		{"participant attributes", func() error {
			csv := "source,label,Team\n" + transcript.Name + "," + mustBuyerOf(t, a, transcript.ID).Label + ",Zebras\n"
			_, err := a.ApplyAttributes(ctx, st.ID, strings.NewReader(csv))
			return err
		}, ChangeParticipants},
		{"set wave", func() error { _, err := a.SetSourceWave(ctx, transcript.ID, "Launch", "2026-05-02"); return err }, ChangeLabels},
		{"set outcome", func() error { _, err := a.SetSourceOutcome(ctx, transcript.ID, "lost", "Zebracorp"); return err }, ChangeLabels},
		{"add answer", func() error {
			answer, err = a.AddAnswer(ctx, themes[0].ID, "We answer with the zebra clause.", "", Actor{ID: 1, Name: "rep"})
			return err
		}, ChangeAnswers},
		{"delete answer", func() error { _, err := a.DeleteAnswer(ctx, answer.ID, Actor{ID: 1}); return err }, ChangeAnswers},
		{"add collateral", func() error {
			collateral, err = a.AddCollateral(ctx, st.ID, "one-pager.md", []byte("# Zebra\n\nOur pricing is simple and fair for every team size.\n"), "rep")
			return err
		}, ChangeCollateral},
		{"delete collateral", func() error { return a.DeleteCollateral(ctx, collateral.ID) }, ChangeCollateral},
		{"add tracker", func() error {
			tracker, err = a.CreateTracker(ctx, TrackerInput{StudyID: st.ID, Name: "Zebra", Words: "price"}, Actor{ID: 1, Name: "rep"})
			return err
		}, ChangeTrackers},
		{"delete tracker", func() error { return a.DeleteTracker(ctx, tracker.ID, Actor{ID: 1, Name: "rep"}) }, ChangeTrackers},
		{"code a quote", func() error {
			code, err = a.CreateCode(ctx, st.ID, CodeInput{Name: "zebra code"})
			if err == nil {
				_, err = a.CodeQuote(ctx, themes[0].HeadlineQuoteID, code.ID, Actor{ID: 1, Name: "ann"})
			}
			if err == nil {
				_, err = a.CodeQuote(ctx, themes[0].HeadlineQuoteID, code.ID, Actor{ID: 2, Name: "bob"})
			}
			return err
		}, ChangeCodings},
		{"settle", func() error {
			_, err := a.Settle(ctx, themes[0].HeadlineQuoteID, 1, 2, persona.SettleFirst, Actor{ID: 1, Name: "ann"})
			return err
		}, ChangeCodings},
		{"uncode a quote", func() error { return a.UncodeQuote(ctx, themes[0].HeadlineQuoteID, code.ID, Actor{ID: 1, Name: "ann"}) }, ChangeCodings},
		{"redact stored text", func() error {
			if err := a.EnableRedaction(ctx, st.ID); err != nil {
				return err
			}
			_, err := a.RedactStored(ctx, st.ID)
			return err
		}, ChangeSources},
		{"ingest", func() error {
			res := a.Ingest(ctx, st.ID, "new-call.txt", strings.NewReader("Interviewer: Why?\nBuyer: The zebra pricing was far too expensive for a team our size.\n"))
			if res.Status != StatusOK {
				return persona.ErrInvalid
			}
			return nil
		}, ChangeQuotes},
		{"set role", func() error { _, err := a.SetRole(ctx, mustBuyerOf(t, a, transcript.ID).ID, true); return err }, ChangeParticipants},
		{"delete source", func() error { return a.DeleteSource(ctx, transcript.ID) }, ChangeSources},
		{"analyze", func() error { a.WaitAnalyses(); _, err := a.Analyze(ctx, st.ID, nil); return err }, ChangeAnalysis},
		{"delete study", func() error { a.WaitAnalyses(); return a.DeleteStudy(ctx, st.ID) }, ChangeStudy},
	}
	for _, tc := range cases {
		before := a.epochOf(st.ID)
		if err := tc.write(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := log.take(st.ID)
		found := false
		for _, c := range got {
			found = found || c == tc.want
		}
		if !found {
			t.Errorf("%s reported %v for the study; want %q among them", tc.name, got, tc.want)
		}
		if a.epochOf(st.ID) == before {
			t.Errorf("%s left the study's cached pages valid", tc.name)
		}
	}
}

// mustBuyerOf is a buyer of a source.
func mustBuyerOf(t *testing.T, a *App, sourceID int64) persona.Participant {
	t.Helper()
	d, err := a.SourceDetail(context.Background(), sourceID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Participants {
		if !p.Interviewer {
			return p
		}
	}
	t.Fatalf("source %d has no buyer", sourceID)
	return persona.Participant{}
}
