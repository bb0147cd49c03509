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
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		lo := start + strings.Index(text[start:], rest)
		out = append(out, [2]int{lo, lo + len(rest)})
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
	// "Yes." and "Really." are acknowledgements: they stay in the turn, not
	// at the ends of a quote.
	want := []string{"It was far too expensive for a team our size.", "Procurement took two months to sign anything off."}
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
	if got[0].AtMS != 1000+6000*5/58 || got[1].AtMS != -1 {
		t.Errorf("AtMS = %d, %d; want %d (interpolated at byte 5 of 58) and -1", got[0].AtMS, got[1].AtMS, 1000+6000*5/58)
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
	// "Got it, thanks" is small talk: the question stays open.
	wantQ := []string{"What made this a priority?", "What made this a priority?", "What made this a priority?"}
	if len(got) != 3 {
		t.Fatalf("%d speeches; want 3", len(got))
	}
	for i, s := range got {
		if s.Question != wantQ[i] {
			t.Errorf("speech %d question %q; want %q", i, s.Question, wantQ[i])
		}
	}
}

// In a meeting, a question another participant asks closes the asker's:
// the turns after it answer the talk, not a question asked long before
// (QMSum IS1001a: "Asked: Yeah. The name is Caramel." shown for a line
// 114 turns later). In an interview a clarifying question keeps it.
func TestSpeechesCloseTheQuestionWhenOthersAsk(t *testing.T) {
	const asked = "What would make it worth the price?"
	tests := []struct {
		name  string
		turns []Turn
		want  []string
	}{{
		name: "meeting",
		turns: []Turn{
			{ParticipantID: 0, Text: "Okay. " + asked},
			{ParticipantID: 1, Text: "A wheel for the channels."},
			{ParticipantID: 2, Text: "Can we have a whistle remote control?"},
			{ParticipantID: 1, Text: "It's just going to add to the cost."},
			{ParticipantID: 0, Text: "Mm-hmm."},
			{ParticipantID: 2, Text: "Fewer buttons then."},
		},
		want: []string{asked, asked, "", ""},
	}, {
		name: "meeting, a tag asks nothing new",
		turns: []Turn{
			{ParticipantID: 0, Text: asked},
			{ParticipantID: 1, Text: "It's too expensive, isn't it?"},
			{ParticipantID: 2, Text: "A lower seat price, right?"},
			{ParticipantID: 1, Text: "Then we'd buy it."},
		},
		want: []string{asked, asked, asked},
	}, {
		name: "interview",
		turns: []Turn{
			{ParticipantID: 0, Text: asked},
			{ParticipantID: 1, Text: "Do you mean per seat?"},
			{ParticipantID: 0, Text: "Yes."},
			{ParticipantID: 1, Text: "Then a lower seat price."},
		},
		want: []string{asked, asked},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Speeches(tc.turns, func(id int64) bool { return id == 0 })
			if len(got) != len(tc.want) {
				t.Fatalf("%d speeches; want %d", len(got), len(tc.want))
			}
			for i, s := range got {
				if s.Question != tc.want[i] {
					t.Errorf("speech %d (%q) question %q; want %q", i, s.Text, s.Question, tc.want[i])
				}
			}
		})
	}
}

func TestDetectInterviewersPerSpeaker(t *testing.T) {
	tests := []struct {
		name     string
		stats    map[string]SpeakerStats
		declared map[string]string
		want     map[string]bool
	}{
		{"two students taking turns and an asking Unknown Speaker", map[string]SpeakerStats{
			"Sam Keller":      {Turns: 12, Questions: 9, SmallTalk: 2, Words: 300},
			"Jane Doe":        {Turns: 8, Questions: 5, SmallTalk: 1, Words: 150},
			"Unknown Speaker": {Turns: 2, Questions: 2, Words: 30},
			"Bob Marsh":       {Turns: 22, Questions: 1, SmallTalk: 3, Words: 2500},
		}, nil, map[string]bool{"Sam Keller": true, "Jane Doe": true, "Unknown Speaker": true}},
		{"small talk does not dilute the asking", map[string]SpeakerStats{
			"Interviewer A": {Turns: 20, Questions: 6, SmallTalk: 12, Words: 200},
			"Pat":           {Turns: 20, Questions: 1, Words: 2000},
		}, nil, map[string]bool{"Interviewer A": true}},
		{"a declared interviewer and an undeclared asker", map[string]SpeakerStats{
			"Interviewer 1":   {Turns: 30, Questions: 20, Words: 900},
			"Unknown Speaker": {Turns: 3, Questions: 2, Words: 40},
			"Interviewee":     {Turns: 30, Questions: 3, Words: 5000},
		}, map[string]string{"Interviewer 1": "interviewer", "Interviewee": "participant"},
			map[string]bool{"Interviewer 1": true, "Unknown Speaker": true}},
		{"when nobody mostly asks, the one who asks most and speaks least (as before)", map[string]SpeakerStats{
			"Project Manager": {Turns: 40, Questions: 15, Words: 3000},
			"Marketing":       {Turns: 30, Questions: 5, Words: 2500},
			"User Interface":  {Turns: 30, Questions: 4, Words: 2600},
		}, nil, map[string]bool{"Project Manager": true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, DetectInterviewers(tc.stats, tc.declared)); diff != "" {
				t.Errorf("DetectInterviewers (-want +got):\n%s", diff)
			}
		})
	}
}
