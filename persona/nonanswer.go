package persona

import (
	"strings"
	"unicode"
)

// IsNonAnswer reports whether an answer says only that there is nothing to
// say: "N/A", "None", "No", "Not sure", "Can't think of anything", "I don't
// think you could have done anything better", "Nothing to add at this time",
// "All good", "Everything was fine, thank you", "Did not answer".
//
// The rule is general, not a list of phrases. Every word of the answer must
// be a function word or hedge ("I", "could", "really", "think"), a negation
// ("not", "can't"), a plain verdict ("good", "fine"), a word restating the
// survey's question ("improve", "better", "add", "else"), or a word of
// nothing or not knowing ("nothing", "anything", "everything", "all",
// "none", "N/A", "sure", "idea", "comment"); and there must be a word of
// nothing, or at most two words with none of the others ("and", "thank
// you"). Any other word, or a number, is content: "Nothing works when I
// export" and "No way to export to Excel" are complaints and stay. A bare
// negation ("They shouldn't"), verdict ("Not good") or request ("More
// time", "More to do") answers the question and stays too.
func IsNonAnswer(text string) bool {
	ws := words(text)
	if len(ws) == 0 {
		return false
	}
	var nothing, negated, verdict, restated bool
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if j := strings.IndexByte(w, '\''); j > 0 && !functionWords[w] && strings.HasSuffix(w[:j], "n") && !strings.HasSuffix(w, "n't") {
			// A contraction missing its "t" ("don'think"): the negation
			// and the word after it.
			negated, ws[i] = true, w[j+1:]
			i--
			continue
		}
		switch {
		case strings.IndexFunc(w, unicode.IsDigit) >= 0:
			return false
		case w == "n" && i+1 < len(ws) && ws[i+1] == "a": // "N/A"
			nothing = true
			i++
		case nothingWords[w]:
			nothing = true
		case negationWords[w], strings.HasSuffix(w, "n't"):
			negated = true
		case verdictWords[w]:
			verdict = true
		case restatingWords[w]:
			restated = true
		case w == "time" && i > 0 && ws[i-1] == "this": // "at this time"
		case functionWords[w]:
		default:
			return false
		}
	}
	// One or two function words ("and", "thank you") say nothing either;
	// more of them can ("It will do too much for us"), and a bare negation
	// ("They shouldn't"), verdict ("Not good") or request ("More to do",
	// "Better") without a word of nothing is a stance.
	return nothing || len(ws) <= 2 && !negated && !verdict && !restated
}

// nothingWords say there is nothing (or everything) to say, or that the
// answerer does not know.
var nothingWords = wordSet(`no nope nah nothing nothin none nil na anything everything all
	know knew sure unsure idea dunno idk comment comments applicable answer answered respond responded response`)

// negationWords deny; alone they answer a yes-or-no question.
var negationWords = wordSet(`not never nobody neither nor cannot cant dont couldnt wouldnt wont didnt isnt shouldnt`)

// verdictWords are a bare verdict that restates "all is well".
var verdictWords = wordSet(`good fine ok okay well great perfect excellent brilliant happy satisfied`)

// restatingWords restate the question a survey asked ("How could we
// improve?", "Anything else?"); without a word of nothing they ask for more
// or for change ("More to do.").
var restatingWords = wordSet(`more further else other others add adding added say said mention suggest suggestion suggestions
	improve improved improving improvement improvements better change changes changed changing differently different
	need needed needs wish want`)

// functionWords are function words and hedges.
var functionWords = wordSet(`i i'm i've i'd i'll me my myself you you're your we we're our us they them their it it's its
	that that's this these those there there's here what which who
	is was were be been being am are have has had having do does did done doing can could would should will shall may
	might must to of at a the an and or but so as for with in on about from by if than then because
	any anymore really just much very too quite also
	moment present now currently point stage far yet today
	think thought guess suppose honestly personally particular particularly specific specifically certain
	thank thanks cheers question questions again like thing things single`)

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
