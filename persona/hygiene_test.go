package persona

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIsSmallTalk(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Thanks!", true},
		{"My pleasure :)", true},
		{"Mm-hmm.", true},
		{"Okay, got it.", true},
		{"Yeah, that makes sense.", true},
		{"Oh I see I see.", true},
		{"Thank you so much for your time today.", true},
		{"Nice to meet you, Sam.", true},
		{":)", true},
		{"Too expensive.", false},
		{"No, the price was the problem.", false},
		{"Thanks to the new tool we close the books in two days.", false},
		{"Sorry, I meant the migration took six months.", false},
	}
	for _, tc := range tests {
		if got := IsSmallTalk(tc.text); got != tc.want {
			t.Errorf("IsSmallTalk(%q) = %v; want %v", tc.text, got, tc.want)
		}
	}
}

func TestIsYouQuestion(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Would you ever need something like that?", true},
		{"Have you tried Notion?", true},
		{"So what tools do you use to track it?", true},
		{"Can you tell me a bit about your role.", true},
		{"Walk me through the last time that happened.", true},
		{"Um, have you ever measured the quality of your data and or tried to", true},
		{"Are your analysts in the same team?", true},
		{"Why would anyone pay that much?", false},
		{"If you're in finance you need the audit trail, right?", false},
		{"Does that answer your question?", true}, // never a quote, though it is no interviewing
		{"What you need is a tool that just works.", false},
		{"You can export it to Excel.", false},
	}
	for _, tc := range tests {
		if got := IsYouQuestion(tc.text); got != tc.want {
			t.Errorf("IsYouQuestion(%q) = %v; want %v", tc.text, got, tc.want)
		}
	}
}

func TestAsks(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Hi! We're working on a class project about invoicing and would love to hear how you do it.", true},
		{"Great. And what happened after that?", true},
		{"Tell me about the last time the numbers were wrong.", true},
		{"So what did you do next? Okay.", true},
		{"Does that answer your question? We moved everything to the cloud.", false},
		{"We moved to the cloud, right? It was cheaper.", false},
		{"Cool. I'd love to hear about how your team closes the month.", true},
		{"Great, thanks. Let's move on to pricing.", true},
		{"It took us six months to migrate.", false},
	}
	for _, tc := range tests {
		if got := Asks(tc.text); got != tc.want {
			t.Errorf("Asks(%q) = %v; want %v", tc.text, got, tc.want)
		}
	}
}

// TestExtractQuotesHygiene cuts real-layout snippets (the examples,
// Otter and meeting transcripts) into quotes.
func TestExtractQuotesHygiene(t *testing.T) {
	type q struct{ Text, Question string }
	tests := []struct {
		name    string
		speech  Speech
		want    []q
		carried string // the question the next speech inherits
	}{
		{"small talk alone is no quote",
			Speech{Text: "Thanks! My pleasure :)", Spoken: true}, nil, ""},
		{"acknowledgements trimmed from the ends",
			Speech{Text: "Yeah. Okay. We export everything to Excel on Fridays. Mm-hmm.", Question: "Q?", Spoken: true},
			[]q{{"We export everything to Excel on Fridays.", "Q?"}}, ""},
		{"a second-person question is the question of what follows",
			Speech{Text: "Would you ever need something like that? I think our finance team would love it.", Question: "Q?", Spoken: true},
			[]q{{"I think our finance team would love it.", "Would you ever need something like that?"}}, ""},
		{"a speech ending on a question carries it",
			Speech{Text: "We use Jira for everything at the moment. Do you use it too?", Question: "Q?", Spoken: true},
			[]q{{"We use Jira for everything at the moment.", "Q?"}}, "Do you use it too?"},
		{"broken-off end trimmed",
			Speech{Text: "I try to look at the app instead of checking what you're checking and just get off. I", Spoken: true},
			[]q{{"I try to look at the app instead of checking what you're checking and just get off.", ""}}, ""},
		{"a continued sentence is not started mid-way",
			Speech{Text: "on the app for an hour. So we built our own dashboard in the end.", Spoken: true, Continues: true},
			[]q{{"So we built our own dashboard in the end.", ""}}, ""},
		{"a lower-case piece joins the sentence before",
			Speech{Text: "The integration broke twice last month. and nobody from support called us back.", Spoken: true},
			[]q{{"The integration broke twice last month. and nobody from support called us back.", ""}}, ""},
		{"fragments join a neighbour",
			Speech{Text: "Price. It was far more than we had budgeted for. Honestly too much.", Spoken: true},
			[]q{{"Price. It was far more than we had budgeted for. Honestly too much.", ""}}, ""},
		{"a short spoken answer is no quote",
			Speech{Text: "Not really.", Spoken: true}, nil, ""},
		{"a short written answer is",
			Speech{Text: "Too expensive."}, []q{{"Too expensive.", ""}}, ""},
		{"a written answer in lower case without a full stop is kept whole",
			Speech{Text: "too expensive for what it does"}, []q{{"too expensive for what it does", ""}}, ""},
		{"a short written answer without a full stop too",
			Speech{Text: "too pricey"}, []q{{"too pricey", ""}}, ""},
		{"a non-answer is not",
			Speech{Text: "N/A"}, nil, ""},
		{"a word cut off at the end is trimmed",
			Speech{Text: "That's the thing I'm really curious ab", Spoken: true},
			[]q{{"That's the thing I'm really curious", ""}}, ""},
		{"a long unfinished sentence is kept and reports BrokenOff",
			Speech{Text: "We were using spreadsheets for all of the reporting and then the", Spoken: true},
			[]q{{"We were using spreadsheets for all of the reporting and then the", ""}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			quotes, carried := cutSpeech(tc.speech, fakeLang{}.Segment(tc.speech.Text))
			var got []q
			for _, x := range quotes {
				if tc.speech.Text[x.Start:x.End] != x.Text {
					t.Errorf("quote %q is not the text at [%d,%d)", x.Text, x.Start, x.End)
				}
				got = append(got, q{x.Text, x.Question})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
			if carried != tc.carried {
				t.Errorf("carried question %q; want %q", carried, tc.carried)
			}
		})
	}
}

func TestBrokenOff(t *testing.T) {
	for text, want := range map[string]bool{"It broke.": false, "Did it break?": false, `He said "no."`: false, "and then the": true} {
		if got := (Quote{Text: text}).BrokenOff(); got != want {
			t.Errorf("BrokenOff(%q) = %v; want %v", text, got, want)
		}
	}
}

// TestExtractQuotesCarriesQuestionToNextSpeaker: a question one buyer puts
// to another is the question of the answer in the next turn.
func TestExtractQuotesCarriesQuestionToNextSpeaker(t *testing.T) {
	got := ExtractQuotes(fakeLang{}, []Speech{
		{Turn: 3, Text: "Do you think the funding is enough for the schools?", Question: "Chair?", Spoken: true},
		{Turn: 4, Text: "No. The schools in the north are short of money every year.", Question: "Chair?", Spoken: true},
		{Turn: 6, Text: "The budget was set three years ago and never changed.", Question: "Chair?", Spoken: true},
	})
	want := []string{"Do you think the funding is enough for the schools?", "Chair?"}
	if len(got) != 2 || got[0].Question != want[0] || got[1].Question != want[1] {
		t.Fatalf("got %+v; want two quotes answering %q", got, want)
	}
}
