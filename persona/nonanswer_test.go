package persona

import "testing"

func TestIsNonAnswer(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		// Answers that say there is nothing to say.
		{"Nothing", true},
		{"No", true},
		{"N/A", true},
		{"None.", true},
		{"Not sure", true},
		{"No comment", true},
		{"Can't think of anything", true},
		{"I don't think you could have done anything better", true},
		{"I don'think there is anything", true}, // "don'think" as an NHS answer spells it
		{"Nothing at this time.", true},
		{"and", true}, // an empty checklist's joiner
		{"Nothing to add", true},
		{"Nothing to add at this time.", true},
		{"All good", true},
		{"Everything was fine, thank you.", true},
		{"Nothing really, I can't think of a single thing.", true},
		{"Wouldn't change anything", true},
		{"No improvements needed", true},
		{"I don't know", true},
		{"none so far", true},
		{"Did not answer", true}, // the NHS export's placeholder
		// Complaints, praise and anything with content stay.
		{"Nothing works when I export", false},
		{"No way to export to Excel", false},
		{"Not enough staff on the ward", false},
		{"Nothing, the nurses were lovely", false},
		{"Too expensive.", false},
		{"Good.", false},
		{"Better parking", false},
		{"Waiting time", false},
		{"Nothing over 5 minutes", false},
		{"No support for SSO", false},
		{"", false},
		// A bare negation, verdict or request is a stance, not a non-answer.
		{"They shouldn't", false},
		{"I dont think it is a good thing", false},
		{"I don'think    I could have ", false},
		{"More time", false},
		{"More to do.", false},
		{"Not good", false},
		{"It will do too much for us", false},
		{"Is what it is", false},
	}
	for _, tc := range tests {
		if got := IsNonAnswer(tc.text); got != tc.want {
			t.Errorf("IsNonAnswer(%q) = %v; want %v", tc.text, got, tc.want)
		}
	}
}

// TestCutSpeechSetsNonAnswersAside: a written answer that is a non-answer
// gives no quote; one whose words carry a complaint does; speech is judged
// only by the short list of spoken non-answers.
func TestCutSpeechSetsNonAnswersAside(t *testing.T) {
	tests := []struct {
		text   string
		spoken bool
		quote  bool
	}{
		{"Can't think of anything. Everything was fine.", false, false},
		{"No. I don't think you could have done anything better.", false, false},
		{"Nothing works when I export.", false, true},
		{"No way to export to Excel.", false, true},
		// In speech "know", "all" and "idea" carry content.
		{"That's a good idea.", true, true},
		{"We know we need to do better.", true, true},
		{"I don't know", true, false},
	}
	for _, tc := range tests {
		quotes, _ := cutSpeech(Speech{Text: tc.text, Spoken: tc.spoken}, fakeLang{}.Segment(tc.text))
		if got := len(quotes) > 0; got != tc.quote {
			t.Errorf("%q gives a quote: %v; want %v", tc.text, got, tc.quote)
		}
	}
}

func TestNonAnswers(t *testing.T) {
	turns := []Turn{{Text: "Nothing to add"}, {Text: "N/A"}, {Text: "No way to export to Excel"}, {Text: "Too slow"}}
	tests := []struct {
		kind Kind
		want int
	}{
		{KindSurvey, 2},
		{KindTranscript, 0},
	}
	for _, tc := range tests {
		imp := &Import{Source: Source{Kind: tc.kind}, Turns: turns}
		if got := NonAnswers(imp); got != tc.want {
			t.Errorf("NonAnswers(%s) = %d; want %d", tc.kind, got, tc.want)
		}
	}
}
