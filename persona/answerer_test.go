package persona

import (
	"maps"
	"slices"
	"testing"
)

func TestSpeaksForInstitution(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Mr. Chair, our government has been there for Canadians from day one.", true},
		{"We have invested $2 billion in the program.", true},
		{"I can assure the member that we are working with the provinces.", true},
		{"We will continue to support small businesses.", true},
		{"We have therefore extended the emergency wage subsidy until the end of August.", true},
		{"We are also investing in rural broadband.", true},
		{"We have finally moved our reports off spreadsheets.", false},
		{"The government has failed small businesses.", false},
		{"Our data team spends two days a month cleaning exports.", false},
		{"We have a lot of missing values in the sensor data.", false},
	}
	for _, tc := range tests {
		if got := SpeaksForInstitution(tc.s); got != tc.want {
			t.Errorf("SpeaksForInstitution(%q) = %v; want %v", tc.s, got, tc.want)
		}
	}
}

func TestDetectInterviewersAnswerers(t *testing.T) {
	tests := []struct {
		name     string
		stats    map[string]SpeakerStats
		declared map[string]string
		want     []string
	}{
		{"hearing: the minister answering for the government is not quoted",
			map[string]SpeakerStats{
				"Chair":    {Turns: 20, Questions: 18, Words: 300},
				"Minister": {Turns: 10, Institutional: 5, Words: 2000},
				"Member A": {Turns: 6, Questions: 2, Words: 900},
				"Member B": {Turns: 5, Questions: 1, Words: 700},
			}, nil, []string{"Chair", "Minister"}},
		{"one-to-one interview: the one answering is the buyer, however institutional",
			map[string]SpeakerStats{
				"Interviewer": {Turns: 20, Questions: 18, Words: 400},
				"Official":    {Turns: 20, Institutional: 10, Words: 3000},
			}, nil, []string{"Interviewer"}},
		{"a single institutional mention is speech, not an answerer's part",
			map[string]SpeakerStats{
				"Host": {Turns: 10, Questions: 9}, "A": {Turns: 10, Institutional: 1}, "B": {Turns: 8},
			}, nil, []string{"Host"}},
		{"declared participant stays a buyer",
			map[string]SpeakerStats{
				"Interviewer": {Turns: 10, Questions: 9}, "Participant": {Turns: 8, Institutional: 6}, "P2": {Turns: 4},
			}, map[string]string{"Participant": "participant", "Interviewer": "interviewer"}, []string{"Interviewer"}},
		{"no one left to quote: the answerers stay",
			map[string]SpeakerStats{
				"Host": {Turns: 10, Questions: 9}, "A": {Turns: 8, Institutional: 4}, "B": {Turns: 8, Institutional: 5},
			}, nil, []string{"Host"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := slices.Sorted(maps.Keys(DetectInterviewers(tc.stats, tc.declared)))
			if !slices.Equal(got, tc.want) {
				t.Errorf("DetectInterviewers = %v; want %v", got, tc.want)
			}
		})
	}
}

// TestStatesProvision: telling what others may have is an institution's
// answer; a lack, the speaker's own work, or a complaint is not.
func TestStatesProvision(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"They can have access to the wage subsidy.", true},
		{"They have access to rent relief.", true},
		{"Businesses are eligible for the emergency account.", true},
		{"The rent relief program is available to every small firm.", true},
		{"Yes, they can apply for the benefit now.", true},
		{"Users can easily get a refund through the portal.", true},
		// not provisions
		{"They cannot have access to the wage subsidy.", false},
		{"Small firms still don't have access to the program.", false},
		{"The wage subsidy is too slow to reach small firms.", false},
		{"It can take weeks before the money arrives.", false},
		{"We can access the data through the API.", false},
		{"I have access to the raw logs.", false},
		{"They have to wait three months for the first payment.", false},
	}
	for _, tc := range tests {
		if got := StatesProvision(tc.s); got != tc.want {
			t.Errorf("StatesProvision(%q) = %v; want %v", tc.s, got, tc.want)
		}
		if tc.want && !SpeaksForInstitution(tc.s) {
			t.Errorf("SpeaksForInstitution(%q) = false: a provision is the institution's answer", tc.s)
		}
	}
}
