package persona

import "testing"

func TestSamePerson(t *testing.T) {
	parts := []Participant{
		{ID: 1, SourceID: 1, Label: "Project Manager"}, {ID: 2, SourceID: 1, Label: "Marketing"},
		{ID: 3, SourceID: 2, Label: "Marketing"}, {ID: 4, SourceID: 2, Label: "project manager"},
		{ID: 5, SourceID: 1, Label: "Interviewee"}, {ID: 6, SourceID: 2, Label: "Interviewee"},
		{ID: 7, SourceID: 1, Label: "PhD A"}, {ID: 8, SourceID: 2, Label: "PhD A"},
		{ID: 9, SourceID: 3, Label: "Respondent"}, {ID: 10, SourceID: 4, Label: "Respondent"},
		{ID: 11, SourceID: 2, Label: "Hon. Bill Blair"}, {ID: 12, SourceID: 1, Label: "Hon. Bill  Blair"},
	}
	kinds := map[int64]Kind{1: KindTranscript, 2: KindTranscript, 3: KindSurvey, 4: KindSurvey}
	for _, tc := range []struct {
		mode SpeakerIdentity
		want map[int64]int64 // participants joined to another (the rest stand for themselves)
	}{
		{SpeakersAuto, map[int64]int64{3: 2, 4: 1, 12: 11}},
		{SpeakersSame, map[int64]int64{3: 2, 4: 1, 6: 5, 8: 7, 12: 11}},
		{SpeakersSeparate, map[int64]int64{}},
	} {
		got := SamePerson(parts, kinds, tc.mode)
		for _, p := range parts {
			want, ok := tc.want[p.ID]
			if !ok {
				want = p.ID
			}
			if got[p.ID] != want {
				t.Errorf("%s: participant %d (%q) is %d; want %d", tc.mode, p.ID, p.Label, got[p.ID], want)
			}
		}
	}
}

func TestPlaceholderLabel(t *testing.T) {
	for label, want := range map[string]bool{
		"Interviewee": true, "Speaker 2": true, "P3": true, "PhD A": true, "Grad F": true, "interviewer:": true,
		"Project Manager": false, "Marketing": false, "Industrial Designer": false, "Dana Reyes": false, "Hon. Bill Blair": false,
	} {
		if got := PlaceholderLabel(label); got != want {
			t.Errorf("PlaceholderLabel(%q) = %v; want %v", label, got, want)
		}
	}
}
