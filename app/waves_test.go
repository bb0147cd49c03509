package app

import (
	"context"
	"errors"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/persona/store"
)

// splitDemoIntoWaves puts the demo's transcripts alternately into two
// waves (the later one named first, so order must come from the dates) and
// leaves the survey out. It returns source id -> wave name.
func splitDemoIntoWaves(t *testing.T, a *App, st persona.Study) map[int64]string {
	t.Helper()
	ctx := context.Background()
	srcs, err := a.store.Sources(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	in := map[int64]string{}
	n := 0
	for _, s := range srcs {
		if s.Kind != persona.KindTranscript {
			continue
		}
		wave, date := "Spring", "2026-04-10"
		if n%2 == 0 {
			wave, date = "Winter", "2026-01-15"
		}
		n++
		if _, err := a.SetSourceWave(ctx, s.ID, wave, date); err != nil {
			t.Fatal(err)
		}
		in[s.ID] = wave
	}
	return in
}

func TestWavesOnDemoAreTraceable(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	waveOf := splitDemoIntoWaves(t, a, st)
	rep, err := a.Waves(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Waves) != 2 || rep.Waves[0].Name != "Winter" || rep.Waves[1].Name != "Spring" {
		t.Fatalf("waves = %+v, want Winter then Spring (by date)", rep.Waves)
	}
	srcs, _ := a.store.Sources(ctx, st.ID)
	if want := len(srcs) - len(waveOf); rep.Unassigned != want {
		t.Errorf("unassigned = %d, want %d", rep.Unassigned, want)
	}
	// Denominators: the buyers of each wave's sources.
	buyers, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: st.ID, BuyersOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	perWave := map[string]int{}
	for _, p := range buyers {
		if w, ok := waveOf[p.SourceID]; ok {
			perWave[w]++
		}
	}
	for _, w := range rep.Waves {
		if w.Buyers != perWave[w.Name] || w.Buyers == 0 {
			t.Errorf("wave %s: %d buyers, want %d (and some)", w.Name, w.Buyers, perWave[w.Name])
		}
	}
	// Numerators: distinct buyers with a visible quote in the theme,
	// counted from the quotes themselves.
	quotes, err := a.store.Quotes(ctx, store.QuoteFilter{StudyID: st.ID, NoTokens: true})
	if err != nil {
		t.Fatal(err)
	}
	raised := map[int64]map[string]map[int64]bool{}
	byID := map[int64]persona.Quote{}
	for _, q := range quotes {
		byID[q.ID] = q
		w, ok := waveOf[q.SourceID]
		if q.ThemeID == 0 || q.Hidden || !ok {
			continue
		}
		if raised[q.ThemeID] == nil {
			raised[q.ThemeID] = map[string]map[int64]bool{}
		}
		if raised[q.ThemeID][w] == nil {
			raised[q.ThemeID][w] = map[int64]bool{}
		}
		raised[q.ThemeID][w][q.ParticipantID] = true
	}
	if len(rep.Themes) != len(raised) || len(rep.Themes) == 0 {
		t.Fatalf("%d themes in the report, %d raised in a wave", len(rep.Themes), len(raised))
	}
	for _, tr := range rep.Themes {
		for _, sh := range tr.Shares {
			want := len(raised[tr.ThemeID][sh.Wave])
			if sh.Raised != want || len(sh.Quotes) != want {
				t.Errorf("theme %d wave %s: raised %d with %d quotes, want %d", tr.ThemeID, sh.Wave, sh.Raised, len(sh.Quotes), want)
			}
			for _, loc := range sh.Quotes {
				id := loc.ID
				q := byID[id]
				if q.SourceID != loc.SourceID {
					t.Errorf("quote %d: source %d, located in %d", id, q.SourceID, loc.SourceID)
				}
				if q.ThemeID != tr.ThemeID || waveOf[q.SourceID] != sh.Wave {
					t.Errorf("theme %d wave %s: quote %d is of theme %d, wave %q", tr.ThemeID, sh.Wave, id, q.ThemeID, waveOf[q.SourceID])
				}
			}
		}
		if len(tr.Changes) != 1 {
			t.Fatalf("theme %d: %d changes for 2 waves", tr.ThemeID, len(tr.Changes))
		}
		c := tr.Changes[0]
		x1, n1, x2, n2 := tr.Shares[0].Raised, tr.Shares[0].Of, tr.Shares[1].Raised, tr.Shares[1].Of
		want := analysis.TwoProportionZ(x1, n1, x2, n2)
		p := want.P
		if analysis.ExpectedMin(x1, n1, x2, n2) < 5 {
			p = analysis.FisherExact(x1, n1, x2, n2)
		}
		sig := want.OK && p < WaveAlpha
		if (tr.Trend != "") != sig || c.P != p {
			t.Errorf("theme %d: trend %q with p=%.4f (%s), want p=%.4f", tr.ThemeID, tr.Trend, c.P, c.Test, p)
		}
		if sig && (tr.Trend == TrendRising) != (want.Diff > 0) {
			t.Errorf("theme %d: trend %q but diff %.3f", tr.ThemeID, tr.Trend, want.Diff)
		}
	}
}

func TestWaveChangeBadgesOnlySignificant(t *testing.T) {
	cases := []struct {
		name     string
		from, to WaveShare
		want     string
	}{
		{"rising", WaveShare{Raised: 45, Of: 100}, WaveShare{Raised: 60, Of: 100}, TrendRising},
		{"falling", WaveShare{Raised: 25, Of: 50}, WaveShare{Raised: 15, Of: 50}, TrendFalling},
		{"too few buyers to tell", WaveShare{Raised: 1, Of: 4}, WaveShare{Raised: 3, Of: 5}, ""},
		// z alone says p = 0.031; with expected counts of 3 Fisher's exact
		// test decides: p = 0.103.
		{"z-test would badge seven buyers", WaveShare{Raised: 2, Of: 7}, WaveShare{Raised: 6, Of: 7}, ""},
		{"small but clear", WaveShare{Raised: 0, Of: 7}, WaveShare{Raised: 6, Of: 7}, TrendRising},
		{"flat", WaveShare{Raised: 10, Of: 40}, WaveShare{Raised: 5, Of: 20}, ""},
		{"empty wave", WaveShare{Raised: 0, Of: 0}, WaveShare{Raised: 5, Of: 20}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := waveChange(c.from, c.to); got.Direction != c.want {
				t.Errorf("direction %q (p=%.4f), want %q", got.Direction, got.P, c.want)
			}
		})
	}
}

func TestSetSourceWaveValidates(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	srcs, _ := a.store.Sources(ctx, st.ID)
	id := srcs[0].ID
	cases := []struct {
		name, wave, date string
		ok               bool
	}{
		{"wave and date", "  2026   Q1 ", "2026-01-31", true},
		{"wave alone", "Pilot", "", true},
		{"clear", "", "", true},
		{"bad date", "Q1", "31/01/2026", false},
		{"date without wave", "", "2026-01-31", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := a.SetSourceWave(ctx, id, c.wave, c.date)
			if c.ok != (err == nil) {
				t.Fatalf("err = %v, want ok=%v", err, c.ok)
			}
			if !c.ok && !errors.Is(err, persona.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
			if c.ok && c.name == "wave and date" && (m.Wave != "2026 Q1" || m.Date != "2026-01-31") {
				t.Errorf("stored %+v", m)
			}
		})
	}
	if _, err := a.SetSourceWave(ctx, 999999, "Q1", ""); !errors.Is(err, persona.ErrNotFound) {
		t.Errorf("unknown source: err = %v", err)
	}
}

func TestPersonaNewThemesSinceLastWave(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	waveOf := splitDemoIntoWaves(t, a, st)
	personas, err := a.store.Personas(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	quotes, err := a.store.Quotes(ctx, store.QuoteFilter{StudyID: st.ID, NoTokens: true})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range personas {
		news, err := a.PersonaWaves(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if news.Latest != "Spring" || len(news.Earlier) != 1 || news.Earlier[0] != "Winter" {
			t.Fatalf("persona %d: latest %q, earlier %v", p.ID, news.Latest, news.Earlier)
		}
		if news.MembersLatest == 0 || news.MembersEarlier == 0 {
			if len(news.New) != 0 {
				t.Errorf("persona %d: new themes without members in both waves", p.ID)
			}
			continue
		}
		checked++
		members := map[int64]bool{}
		for _, id := range p.ParticipantIDs {
			members[id] = true
		}
		latest, before := map[int64]int{}, map[int64]bool{}
		seen := map[[2]int64]bool{}
		for _, q := range quotes {
			w, ok := waveOf[q.SourceID]
			if q.ThemeID == 0 || q.Hidden || !ok || !members[q.ParticipantID] {
				continue
			}
			if w == "Winter" {
				before[q.ThemeID] = true
			} else if k := [2]int64{q.ThemeID, q.ParticipantID}; !seen[k] {
				seen[k] = true
				latest[q.ThemeID]++
			}
		}
		want := map[int64]int{}
		for id, n := range latest {
			if !before[id] {
				want[id] = n
			}
		}
		got := map[int64]int{}
		for _, nt := range news.New {
			got[nt.ThemeID] = nt.Raised
		}
		if len(got) != len(want) {
			t.Errorf("persona %d: new themes %v, want %v", p.ID, got, want)
		}
		for id, n := range want {
			if got[id] != n {
				t.Errorf("persona %d theme %d: raised %d, want %d", p.ID, id, got[id], n)
			}
		}
	}
	if checked == 0 {
		t.Skip("no demo persona has buyers in both waves")
	}
}
