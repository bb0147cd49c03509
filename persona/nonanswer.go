package persona

import (
	"strings"
	"unicode"
)

// IsNonAnswer reports whether an answer says only that there is nothing to
// say: "N/A", "None", "No", "Not sure", "Can't think of anything", "I don't
// think you could have done anything better", "Nothing to add at this time",
// "All good", "Everything was fine, thank you".
//
// The rule is general, not a list of phrases: take away the function words,
// negations ("no", "not", "can't"), hedges ("think", "sure", "really",
// "honestly"), the words that only restate a survey's question ("improve",
// "better", "change", "add", "comment", "suggestion") and the quantifiers
// of nothing and everything ("nothing", "anything", "everything", "all").
// An answer is a non-answer when no word is left but the plain verdicts
// "good", "fine", "ok", and those count only beside a quantifier or a
// negation ("All good" is a non-answer, "Good." alone is not). Any other
// word, or any number, is content: "Nothing works when I export" and "No
// way to export to Excel" are complaints and stay.
func IsNonAnswer(text string) bool {
	ws := words(text)
	if len(ws) == 0 {
		return false
	}
	quantified, verdict := false, false
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if j := strings.IndexByte(w, '\''); j > 0 && !emptyWords[w] && strings.HasSuffix(w[:j], "n") && !strings.HasSuffix(w, "n't") {
			// A contraction missing its "t" ("don'think"): the negation
			// and the word after it.
			quantified, ws[i] = true, w[j+1:]
			i--
			continue
		}
		switch {
		case strings.IndexFunc(w, unicode.IsDigit) >= 0:
			return false
		case nothingWords[w], strings.HasSuffix(w, "n't"):
			quantified = true
		case verdictWords[w]:
			verdict = true
		case emptyWords[w]:
		default:
			return false
		}
	}
	return quantified || !verdict
}

// nothingWords say nothing, anything or everything, or deny.
var nothingWords = wordSet(`no not nothing none nil nope nah na n a anything everything all never nobody neither nor
	nothin cannot cant dont couldnt wouldnt wont didnt isnt nothings`)

// verdictWords are a bare verdict that restates "all is well".
var verdictWords = wordSet(`good fine ok okay well great perfect excellent brilliant happy satisfied`)

// emptyWords are function words, hedges and the words that only restate
// the question a survey asked ("How could we improve?", "Anything else?").
var emptyWords = wordSet(`i i'm i've i'd i'll me my myself you you're your we we're our us they them their it it's its
	that that's this these those there there's here what which who
	is was were be been being am are have has had having do does did done doing can could would should will shall may
	might must to of at the an and or but so as for with in on about from by if than then because
	any anymore really just else more much other others further very too quite also at all
	time moment present now currently point stage far yet today
	think thought know knew sure idea guess suppose honestly personally particular particularly specific specifically
	unsure certain unknown dunno idk
	thank thanks cheers
	comment comments add adding added say said mention suggest suggestion suggestions applicable
	improve improved improving improvement improvements better change changes changed changing differently different
	need needed needs needs wish want answer question questions
	again like thing things single`)

// NonAnswers counts the answers of a survey import that say there is
// nothing to say (IsNonAnswer): they give no quote, so they form no theme
// and are quoted nowhere, but a researcher wants to know how many there
// were. It is 0 for anything but a survey.
func NonAnswers(imp *Import) int {
	if imp.Source.Kind != KindSurvey {
		return 0
	}
	n := 0
	for _, t := range imp.Turns {
		if IsNonAnswer(t.Text) {
			n++
		}
	}
	return n
}
