package app

import (
	"context"
	"errors"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// markDemoDeals marks the demo's transcripts lost (against "Gong"), won
// and no decision in turn, and returns source id -> outcome.
func markDemoDeals(t *testing.T, a *App, st persona.Study) map[int64]persona.Outcome {
	t.Helper()
	ctx := context.Background()
	srcs, err := a.store.Sources(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]persona.Outcome{}
	n := 0
	for _, s := range srcs {
		if s.Kind != persona.KindTranscript {
			continue
		}
		o, comp := persona.Outcomes[n%3], ""
		if o == persona.OutcomeLost {
			comp = "Gong"
		}
		n++
		m, err := a.SetSourceOutcome(ctx, s.ID, string(o), comp)
		if err != nil || m.Outcome != o {
			t.Fatalf("mark %d %s: %+v %v", s.ID, o, m, err)
		}
		out[s.ID] = o
	}
	return out
}

// countDeals counts, from the quotes, the distinct deals of each outcome
// raising each theme of ring (every ring when ""), by members (everyone
// when nil).
func countDeals(quotes []persona.Quote, deals map[int64]persona.Outcome, themeRing map[int64]persona.Ring, ring persona.Ring, members map[int64]bool) map[int64]map[persona.Outcome]int {
	seen := map[[2]int64]bool{}
	out := map[int64]map[persona.Outcome]int{}
	for _, q := range quotes {
		o, ok := deals[q.SourceID]
		if !ok || q.ThemeID == 0 || q.Hidden || (ring != "" && themeRing[q.ThemeID] != ring) || (members != nil && !members[q.ParticipantID]) {
			continue
		}
		k := [2]int64{q.ThemeID, q.SourceID}
		if seen[k] {
			continue
		}
		seen[k] = true
		if out[q.ThemeID] == nil {
			out[q.ThemeID] = map[persona.Outcome]int{}
		}
		out[q.ThemeID][o]++
	}
	return out
}

func TestWinLossOnDemoIsTraceable(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	deals := markDemoDeals(t, a, st)
	quotes, err := a.store.Quotes(ctx, store.QuoteFilter{StudyID: st.ID, NoTokens: true})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]persona.Quote{}
	for _, q := range quotes {
		byID[q.ID] = q
	}
	themes, _ := a.store.Themes(ctx, st.ID)
	themeRing := map[int64]persona.Ring{}
	for _, th := range themes {
		themeRing[th.ID] = th.Ring
	}
	personas, _ := a.store.Personas(ctx, st.ID)
	queries := []struct {
		name    string
		q       WinLossQuery
		ring    persona.Ring
		members map[int64]bool
	}{
		{"study barriers", WinLossQuery{StudyID: st.ID}, persona.RingBarriers, nil},
		{"study every ring", WinLossQuery{StudyID: st.ID, AllRings: true}, "", nil},
	}
	for _, p := range personas {
		m := map[int64]bool{}
		for _, id := range p.ParticipantIDs {
			m[id] = true
		}
		queries = append(queries, struct {
			name    string
			q       WinLossQuery
			ring    persona.Ring
			members map[int64]bool
		}{"persona " + p.Name, WinLossQuery{PersonaID: p.ID}, persona.RingBarriers, m})
	}
	for _, c := range queries {
		t.Run(c.name, func(t *testing.T) {
			wl, err := a.WinLoss(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			want := countDeals(quotes, deals, themeRing, c.ring, c.members)
			if len(wl.Themes) != len(want) {
				t.Errorf("%d themes, want %d", len(wl.Themes), len(want))
			}
			prevLost := 1 << 30
			for _, th := range wl.Themes {
				if th.Deals(persona.OutcomeLost) > prevLost {
					t.Errorf("theme %d out of order: %d lost after %d", th.ThemeID, th.Deals(persona.OutcomeLost), prevLost)
				}
				prevLost = th.Deals(persona.OutcomeLost)
				for _, oq := range th.Outcomes {
					if oq.Deals != want[th.ThemeID][oq.Outcome] || len(oq.Quotes) != oq.Deals {
						t.Errorf("theme %d %s: %d deals (%d quotes), want %d", th.ThemeID, oq.Outcome, oq.Deals, len(oq.Quotes), want[th.ThemeID][oq.Outcome])
					}
					for _, loc := range oq.Quotes {
						q := byID[loc.ID]
						if q.ThemeID != th.ThemeID || q.SourceID != loc.SourceID || deals[q.SourceID] != oq.Outcome {
							t.Errorf("theme %d %s: quote %d is theme %d in a %s deal", th.ThemeID, oq.Outcome, loc.ID, q.ThemeID, deals[q.SourceID])
						}
						if c.members != nil && !c.members[q.ParticipantID] {
							t.Errorf("quote %d is not by the persona's buyers", loc.ID)
						}
					}
				}
			}
			if c.members == nil {
				lost := 0
				for _, o := range deals {
					if o == persona.OutcomeLost {
						lost++
					}
				}
				for _, d := range wl.Deals {
					if d.Outcome == persona.OutcomeLost && (d.Deals != lost || len(d.Competitors) != 1 || d.Competitors[0].Value != "Gong" || d.Competitors[0].N != lost) {
						t.Errorf("lost deals %+v, want %d against Gong", d, lost)
					}
				}
			}
		})
	}
}

func TestObjectionsFilterByOutcome(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	deals := markDemoDeals(t, a, st)
	all, err := a.Objections(ctx, ObjectionQuery{Text: "too expensive", StudyID: st.ID, AllRings: true, Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range persona.Outcomes {
		res, err := a.Objections(ctx, ObjectionQuery{Text: "too expensive", StudyID: st.ID, AllRings: true, Size: 50, Outcome: o})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, q := range all.Quotes {
			if deals[q.SourceID] == o {
				want++
			}
		}
		if want > 0 && len(res.Quotes) == 0 {
			t.Errorf("%s: no quote, %d of the unfiltered are from such deals", o, want)
		}
		for _, q := range res.Quotes {
			if deals[q.SourceID] != o {
				t.Errorf("%s: quote %d is from a %q deal", o, q.ID, deals[q.SourceID])
			}
		}
		for _, th := range res.Themes {
			if th.Outcomes == nil {
				t.Errorf("theme %d has no outcomes list", th.Theme.ID)
			}
		}
	}
}

func TestSetSourceOutcomeValidates(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	srcs, _ := a.store.Sources(ctx, st.ID)
	var transcript, survey int64
	for _, s := range srcs {
		switch s.Kind {
		case persona.KindTranscript:
			transcript = s.ID
		case persona.KindSurvey:
			survey = s.ID
		}
	}
	cases := []struct {
		name                string
		id                  int64
		outcome, competitor string
		err                 error
	}{
		{"won", transcript, "Won", "  Acme   CRM ", nil},
		{"no decision spelled out", transcript, "no decision", "", nil},
		{"cleared", transcript, "", "", nil},
		{"unknown outcome", transcript, "tie", "", persona.ErrInvalid},
		{"competitor alone", transcript, "", "Acme", persona.ErrInvalid},
		{"survey", survey, "lost", "", persona.ErrInvalid},
		{"missing source", 999999, "lost", "", persona.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := a.SetSourceOutcome(ctx, c.id, c.outcome, c.competitor)
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Errorf("err = %v, want %v", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.name == "won" && (m.Outcome != persona.OutcomeWon || m.Competitor != "Acme CRM") {
				t.Errorf("stored %+v", m)
			}
		})
	}
}
