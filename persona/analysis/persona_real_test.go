package analysis

import (
	"path"
	"slices"
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
	t.Parallel() // with the other real-data evaluations, on both cores
	files := append(realFiles(t, "ml_practitioner_interviews/Interview_*.txt"), realFiles(t, "serdif_usability_study/transcripts/*.txt")...)
	st := loadRealStudy(t, "ml+serdif", files, func(p string) string { return path.Base(path.Dir(p)) })
	for _, seed := range []int64{1, 2, 3} {
		a := sharedRun(t, st, seed)
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
	t.Parallel() // with the other real-data evaluations, on both cores
	for _, st := range devStudies(t) {
		a := sharedRun(t, st, 1)
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

// TestPersonaTraitsRealData logs which attributes may set personas apart
// in the one-answer dev sets with attributes (NHS feedback, restaurant
// reviews) and how much each explains the themes raised, and checks that
// a record (a data split, a date) never does. The survey and review
// studies with buyer attributes are checked in TestPersonaCountsRealData.
func TestPersonaTraitsRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	for _, st := range []*realStudy{
		loadRealStudy(t, "nhs", []string{"nhs_patient_feedback/v6framework_230831.csv"}, oneGroup),
		loadRealStudy(t, "restaurants", []string{"absa_reviews/semeval2014_restaurants.csv"}, oneGroup),
	} {
		a := sharedRun(t, st, 1)
		logPersonas(t, st, a)
		checkTraits(t, st, a)
	}
}

// checkTraits logs a study's persona traits and checks that no record
// attribute is one and that, in the Capterra reviews, role and company
// size are and time used is not.
func checkTraits(t *testing.T, st *realStudy, a *persona.Analysis) {
	t.Helper()
	c, err := newCorpus(st.in)
	if err != nil {
		t.Fatal(err)
	}
	buyers := themeProfiles(a.Themes, c, st.in.Participants)
	var keys []string
	for _, tr := range rankTraits(buyers, a.Themes) {
		keys = append(keys, tr.key)
		t.Logf("%s: trait %q kind %d informativeness z %.1f weight %.0f", st.name, tr.key, tr.kind, tr.excess, tr.weight)
		if kindOf(tr.key, nil) == attrRecord {
			t.Errorf("%s: record attribute %q sets personas apart", st.name, tr.key)
		}
	}
	t.Logf("%s: theme profiles tell buyers apart: %v", st.name, profilesTellApart(buyers))
	if st.name != "capterra" {
		return
	}
	for _, want := range []string{"job_title", "company_size"} {
		if !slices.Contains(keys, want) {
			t.Errorf("capterra: %q is no persona trait (traits %v)", want, keys)
		}
	}
	if slices.Contains(keys, "time_used") {
		t.Errorf("capterra: time_used sets personas apart")
	}
}
