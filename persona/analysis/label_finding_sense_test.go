package analysis

import (
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestFindingSupported checks the two senses a word list cannot tell: a
// recorded meeting's logistics and a trouble word meant otherwise; and
// that real findings pass.
func TestFindingSupported(t *testing.T) {
	quotes := func(kind persona.Kind, texts ...string) []*persona.Quote {
		var out []*persona.Quote
		for _, s := range texts {
			out = append(out, &persona.Quote{Text: s, Kind: kind, Tokens: nlp.Shared().Tag(s)})
		}
		return out
	}
	tests := []struct {
		phrase string
		qs     []*persona.Quote
		want   bool
	}{
		{"missed meeting", quotes(persona.KindTranscript, "She missed the meeting on Monday.", "The meeting was moved.", "He missed it too."), false},
		{"missed meeting", quotes(persona.KindSurvey, "We missed the meeting with the vendor.", "The meeting was moved.", "They missed it."), true},
		{"missed forecast", quotes(persona.KindTranscript, "We missed the forecast twice.", "The forecast was wrong.", "We missed it again."), true},
		{"low accuracy", quotes(persona.KindTranscript, "The accuracy is too low.", "Low accuracy hurt us.", "We had low accuracy again.", "High accuracy is rare."), true},
		{"temperature pressure", quotes(persona.KindTranscript, "Temperature, pressure and humidity.", "The pressure reading is here.", "Pressure and wind speed."), false},
		{"time pressure", quotes(persona.KindTranscript, "The time pressure is too much.", "There is no slack, the pressure is terrible.", "Pressure again."), true},
		{"data quality issues", quotes(persona.KindTranscript, "We have data quality issues.", "Issues with quality."), true},
	}
	for _, tt := range tests {
		if got := findingSupported(strings.Fields(tt.phrase), tt.qs); got != tt.want {
			t.Errorf("findingSupported(%q, %d quotes of kind %v) = %v, want %v", tt.phrase, len(tt.qs), tt.qs[0].Kind, got, tt.want)
		}
	}
}

// TestTheConversation: in a transcript the recorded meeting is no label
// ("missed meeting", "meeting"); a kind of meeting or call is a subject.
func TestTheConversation(t *testing.T) {
	tok := func(w, tag string) labelToken {
		return labelToken{key: normWord(w), surface: w, tag: tag, adj: strings.HasPrefix(tag, "JJ")}
	}
	for _, tt := range []struct {
		ws   []labelToken
		want bool
	}{
		{[]labelToken{tok("missed", "VBD"), tok("meeting", "NN")}, true},
		{[]labelToken{tok("next", "JJ"), tok("meeting", "NN")}, true},
		{[]labelToken{tok("meeting", "NN")}, true},
		{[]labelToken{tok("board", "NN"), tok("meeting", "NN")}, false},
		{[]labelToken{tok("call", "NN"), tok("notes", "NNS")}, false},
		{[]labelToken{tok("remote", "JJ"), tok("control", "NN")}, false},
	} {
		if got := theConversation(tt.ws); got != tt.want {
			t.Errorf("theConversation(%v) = %v, want %v", tt.ws, got, tt.want)
		}
	}
}

// TestSaysNegatedAsLack: a quote bears out a negated finding only when it
// says it as the lack or failing (the way appendNegated finds it), not
// when "no" names an option or a category beside the same noun.
func TestSaysNegatedAsLack(t *testing.T) {
	phraseOf := func(text, surface string) []labelToken {
		toks := nlp.Shared().Tag(text)
		for _, p := range nounPhrases(toks) {
			if p.surface == surface {
				return phraseWords(p, toks)
			}
		}
		t.Fatalf("nounPhrases(%q) holds no %q", text, surface)
		return nil
	}
	noEvents := phraseOf("Because there are no events here.", "no events")
	cantExport := phraseOf("We can't export the data.", "can't export data")
	tests := []struct {
		ws   []labelToken
		text string
		want bool
	}{
		{noEvents, "Oh, there are no events in this window.", true},
		{noEvents, "We had no events at all last month.", true},
		{noEvents, "Oh, no events now.", true},                             // a lack said without a verb
		{noEvents, "I will select no events for the City of Cork.", false}, // an option
		{noEvents, "So what if I select no events in Dublin?", false},
		{noEvents, "Okay so no events or data available.", true},
		{phraseOf("We have no admin.", "no admin"), "Setup. No ops person, no admin.", true},
		{noEvents, "Now compare the high probability with the no events.", false},
		{cantExport, "Honestly we cannot export the data anywhere.", true},
		{phraseOf("They couldn't contact me.", "couldn't contact"), "We couldn't contact the surgery at all.", true}, // said with more words
		{cantExport, "Export the data, I can't say more.", false},
	}
	for _, tt := range tests {
		if got := saysPhrase(nlp.Shared().Tag(tt.text), tt.ws); got != tt.want {
			t.Errorf("saysPhrase(%q, %q) = %v, want %v", tt.text, tt.ws[0].surface+"…", got, tt.want)
		}
	}
}
