package analysis

import (
	"path"
	"slices"
	"strings"
	"testing"
)

func TestStatedRolesRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	st := loadRealStudy(t, "ml", realFiles(t, "ml_practitioner_interviews/Interview_*.txt"), path.Base)
	c, err := newCorpus(st.in)
	if err != nil {
		t.Fatal(err)
	}
	buyers := themeProfiles(nil, c, st.in.Participants)
	text := map[int64]string{}
	for _, q := range st.in.Quotes {
		text[q.ID] = q.Text
	}
	var files []string
	for i, s := range statedRoles(c, buyers) {
		files = append(files, st.group[buyers[i].p.ID]+" | "+buyers[i].p.Label+" | "+s.role+" | "+text[s.quote])
	}
	slices.Sort(files)
	for _, f := range files {
		t.Log(f)
	}
}

func TestDebugQuotes(t *testing.T) {
	st := loadRealStudy(t, "ml", realFiles(t, "ml_practitioner_interviews/Interview_4.txt"), path.Base)
	for _, q := range st.in.Quotes[:8] {
		t.Logf("%d %q", q.ParticipantID, q.Text)
	}
	st = loadRealStudy(t, "ml", realFiles(t, "ml_practitioner_interviews/Interview_34.txt"), path.Base)
	for _, q := range st.in.Quotes {
		if strings.Contains(q.Text, "web dev") {
			t.Logf("%d %q", q.ParticipantID, q.Text)
		}
	}
}
