package app

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestDemoCarriesOutcomes: the demo's interviews come with the outcomes
// samples/README.md tells (two lost, one paused, the rest won), so the
// win/loss panels have something to show on first run; the survey has
// none.
func TestDemoCarriesOutcomes(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	metas, err := a.store.SourceMetas(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := a.store.Sources(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"05-hannah-brooks-corvane.otter.txt":     {"lost", "ChorusBox"},
		"13-nadia-petrov-loomstack.otter.txt":    {"lost", "free AI note-taker"},
		"10-ingrid-halvorsen-pellham-pharma.txt": {"no-decision", ""},
		"02-marcus-oyelaran-tallyroute.zoom.vtt": {"won", "ChorusBox"},
		"11-jess-tran-pebblecart.txt":            {"won", ""},
	}
	won := 0
	for _, s := range srcs {
		m := metas[s.ID]
		if s.Kind == persona.KindSurvey {
			if m.Outcome != persona.OutcomeNone {
				t.Errorf("survey %s has outcome %q", s.Name, m.Outcome)
			}
			continue
		}
		if m.Outcome == persona.OutcomeWon {
			won++
		}
		if w, ok := want[s.Name]; ok && (string(m.Outcome) != w[0] || m.Competitor != w[1]) {
			t.Errorf("%s: outcome %q against %q; want %q against %q", s.Name, m.Outcome, m.Competitor, w[0], w[1])
		}
	}
	if won != 11 {
		t.Errorf("%d won deals; want 11 of the 14 interviews", won)
	}
}

func TestApplyOutcomesRefusesUnknownSource(t *testing.T) {
	a, st := demoCopy(t)
	err := a.applyOutcomes(context.Background(), st.ID, strings.NewReader("source,outcome,competitor\nnope.txt,won,\n"))
	if err == nil || !strings.Contains(err.Error(), `line 2: no source "nope.txt"`) {
		t.Errorf("err = %v; want the line and the unknown source named", err)
	}
}
