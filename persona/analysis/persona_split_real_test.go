package analysis

import (
	"encoding/csv"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/nlp"
	"github.com/verbatimhq/verbatim/samples"
)

// loadDemoStudy is the demo study of samples/ as the app loads it: every
// interview and the survey ingested, then participants.csv's role,
// industry and company size set on the interviewees it names.
func loadDemoStudy(t *testing.T) *realStudy {
	t.Helper()
	st := &realStudy{name: "demo", group: map[int64]string{}, key: "samples: demo"}
	var files []string
	err := fs.WalkDir(samples.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasPrefix(p, "interviews/") || strings.HasPrefix(p, "survey/")) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	attrs := map[[2]string]map[string]string{}
	if f, err := samples.FS.Open("participants.csv"); err == nil {
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			m := map[string]string{}
			for j := 2; j < len(row); j++ {
				m[rows[0][j]] = row[j]
			}
			attrs[[2]string{row[0], row[1]}] = m
		}
	}
	var nextQ, nextP, nextS int64
	for _, f := range files {
		data, err := fs.ReadFile(samples.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ingest.Parse(path.Base(f), strings.NewReader(string(data)))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		imp := ingest.Build(path.Base(f), data, doc, nlp.Shared())
		nextS++
		pid := make([]int64, len(imp.Participants))
		for i, p := range imp.Participants {
			nextP++
			p.ID, p.SourceID, pid[i] = nextP, nextS, nextP
			if m, ok := attrs[[2]string{path.Base(f), p.Label}]; ok {
				if p.Attributes == nil {
					p.Attributes = map[string]string{}
				}
				for k, v := range m {
					p.Attributes[k] = v
				}
			}
			st.all = append(st.all, p)
			st.group[p.ID] = path.Dir(f)
		}
		for _, q := range imp.Quotes {
			nextQ++
			q.ID, q.SourceID, q.ParticipantID = nextQ, nextS, pid[q.ParticipantID]
			st.quotes = append(st.quotes, q)
		}
	}
	st.in = Input{StudyID: 1, Options: Options{Seed: 0}}
	st.setBuyers()
	return st
}

// TestPersonaSplitChanceRealData reports, on every dev study, each stable
// split the clustering tested against chance (its silhouette, the best
// silhouette of 19 feature-shuffled copies, z over them, and whether it
// is real), the personas that came out, and for the ML + SERDIF mix its
// purity (which must stay at least 0.9: those two groups really differ).
// Small studies run on seeds 0-3, large ones on seed 0.
func TestPersonaSplitChanceRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	small, large := nameRuleStudies(t)
	files := append(realFiles(t, "ml_practitioner_interviews/Interview_*.txt"), realFiles(t, "serdif_usability_study/transcripts/*.txt")...)
	mix := loadRealStudy(t, "ml+serdif", files, func(p string) string { return path.Base(path.Dir(p)) })
	small = append(small, mix, loadDemoStudy(t))
	var tested, real int
	defer func() { splitTestSeen = nil }()
	run := func(st *realStudy, seed int64) {
		st.in.Options.Seed = seed
		splitTestSeen = func(d gower, assign []int, sp splitTest) {
			sizes := map[int]int{}
			for _, g := range assign {
				sizes[g]++
			}
			var sz []int
			for _, n := range sizes {
				sz = append(sz, n)
			}
			slices.Sort(sz)
			slices.Reverse(sz)
			kind := "said+traits"
			switch {
			case sp.segments:
				kind = "who segments, on what they said, vs random groups"
			case !d.themes:
				kind = "traits only"
			case !weighed(d.traits):
				kind = "said"
			}
			tested++
			if sp.beatsChance() {
				real++
			}
			t.Logf("%s seed %d: split %v (%s): silhouette %.3f, chance mean %.3f max %.3f, z %.1f, real %v",
				st.name, seed, sz, kind, sp.silhouette, mean(sp.null), slices.Max(sp.null), sp.z(), sp.beatsChance())
		}
		a, err := Run(st.in)
		if err != nil {
			t.Fatal(err)
		}
		splitTestSeen = nil
		keepRun(st, seed, a) // the same run TestPersonaNameRulesRealData and others check
		for _, p := range a.Personas {
			t.Logf("%s seed %d: persona %-60q %4d", st.name, seed, p.Name, p.Size)
		}
		if st == mix {
			p := purity(st, a)
			t.Logf("%s seed %d: purity %.3f", st.name, seed, p)
			if p < 0.9 {
				t.Errorf("%s seed %d: purity %.3f; want >= 0.9 (the split was not found real)", st.name, seed, p)
			}
		}
	}
	for _, st := range small {
		for _, seed := range []int64{0, 1, 2, 3} {
			run(st, seed)
		}
	}
	for _, st := range large {
		run(st, 0)
	}
	t.Logf("stable splits tested against chance: %d, real: %d", tested, real)
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(max(1, len(xs)))
}
