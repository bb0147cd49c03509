package analysis

import (
	"math"
	"strings"
	"unicode"

	"github.com/verbatimhq/verbatim/persona"
)

// headline is the sentence a marketer could put on a slide: the theme's
// most central short whole sentence (one line, capital first, full stop or
// exclamation mark last; never a question, which is often the
// interviewer's own echoed back) of 6-25 words, starting with no
// conjunction or filler ("And, uh,", "So,"), with at most one filler in
// ten words, no restart or repair, at least two content words in five, in
// English and not a nil answer, and whose tone does not contradict the
// ring (contradictsRing). Central means saying the theme's telling words
// and lying near the centroid of the theme as it stands
// (headlineCentrality, 0..1 within the theme), not only lying near the
// centre the clustering found. One that says all the label's words comes
// first, then one that says any, even when it only nearly makes a slide
// sentence (tier 1: not a whole sentence or short of content words);
// among equals, the most central, and one that judges (a clear
// sentiment) counts as a little more central (judgeBonus). A
// headline speaks for its theme: a quote that says none of the label's
// words nor any of the theme's most telling words (distinct, by key) comes
// after every quote that does, even one that is no slide sentence, so
// that the theme then shows no headline rather than one about something
// else ("I think that would be quite fun." no longer heads the theme
// "cost"). A pinned quote always wins; failing all, the most central quote
// (the text is always the exact quote). It returns the quote index or -1.
func headline(c *corpus, members []int, label string, distinct []string) int {
	return headlineBy(c, members, label, distinct, themeCentrality(c, members), nil)
}

// headlineBy is headline with the members' centrality given (computed
// once per theme by the caller that asks several times), and the members'
// headlineLevel kept in levels when it is not nil.
func headlineBy(c *corpus, members []int, label string, distinct []string, cent map[int]float64, levels map[int]int) int {
	keys := labelKeys(label)
	telling := map[string]bool{}
	for _, k := range distinct {
		telling[k] = true
	}
	speaks := func(q *persona.Quote) bool {
		return len(keys)+len(telling) == 0 || saysAll(q.Tokens, keys) > 0 || saysAll(q.Tokens, telling) > 0
	}
	best, bestRank := -1, [2]float64{}
	for _, i := range members {
		if c.hidden[i] {
			continue
		}
		q := c.quotes[i]
		tier, central := 0.0, cent[i]
		level, lead := headlineLevel(c, i, keys, levels)
		switch level {
		case 2:
			// All the label's words, then some, then none (a near
			// sentence that says them comes between); within a tier, by
			// centrality.
			tier = 1 + float64(saysAll(q.Tokens, keys))
			if judges(q.Text) {
				central += judgeBonus
			}
			if contradictsRing(&q, c.ring[i]) {
				tier = 0.9 // after every slide sentence that fits the ring
			}
			if !speaks(&q) {
				// After every quote that speaks for the theme, even one that
				// is no slide sentence (then the theme shows no headline
				// rather than one about something else).
				tier = 0.4
			}
		case 1:
			// A near-sentence that says what the label says beats a
			// slide sentence about something else.
			tier = 0.75 + 0.3*float64(saysAll(q.Tokens, keys))
			if lead {
				tier -= 0.02 // after one that does not open on "So" or "And"
				if contradictsRing(&q, c.ring[i]) {
					tier = 0.7 // praise under a barrier: after every sentence that fits
				}
			}
			if !speaks(&q) {
				tier = 0.4
			}
		default:
			if !c.isMute(i) {
				tier = 0.3 + 0.2*b2f(speaks(&q))
			}
		}
		if c.pinned[i] {
			tier += 4
		}
		rank := [2]float64{tier, central}
		if best >= 0 && (rank[0] < bestRank[0] || (rank[0] == bestRank[0] && rank[1] <= bestRank[1])) {
			continue
		}
		// Checked only for a quote that would lead (the patterns are the
		// costly part at a million quotes): a courtesy stored before it
		// was recognised never heads a theme.
		if procedural(q) {
			continue
		}
		best, bestRank = i, rank
	}
	return best
}

// labelKeys are the word keys of a label's content words (none for a
// ring's mixed remarks; the topic of "Mixed remarks on ‹topic›").
func labelKeys(label string) map[string]bool {
	keys := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(strings.TrimPrefix(label, mixedPrefix+" on "))) {
		if !functionWords[w] && !strings.HasPrefix(w, "(") && !strings.HasSuffix(w, ")") && !strings.HasPrefix(label, mixedPrefix+" (") {
			keys[normWord(w)] = true
		}
	}
	return keys
}

// headlineLevel is slideLevel, except that a quote saying every word of
// the label (keys) whose only faults are the conjunction or interjection it
// opens on ("So", "And, uh,") and its hums ("uh", "um") is a near
// sentence (1), and lead reports that it opens so: a slide sentence
// once those are left out, with no restart or stutter as said. In speech
// most sentences open so, and a near sentence that says the label heads
// its theme before a slide sentence about something else ("Third is the
// conceptual design." under "cost"). levels, when not nil, keeps what was
// judged by quote index.
func headlineLevel(c *corpus, i int, keys map[string]bool, levels map[int]int) (level int, lead bool) {
	q, muted := c.quotes[i], c.isMute(i)
	l := slideLevelMuted(q, muted)
	if l > 0 || muted || len(keys) == 0 || saysAll(q.Tokens, keys) < 2 {
		return l, false // let in only for saying the label: all of it
	}
	if v, ok := levels[i]; ok {
		return v / 2, v%2 == 1
	}
	r := q
	r.Text, lead = afterLead(q.Text)
	if r.Text = withoutHums(r.Text); r.Text != q.Text && slideLevelMuted(r, muted) == 2 {
		l = 1
	}
	if levels != nil {
		levels[i] = 2*l + int(b2f(lead))
	}
	return l, lead
}

// withoutHums is text without its fillers ("uh", "um", "mm"), a closing
// mark kept on the word before.
func withoutHums(text string) string {
	fs := strings.Fields(text)
	out := fs[:0:0]
	for _, f := range fs {
		if w := strings.ToLower(strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })); w != "" && fillerWord(w) && !leadingFiller[w] {
			if p := strings.TrimLeftFunc(f, unicode.IsLetter); strings.ContainsAny(p, ".!?") && len(out) > 0 {
				out[len(out)-1] = strings.TrimRight(out[len(out)-1], ",;:") + p
			}
			continue
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

// maxLead is how many opening words afterLead drops.
const maxLead = 3

// afterLead is text without the conjunctions, interjections and fillers
// it opens on (leadingFiller, at most maxLead, with their commas), its
// first letter made a capital, and whether any was dropped.
func afterLead(text string) (string, bool) {
	rest, n := strings.TrimSpace(text), 0
	for n < maxLead {
		end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
		if end <= 0 {
			break
		}
		if w := strings.ToLower(rest[:end]); !leadingFiller[w] && !fillerWord(w) {
			break
		}
		rest = strings.TrimLeft(rest[end:], " ,;:-–—")
		n++
	}
	if n == 0 || rest == "" {
		return text, false
	}
	r := []rune(rest)
	r[0] = unicode.ToUpper(r[0])
	return string(r), true
}

// procedural reports a quote that only runs the conversation: procedure
// anywhere, and in a transcript talk about the talk too.
func procedural(q persona.Quote) bool {
	if q.Kind == persona.KindTranscript {
		return persona.IsProceduralSpeech(q.Text)
	}
	return persona.IsProcedural(q.Text)
}

// contradictsRing reports praise heading a barrier ("interesting other
// dishes include lamb in curry sauce"), by VADER's compound score at or
// over its published +0.05 bound. A plain statement contradicts nothing
// (a barrier is often said flatly: "data residency, we needed EU
// hosting"); success factors are left alone, since good news is often
// said in words VADER reads as bad ("slip rate went down").
func contradictsRing(q *persona.Quote, r persona.Ring) bool {
	if r != persona.RingBarriers {
		return false
	}
	if persona.SpeaksForInstitution(q.Text) {
		// An institution's answer to the barrier ("They have access to
		// rent relief.") is no buyer raising it.
		return true
	}
	// Nouns are left out: VADER rates some by a slang sense ("chicken"
	// is a coward), and in a review they name the thing judged.
	var words []string
	for _, t := range q.Tokens {
		if !isNoun(t.Tag) {
			words = append(words, strings.ToLower(t.Text))
		}
	}
	if len(q.Tokens) == 0 {
		words = splitWords(strings.ToLower(q.Text))
	}
	return sentimentOf(words).compound >= 0.05
}

// judgeBonus is what a clear judgement adds to a headline's centrality
// (0..1 in a theme): enough to choose "The support is slow." over "We use
// the support.", not to choose an edge quote.
const judgeBonus = 0.1

// judges reports text with a clear sentiment (VADER compound ≥ 0.3 either
// way).
func judges(text string) bool {
	return math.Abs(sentimentOf(splitWords(strings.ToLower(text))).compound) >= 0.3
}

// leadingFiller are words a slide sentence does not start with.
var leadingFiller = wordSet("and", "so", "but", "or", "because", "cause", "then", "also", "plus",
	"anyway", "anyways", "well", "like", "yeah", "yes", "no", "okay", "ok", "oh", "um", "uh", "hmm",
	"right", "actually", "basically", "alright", "now", "see", "i mean", "honestly", "tbh", "frankly", "literally",
	"anyhow", "look", "listen")

// slideLevel is 2 for a quote fit for a headline (see headline), 1 for
// one that only falls short of a whole sentence or of the content words
// (speech rarely has them: "we reduced that to 25 seconds") or holds a
// restart or a repair (persona.Repairs: a slide does not say "we, we
// had", but a near sentence that says the label still beats a slide
// sentence that does not), else 0.
func slideLevel(q persona.Quote) int { return slideLevelMuted(q, mute(q)) }

// slideLevelMuted is slideLevel with mute(q) already known.
func slideLevelMuted(q persona.Quote, muted bool) int {
	text := strings.TrimSpace(q.Text)
	words := splitWords(strings.ToLower(text))
	if len(words) < 6 || len(words) > 25 || muted || leadingFiller[words[0]] || fillerWord(words[0]) ||
		strings.ContainsAny(text, "\n\r") || strings.HasSuffix(strings.TrimRight(text, `"'”’)`), "?") {
		return 0 // a question, or lines run together, is no slide sentence
	}
	fillers := 0
	for _, w := range words {
		if fillerWord(w) {
			fillers++
		}
	}
	content := 0
	for _, t := range q.Tokens {
		if contentTag(t) {
			content++
		}
	}
	switch {
	case 10*fillers > len(words):
		return 0
	case 5*content >= 2*len(words) && wholeSentence(text) && persona.Repairs(text, q.Kind == persona.KindTranscript) == 0:
		return 2 // a restart or a stammer ("we, we had") makes a near one at best
	}
	return 1
}

// contentTag reports a token that carries meaning: a noun, adjective,
// number or a verb that is not light.
func contentTag(t persona.Token) bool {
	w := strings.ToLower(t.Text)
	switch {
	case fillerWord(w) || functionWords[w] || indefinite[w]:
		return false
	case isNoun(t.Tag) || strings.HasPrefix(t.Tag, "JJ") || t.Tag == "CD":
		return true
	case isVerb(t.Tag):
		return !lightVerbs[w] && !auxWords[w]
	}
	return false
}

// saysAll is 2 when toks say every key, 1 when they say some, else 0.
func saysAll(toks []persona.Token, keys map[string]bool) int {
	said := map[string]bool{}
	for _, t := range toks {
		if w := strings.ToLower(t.Text); functionWords[w] || auxWords[w] {
			continue // "not" is no "notes", though both stem to "not"
		}
		if k := normWord(t.Text); keys[k] {
			said[k] = true
		}
	}
	switch {
	case len(keys) > 0 && len(said) == len(keys):
		return 2
	case len(said) > 0:
		return 1
	}
	return 0
}

// wholeSentence reports one line of text that starts with a capital
// letter or digit and ends with sentence punctuation.
func wholeSentence(text string) bool {
	text = strings.TrimRight(text, `"'”’)`)
	if text == "" || strings.ContainsAny(text, "\n\r") {
		return false
	}
	first := []rune(strings.TrimLeft(text, `"'“‘(`))
	if len(first) == 0 || !(unicode.IsUpper(first[0]) || unicode.IsDigit(first[0])) {
		return false
	}
	return strings.ContainsRune(".!?", rune(text[len(text)-1]))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
