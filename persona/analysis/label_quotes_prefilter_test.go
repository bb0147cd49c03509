package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// saysNothingByPatterns is saysNothing without its quick checks: the
// regular expressions alone decide.
func saysNothingByPatterns(text string) bool {
	norm := strings.Join(splitWords(strings.ToLower(strings.ReplaceAll(text, "'", " "))), " ")
	norm = strings.ReplaceAll(norm, "’", " ")
	if nilWhole.MatchString(norm) {
		return true
	}
	return len(strings.Fields(norm)) <= 20 && nilPhrase.MatchString(norm) && !nilTurn.MatchString(norm)
}

// TestSaysNothingQuickChecks checks that the substring checks in front of
// saysNothing's patterns never change its answer: on nil answers of every
// form the patterns know, near misses, and the labelled sentences.
func TestSaysNothingQuickChecks(t *testing.T) {
	texts := []string{
		"None", "none really", "Nothing.", "Nil", "Nope", "No", "N/A", "n a", "Not applicable", "No comment",
		"No comments so far", "Zero complaints", "zero issues at the moment", "Nothing at all", "Nothing to add",
		"nothing to complain about", "Not really", "Nothing comes to mind", "None yet that I can think of",
		"Nothing bad to say.", "There is nothing wrong with it.", "I can't think of anything.",
		"I couldn't think of a single thing", "I cannot think of any", "can t think of a single one", "I don't know if there is anything bad I can say about this yet.",
		"Something negative to say? No.", "No cons so far.", "We have no complaints.", "I have no dislikes",
		"I haven't found any issues with it.", "We never had a single problem", "Never experienced any negatives",
		"Honestly nothing so far", "It's fine, nothing really", "No complaints, but the pricing is confusing.",
		"Nothing beats the price of reserved instances for batch jobs.", "The pricing is confusing.",
		"Znothing", "nothings", "", "   ", "’", "Don’t have any cons", "do not have any complaint",
	}
	texts = append(texts, readRingEval(t)...)
	for _, text := range texts {
		if got, want := saysNothing(text), saysNothingByPatterns(text); got != want {
			t.Errorf("saysNothing(%q) = %v, the patterns alone say %v", text, got, want)
		}
	}
}

// TestQuickChecksKeepAnswers checks that the cheap checks in front of
// fillerWord's and codedValues' regular expressions never change their
// answer: the patterns alone decide the same on hums, words and cells.
func TestQuickChecksKeepAnswers(t *testing.T) {
	words := []string{"mm", "mmmm", "hmm", "mm-hmm", "mhm", "uh-huh", "uhuh", "um", "uh", "er", "erm", "ah", "oh",
		"haha", "hahaha", "ha", "ohm", "harm", "more", "home", "", "-", "m-", "Mm", "MMM", "umm", "uhh", "ahh", "ooh",
		"éh", "mé", "hm'", "reach", "aaah", "eh", "hehe", "rum"}
	for _, w := range words {
		if got, want := fillerWord(w), fillerWords[w] || fillerPattern.MatchString(w); got != want {
			t.Errorf("fillerWord(%q) = %v, the pattern alone says %v", w, got, want)
		}
	}
	cells := []string{"food:positive|service:negative", "food:positive", " a:b ", "a: b", "no colon here",
		"x|y", "price:high|", ":", "a:b|c", "a:b|c:d|e:f1", "", "|", "time:12:30", "a:b\n", "Note:this"}
	cells = append(cells, readRingEval(t)...)
	for _, text := range cells {
		if got, want := codedValues(text), codedValuesByPattern(text); got != want {
			t.Errorf("codedValues(%q) = %v, the pattern alone says %v", text, got, want)
		}
	}
}

// codedValuesByPattern is codedValues without its check for a colon.
func codedValuesByPattern(text string) bool {
	text = strings.TrimSpace(text)
	if text == "" || strings.Contains(text, ": ") {
		return false
	}
	for _, p := range strings.Split(text, "|") {
		if !codedPart.MatchString(strings.TrimSpace(p)) {
			return false
		}
	}
	return true
}

// TestEachWordIsSplitWords checks that eachWord yields exactly the words
// of splitWords, in order, on awkward punctuation and the labelled sentences.
func TestEachWordIsSplitWords(t *testing.T) {
	texts := []string{"", " ", "'", "''a''", "don't", "Don’t", "can't", "n't", "isn't it", "rock'n'roll", "it's", "’s",
		"a--b", "hello, world!", "A/B", "déjà vu", "ÀÉÎ", "x\xffy", "N/A", "12:30pm", "e-mail", "o'clock's",
		"İstanbul", "Kelvin \u212A", "tab\tsep\nline"}
	texts = append(texts, readRingEval(t)...)
	for _, text := range texts {
		var got []string
		eachWord(text, func(w string) { got = append(got, w) })
		if want := splitWords(text); !slices.Equal(got, want) {
			t.Errorf("eachWord(%q) = %q, splitWords gives %q", text, got, want)
		}
	}
}

// TestTokenTagsAgree checks that a word's tag and name flag are the same
// whether found by a scan (short quotes) or in maps (long ones): the last
// token spelled so gives the tag, any token tagged a name flags it.
func TestTokenTagsAgree(t *testing.T) {
	short := []persona.Token{{Text: "New", Tag: "NNP"}, {Text: "York", Tag: "NNP"}, {Text: "times", Tag: "NNS"},
		{Text: "three", Tag: "CD"}, {Text: "times", Tag: "NNP"}, {Text: "Times", Tag: "NNP"}, {Text: "fast", Tag: "JJ"},
		{Text: "fast", Tag: "RB"}}
	long := slices.Repeat(short, scanTokens/len(short)+1)
	for _, toks := range [][]persona.Token{short, long, long[:scanTokens], long[:scanTokens+1]} {
		tags := &tokenTags{toks: toks}
		for _, w := range []string{"New", "York", "times", "Times", "three", "fast", "absent", ""} {
			gotTag, gotProper := tags.of(w)
			wantTag, wantProper := wordTag(toks, w)
			if gotTag != wantTag || gotProper != wantProper {
				t.Errorf("%d tokens: tags.of(%q) = %q, %v; a scan gives %q, %v", len(toks), w, gotTag, gotProper, wantTag, wantProper)
			}
		}
	}
}
