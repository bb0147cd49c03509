package persona

import (
	"strings"
	"testing"
)

// TestIsMetaTalk: sentences only about the conversation are never quoted;
// any word about the subject keeps a sentence speech.
func TestIsMetaTalk(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Thank you, and I'm very grateful for the opportunity to clarify.", true},
		{"That's a good question.", true},
		{"That's a really good question, thank you.", true},
		{"Let me answer that.", true},
		{"I'd like to clarify.", true},
		{"Thank you for the opportunity to be here today.", true},
		{"I appreciate the chance to answer, Madam Chair.", true},
		{"Good question.", true},
		{"I'm happy to answer the question.", true},
		{"Madam Chair, I'm pleased to have the opportunity to correct the member.", true},
		{"The figures in the report are correct.", false},
		{"I understand the question.", true},
		{"I don't understand the question.", false},
		// speech about the subject stays
		{"I'm grateful the export saves me an hour a week.", false},
		{"Thank you for the great service.", false},
		{"I'm very happy.", false},
		{"Pleased with the dashboard.", false},
		{"The answer is the wage subsidy came too late.", false},
		{"Can you clarify the question?", false},
		{"We could not answer the auditor's question about where data is stored.", false},
		{"The question of price came up in every call.", false},
		{"Response time.", false},
		{"Good response.", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsMetaTalk(tt.s); got != tt.want {
			t.Errorf("IsMetaTalk(%q) = %v, want %v", tt.s, got, tt.want)
		}
		if tt.want && !IsProceduralSpeech(tt.s) {
			t.Errorf("IsProceduralSpeech(%q) = false: talk about the talk must never be quoted from speech", tt.s)
		}
	}
}

// TestMetaTalkOnlyInSpeech: a written answer that thanks or speaks of
// questions is the respondent's view of the service and stays a quote;
// the same words said in a meeting frame an answer and do not.
func TestMetaTalkOnlyInSpeech(t *testing.T) {
	tests := []struct {
		text   string
		spoken bool
		quoted bool
	}{
		{"Many opportunities to ask questions. Nothing rushed.", false, true},
		{"Thank you, and I'm very grateful for the opportunity to clarify.", true, false},
		{"Thank you, and I'm very grateful for the opportunity to clarify.", false, true},
		{"That's a really good question.", true, false},
	}
	// spoken tests are said in a meeting (three speakers or more)
	for _, tt := range tests {
		qs, _ := cutSpeech(Speech{Text: tt.text, Spoken: tt.spoken, Meeting: tt.spoken}, fakeLang{}.Segment(tt.text))
		var got []string
		for _, q := range qs {
			got = append(got, q.Text)
		}
		if quoted := strings.Contains(strings.Join(got, " "), strings.SplitN(tt.text, ".", 2)[0]); quoted != tt.quoted {
			t.Errorf("cutSpeech(%q, spoken %v) = %q; quoted %v, want %v", tt.text, tt.spoken, got, quoted, tt.quoted)
		}
	}
}

// TestSpeechesMarkMeetings: speech is a meeting's when three or more
// people speak; a one-to-one interview is not one.
func TestSpeechesMarkMeetings(t *testing.T) {
	tests := []struct {
		name     string
		speakers []int64
		want     bool
	}{
		{"interview", []int64{1, 2, 1, 2}, false},
		{"hearing", []int64{1, 2, 3, 2}, true},
	}
	for _, tt := range tests {
		var turns []Turn
		for _, p := range tt.speakers {
			turns = append(turns, Turn{ParticipantID: p, Text: "We moved the reports off spreadsheets last year."})
		}
		for _, s := range Speeches(turns, func(id int64) bool { return id == 1 }) {
			if s.Meeting != tt.want {
				t.Errorf("%s: Meeting = %v; want %v", tt.name, s.Meeting, tt.want)
			}
		}
	}
}
