package analysis

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
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
}

// loadRealStudy ingests files (paths relative to dataDir) into one study,
// skipping (or failing in CI) when the data is absent. group maps each file
// to a group name.
func loadRealStudy(t *testing.T, name string, files []string, group func(path string) string) *realStudy {
	t.Helper()
	st := &realStudy{name: name, group: map[int64]string{}}
	var quotes []persona.Quote
	var nextQ, nextP, nextS int64
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dataDir, f))
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("real data missing in CI: %v", err)
			}
			t.Skipf("real data not found (%v); skipping", err)
		}
		doc, err := ingest.Parse(filepath.Base(f), strings.NewReader(string(data)))
		if err != nil {
			t.Logf("%s: not ingested: %v", f, err)
			continue
		}
		imp := ingest.Build(filepath.Base(f), data, doc, nlp.Shared())
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
