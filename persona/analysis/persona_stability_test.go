package analysis

import (
	"fmt"
	"path"
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// personaChange compares a perturbed run's personas with the base run's:
// each base persona is matched to the perturbed persona holding most of
// its members; kept is the share of its (still present) members found
// there, and renamed whether that persona's name differs.
type personaChange struct {
	name    string
	kept    float64
	renamed string
}

func comparePersonas(base, next *persona.Analysis) []personaChange {
	at := map[int64]int{}
	for i, p := range next.Personas {
		for _, id := range p.ParticipantIDs {
			at[id] = i
		}
	}
	var out []personaChange
	for _, p := range base.Personas {
		counts := make([]int, len(next.Personas))
		present := 0
		for _, id := range p.ParticipantIDs {
			if i, ok := at[id]; ok {
				counts[i]++
				present++
			}
		}
		if present == 0 || len(counts) == 0 {
			continue
		}
		best := 0
		for i := range counts {
			if counts[i] > counts[best] {
				best = i
			}
		}
		ch := personaChange{name: p.Name, kept: float64(counts[best]) / float64(present)}
		if next.Personas[best].Name != p.Name {
			ch.renamed = next.Personas[best].Name
		}
		out = append(out, ch)
	}
	return out
}

// perturbation is one small change to a study.
type perturbation struct {
	name  string
	apply func(st *realStudy) *realStudy
}

// perturbations are the small changes a persona's identity must survive:
// a re-run, one buyer toggled to interviewer, one interview removed, and
// (from a study without it) one interview added. Buyers and interviews are
// picked spread over the study, not by hand.
func perturbations(st *realStudy, each int) []perturbation {
	out := []perturbation{{"re-run", func(s *realStudy) *realStudy { return s }}}
	buyers := st.in.Participants
	for k := 0; k < each; k++ {
		p := buyers[(2*k+1)*len(buyers)/(2*each)]
		out = append(out, perturbation{fmt.Sprintf("toggle buyer %s", p.Label), func(s *realStudy) *realStudy {
			return s.withRole(p.ID, true)
		}})
	}
	var sources []int64
	for _, p := range st.all {
		if n := len(sources); n == 0 || sources[n-1] != p.SourceID {
			sources = append(sources, p.SourceID)
		}
	}
	for k := 0; k < each; k++ {
		src := sources[(2*k+1)*len(sources)/(2*each)]
		out = append(out, perturbation{fmt.Sprintf("remove source %d", src), func(s *realStudy) *realStudy {
			return s.withoutSource(src)
		}})
	}
	return out
}

// withRole is a copy of st with participant id's interviewer flag set.
func (st *realStudy) withRole(id int64, interviewer bool) *realStudy {
	cp := *st
	cp.key = "" // not the study loaded: its runs are its own
	cp.all = slices.Clone(st.all)
	for i := range cp.all {
		if cp.all[i].ID == id {
			cp.all[i].Interviewer = interviewer
		}
	}
	cp.setBuyers()
	return &cp
}

// withoutSource is a copy of st without one source's participants.
func (st *realStudy) withoutSource(src int64) *realStudy {
	cp := *st
	cp.key = "" // not the study loaded: its runs are its own
	cp.all = slices.DeleteFunc(slices.Clone(st.all), func(p persona.Participant) bool { return p.SourceID == src })
	cp.quotes = slices.DeleteFunc(slices.Clone(st.quotes), func(q persona.Quote) bool { return q.SourceID == src })
	cp.setBuyers()
	return &cp
}

func TestPersonaStabilityRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	files := append(realFiles(t, "ml_practitioner_interviews/Interview_*.txt"), realFiles(t, "serdif_usability_study/transcripts/*.txt")...)
	studies := []*realStudy{
		loadRealStudy(t, "ml+serdif", files, func(p string) string { return path.Base(path.Dir(p)) }),
		loadRealStudy(t, "serdif", realFiles(t, "serdif_usability_study/transcripts/*.txt"), oneGroup),
	}
	var cases, kept80, sameName int
	for _, st := range studies {
		// The base run may be another test's (sharedRun); each
		// perturbed run, "re-run" included, is this test's own.
		base := sharedRun(t, st, 1)
		logPersonas(t, st, base)
		for _, pt := range perturbations(st, 3) {
			// Removing a source is checked both ways: the base run
			// against the run without it (removed) and the run without
			// it against the base run (added).
			small := pt.apply(st)
			next, err := Run(small.in)
			if err != nil {
				t.Fatal(err)
			}
			pairs := [][2]*persona.Analysis{{base, next}}
			names := []string{pt.name}
			if small != st && len(small.all) < len(st.all) && pt.name[:6] == "remove" {
				pairs = append(pairs, [2]*persona.Analysis{next, base})
				names = append(names, "add back "+pt.name[7:])
			}
			for i, pr := range pairs {
				for _, ch := range comparePersonas(pr[0], pr[1]) {
					cases++
					if ch.kept >= 0.8 {
						kept80++
					} else {
						t.Errorf("%s, %s: persona %q kept %.0f%% of its members; want >= 80%%", st.name, names[i], ch.name, 100*ch.kept)
					}
					if ch.renamed == "" {
						sameName++
					} else {
						t.Logf("%s, %s: persona %q renamed %q", st.name, names[i], ch.name, ch.renamed)
					}
				}
			}
		}
	}
	t.Logf("stability: %d of %d persona comparisons kept >= 80%% of members; %d kept their name", kept80, cases, sameName)
	// Names follow the theme phrases, and the themes are re-clustered on
	// every run: a near tie between two phrases may flip. Most must stay.
	if 5*sameName < 4*cases {
		t.Errorf("%d of %d personas kept their name; want at least 80%%", sameName, cases)
	}
}
