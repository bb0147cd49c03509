package analysis

import (
	"path"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// logPersonas writes a run's personas: name, size and source groups.
func logPersonas(t *testing.T, st *realStudy, a *persona.Analysis) {
	t.Helper()
	for _, p := range a.Personas {
		groups := map[string]int{}
		for _, id := range p.ParticipantIDs {
			groups[st.group[id]]++
		}
		t.Logf("%s: %-70q %3d %v", st.name, p.Name, p.Size, groups)
	}
}

// purity is the share of buyers in their persona's majority group.
func purity(st *realStudy, a *persona.Analysis) float64 {
	var maj, n int
	for _, p := range a.Personas {
		groups := map[string]int{}
		best := 0
		for _, id := range p.ParticipantIDs {
			groups[st.group[id]]++
			best = max(best, groups[st.group[id]])
		}
		maj += best
		n += len(p.ParticipantIDs)
	}
	return float64(maj) / float64(max(n, 1))
}

func TestPersonaSeparationRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	files := append(realFiles(t, "ml_practitioner_interviews/Interview_*.txt"), realFiles(t, "serdif_usability_study/transcripts/*.txt")...)
	st := loadRealStudy(t, "ml+serdif", files, func(p string) string { return path.Base(path.Dir(p)) })
	for _, seed := range []int64{1, 2, 3} {
		st.in.Options.Seed = seed
		a, err := Run(st.in)
		if err != nil {
			t.Fatal(err)
		}
		logPersonas(t, st, a)
		p := purity(st, a)
		t.Logf("seed %d: %d personas, purity %.3f", seed, len(a.Personas), p)
		if p < 0.9 {
			t.Errorf("seed %d: purity %.3f; want >= 0.9", seed, p)
		}
	}
}

func TestPersonaNamesRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	for _, st := range devStudies(t) {
		a, err := Run(st.in)
		if err != nil {
			t.Fatal(err)
		}
		logPersonas(t, st, a)
		checkPersonaNames(t, st, a)
	}
}

// checkPersonaNames checks the naming rules: names unique, no theme held
// by (nearly) everyone names a persona, and survey answer values appear
// only after their attribute.
func checkPersonaNames(t *testing.T, st *realStudy, a *persona.Analysis) {
	t.Helper()
	seen := map[string]bool{}
	for _, p := range a.Personas {
		if seen[p.Name] {
			t.Errorf("%s: persona name %q used twice", st.name, p.Name)
		}
		seen[p.Name] = true
	}
	if len(a.Personas) < 2 {
		return
	}
	buyers := len(st.in.Participants)
	for _, th := range a.Themes {
		if 10*th.Participants < 9*buyers {
			continue
		}
		for _, p := range a.Personas {
			if strings.Contains(p.Name, "— "+th.Label) || strings.Contains(p.Name, ", "+th.Label) {
				t.Errorf("%s: persona %q named after catch-all theme %q (%d of %d buyers)", st.name, p.Name, th.Label, th.Participants, buyers)
			}
		}
	}
}
