package persona

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Restarts and repairs: the places where a speaker broke off what they
// were saying and started again — a word stammered ("we, we", "the the
// the"), a subject restarted after its verb ("I was I the reason…", "we
// were we"), a subject pronoun running straight into a determiner ("I
// the reason", "we the data", which no English clause does), a word the
// transcriber capitalised in mid-sentence because the speaker began anew
// ("the actu The logistics", "to Uh The An"), and words cut off (a lone
// letter, a word ending in a hyphen). One repair in a sentence is how
// people talk ("You know, we, we had to send this to our server."); two
// make a sentence nobody would put on a slide or quote to a colleague
// ("I was I the reason I made my mistake was"). The signals are English
// grammar (nominative pronouns, auxiliaries, determiners), not phrases of
// one data set.

// nominative are the subject pronouns a restart repeats or leaves
// dangling ("you" and "it" are objects too: "give you the data").
var nominative = wordSet(`i we they he she`)

// restartAux are the words a restarted subject gets through before
// starting again: auxiliaries, the copula, modals, negation.
var restartAux = wordSet(`am is are was were be been have has had do does did don't didn't doesn't can can't could
couldn't will won't would wouldn't should shall might may must not just i'm we're they're he's she's i've we've they've
i'd we'd they'd i'll we'll they'll`)

// determiners never follow a subject pronoun directly.
var determiners = wordSet(`the a an my our your their his its this these those`)

// clauseOpeners may stand before a subject whose clause is followed by
// another ("if you do you get…", "whatever I do I…", "the way I was I…"
// is left alone).
var clauseOpeners = wordSet(`if when whenever what whatever how as because cause since than where wherever while
whilst unless until before after once that which who way so though although`)

// restartCaps are closed-class words a transcriber capitalises in
// mid-sentence where the speaker started again ("The It's not so much the
// actu The logistics…"). A proper noun or a title is never one of them.
var restartCaps = wordSet(`the an it it's its we we're we've they they're he she so and but or this that there
there's what well uh um is are was do does did in on of to for with my our your their if you`)

// Repairs counts the places where a speaker restarted or repaired a
// sentence (see above). speech is false for written answers, where a
// capital letter in mid-sentence is a writer's choice, not a restart.
func Repairs(text string, speech bool) int {
	fields := strings.Fields(text)
	n := cutOffWords(text)
	type word struct {
		raw, low  string
		boundary  bool // sentence punctuation, a dash or a quotation mark before it
		afterStop bool // any punctuation before it
	}
	ws := make([]word, 0, len(fields))
	prevEnd := true
	prevPunct := true
	for _, f := range fields {
		core := strings.Trim(f, "\"'“”‘’()[],.;:!?…—–-*")
		if core == "" {
			prevEnd = prevEnd || strings.ContainsAny(f, ".?!:;\"“”—–-")
			prevPunct = true
			continue
		}
		open := strings.ContainsAny(f[:strings.Index(f, core[:1])], "\"“‘'([")
		ws = append(ws, word{raw: core, low: strings.ToLower(strings.ReplaceAll(core, "’", "'")),
			boundary: prevEnd || open, afterStop: prevPunct || open})
		last, _ := utf8.DecodeLastRuneInString(f)
		prevEnd = strings.ContainsRune(".?!:;\"”—–", last) || strings.HasSuffix(f, "-") && len(f) > 1
		prevPunct = prevEnd || strings.ContainsRune(",)]", last)
	}
	counted := -1 // where the last repair was counted
	for i := 1; i < len(ws); i++ {
		w, prev := ws[i], ws[i-1]
		before := n
		switch {
		case w.boundary:
			continue
		case w.low == prev.low && !repeatable[w.low] && !fillerWords[w.low] && !particleRepeat(ws[max(0, i-2)].low, w.low, i) && (i < 2 || ws[i-2].low != w.low || ws[i-1].boundary):
			n++ // a stammer: one repair per run ("the the the")
		case speech && closedClass(prev.low) && capitalisedRestart(w.raw, w.low, i+1 < len(ws) && !ws[i+1].boundary && startsUpper(ws[i+1].raw) && ws[i+1].low != "i"):
			n++ // "to Uh The An", "The It's not so much"
		}
		if nominative[prev.low] && determiners[w.low] && !w.afterStop {
			n++ // "I the reason"
		}
		if base, _, ok := strings.Cut(prev.low, "'"); ok && nominative[w.low] && base == w.low && !w.afterStop && restartAux[prev.low] {
			n++ // "I'm I", "we're we"
		}
		if base, _, ok := strings.Cut(w.low, "'"); ok && nominative[prev.low] && base == prev.low && !w.boundary && restartAux[w.low] {
			n++ // "I I'm", "we we're"
		}
		if i >= 3 && w.low == ws[i-2].low && prev.low == ws[i-3].low && w.low != prev.low && !ws[i-2].boundary &&
			!fillerWords[w.low] && !fillerWords[prev.low] && counted != i-1 {
			n++ // a phrase said again at once: "I prefer, I prefer"
		}
		if nominative[w.low] && !w.afterStop && i >= 1 {
			// "I was I…": the same subject again after only auxiliaries.
			for j := i - 2; j >= max(0, i-3); j-- {
				if ws[j].low != w.low {
					if !restartAux[ws[j].low] {
						break
					}
					continue
				}
				between := true
				for k := j + 1; k < i; k++ {
					between = between && restartAux[ws[k].low] && !ws[k].afterStop
				}
				if between && (j == 0 || !clauseOpeners[ws[j-1].low] || ws[j].boundary) {
					n++
				}
				break
			}
		}
		if (w.low == "it" || w.low == "you") && !w.boundary {
			// "It, the, it will always depend…": a sentence begun on "it"
			// or "you", broken off at once and begun again. "It works, it
			// really does" goes on before its comma; an object "it" never
			// opens the sentence.
			for j := i - 1; j >= max(0, i-3); j-- {
				if ws[j].low == w.low {
					if ws[j].boundary && ws[j+1].afterStop && j+1 < i {
						n++
					}
					break
				}
			}
		}
		if n > before {
			counted = i
		}
	}
	return n
}

// closedClass reports a function word or filler: what a speaker leaves
// hanging when they start again with a capital ("I wanted to Uh The").
// After a noun or an adjective a capital is more often a writer who does
// not punctuate ("Polar plot The plots are fine").
func closedClass(w string) bool {
	return restartCaps[w] || restartAux[w] || determiners[w] || nominative[w] || fillerWords[w] || clauseOpeners[w] ||
		moreClosed[w]
}

var moreClosed = wordSet(`a you me us them at by from as about like just into onto than`)

// capitalisedRestart reports a closed-class word written with a capital
// in mid-sentence, not opening a run of capitalised words (a title: "We
// read The Lean Startup").
func capitalisedRestart(raw, low string, nextUpper bool) bool {
	if !restartCaps[low] || !startsUpper(raw) || nextUpper {
		return false
	}
	rest := raw[1:]
	return rest == "" || strings.ToLower(rest) == rest // "IT", "OR" are words of their own
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// particles are the adverbs of phrasal verbs, which a preposition of the
// same form may follow: "work is going on on an all-Wales basis".
var particles = wordSet(`on in up out off over down through`)

// particleVerbs are common verbs of such phrasal verbs in their plain
// forms; an -ing or -ed form is judged by its ending.
var particleVerbs = wordSet(`go goes went gone come comes came carry carries get gets got take takes took put puts
log logs sign signs pick picks keep keeps kept hold holds held move moves`)

// particleRepeat reports a particle said twice in a row after its verb
// ("going on on", "carried on on"): a phrasal verb and a preposition, no
// stammer. verb is the word before the first of them (at index i-2).
func particleRepeat(verb, w string, i int) bool {
	if i < 2 || !particles[w] {
		return false
	}
	return particleVerbs[verb] || len(verb) > 4 && (strings.HasSuffix(verb, "ing") || strings.HasSuffix(verb, "ed"))
}
