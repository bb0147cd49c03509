package analysis

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/verbatimhq/verbatim/persona"
)

// nClasses is the five rings plus "none" (class 0). Class i>0 is
// persona.Rings[i-1].
const nClasses = 6

// scores holds one value per class.
type scores [nClasses]float64

func classOf(r persona.Ring) int {
	for i, x := range persona.Rings {
		if x == r {
			return i + 1
		}
	}
	return 0
}

func ringOf(class int) persona.Ring {
	if class <= 0 || class > len(persona.Rings) {
		return persona.RingNone
	}
	return persona.Rings[class-1]
}

// contractions maps prose's split contraction pieces to words.
var contractions = map[string]string{
	"n't": "not", "'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would",
	"wo": "will", "ca": "can", "sha": "shall", "nt": "not",
}

// lemmas maps irregular forms to their base form before stemming.
var lemmas = map[string]string{
	"was": "be", "were": "be", "is": "be", "are": "be", "am": "be", "been": "be", "being": "be",
	"had": "have", "has": "have", "did": "do", "does": "do", "done": "do", "went": "go",
	"gone": "go", "goes": "go", "got": "get", "gotten": "get", "made": "make", "took": "take",
	"taken": "take", "bought": "buy", "chose": "choose", "chosen": "choose", "thought": "think",
	"felt": "feel", "said": "say", "saw": "see", "seen": "see", "lost": "lose", "spent": "spend",
	"burnt": "burn", "brought": "bring", "came": "come", "knew": "know", "known": "know",
	"told": "tell", "found": "find", "paid": "pay", "ran": "run", "sold": "sell", "left": "leave",
	"kept": "keep", "broke": "break", "broken": "break", "grew": "grow", "grown": "grow",
	"held": "hold", "spoke": "speak", "won": "win", "began": "begin", "wrote": "write",
	"better": "better", "worse": "worse", "data": "data", "news": "news", "sas": "saas",
}

// normWord lower-cases w and maps contractions and irregular forms, then
// stems it.
func normWord(w string) string {
	w = strings.ToLower(w)
	if len(w) > 1 { // the tagger leaves some punctuation on ("no.")
		w = strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) && r != '\'' })
	}
	w = strings.ReplaceAll(w, "’", "'")
	if c, ok := contractions[w]; ok {
		return c
	}
	if l, ok := lemmas[w]; ok {
		return l
	}
	return ringStem(w)
}

// ringStem is a light English suffix stripper: enough for cue matching to
// tolerate plurals and verb forms ("priced", "pricing", "prices" -> "pric").
func ringStem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		w = w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "sses"):
		w = w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:n-1]
	}
	n = len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = undouble(w[:n-3])
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = undouble(w[:n-2])
	case n > 6 && strings.HasSuffix(w, "tion"):
		w = w[:n-3]
	case n > 5 && strings.HasSuffix(w, "ly"):
		w = w[:n-2]
	}
	if n := len(w); n > 3 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

// undouble drops a doubled final consonant ("stopp" -> "stop").
func undouble(w string) string {
	n := len(w)
	if n > 2 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

// splitWords tokenizes plain text like the tagger does: lower-cased words,
// contractions split off ("wouldn't" -> "would", "n't"), punctuation dropped.
func splitWords(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), "’", "'")
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	out := make([]string, 0, len(f)+2)
	for _, w := range f {
		w = strings.Trim(w, "'")
		switch {
		case w == "":
			continue
		case strings.HasSuffix(w, "n't") && len(w) > 3:
			out = append(out, w[:len(w)-3], "n't")
		case strings.Contains(w, "'"):
			i := strings.Index(w, "'")
			out = append(out, w[:i], w[i:])
		default:
			out = append(out, w)
		}
	}
	return out
}

// eachWord calls yield with each of splitWords(s) in order, without
// building the slice: for callers that only look at each word once.
func eachWord(s string, yield func(string)) {
	s = strings.ReplaceAll(strings.ToLower(s), "’", "'")
	start := -1
	for i, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' {
			if start >= 0 {
				eachPiece(s[start:i], yield)
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		eachPiece(s[start:], yield)
	}
}

// eachPiece yields the words splitWords makes of one field.
func eachPiece(w string, yield func(string)) {
	w = strings.Trim(w, "'")
	switch {
	case w == "":
	case strings.HasSuffix(w, "n't") && len(w) > 3:
		yield(w[:len(w)-3])
		yield("n't")
	case strings.Contains(w, "'"):
		i := strings.Index(w, "'")
		yield(w[:i])
		yield(w[i:])
	default:
		yield(w)
	}
}

// normTokens returns the normalised words of tagged tokens.
func normTokens(toks []persona.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = normWord(t.Text)
	}
	return out
}

// cue is one compiled cue phrase.
type cue struct {
	name   string
	words  []string
	class  int
	weight float64
}

// lexicon indexes cues by their first normalised word.
type lexicon struct{ first map[string][]cue }

// newLexicon compiles "phrase|weight" entries per class.
func newLexicon(entries map[int][]string) *lexicon {
	l := &lexicon{first: map[string][]cue{}}
	for class := 0; class < nClasses; class++ {
		for _, e := range entries[class] {
			c := parseCue(e, class)
			if len(c.words) > 0 {
				l.first[c.words[0]] = append(l.first[c.words[0]], c)
			}
		}
	}
	return l
}

func parseCue(e string, class int) cue {
	phrase, w := e, 1.0
	if i := strings.LastIndex(e, "|"); i >= 0 {
		phrase = e[:i]
		if f, err := strconv.ParseFloat(e[i+1:], 64); err == nil {
			w = f
		}
	}
	words := splitWords(phrase)
	for i, x := range words {
		words[i] = normWord(x)
	}
	return cue{name: strings.Join(words, "_"), words: words, class: class, weight: w}
}

// match scores words against the lexicon and calls hit for each cue found.
// Later words of a multi-word cue may be preceded by one extra word.
func (l *lexicon) match(words []string, hit func(c cue)) scores {
	var s scores
	for i, w := range words {
		for _, c := range l.first[w] {
			if matchFrom(words, i+1, c.words[1:]) {
				s[c.class] += c.weight
				if hit != nil {
					hit(c)
				}
			}
		}
	}
	return s
}

func matchFrom(words []string, at int, rest []string) bool {
	for _, want := range rest {
		switch {
		case at < len(words) && words[at] == want:
			at++
		case at+1 < len(words) && words[at+1] == want:
			at += 2
		default:
			return false
		}
	}
	return true
}

// ringLexicon and questionLexicon are compiled once.
var (
	ringLexicon = newLexicon(map[int][]string{
		1: priorityCues, 2: successCues, 3: barrierCues, 4: journeyCues, 5: criteriaCues,
	})
	questionLexicon = newLexicon(map[int][]string{
		1: questionCues[string(persona.RingPriority)], 2: questionCues[string(persona.RingSuccess)],
		3: questionCues[string(persona.RingBarriers)], 4: questionCues[string(persona.RingJourney)],
		5: questionCues[string(persona.RingCriteria)],
	})
)

// questionScores scores the interviewer's question, capped at 3 per ring.
func questionScores(q string) scores {
	if q == "" {
		return scores{}
	}
	words := splitWords(q)
	for i, w := range words {
		words[i] = normWord(w)
	}
	s := questionLexicon.match(words, nil)
	for i := range s {
		s[i] = min(s[i], 3)
	}
	return s
}

// nilWords make up answers that say there is nothing to say: "Nothing.",
// "None really", "N/A", "Nothing at all", "Can't think of anything". Such
// an answer to "What could we improve?" is no barrier; it gets no ring.
var nilWords = stemSet("nothing", "none", "no", "nope", "nil", "n", "a", "na", "not", "really",
	"at", "all", "much", "anything", "i", "can", "cannot", "could", "think", "of", "so", "far",
	"yet", "that", "comes", "to", "mind", "else", "there", "is", "'s", "'t", "n't", "ca", "cant",
	"applicable", "in", "particular", "specific", "honestly", "sure", "-", "n/a")

// nilHeads are the words a nil answer must contain.
var nilHeads = stemSet("nothing", "none", "nope", "nil", "na", "n", "no", "n/a", "anything")

// nilAnswer reports whether normalised words only say "nothing".
func nilAnswer(words []string) bool {
	head := false
	for _, w := range words {
		if !nilWords[w] {
			return false
		}
		head = head || nilHeads[w]
	}
	return head
}

// ackWords make up acknowledgements, greetings and thanks: "Thanks!",
// "Okay, cool.", "Sounds good.", "My pleasure :)", "Nice to meet you".
var ackWords = stemSet("ok", "okay", "k", "yeah", "yes", "yep", "yup", "sure", "right", "cool",
	"great", "thanks", "thank", "you", "bye", "goodbye", "hi", "hello", "hey", "mm-hmm", "mhm",
	"uh-huh", "hmm", "got", "it", "sounds", "good", "perfect", "exactly", "absolutely", "welcome",
	"pleasure", "my", "problem", "nice", "to", "meet", "too", "morning", "afternoon", "evening",
	"cheers", "awesome", "alright", "fine", "totally", "definitely", "true", "indeed", "so", "well",
	"oh", "ah", "wow", "haha", "lol", "see", "ya", "later", "take", "care", "much", "very", "a",
	"lot", "for", "that", "makes", "sense", "agreed", "gotcha", "correct", "of", "course", "no",
	"worries", "'re", "'s", "is", "the", "same", "all", "again", "really", "appreciate", "and")

// smallTalk reports whether normalised words are an acknowledgement of
// three words or fewer ("Okay, cool.", "Thanks!"): small talk, no ring.
func smallTalk(words []string) bool {
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, w := range words {
		if !ackWords[w] {
			return false
		}
	}
	return true
}

// nilAnswerBias is added to "none" for a nil answer: more than any cue.
const nilAnswerBias = 10
