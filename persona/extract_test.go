package persona

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDetectInterviewers(t *testing.T) {
	tests := []struct {
		name     string
		stats    map[string]SpeakerStats
		declared map[string]string
		want     map[string]bool
	}{
		{"declared label wins", map[string]SpeakerStats{"Interviewer": {Turns: 5, Questions: 0, Words: 900}, "Sam": {Turns: 5, Questions: 5, Words: 50}},
			map[string]string{"Interviewer": "interviewer"}, map[string]bool{"Interviewer": true}},
		{"asks most, speaks least", map[string]SpeakerStats{"SPEAKER_00": {Turns: 10, Questions: 9, Words: 120}, "SPEAKER_01": {Turns: 10, Questions: 1, Words: 1500}},
			nil, map[string]bool{"SPEAKER_00": true}},
		{"declared participant is never the interviewer", map[string]SpeakerStats{"User": {Turns: 10, Questions: 9, Words: 100}, "Bob": {Turns: 10, Questions: 6, Words: 300}},
			map[string]string{"User": "participant"}, map[string]bool{"Bob": true}},
		{"a monologue has no interviewer", map[string]SpeakerStats{"Note": {Turns: 3, Questions: 2, Words: 40}}, nil, map[string]bool{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, DetectInterviewers(tc.stats, tc.declared)); diff != "" {
				t.Errorf("DetectInterviewers (-want +got):\n%s", diff)
			}
		})
	}
}

// fakeLang splits on ". " and tags each word NN, so quote cutting can be
// tested without prose.
type fakeLang struct{}

func (fakeLang) Segment(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '.' || text[i] == '?' {
			seg := text[start : i+1]
			trimmed := strings.TrimSpace(seg)
			if trimmed != "" {
				lo := start + strings.Index(seg, trimmed)
				out = append(out, [2]int{lo, lo + len(trimmed)})
			}
			start = i + 1
		}
	}
	return out
}

func (fakeLang) Tag(s string) []Token {
	var out []Token
	for _, w := range strings.Fields(s) {
		out = append(out, Token{Text: strings.ToLower(strings.Trim(w, ".?")), Tag: "NN"})
	}
	return out
}

func TestExtractQuotesKeepsExactTextAndJoinsFragments(t *testing.T) {
	speeches := []Speech{
		{Turn: 1, Text: "Yes. It was far too expensive for a team our size. Really.", Question: "What concerns did you have?", StartMS: 1000, EndMS: 7000},
		{Turn: 3, Text: "  Procurement took two months to sign anything off. ", Question: "Who else was involved?", StartMS: -1, EndMS: -1},
	}
	got := ExtractQuotes(fakeLang{}, speeches)
	want := []string{"Yes. It was far too expensive for a team our size. Really.", "Procurement took two months to sign anything off."}
	if len(got) != len(want) {
		t.Fatalf("got %d quotes %+v; want %d", len(got), got, len(want))
	}
	for i, q := range got {
		s := speeches[i]
		if q.Text != want[i] || s.Text[q.Start:q.End] != q.Text || q.TurnID != int64(s.Turn) || q.Question != s.Question {
			t.Errorf("quote %d = %+v; want %q at its offsets in turn %d answering %q", i, q, want[i], s.Turn, s.Question)
		}
		if len(q.Tokens) == 0 {
			t.Errorf("quote %d has no tokens", i)
		}
	}
	if got[0].AtMS != 1000 || got[1].AtMS != -1 {
		t.Errorf("AtMS = %d, %d; want 1000 and -1", got[0].AtMS, got[1].AtMS)
	}
}

func TestSpeechesCarryTheLastQuestion(t *testing.T) {
	turns := []Turn{
		{ParticipantID: 0, Text: "Thanks for joining. What made this a priority?"},
		{ParticipantID: 1, Text: "We missed the quarter."},
		{ParticipantID: 1, Text: "And the board asked."},
		{ParticipantID: 0, Text: "Got it, thanks"},
		{ParticipantID: 1, Text: "Sure."},
	}
	got := Speeches(turns, func(id int64) bool { return id == 0 })
	wantQ := []string{"What made this a priority?", "What made this a priority?", "Got it, thanks"}
	if len(got) != 3 {
		t.Fatalf("%d speeches; want 3", len(got))
	}
	for i, s := range got {
		if s.Question != wantQ[i] {
			t.Errorf("speech %d question %q; want %q", i, s.Question, wantQ[i])
		}
	}
}
