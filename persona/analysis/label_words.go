package analysis

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/verbatimhq/verbatim/persona"
)

// Words a theme label never rests on: speech fillers, question words and
// words too generic to say anything alone. Function words may sit inside
// a phrase ("price per seat") but never start or end one.
var (
	fillerWords = wordSet("yeah", "yes", "no", "gonna", "okay", "ok", "kinda", "sorta", "um", "uh",
		"hmm", "wanna", "gotta", "yep", "yup", "mhm", "like", "right", "oh", "well", "alright",
		"basically", "actually", "really", "just", "maybe", "probably", "literally", "huh", "hey", "eh")
	fillerPattern = regexp.MustCompile(`^(m+|h?m+-?h?m+|u+h+-?h?u+h+|u+m+|u+h+|e+r+m*|a+h+|o+h+|ha(ha)+)$`)
	questionWords = wordSet("what", "why", "how", "when", "where", "who", "which", "whom", "whose")
	// loneGeneric are nouns that may sit in a phrase ("project budget")
	// but never make a label alone.
	loneGeneric = wordSet("project", "projects", "example", "examples", "work", "thing", "things",
		"stuff", "problem", "problems", "issue", "issues", "part", "parts", "area", "areas", "level",
		"type", "types", "system", "process", "information", "data", "tool", "tools", "use", "user",
		"users", "company", "team", "job", "person", "experience", "question", "answer", "matter",
		"world", "term", "terms", "aspect", "aspects", "situation", "moment", "approach", "option",
		"options", "result", "results", "idea", "step", "steps", "detail", "details", "business", "businesses",
		"sense", "feeling", "feelings", "reality", "opinion", "opinions", "mistake", "mistakes",
		// nouns of idioms more often than of a topic: "keep in mind", "in order to"
		"mind", "order",
		// terms of address in a meeting: who is spoken to, not about what
		"member", "members", "colleague", "colleagues", "chair", "madam", "speaker", "sir")
	// vagueVerbs say too little to name a theme alone ("need", "start").
	vagueVerbs = wordSet("need", "needs", "mean", "means", "say", "says", "happen", "happens", "start",
		"starts", "look", "looking", "read", "talk", "hope", "change", "changes", "make", "making", "use",
		"using", "try", "come", "put", "give", "keep", "feel", "work", "tell", "ask", "call", "find",
		"seem", "help", "show", "guess", "believe", "care", "worry", "check", "back", "cut", "measure",
		"introduce", "compare", "relying", "oppose", "share", "review", "download", "export", "search",
		"know", "knew", "note", "think", "thought", "saying", "said", "talking", "thinking", "getting", "going",
		"doing", "trying", "looking", "coming", "taking", "giving")
	// auxWords are auxiliaries, modals and negations: a fragment ("logins
	// does not", "check let") when a phrase starts or ends with one.
	auxWords = wordSet("do", "does", "did", "doing", "is", "are", "was", "were", "be", "been", "am",
		"can", "could", "will", "would", "shall", "should", "may", "might", "must", "has", "have", "had",
		"let", "lets", "not", "n't", "never", "gets", "goes", "ca", "wo",
		"dont", "doesnt", "didnt", "cant", "wont", "isnt", "arent", "wasnt", "im", "ive", "id", "youre", "theyre")
	// quantityWords only measure ("little bit", "amazing whole"): never in
	// a label.
	quantityWords = wordSet("bit", "bits", "lot", "lots", "whole", "couple", "bunch", "plenty", "half",
		"rest", "total", "amount", "little", "tons", "ton")
	// metaWords talk about the review itself ("pros", "overall"), not about
	// what the buyer found.
	metaWords = wordSet("pros", "cons", "overall", "rating", "ratings", "reviewer", "reviewers",
		"honourable", "honorable", "hon") // honorifics address someone
	functionWords = wordSet("a", "an", "the", "of", "per", "to", "for", "in", "on", "and", "or",
		"with", "by", "at", "from", "about", "into", "than", "as", "that", "this", "these", "those",
		"versus", "vs", "via", "without", "within", "across", "over", "under", "after", "before", "between",
		"through", "during", "against", "around", "like")
)

// fillerWord reports a filler, spelled out or as a hum ("mm-hmm", "mmmm").
func fillerWord(w string) bool {
	return fillerWords[w] || (humLetters(w) && fillerPattern.MatchString(w))
}

// humLetters reports a word spelled only with the letters of
// fillerPattern: no other word can match it, and most words are spared the
// regular expression.
func humLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if !strings.ContainsRune("mhuerao-", rune(w[i])) {
			return false
		}
	}
	return w != ""
}

// plainWord reports a word of letters, digits, inner hyphens and
// apostrophes: anything else is markup or a fragment.
// numberWord reports a number written in digits or spelled out in English
// ("25", "twelve", "hundred").
func numberWord(w string) bool {
	digits := w != ""
	for _, r := range w {
		digits = digits && (unicode.IsDigit(r) || r == '.' || r == ',')
	}
	return digits || spelledNumbers[strings.ToLower(w)]
}

// unitWords are what a number counts or measures in common English:
// percentages, money, time, size and data. With a number and nothing else
// they make a quantity, never a label ("ten percent", "five minutes").
var unitWords = wordSet("percent", "percentage", "cent", "cents", "point", "times", "k",
	"euro", "euros", "dollar", "dollars", "pound", "pounds", "pence", "penny", "quid", "buck", "bucks", "yen", "grand",
	"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
	"year", "years", "decade", "decades",
	"kilo", "kilos", "kg", "gram", "grams", "meter", "meters", "metre", "metres", "centimeter", "centimeters",
	"centimetre", "centimetres", "cm", "mm", "inch", "inches", "foot", "feet", "mile", "miles", "km",
	"gb", "mb", "tb", "gigabyte", "gigabytes", "megabyte", "megabytes", "terabyte", "terabytes")

var spelledNumbers = wordSet("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
	"million", "billion", "dozen")

func plainWord(w string) bool {
	if w == "" || strings.HasPrefix(w, "-") || strings.HasSuffix(w, "-") {
		return false
	}
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r) || r == '-':
		default:
			return false
		}
	}
	return letters > 0
}

// nameWords are the words of participant and source labels ("Interviewee",
// "Maria", "P10"): a label never names the people in the study.
func nameWords(parts []persona.Participant) map[string]bool {
	out := map[string]bool{}
	for _, p := range parts {
		for _, w := range strings.FieldsFunc(strings.ToLower(p.Label), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if len(w) > 1 {
				out[w] = true
			}
		}
	}
	return out
}

// mixedLabel names a theme whose quotes share no phrase, nor a head word
// said by minSupport of them, and says so rather than present one quote's
// words as its finding: "Mixed remarks on clients" after its best grounded
// noun (said in two of its quotes, nearer its centre than its ring's),
// else "Mixed remarks (‹ring›)".
func mixedLabel(c *corpus, st *phraseStats, t int, used map[string]bool) string {
	w := st.ws[t]
	if len(w.members) < mixedMin {
		return smallLabel(c, st, t, used)
	}
	if l := st.broadFinding(t, used); l != "" {
		return l
	}
	best, bestScore := "", 0.0
	for _, i := range w.members {
		if c.isMute(i) {
			continue
		}
		for _, tk := range c.quotes[i].Tokens {
			k, text := normWord(tk.Text), strings.ToLower(tk.Text)
			// A noun in most of the study's quotes that say it ("hard" and
			// "stop" are nouns only by the tagger's mistake), said in half
			// the share a label needs, a word of common English.
			if !isNoun(tk.Tag) || 2*st.noun[k] <= st.df[k] || !st.labelWord(tk) ||
				float64(st.themeDF[t][k]) < max(2, minSupport/2*float64(st.size[t])) ||
				used[strings.ToLower(mixedPrefix+" on "+text)] || !st.commonWord(text) {
				continue
			}
			// The noun most of its quotes share that points at its centre:
			// support, not lift (every word of a loose theme is rare).
			s := st.weightOf[t][k]
			if cl, ok := st.centres.closeness(t, []string{text}); ok {
				if cl <= minCloseness {
					continue
				}
				s *= cl
			}
			if s > bestScore || (s == bestScore && s > 0 && text < best) {
				best, bestScore = text, s
			}
		}
	}
	if best != "" {
		if cp := st.compoundOf(t, normWord(best)); cp != "" && !used[strings.ToLower(mixedPrefix+" on "+cp)] {
			best = cp // "machine learning", not "machine"
		}
		return mixedPrefix + " on " + best
	}
	return st.countedLabel(mixedPrefix+" ("+strings.ToLower(w.ring.Title())+")", t, used)
}

// compoundOf is the two-word phrase theme t says the word key k in most
// of the time (at least half the quotes that say k, and two), in its most
// frequent spoken form, or "": a noun that is half of a compound ("machine"
// of "machine learning") names nothing alone.
func (st *phraseStats) compoundOf(t int, k string) string {
	if best := st.compoundKey(t, k); best != "" {
		return mostFrequent(st.surface[best])
	}
	return ""
}

// compoundKey is the key of the phrase compoundOf shows, or "".
func (st *phraseStats) compoundKey(t int, k string) string {
	best, bestN := "", 0
	for key, n := range st.phraseDF[t] {
		ks := strings.Fields(key)
		if len(ks) != 2 || (ks[0] != k && ks[1] != k) || n < 2 || 2*n < st.themeDF[t][k] ||
			slices.ContainsFunc(ks, func(w string) bool { return functionWords[w] || st.names[w] || st.product(w) }) {
			continue
		}
		if n > bestN || (n == bestN && key < best) {
			best, bestN = key, n
		}
	}
	return best
}

// smallLabel names a theme too small to be called mixed (under
// mixedMin quotes) that has no supported phrase: by its best grounded
// content word, else the first noun phrase of its headline, else as a
// mixed theme ("Mixed remarks (success factors)", with its size when
// another theme has that label): never its ring's own name.
func smallLabel(c *corpus, st *phraseStats, t int, used map[string]bool) string {
	w := st.ws[t]
	best, bestScore := "", 0.0
	for _, i := range w.members {
		if c.isMute(i) {
			continue
		}
		for _, tk := range c.quotes[i].Tokens {
			k := normWord(tk.Text)
			if used[tk.Text] || !st.labelWord(tk) || (len(w.members) >= 2 && st.themeDF[t][k] < 2) {
				continue
			}
			s := st.wordScore(t, k)
			if !isNoun(tk.Tag) && !strings.HasPrefix(tk.Tag, "JJ") {
				s /= 2 // a verb alone says less than a noun or adjective
			}
			if s > bestScore || (s == bestScore && s > 0 && tk.Text < best) {
				best, bestScore = tk.Text, s
			}
		}
	}
	if best != "" {
		return best
	}
	if h := headline(c, w.members, "", nil); h >= 0 {
		toks := c.quotes[h].Tokens
		for _, p := range nounPhrases(toks) {
			if !used[p.surface] && !loneGeneric[p.surface] && st.fit(p, toks) {
				return p.surface
			}
		}
	}
	// Never the ring's own name ("Success factors, 4 quotes" is no finding):
	// a small theme with nothing shared is mixed, as a large one is.
	return st.countedLabel(mixedPrefix+" ("+strings.ToLower(w.ring.Title())+")", t, used)
}

// fit reports a phrase free of fillers, markup, names and the product.
func (st *phraseStats) fit(p phrase, toks []persona.Token) bool {
	ws := phraseWords(p, toks)
	for _, w := range ws {
		if st.names[w.key] || st.product(w.key) || 2*st.df[w.key] > st.n {
			return false
		}
	}
	return ws != nil
}

// mixedMin is the smallest theme called mixed: a smaller one is named by
// its best word, for two or three quotes cannot show a shared topic
// anyway.
const mixedMin = 5

// commonWord reports a word among the most frequent of the word vectors
// (when there are vectors): no misspelling or tagger fragment
// ("platforming") names a mixed theme.
func (st *phraseStats) commonWord(w string) bool {
	if st.centres == nil {
		return true
	}
	r := st.centres.v.Rank(w)
	return r >= 0 && r < commonWords
}

// commonWords bounds commonWord.
const commonWords = 30000

// mixedPrefix starts the label of a theme with no shared finding.
const mixedPrefix = "Mixed remarks"

// supported reports a candidate whose head word a meaningful share of the
// theme's size quotes say: minSupport of them and at least two.
func supported(s scored, size int) bool {
	return s.support >= minSupport && (size < 2 || s.support*float64(size) >= 1.5)
}

// labelWord reports a content word that may name a theme alone.
func (st *phraseStats) labelWord(tk persona.Token) bool {
	k := normWord(tk.Text)
	content := (isNoun(tk.Tag) || isAdj(tk.Tag) || isVerb(tk.Tag)) && !vagueVerbs[tk.Text]
	return content && !strings.HasPrefix(tk.Tag, "NNP") && !swearWords[strings.ToLower(tk.Text)] && !lightVerbs[tk.Text] && !fillerWord(tk.Text) &&
		!questionWords[tk.Text] && !functionWords[tk.Text] && !loneGeneric[tk.Text] && !genericNouns[tk.Text] &&
		!weakAdjectives[tk.Text] && !indefinite[tk.Text] && plainWord(tk.Text) && len(tk.Text) > 2 &&
		!quantityWords[tk.Text] && !metaWords[tk.Text] && !auxWords[tk.Text] && !timeAdverbs[tk.Text] &&
		tk.Tag != "CD" && !numberWord(tk.Text) && // "Mixed remarks on thirty" names a number, not a topic
		!st.names[k] && 2*st.df[k] <= st.n && !st.product(k)
}

// swearWords never name a theme.
var swearWords = wordSet("fuck", "fucking", "fucked", "shit", "shitty", "crap", "crappy", "damn", "hell", "bullshit", "ass")

// timeAdverbs the tagger may call nouns: never a label alone.
var timeAdverbs = wordSet("sometimes", "today", "tomorrow", "yesterday", "tonight", "everyday",
	"nowadays", "anyway", "anymore", "meantime", "ago")

// echoes reports a phrase that repeats itself: two of its words share a
// stem or a five-letter start ("predict prediction").
func echoes(keys []string) bool {
	for i, a := range keys {
		for _, b := range keys[i+1:] {
			if a == b || (len(a) >= 5 && len(b) >= 5 && a[:5] == b[:5]) {
				return true
			}
		}
	}
	return false
}
