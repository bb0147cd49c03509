package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// realStudy is a dev data set ingested the way `verbatim ingest` does it:
// parsed, built into participants and quotes, given study-wide ids, with
// the buyers kept as analysis input. group names the source of each buyer
// (for mixed studies).
type realStudy struct {
	name   string
	all    []persona.Participant // every participant, interviewers too
	quotes []persona.Quote       // every quote, interviewers' too
	in     Input
	group  map[int64]string // participant id -> source group
	// key names what was loaded (the files, or the demo), for sharedRun;
	// "" on a study changed after loading (withRole, withoutSource).
	key string
}

// loadRealStudy ingests files (paths relative to dataDir) into one study,
// skipping (or failing in CI) when the data is absent. group maps each file
// to a group name.
func loadRealStudy(t *testing.T, name string, files []string, group func(path string) string) *realStudy {
	t.Helper()
	st := &realStudy{name: name, group: map[int64]string{}, key: strings.Join(files, "\n")}
	var quotes []persona.Quote
	var nextQ, nextP, nextS int64
	for _, f := range files {
		b := builtFile(f)
		if b.readErr != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("real data missing in CI: %v", b.readErr)
			}
			t.Skipf("real data not found (%v); skipping", b.readErr)
		}
		if b.parseErr != nil {
			t.Logf("%s: not ingested: %v", f, b.parseErr)
			continue
		}
		imp := b.imp
		nextS++
		pid := make([]int64, len(imp.Participants))
		for i, p := range imp.Participants {
			nextP++
			p.ID, p.SourceID, pid[i] = nextP, nextS, nextP
			st.all = append(st.all, p)
			st.group[p.ID] = group(f)
		}
		for _, q := range imp.Quotes {
			nextQ++
			q.ID, q.SourceID, q.ParticipantID = nextQ, nextS, pid[q.ParticipantID]
			quotes = append(quotes, q)
		}
	}
	st.quotes = quotes
	st.in = Input{StudyID: 1, Options: Options{Seed: 1}}
	st.setBuyers()
	return st
}

// builtFiles holds each real file parsed and built once per test binary:
// tests load the same dev studies again and again, and tagging a large
// survey costs seconds. loadRealStudy copies the participants and quotes
// it takes from an import (ids are set on the copies).
var builtFiles sync.Map // path relative to dataDir -> *built

type built struct {
	once     sync.Once
	readErr  error
	parseErr error
	imp      *persona.Import
}

// builtFile is f (relative to dataDir) read, parsed and built as
// `verbatim ingest` does it, once.
func builtFile(f string) *built {
	v, _ := builtFiles.LoadOrStore(f, &built{})
	b := v.(*built)
	b.once.Do(func() {
		data, err := os.ReadFile(filepath.Join(dataDir, f))
		if err != nil {
			b.readErr = err
			return
		}
		doc, err := ingest.Parse(filepath.Base(f), strings.NewReader(string(data)))
		if err != nil {
			b.parseErr = err
			return
		}
		b.imp = ingest.Build(filepath.Base(f), data, doc, nlp.Shared())
	})
	return b
}

// setBuyers rebuilds the input's participants and quotes from st.all's
// roles, as the app does before each run.
func (st *realStudy) setBuyers() {
	buyer := map[int64]bool{}
	st.in.Participants = nil
	for _, p := range st.all {
		if !p.Interviewer {
			buyer[p.ID] = true
			st.in.Participants = append(st.in.Participants, p)
		}
	}
	st.in.Quotes = slices.DeleteFunc(slices.Clone(st.quotes), func(q persona.Quote) bool { return !buyer[q.ParticipantID] })
}

// realFiles lists files matching pattern under dataDir, relative to it.
func realFiles(t *testing.T, pattern string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dataDir, pattern))
	if len(m) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("real data missing in CI: %s", pattern)
		}
		t.Skipf("real data not found (%s); skipping", pattern)
	}
	out := make([]string, len(m))
	for i, p := range m {
		out[i], _ = filepath.Rel(dataDir, p)
	}
	slices.Sort(out)
	return out
}

func oneGroup(string) string { return "" }

// sharedRuns holds each real-data analysis the evaluations ask for, once
// per test binary: the label, persona-name, persona-count and
// finding evaluations check different claims on the same runs (the same
// study, the same seed), and a run of a large study costs seconds.
var sharedRuns sync.Map // runKey -> *sharedRunEntry

type sharedRunEntry struct {
	once sync.Once
	a    *persona.Analysis
	err  error
}

// runKey names a run of st on seed by what Run reads: the files loaded,
// the buyers and quotes given and the options. It is "" (run not shared)
// for a study changed after loading or given edits or source names.
func (st *realStudy) runKey(seed int64) string {
	in := st.in
	if st.key == "" || in.Edits != nil || in.SourceNames != nil || in.Progress != nil {
		return ""
	}
	return fmt.Sprintf("%s|study %d|min %d|seed %d|%d buyers|%d quotes",
		st.key, in.StudyID, in.Options.MinParticipants, seed, len(in.Participants), len(in.Quotes))
}

// sharedRun is Run(st.in) on seed, run once per binary and shared by every
// test asking for the same run (runKey); the result is read-only. A
// study runKey does not name is run afresh. st.in.Options.Seed is set to
// seed.
func sharedRun(t *testing.T, st *realStudy, seed int64) *persona.Analysis {
	t.Helper()
	st.in.Options.Seed = seed
	key := st.runKey(seed)
	if key == "" {
		a, err := Run(st.in)
		if err != nil {
			t.Fatalf("%s seed %d: run: %v", st.name, seed, err)
		}
		return a
	}
	v, _ := sharedRuns.LoadOrStore(key, &sharedRunEntry{})
	e := v.(*sharedRunEntry)
	in := st.in
	e.once.Do(func() { e.a, e.err = Run(in) })
	if e.err != nil {
		t.Fatalf("%s seed %d: run: %v", st.name, seed, e.err)
	}
	return e.a
}

// keepRun offers a run made outside sharedRun (under a package hook) to
// the tests that share runs, when none has made it yet.
func keepRun(st *realStudy, seed int64, a *persona.Analysis) {
	if key := st.runKey(seed); key != "" {
		v, _ := sharedRuns.LoadOrStore(key, &sharedRunEntry{})
		v.(*sharedRunEntry).once.Do(func() { v.(*sharedRunEntry).a = a })
	}
}
