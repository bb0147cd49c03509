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
	// Stutters: a word or a run of up to three words said again at once
	// ("would would", "the, the", "of the of the"); the first saying goes.
	for n := 3; n >= 1; n-- {
		for i := 0; i+2*n <= len(toks); i++ {
			if repeats(bare, drop, i, n) {
				for k := i; k < i+n; k++ {
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
	var kept []string
	for i, t := range toks {
		if drop[i] {
			if strings.Contains(t, "<mark>") {
				return text
			}
			// A dropped word's closing punctuation stays with the kept word
			// before it ("the price uh, but" -> "the price, but").
			if p := trailingPunct(t); p != "" && p != "," && len(kept) > 0 && !strings.ContainsAny(kept[len(kept)-1], ".!?;:") {
				kept[len(kept)-1] = strings.TrimRight(kept[len(kept)-1], ",") + p
			}
			continue
		}
		kept = append(kept, t)
	}
	if len(kept) == 0 {
		return text
	}
	out := strings.Join(kept, " ")
	out = strings.ReplaceAll(out, " ,", ",")
	if r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(text, "<mark>")); drop[0] && unicode.IsUpper(r) {
		out = capitalFirst(out) // the sentence's start was dropped; a fragment's mid-sentence start stays
	}
	return out
}

// cleanFillers are words that are only hesitation.
var cleanFillers = map[string]bool{"um": true, "uh": true, "umm": true, "uhh": true, "uhm": true, "er": true,
	"erm": true, "ah": true, "hmm": true, "hm": true, "mm": true, "mmm": true, "mhm": true, "eh": true}

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
func repeats(bare []string, drop []bool, i, n int) bool {
	for k := i; k < i+2*n; k++ {
		if drop[k] || bare[k] == "" {
			return false
		}
	}
	if n == 1 && (bare[i] == "that" || bare[i] == "had") {
		return false
	}
	for k := 0; k < n; k++ {
		if bare[i+k] != bare[i+n+k] {
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
	t = strings.NewReplacer("<mark>", "", "</mark>", "").Replace(t)
	t = strings.TrimFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
	return strings.ToLower(strings.Trim(t, "'"))
}

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
