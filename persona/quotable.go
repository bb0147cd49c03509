package persona

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quotability: whether a quote may be SHOWN as a theme's or a persona's
// representative — a theme's headline, the top quotes of theme and persona
// pages, the quotes of an objection answer and of its "what they value
// instead" panel. It is separate from which quotes the analysis uses: a
// courtesy or a broken-off sentence stays in the grouping (dropping it
// moves personas, see docs/READING.md) but never leads.
//
// A quotable quote is a whole sentence (not ending on a comma, an article,
// a conjunction or a contracted auxiliary, nor a subordinate clause with
// no main clause: "Although we had our separate tasks,"), not a run of
// broken words, restarts and fillers ("It's a bi i it's like a g it's a
// gadget, it's a", "So like, yeah, I see it as a big point and big
// point."), names something (a noun, adjective or number — "You like it,
// you want to use it." names nothing without its context), is no courtesy
// or talk about the talk ("I hope you guys thank you so much.", "That's a
// good question."), no formal meeting's procedure ("Item 3, then, is
// papers to note.", meeting_procedure.go), no talk about the session's own
// work ("For next meeting send me your presentation.", session_talk.go) and is not the interviewer's part (a question, a
// prompt, an introduction). The tests use the stored part-of-speech tags
// and the small word sets the quote hygiene already has, not phrases of
// one data set.

// Why a quote is not shown as a representative.
const (
	UnquotableFragment  = "fragment"
	UnquotableDisfluent = "disfluent"
	UnquotableEmpty     = "names nothing"
	UnquotableCourtesy  = "courtesy"
	UnquotableAsked     = "interviewer's part"
	UnquotableProcedure = "meeting procedure"
	UnquotableSession   = "session talk"
)

// WhyUnquotable is "" for a quote that may be shown as a representative,
// else the reason. It reads q.Tokens (the stored tags): a caller holding
// a quote loaded without them tags q.Text first. A pinned quote is the
// researcher's choice and is not judged here.
func WhyUnquotable(q Quote) string {
	// A courtesy is often a fragment or names nothing too: say which.
	why := UnquotableTalk(q)
	if why == UnquotableSession {
		// Session talk cut off is said to be a fragment, as before.
		if form := UnquotableForm(q); form != "" {
			return form
		}
	}
	if why != "" {
		return why
	}
	return UnquotableForm(q)
}

// UnquotableForm is the part of WhyUnquotable that reads only the words
// and tags (no patterns): fragments, disfluent runs, quotes that name
// nothing. It is cheap enough for every quote of a large study.
func UnquotableForm(q Quote) string {
	ws := words(q.Text)
	// The grammar tests are English ones: speech in another script is
	// judged as a written answer is (whole, not broken off).
	speech := q.Kind == KindTranscript && latinScript(q.Text)
	switch {
	case len(ws) == 0 || fragment(q.Text, ws, q.Tokens, speech) || transcriptGap(q.Text):
		return UnquotableFragment
	case disfluent(q.Text, ws, speech):
		return UnquotableDisfluent
	case speech && !namesSomething(q.Tokens):
		// A written answer is read with its question on the form.
		return UnquotableEmpty
	}
	return ""
}

// UnquotableTalk is the part of WhyUnquotable that uses the procedure and
// question patterns: courtesies, talk about the talk and, in speech, the
// interviewer's part. Callers ranking many quotes check it only for the
// ones that would be shown.
func UnquotableTalk(q Quote) string { return unquotableTalk(q, false) }

// UnquotableTalkNotProcedure is UnquotableTalk for a quote the caller has
// already found to be neither a formal meeting's procedure nor the chair
// running it (IsMeetingProcedure and IsChairing false on its text, as the
// analysis works out once per quote for its labels): it skips those
// patterns, the costliest of the talk checks.
func UnquotableTalkNotProcedure(q Quote) string { return unquotableTalk(q, true) }

func unquotableTalk(q Quote, notProcedure bool) string {
	t := abbrevRE.ReplaceAllString(strings.TrimSpace(q.Text), "$1 ")
	// The caller checked the text as stored; the patterns below read it
	// with titles' periods gone ("bring Dr. Jones in" is "bring Dr Jones
	// in"), so its answer holds only when that changed nothing.
	notProcedure = notProcedure && t == q.Text
	if q.Kind != KindTranscript {
		// A written answer's "Thank you everyone, you are excellent" is
		// the respondent's view of the service (docs/READING.md).
		switch {
		case IsProcedural(t):
			return UnquotableCourtesy
		case IsYouQuestion(t):
			return UnquotableAsked
		}
		return ""
	}
	switch {
	case IsProcedural(t) || IsMetaTalk(t) || IsSmallTalk(t) || thanksOnly(q):
		return UnquotableCourtesy
	case !notProcedure && IsMeetingProcedure(t):
		return UnquotableProcedure
	case IsSessionTalk(t):
		return UnquotableSession
	case asked(t) || !notProcedure && IsChairing(t, q.Tokens):
		return UnquotableAsked
	}
	return ""
}

// gapRE is a transcriber's mark for words lost: "[Inaudible.]",
// "(crosstalk)", "[unintelligible 00:12:03]".
var gapRE = regexp.MustCompile(`(?i)[\[(]\s*(?:inaudible|unintelligible|indiscernible|incomprehensible|crosstalk|cross-talk|cross talk|garbled|audio (?:cuts?|cut) out|audio drops?|overlapping(?: speech| voices)?|unclear|no audio)\b[^\])\p{L}]{0,20}[\])]`)

// transcriptGap reports a quote with words the transcriber could not make
// out: whatever it says, its speaker did not say only that.
func transcriptGap(text string) bool {
	return strings.ContainsAny(text, "[(") && gapRE.MatchString(text)
}

// latinScript reports text most of whose letters are Latin ones (or that
// has no letters).
func latinScript(text string) bool {
	latin, other := 0, 0
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	return latin >= other
}

// asked reports the interviewer's part in a sentence: a question (not a
// statement with a tag such as "…, right?"), a prompt or question put to
// "you", leading the conversation, giving the floor, or introducing the
// project (the tests Asks applies to a whole turn).
func asked(t string) bool {
	if reportedQuestion(t) {
		return false // `…the first thing he said was "isn't this the same thing?"`
	}
	if strings.HasSuffix(strings.TrimRight(t, `"'”’)] `), "?") {
		return !tagRE.MatchString(strings.TrimRight(t, `"'”’)] `))
	}
	return IsYouQuestion(t) && !checkRE.MatchString(t) || leadRE.MatchString(t) || GivesFloor(t) ||
		mayIntroduce(t) && introRE.MatchString(t)
}

// reportedQuestion reports a statement that ends by quoting someone's
// question: the question mark sits inside quotation marks opened in the
// sentence.
func reportedQuestion(t string) bool {
	t = strings.TrimSpace(t)
	for _, end := range []string{"?\"", "?”"} {
		if body, ok := strings.CutSuffix(t, end); ok {
			return strings.ContainsAny(body, "\"“")
		}
	}
	return false
}

// danglingEnd are words no English sentence ends on: articles,
// possessives, coordinating and subordinating conjunctions, "than",
// and contracted auxiliaries ("it's", "we're"), which need what follows.
var danglingEnd = wordSet(`a an the my your our their its and or but nor than because although whereas
unless whether it's that's there's what's he's she's who's i'm we're they're you're i'll we'll you'll they'll
i've we've they've you've`)

// subordinators open a clause that needs a main clause after it.
// "Which is less than ten P." is a relative clause without its noun.
var subordinators = wordSet(`although though because cause 'cause since whereas unless while whilst if when whenever which`)

// leadingDiscourse are the markers a spoken sentence may open with before
// its clause ("So, like, yeah, …").
var leadingDiscourse = wordSet(`so like well yeah yes yep yup okay ok oh right and but now actually basically anyway
uh um umm uhm uhh er erm hmm hm mm mmm mhm ah no`)

// fragment reports a piece of a sentence: one ending on a comma, dash,
// colon or ellipsis or on a word that needs what follows, a subordinate
// clause with no main clause, or words with no verb at all. The last two
// are judged in speech only: a written answer may be a noun phrase
// ("Friendly, helpful staff.") or the "Because it is an excellent
// service." that answers a form's "Why?".
func fragment(text string, ws []string, toks []Token, speech bool) bool {
	t := strings.TrimRight(strings.TrimSpace(text), `"'”’)]* `)
	r, _ := utf8.DecodeLastRuneInString(t)
	switch {
	case strings.ContainsRune(",;:-–—…", r) || strings.HasSuffix(t, "..") || strings.HasSuffix(strings.TrimRight(t, ".!?"), ","):
		return true
	case danglingEnd[ws[len(ws)-1]] || strandedAfterNoun(toks) || speech && cutOffAtEnd(t):
		return true
	}
	if speech && brokenOff(t) {
		return true // "That's going to be—.", "to what extent can we include—?"
	}
	if !speech || strings.HasSuffix(t, "?") {
		return false
	}
	if !endsSentence(t) && punctuates(t) {
		return true // cut off: "They're they're expensive, they don't"
	}
	i := 0
	for i < len(ws)-1 && leadingDiscourse[ws[i]] {
		i++
	}
	if subordinators[ws[i]] && !mainClause(text, toks) {
		return true
	}
	return len(toks) > 0 && !hasFiniteVerb(toks, ws[i:])
}

// cutOffAtEnd reports speech that ends on a word broken off and a
// hesitation or a "yeah": "We can transform the double curve into single c
// yeah." (a lone letter after a word, cutOffLetter).
func cutOffAtEnd(t string) bool {
	f := strings.Fields(strings.TrimRight(t, ".!?"))
	n := len(f)
	if n < 3 {
		return false
	}
	last := strings.ToLower(f[n-1])
	return (last == "yeah" || last == "okay" || cleanFillers[last]) && cutOffLetter(f[n-2], f[n-2]) &&
		lowerInitial(f[n-3]) && !strings.ContainsAny(f[n-3], ".,;:!?0123456789") && !letterLabelled[strings.ToLower(f[n-3])]
}

// brokenOff reports speech whose last sentence the speaker broke off, as
// transcribers mark it: a dash right before the closing punctuation
// ("We have to recognise—.", "what assessment methods—?").
func brokenOff(t string) bool {
	body := strings.TrimRight(t, ".!?")
	if len(body) == len(t) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(body)
	return r == '—' || r == '–' || r == '-' && !strings.HasSuffix(body, "--")
}

// strandedAfterNoun reports a sentence ending on a preposition, "to" or
// "so" right after a noun: "from the point of view of.", "we change all
// the shops to.", "I went a bit mad with PowerPoint so." A preposition
// may end an English sentence after a verb or adjective ("what they ask
// for", "proud of", "I think so"), not after a noun.
func strandedAfterNoun(toks []Token) bool {
	n := len(toks)
	if n < 2 {
		return false
	}
	last, prev := toks[n-1], toks[n-2]
	w := strings.ToLower(last.Text)
	return (last.Tag == "IN" || last.Tag == "TO" || w == "so") && w != "that" && strings.HasPrefix(prev.Tag, "NN") &&
		!notNaming[strings.ToLower(prev.Text)]
}

// punctuates reports text from a transcriber who punctuates: a comma or a
// full stop inside it, or a capital letter opening it (other than "I").
// Such a transcriber ends every whole sentence with its punctuation, so a
// sentence without it was cut off; a caption file with no punctuation at
// all is not judged so.
func punctuates(t string) bool {
	if strings.ContainsAny(strings.TrimRight(t, ".!?"), ",.;") {
		return true
	}
	f := strings.TrimLeft(t, `"'“‘(`)
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsUpper(r) && f != "I" && !strings.HasPrefix(f, "I ") && !strings.HasPrefix(f, "I'") && !strings.HasPrefix(f, "I’")
}

// mainClause reports a main clause beside a subordinate one: a verb
// after the first comma ("Although we had our separate tasks, we met
// daily.") or, without a comma, two finite verbs ("If you leave them on
// you get to look like a noodle."); "Because it's too slow." has neither.
func mainClause(text string, toks []Token) bool {
	verbs := map[string]bool{}
	finite := 0
	imperative := map[string]bool{}
	for _, tk := range toks {
		switch {
		case tk.Tag == "VBD" || tk.Tag == "VBZ" || tk.Tag == "VBP" || tk.Tag == "MD" || contractedAux(tk.Text):
			finite++ // the tagger keeps "I'd" whole
			verbs[strings.ToLower(tk.Text)] = true
		case tk.Tag == "VB":
			imperative[strings.ToLower(tk.Text)] = true
		}
	}
	if sents := roughSentences(text); len(sents) > 1 {
		text = sents[0] // the sentence the subordinate clause opens
	}
	segs := strings.Split(text, ",")
	if len(segs) == 1 {
		return finite >= 2
	}
	// The clauses after the commas, past the subordinate one and any
	// other subordinate clause or aside ("Because we have to, because some
	// of our models…", "Uh, because…").
	sub := false
	for _, seg := range segs {
		ws := words(seg)
		i := 0
		for i < len(ws) && leadingDiscourse[ws[i]] {
			i++
		}
		switch {
		case i == len(ws):
			continue
		case subordinators[ws[i]]:
			sub = true
			continue
		case !sub:
			continue
		}
		if imperative[ws[i]] {
			return true // "If you have issues, fix them first."
		}
		for _, w := range ws[i:] {
			if verbs[w] {
				return true
			}
			if j := strings.IndexByte(w, '\''); j > 0 && verbs[w[j:]] {
				return true // "we'd": the tagger's "'d"
			}
		}
	}
	return false
}

// contractedAux reports a pronoun with its auxiliary: "I'd", "we'll".
func contractedAux(w string) bool {
	_, aux, ok := strings.Cut(strings.ToLower(strings.ReplaceAll(w, "’", "'")), "'")
	return ok && (aux == "d" || aux == "ll" || aux == "ve" || aux == "re" || aux == "m")
}

func isVerbTag(tag string) bool { return strings.HasPrefix(tag, "VB") || tag == "MD" }

// hasFiniteVerb reports a finite verb (a tensed verb, a modal, a
// contracted auxiliary) or, opening the sentence after its discourse
// markers, an imperative: "Make the data processing site more
// efficient." ws are the words after those markers. "Now starting a new
// project." and "In order to be able to automate this." have none.
func hasFiniteVerb(toks []Token, ws []string) bool {
	for i, tk := range toks {
		switch {
		case tk.Tag == "VBD" || tk.Tag == "VBZ" || tk.Tag == "VBP" || tk.Tag == "MD" || contractedAux(tk.Text):
			return true
		case i == 0 && tk.Tag == "VB":
			return true
		case tk.Tag == "VB" && len(ws) > 0 && strings.EqualFold(tk.Text, ws[0]):
			return true // imperative after "so", "please": "So, make it simpler."
		}
	}
	return false
}

// repeatable are words said twice in a row on purpose ("very very",
// "bye bye", "no no").
var repeatable = wordSet(`very really so no yes bye ha much many more far long again that had`)

// disfluent reports a run of broken words, restarts and fillers: more
// than a quarter of the words are fillers (anywhere, or the discourse
// markers a sentence opens with), immediate repeats ("the the"), a
// two-word phrase said again within a few words ("big point and big
// point", "it's a g it's a"), or broken words (a single letter other than
// "a" and "I", a word cut off with a hyphen); or two restarts or repairs
// at all (Repairs: "I was I the reason I made my mistake was").
func disfluent(text string, ws []string, speech bool) bool {
	noise := 0
	i := 0
	for i < len(ws)-1 {
		if leadingDiscourse[ws[i]] {
			i++
		} else if i+2 < len(ws) && (ws[i] == "you" && ws[i+1] == "know" || ws[i] == "i" && ws[i+1] == "mean") {
			i += 2 // "You know, that's…", "I mean, …"
		} else {
			break
		}
	}
	for _, w := range ws[:i] {
		if w != "and" && w != "but" {
			noise++ // a sentence may open with a conjunction
		}
	}
	repeated := make([]bool, len(ws))
	broken := cutOffWords(text)
	for j := i; j < len(ws); j++ {
		w := ws[j]
		switch {
		case fillerWords[w] || w == "yeah" || w == "yep" || w == "okay":
			noise++
		case j > 0 && ws[j-1] == w && !repeatable[w]:
			repeated[j] = true
		case w == "know" && j > 0 && ws[j-1] == "you" && (j+1 == len(ws) || fillerWords[ws[j+1]] || leadingDiscourse[ws[j+1]]):
			noise += 2 // "you know" as a filler
		}
		// A word said again within three words ("a big point and big pain
		// point", "we don't we don't"), not "step by step".
		if j+1 < len(ws) && !repeated[j] && len(w) > 1 && !restartExempt[w] {
			for k := j + 2; k <= j+3 && k < len(ws); k++ {
				if ws[k] == w && !(k == j+2 && restartExempt[ws[j+1]]) {
					noise++
					break
				}
			}
		}
		// A two-word phrase said again after at most three other words.
		for k := j - 5; k <= j-2; k++ {
			if k >= 0 && j+1 < len(ws) && ws[k] == w && ws[k+1] == ws[j+1] && !repeated[j] {
				repeated[j], repeated[j+1] = true, true
				break
			}
		}
	}
	for _, r := range repeated {
		if r {
			noise++
		}
	}
	// "you know," and "like," set off by commas are fillers wherever they
	// stand ("If it's leak, like, you know, it's internal.").
	l := strings.ToLower(text)
	youKnow, like := strings.Count(l, "you know,"), strings.Count(l, " like,")
	for _, w := range ws[:i] { // counted already among the opening markers
		switch {
		case w == "know" && youKnow > 0:
			youKnow--
		case w == "like" && like > 0:
			like--
		}
	}
	noise += 2*youKnow + like
	noise += broken
	return Repairs(text, speech) >= maxRepairs || 4*noise > len(ws)
}

// maxRepairs is how many restarts or repairs (Repairs, counting broken
// words) make a sentence a disfluent run: one is how people talk.
const maxRepairs = 2

// restartExempt are words said twice close together on purpose: the
// function words of "the data and the model", the links of "step by step",
// "one after another", "day to day".
var restartExempt = wordSet(`the a an and or of to in on at by for with from as is are was were be it that this i you we they
he she my our your their nor not no so very more less after over upon than then too just really one`)

// cutOffWords counts words a speaker broke off: a lone lower-case letter
// other than "a" and "i" ("a g it's a gadget"; not an abbreviation's
// "U.K.", a spelled-out "L_C_D_" nor the capital naming an option: "plan
// B", "option C"), or a word transcribers end with a hyphen ("gad-"), but
// not the first half of a suspended compound ("on- and off-premise",
// "pre- or post-sales").
func cutOffWords(text string) int {
	n := 0
	fields := strings.Fields(text)
	for i, f := range fields {
		f = strings.TrimRight(f, `,;:!?"'”’)`)
		switch {
		case len(f) == 1 && unicode.IsLower(rune(f[0])) && f != "a" && f != "i":
			n++
		case len(f) > 1 && strings.HasSuffix(f, "-") && !strings.HasSuffix(f, "--") && !suspendedHyphen(fields, i):
			n++
		}
	}
	return n
}

// suspendedHyphen reports fields[i] ("on-") as the first half of a
// suspended compound: "and", "or" or "to" and then a hyphenated word
// follow ("on- and off-premise").
func suspendedHyphen(fields []string, i int) bool {
	if i+2 >= len(fields) {
		return false
	}
	switch strings.ToLower(fields[i+1]) {
	case "and", "or", "to", "and/or":
		next := strings.Trim(fields[i+2], `,;:.!?"'”’()`)
		return strings.Contains(strings.Trim(next, "-"), "-")
	}
	return false
}

// notNaming are nouns that name nobody and nothing on their own: the
// indefinites, forms of address and the fillers a tagger calls nouns.
var notNaming = wordSet(`thing things stuff something anything everything nothing someone anyone everyone
somebody anybody everybody nobody lot lots bit kind sort way guys guy folks everyone yeah yes okay ok um uh
hmm mm mhm ah oh right sure`)

// lightVerbs say what happens only with their objects ("you want to use
// it"): the forms of the commonest English verbs.
var lightVerbs = wordSet(`be is are was were been being am 's 're 'm have has had having 've 'd do does did doing done
get gets got getting gotten go goes went going gone make makes made making say says said saying think thinks
thought thinking know knows knew knowing known mean means meant want wants wanted wanting need needs needed let
lets take takes took taken taking see sees saw seen seeing look looks looked looking like likes liked use uses
used using try tries tried trying come comes came coming put puts putting give gives gave given giving keep
keeps kept feel feels felt tell tells told guess guessed seem seems seemed start starts started happen happens
happened work works worked working can could will would shall should may might must 'll wanna gonna gotta`)

// namesSomething reports tokens holding a noun, adjective, number or a
// verb that is not light; a quote of pronouns and light verbs ("You like
// it, you want to use it.") needs its context. Without tokens nothing is
// judged.
func namesSomething(toks []Token) bool {
	if len(toks) == 0 {
		return true
	}
	for _, tk := range toks {
		w := strings.ToLower(tk.Text)
		if notNaming[w] || lightVerbs[w] || strings.ContainsRune(w, '\'') && !isVerbTag(tk.Tag) {
			continue
		}
		if strings.HasPrefix(tk.Tag, "NN") || strings.HasPrefix(tk.Tag, "JJ") || tk.Tag == "CD" || isVerbTag(tk.Tag) {
			return true
		}
	}
	return false
}

// gratitudeWords are the acts of a courtesy said in passing.
var gratitudeWords = wordSet(`thank thanks thankful grateful gratitude appreciate appreciated bye goodbye cheers pleasure`)

// thanksOnly reports a sentence that thanks or says goodbye and names
// nothing but the exchange and the people in it: "I hope you guys thank
// you so much.", "Thanks for having me." A thank-you for something
// ("Thank you for the export, it saves me an hour.") names it and stays.
func thanksOnly(q Quote) bool {
	act := false
	for _, w := range words(q.Text) {
		if gratitudeWords[w] {
			act = true
			break
		}
	}
	if !act {
		return false
	}
	for _, tk := range q.Tokens {
		w := strings.ToLower(tk.Text)
		if !(strings.HasPrefix(tk.Tag, "NN") || strings.HasPrefix(tk.Tag, "JJ") || tk.Tag == "CD") {
			continue
		}
		if !(notNaming[w] || gratitudeWords[w] || metaActWords[w] || metaWords[w] || smallTalkWords[w] || strings.ContainsRune(w, '\'')) {
			return false
		}
	}
	return true
}
