package persona

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanVerbatim is a quote as transcription services' "clean verbatim"
// shows it: the speaker's words in their order, without the fillers ("um",
// "uh"), the stutters ("I I", "with with", "the, the") and the cut-off
// word starts ("im improve", "t technological") that a strict transcript
// keeps, and without an opening interjection that only leads into the
// sentence ("So, um, …", "Yeah, …", "Okay, so …"). Nothing is reworded or
// reordered, so every word shown is the speaker's and the quote still
// links to the exact place in the source, where the original stands; the
// stored text is never changed (display only).
//
// The text may be a search fragment with <mark> tags: a marked word is
// never dropped (a search for "um" must show the "um" it found), and if
// one would be, the text is returned unchanged.
func CleanVerbatim(text string) string {
	toks := strings.Fields(text)
	if len(toks) == 0 {
		return text
	}
	drop := make([]bool, len(toks))
	bare := make([]string, len(toks))
	for i, t := range toks {
		bare[i] = bareWord(t)
	}
	// Fillers anywhere.
	for i := range toks {
		if cleanFillers[bare[i]] {
			drop[i] = true
		}
	}
	cutOffRestarts(toks, bare, drop)
	sameOpeningRestarts(toks, bare, drop)
	loneFragments(toks, bare, drop)
	fragmentBeforeFiller(toks, bare, drop)
	// Stutters: a word or a run of up to three words said again at once
	// ("would would", "the, the", "of the of the", "the uh the", "It's been
	// a l It's been a"); the first saying goes.
	kept := make([]int, 0, len(toks))
	for i := range toks {
		if !drop[i] {
			kept = append(kept, i)
		}
	}
	for n := 3; n >= 1; n-- {
		for i := 0; i+2*n <= len(kept); i++ {
			if repeats(bare, drop, kept[i:i+2*n], n) {
				for _, k := range kept[i : i+n] {
					drop[k] = true
				}
			}
		}
	}
	// Cut-off starts: a fragment that begins the next word ("im improve",
	// "t technological").
	for i := 0; i+1 < len(toks); i++ {
		w, next := bare[i], bare[nextKept(drop, i)]
		if drop[i] || w == "" || strings.ContainsAny(toks[i], ".,;:!?") {
			continue
		}
		if len(w) < len(next) && strings.HasPrefix(next, w) && len(w) <= 4 && !wholeShortWords[w] {
			drop[i] = true
		}
	}
	// A false start: the sentence begun on a subject, broken off at its
	// comma and begun again on it ("It, the, it will always depend…").
	if first := nextKept(drop, -1); first >= 0 && first < len(toks) && restartSubjects[bare[first]] &&
		strings.HasSuffix(strings.TrimSuffix(toks[first], "</mark>"), ",") {
		for k := first + 1; k < min(len(toks), first+4); k++ {
			if bare[k] == bare[first] {
				for d := first; d < k && (d == first || !clauseOpeners[bare[d]]); d++ {
					drop[d] = true // "you, if you want" begins again at "if"
				}
				break
			}
		}
	}
	// Opening interjections: "So, um," "Yeah," "Okay, so" lead into the
	// sentence; "So I think…" keeps its "So" (no comma, no filler after).
	for i := 0; i < len(toks); i++ {
		if drop[i] {
			continue
		}
		if !leadIns[bare[i]] {
			break
		}
		j := nextKept(drop, i)
		if strings.HasSuffix(strings.TrimSuffix(toks[i], "</mark>"), ",") || j < len(toks) && leadIns[bare[j]] ||
			j > i+1 { // a filler or stutter followed it
			drop[i] = true
			continue
		}
		break
	}
	words := make([]string, 0, len(toks))
	for i, t := range toks {
		if drop[i] {
			if strings.Contains(t, "<mark>") {
				return text
			}
			// A dropped word's closing punctuation stays with the word
			// before it ("the price uh, but" -> "the price, but").
			if p := trailingPunct(t); p != "" && p != "," && len(words) > 0 && !strings.ContainsAny(words[len(words)-1], ".!?;:") {
				words[len(words)-1] = strings.TrimRight(words[len(words)-1], ",") + p
			}
			continue
		}
		words = append(words, t)
	}
	if len(words) == 0 {
		return text
	}
	if r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(text, "<mark>")); drop[0] && unicode.IsUpper(r) {
		words[0] = capitalFirst(words[0]) // the sentence's start was dropped; a fragment's mid-sentence start stays
	}
	var out strings.Builder
	out.Grow(len(text))
	for i, t := range words {
		if i > 0 && !strings.HasPrefix(t, ",") {
			out.WriteByte(' ')
		}
		if i > 0 && (strings.HasSuffix(words[i-1], ",") || afterOpener(words[i-1])) && restartCapitalAfterComma(words, i) {
			// "No, It's not relevant." -> "No, it's not relevant.": the
			// capital is a restart's, left in mid-sentence.
			r, n := utf8.DecodeRuneInString(t)
			out.WriteRune(unicode.ToLower(r))
			out.WriteString(t[n:])
			continue
		}
		out.WriteString(t)
	}
	return out.String()
}

// restartCapitalAfterComma reports a kept word after a comma that a
// transcriber capitalised because the speaker began again ("No, It's not
// relevant.", "Okay, So we…"): a closed-class word (restartCaps: never
// "I", never a name), capitalised only in its first letter, not opening a
// run of capitals (a title: "Well, The Lean Startup says…").
func restartCapitalAfterComma(words []string, i int) bool {
	t := words[i]
	if !startsUpper(t) { // also "<mark>…": a marked word is shown as found
		return false
	}
	raw := strings.TrimRight(t, ".,;:!?")
	low := bareWord(raw)
	if !restartCaps[low] || strings.ContainsAny(raw, "<>") {
		return false
	}
	nextUpper := i+1 < len(words) && startsUpper(words[i+1]) && bareWord(words[i+1]) != "i" &&
		!strings.ContainsAny(t, ".,;:!?")
	return capitalisedRestart(raw, low, nextUpper)
}

// afterOpener reports a kept word that opens a clause and runs on into
// the next with no punctuation ("so", "and", "because"): a capital right
// after it is a restart's ("so That's somewhat subject to error").
func afterOpener(w string) bool {
	return lowerInitial(w) && !strings.ContainsAny(w, ".,;:!?<>") && (leadIns[w] || restartConjunctions[w])
}

// sameOpeningRestarts drops a sentence begun, broken off and begun again
// on the same word, which the transcriber capitalised again: "It's oth
// the oth so I It's the working design." -> "It's the working design.".
// The restart is a capitalised closed-class word (opensAgain, not "I": a
// capital "I" is no sign) in mid-sentence, the sentence opened on the same
// word at most maxSameOpening words before, and nothing between them ends
// a sentence or a clause (no punctuation), and the words between show the
// break (brokenBetween): "It was too slow It crashed every day.", two
// sentences whose stop the transcript lost, keeps both.
func sameOpeningRestarts(toks, bare []string, drop []bool) {
	for k := 1; k < len(toks); k++ {
		if drop[k] || iForms[bare[k]] || !opensAgain(toks, bare, k) {
			continue
		}
		for p := k - 1; p >= 0 && k-p <= maxSameOpening; p-- {
			if strings.ContainsAny(toks[p], ".,;:!?<>") {
				break
			}
			if drop[p] || bare[p] != bare[k] || !sentenceStart(toks, drop, p) || !brokenBetween(toks, bare, p, k) {
				continue
			}
			for d := p; d < k; d++ {
				drop[d] = true
			}
			break
		}
	}
}

// maxSameOpening is how far back a sentence begun again on its first word
// may have opened.
const maxSameOpening = 8

// fragmentBeforeFiller drops a lone lower-case letter (not "a", "i", "o")
// between a lower-case word and a hesitation followed by more words ("the
// p um the product"): the speaker broke the word off and hesitated. A
// letter before a word is left to loneFragments; one before a closing
// "yeah" ends a broken-off sentence, which is not shown at all
// (quotable.go, cutOffAtEnd).
func fragmentBeforeFiller(toks, bare []string, drop []bool) {
	for i := 1; i+2 < len(toks); i++ {
		w := bare[i]
		if drop[i] || !cutOffLetter(toks[i], w) || !cleanFillers[bare[i+1]] {
			continue
		}
		p := i - 1
		for p >= 0 && drop[p] {
			p--
		}
		if p >= 0 && lowerInitial(toks[p]) && len(bare[p]) >= 2 && !strings.ContainsAny(toks[p], ".,;:!?0123456789<>") && !letterLabelled[bare[p]] {
			drop[i] = true
		}
	}
}

// cutOffLetter reports a bare lower-case letter other than the words
// "a", "i" and "o".
func cutOffLetter(tok, w string) bool {
	return len(w) == 1 && tok == w && w != "a" && w != "i" && w != "o" && w[0] >= 'a' && w[0] <= 'z'
}

// loneFragments drops a lower-case cut-off that is no word and begins no
// word said next, before a lower-case word: "Of course w doesn't work",
// "go for e a simple chip", "the design of th technical functions", and
// across it a repeat: "redesign the p the product" (the stutter pass then
// drops the first "the"). What counts as a cut-off is general English, not
// one set's: a two-letter consonant onset no English word is ("th", "wh",
// "tr", "kn"…; abbreviations like "ml", "ui", "db", "pc" have no such
// onset); or one letter that is no word and no usual written stand-in —
// not "a", "i", "o", not a contraction's end ("don t", "it s", "I m",
// "he d"), not text-speak ("u", "r", "b", "c", "n"), not a variable ("x",
// "y", "z") — and then only before a closed-class word ("w doesn't", "e
// a") or the word said before it: a letter naming something stands
// before a noun ("k means", "e mail"). The quote must read as English
// ("e a empresa" is Portuguese, "y la" Spanish), and a letter after a
// number ("the 5 th") stays.
func loneFragments(toks, bare []string, drop []bool) {
	english := 0                          // 0 unknown, 1 yes, -1 no
	for i := len(toks) - 1; i >= 0; i-- { // from the end: "th th on" loses both
		w := bare[i]
		if drop[i] || !loneFragment(w) || toks[i] != w {
			continue // punctuated, marked or capitalised: not a bare cut-off
		}
		j := nextKept(drop, i)
		if j == i || bare[j] == "" || !lowerInitial(toks[j]) || strings.HasPrefix(bare[j], w) {
			continue // the cut-off start rule takes "w we", "th the"
		}
		p := i - 1
		for p >= 0 && drop[p] {
			p--
		}
		if p >= 0 && strings.ContainsAny(toks[p], "0123456789") {
			continue
		}
		if len(w) == 1 && (!closedClass(bare[j]) && (p < 0 || bare[p] != bare[j]) || spelledOut(toks, bare, drop, p, j)) {
			continue
		}
		if english == 0 {
			english = -1
			if englishText(bare, i) {
				english = 1
			}
		}
		if english < 0 {
			return
		}
		drop[i] = true
	}
}

// spelledOut reports a letter among letters, an abbreviation spelled
// out ("an a p i", "s l a.", "my p i", "q and a"), with p and j the kept
// words before and after it. "a" is the article when a word follows it
// ("e a simple chip", "I've put a f a file in").
func spelledOut(toks, bare []string, drop []bool, p, j int) bool {
	letter := func(i int) bool {
		if len(bare[i]) != 1 {
			return false
		}
		k := nextKept(drop, i)
		return bare[i] != "a" || k == i || strings.ContainsAny(toks[i], ".,;:!?") || len(bare[k]) == 1
	}
	if p >= 0 && len(bare[p]) == 1 && bare[p] != "a" || letter(j) {
		return true
	}
	k := nextKept(drop, j)
	return bare[j] == "and" && k != j && len(bare[k]) == 1
}

// loneFragment reports a cut-off of one or two lower-case letters that
// is neither an English word nor a usual written stand-in (see
// loneFragments).
func loneFragment(w string) bool {
	switch len(w) {
	case 1:
		return strings.Contains("efghjklpqvw", w)
	case 2:
		return onsetFragments[w]
	}
	return false
}

// onsetFragments are two-consonant onsets of English words, each no
// word or common abbreviation of its own.
var onsetFragments = wordSet(`th wh sh ch tr pr br fr cr gr kn sn sk sc sp sw tw wr pl bl cl fl gl sl sm`)

// englishText reports whether the words (but the one at skip) read as
// English: two or more English function words and no common function
// word of the other languages in the sets (French, Spanish, Portuguese,
// Italian, German, Dutch).
func englishText(bare []string, skip int) bool {
	en := 0
	for k, w := range bare {
		if k == skip {
			continue
		}
		if foreignFunction[w] {
			return false
		}
		if englishFunction[w] {
			en++
		}
	}
	return en >= 2
}

var englishFunction = wordSet(`the and is are was were of to that this with you we they it have has not for what would will
there but doesn't don't didn't isn't can't won't it's that's i i'm i've i'll i'd we're we've they're you're`)

var foreignFunction = wordSet(`de la le les el los las et und der das que une un est il en du des del da di och het een ist y e o`)

// cutOffRestarts drops a speaker's false start that a transcriber ended
// by beginning a new sentence with a capital: "a l It's …", "uh w I'm
// sorry", "She i It's a question…", "The They just look…". The sign is
// English, not one set's: a lower-case cut-off (one or two letters that are
// no word) or, at a sentence's start, a lone closed-class word, right
// before a capitalised closed-class word ("It's", "We", "The", "So"; the
// restartCaps of restart.go) or "I". With the cut-off go up to three
// words before it that began the same broken sentence ("a l", "they're
// quite f"), when they reach back to the sentence's start or a comma; a
// title's capital ("read The Lean Startup") opens a run of capitals and is
// left alone.
func cutOffRestarts(toks, bare []string, drop []bool) {
	for k := 1; k < len(toks); k++ {
		if drop[k] || !opensAgain(toks, bare, k) {
			continue
		}
		p := k - 1
		for p >= 0 && drop[p] {
			p--
		}
		if p < 0 || strings.ContainsAny(toks[p], ".,;:!?") {
			continue
		}
		// A capitalised cut-off opening the sentence: "Th So there's…".
		if capitalCutOff(toks[p], bare[p]) && sentenceStart(toks, drop, p) {
			drop[p] = true
			continue
		}
		if !lowerInitial(toks[p]) && !restartCaps[bare[p]] {
			continue
		}
		if cutOffLetters(toks[p], bare[p]) || bare[p] == "i" && toks[p] == "i" && !iForms[bare[k]] { // "She i It's"
			drop[p] = true
			for d := brokenStart(toks, bare, drop, p, k); d < p; d++ {
				drop[d] = true
			}
			continue
		}
		// A lone closed-class word at a sentence's start, begun again at
		// once: "The They just look…", "So, And…".
		q := p - 1
		for q >= 0 && drop[q] {
			q--
		}
		if (q < 0 || strings.ContainsAny(toks[q], ".!?")) && restartCaps[bare[p]] && bare[p] != bare[k] &&
			!iForms[bare[k]] { // "So I think" is one sentence

			drop[p] = true
		}
	}
}

// opensAgain reports a capitalised closed-class word, or "I", that is
// not the start of a title (a run of capitals).
func opensAgain(toks, bare []string, k int) bool {
	t := strings.TrimPrefix(toks[k], "<mark>")
	if !startsUpper(t) {
		return false
	}
	if iForms[bare[k]] {
		return true
	}
	nextUpper := k+1 < len(toks) && startsUpper(strings.TrimPrefix(toks[k+1], "<mark>")) && bare[k+1] != "i" &&
		!strings.ContainsAny(toks[k], ".,;:!?")
	raw := strings.TrimRight(strings.TrimSuffix(t, "</mark>"), ".,;:!?")
	return capitalisedRestart(raw, bare[k], nextUpper)
}

// cutOffLetters reports a lower-case token of one or two letters that is
// no English word ("l", "w", "th"; shortWords of quote_cut.go are the
// words): a word the speaker broke off.
func cutOffLetters(tok, w string) bool {
	if len(w) == 0 || len(w) > 2 || !lowerInitial(tok) || shortWords[w] {
		return false
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// capitalCutOff reports a capitalised token of one or two letters that is
// no English word ("Th", "Wh"; not "So", "It", "UI"): a sentence's first
// word broken off.
func capitalCutOff(tok, w string) bool {
	t := []rune(strings.TrimPrefix(tok, "<mark>"))
	if len(w) == 0 || len(w) > 2 || len(t) < len(w) || !unicode.IsUpper(t[0]) || shortWords[w] {
		return false
	}
	if len(w) == 2 && !unicode.IsLower(t[1]) {
		return false
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// sentenceStart reports whether token p opens a sentence: nothing kept
// before it, or a kept token ending a sentence.
func sentenceStart(toks []string, drop []bool, p int) bool {
	q := p - 1
	for q >= 0 && drop[q] {
		q--
	}
	return q < 0 || strings.ContainsAny(toks[q], ".!?")
}

var iForms = wordSet(`i i'm i've i'll i'd`)

func lowerInitial(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(s, "<mark>"))
	return unicode.IsLower(r)
}

// cleanFillers are words that are only hesitation.
var cleanFillers = map[string]bool{"um": true, "uh": true, "umm": true, "uhh": true, "uhm": true, "er": true,
	"erm": true, "ah": true, "hmm": true, "hm": true, "mm": true, "mmm": true, "mhm": true, "eh": true}

// brokenStart is where the sentence broken off at the cut-off p (begun
// again at k) began: up to three words before p, back to the sentence's
// start or a comma, all short ("a l It's"); else up to three words back
// to a sentence's start, a comma or a conjunction ("'cause"), when the
// words hold a subject of their own ("'cause they're quite f I find them
// annoying"): "every time y I send" begins again only its subject, and
// "and bought a f It's fine" keeps "bought a" (a verb phrase without its
// subject is no sentence begun). Further back the words may be a sentence of their own the
// transcriber did not end. p when none.
func brokenStart(toks, bare []string, drop []bool, p, k int) int {
	back := func(boundary func(tok, w string) bool, short bool) (int, bool) {
		start, q, subject := p, p-1, false
		for n := 0; q >= 0 && n < 3; q-- {
			if drop[q] {
				continue
			}
			if boundary(toks[q], bare[q]) {
				break
			}
			if short && len(bare[q]) > 3 {
				return p, false
			}
			start, subject = q, subject || subjectWords[bare[q]]
			n++
		}
		return start, q < 0 || boundary(toks[q], bare[q]) && (short || subject)
	}
	if start, ok := back(func(tok, _ string) bool { return strings.ContainsAny(tok, ".,;:!?") }, true); ok {
		return start
	}
	if start, ok := back(restartBoundary, false); ok {
		return start
	}
	return p
}

// restartBoundary reports a token a broken sentence begins after: one
// ending in punctuation, or a conjunction that opens a clause of its own
// ("because", "'cause", "when", "and"). Not a relative pronoun: in "the
// remotes that you had shown I don't remember who…" the clause after
// "that" was said whole.
func restartBoundary(tok, w string) bool {
	return strings.ContainsAny(tok, ".,;:!?") || restartConjunctions[w]
}

// restartConjunctions open a clause that a speaker may break off and begin
// again.
var restartConjunctions = wordSet(`and but or so because cause since if when whenever while whilst although though unless until`)

// subjectWords are the personal pronouns that are a clause's subject.
var subjectWords = wordSet(`i i'm i've i'll i'd you you're you've we we're we've they they're they've he he's she she's it it's`)

// restartSubjects are the words a sentence is begun again on.
var restartSubjects = map[string]bool{"it": true, "you": true, "i": true, "we": true, "they": true, "he": true,
	"she": true, "this": true, "that": true, "the": true}

// leadIns open a sentence without saying anything in it.
var leadIns = map[string]bool{"so": true, "well": true, "okay": true, "ok": true, "yeah": true, "yes": true,
	"oh": true, "right": true, "alright": true, "now": true, "and": true, "but": true}

// wholeShortWords are short words that begin longer ones and are meant
// whole ("in interest", "on online", "to today", "an answer").
var wholeShortWords = map[string]bool{"a": true, "i": true, "an": true, "in": true, "on": true, "to": true,
	"at": true, "as": true, "is": true, "it": true, "be": true, "we": true, "he": true, "me": true, "my": true,
	"no": true, "so": true, "do": true, "go": true, "of": true, "or": true, "up": true, "us": true, "by": true,
	"the": true, "for": true, "and": true, "but": true, "not": true, "all": true, "can": true, "our": true,
	"you": true, "one": true, "any": true, "out": true, "new": true, "use": true, "per": true, "pre": true,
	"off": true, "how": true, "now": true, "see": true, "way": true, "get": true, "set": true, "run": true,
	"work": true, "more": true, "some": true, "with": true, "this": true, "that": true, "then": true,
	"they": true, "them": true, "what": true, "when": true, "here": true, "there": true, "have": true,
	"into": true, "over": true, "just": true, "like": true, "make": true, "take": true, "time": true,
	"it's": true, "we're": true, "team": true, "data": true, "line": true, "part": true, "home": true}

// repeats reports whether the n kept words from i are said again right
// after them. "that that" and "had had" can be grammar, not a stutter.
// at are the positions of 2n words in a row among those kept.
func repeats(bare []string, drop []bool, at []int, n int) bool {
	for _, k := range at {
		if drop[k] || bare[k] == "" {
			return false
		}
	}
	if n == 1 && (bare[at[0]] == "that" || bare[at[0]] == "had") {
		return false
	}
	for k := 0; k < n; k++ {
		if bare[at[k]] != bare[at[n+k]] {
			return false
		}
	}
	return true
}

func nextKept(drop []bool, i int) int {
	j := i + 1
	for j < len(drop) && drop[j] {
		j++
	}
	if j == len(drop) {
		return i
	}
	return j
}

// bareWord is a token lower-cased without markup and surrounding
// punctuation.
func bareWord(t string) string {
	if strings.Contains(t, "<") {
		t = markTags.Replace(t)
	}
	t = strings.TrimFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
	return strings.ToLower(strings.Trim(t, "'"))
}

var markTags = strings.NewReplacer("<mark>", "", "</mark>", "")

// trailingPunct is the punctuation a token ends with.
func trailingPunct(t string) string {
	t = strings.TrimSuffix(t, "</mark>")
	i := len(t)
	for i > 0 && strings.ContainsRune(".,;:!?", rune(t[i-1])) {
		i--
	}
	return t[i:]
}

// capitalFirst upper-cases the first letter, after any opening markup.
func capitalFirst(s string) string {
	pre := ""
	if rest, ok := strings.CutPrefix(s, "<mark>"); ok {
		pre, s = "<mark>", rest
	}
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return pre + s
	}
	return pre + string(unicode.ToUpper(r)) + s[n:]
}

// letterLabelled are nouns a lone letter names one of ("option c", "plan
// b", "version x", "type a"): the letter after them is a word, not one
// broken off.
var letterLabelled = wordSet(`option options plan plans version versions type types grade class model models tier tiers
section part step phase level size category group team row column item point page figure table appendix exhibit
vitamin route line block unit wing building floor room gate zone`)

// brokenBetween reports a sign of speech broken off among the words after
// p and before k: a filler, a lone broken-off letter or two ("th"), or a
// word said twice ("oth the oth").
func brokenBetween(toks, bare []string, p, k int) bool {
	seen := map[string]bool{}
	for d := p + 1; d < k; d++ {
		if cleanFillers[bare[d]] || cutOffLetters(toks[d], bare[d]) || seen[bare[d]] {
			return true
		}
		seen[bare[d]] = true
	}
	return false
}
