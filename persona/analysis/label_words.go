package analysis

import (
	"fmt"
	"regexp"
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
		"basically", "actually", "really", "just", "maybe", "probably", "literally", "huh", "hey")
	fillerPattern = regexp.MustCompile(`^(m+|h?m+-?h?m+|u+h+-?h?u+h+|u+m+|u+h+|e+r+m*|a+h+|o+h+|ha(ha)+)$`)
	questionWords = wordSet("what", "why", "how", "when", "where", "who", "which", "whom", "whose")
	// loneGeneric are nouns that may sit in a phrase ("project budget")
	// but never make a label alone.
	loneGeneric = wordSet("project", "projects", "example", "examples", "work", "thing", "things",
		"stuff", "problem", "problems", "issue", "issues", "part", "parts", "area", "areas", "level",
		"type", "types", "system", "process", "information", "data", "tool", "tools", "use", "user",
		"users", "company", "team", "job", "person", "experience", "question", "answer", "matter",
		"world", "term", "terms", "aspect", "aspects", "situation", "moment", "approach", "option",
		"options", "result", "results", "idea", "step", "steps", "detail", "details", "business", "businesses")
	// vagueVerbs say too little to name a theme alone ("need", "start").
	vagueVerbs = wordSet("need", "needs", "mean", "means", "say", "says", "happen", "happens", "start",
		"starts", "look", "looking", "read", "talk", "hope", "change", "changes", "make", "making", "use",
		"using", "try", "come", "put", "give", "keep", "feel", "work", "tell", "ask", "call", "find",
		"seem", "help", "show", "guess", "believe", "care", "worry", "check", "back", "cut", "measure",
		"introduce", "compare", "relying", "oppose", "share", "review", "download", "export", "search")
	functionWords = wordSet("a", "an", "the", "of", "per", "to", "for", "in", "on", "and", "or",
		"with", "by", "at", "from", "about", "into", "than", "as", "that", "this", "these", "those")
)

// fillerWord reports a filler, spelled out or as a hum ("mm-hmm", "mmmm").
func fillerWord(w string) bool { return fillerWords[w] || fillerPattern.MatchString(w) }

// plainWord reports a word of letters, digits, inner hyphens and
// apostrophes: anything else is markup or a fragment.
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

// headline is the theme's most central short whole sentence: a quote on
// one line that starts like a sentence, ends with a full stop, question or
// exclamation mark, has 6-30 words and few fillers ("um", "uh"); among
// those, one that says a word of the theme's label comes first. Failing
// that, its most central quote of 4-40 words, then its most central quote.
// It returns the quote index or -1.
func headline(c *corpus, members []int, label string) int {
	keys := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(label)) {
		if !functionWords[w] {
			keys[normWord(w)] = true
		}
	}
	best, bestRank := -1, [2]float64{}
	for _, i := range members {
		if c.hidden[i] {
			continue
		}
		q := c.quotes[i]
		text := strings.TrimSpace(q.Text)
		words := len(strings.Fields(text))
		tier := 0.0
		switch {
		case words >= 6 && words <= 30 && wholeSentence(text) && 5*len(q.Tokens) >= 4*words:
			tier = 2
			if saysAny(q.Tokens, keys) {
				tier = 3
			}
		case words >= 4 && words <= 40:
			tier = 1
		}
		if c.pinned[i] {
			tier += 4
		}
		rank := [2]float64{tier, c.central[i]}
		if best < 0 || rank[0] > bestRank[0] || (rank[0] == bestRank[0] && rank[1] > bestRank[1]) {
			best, bestRank = i, rank
		}
	}
	return best
}

func saysAny(toks []persona.Token, keys map[string]bool) bool {
	for _, t := range toks {
		if keys[normWord(t.Text)] {
			return true
		}
	}
	return false
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

// fallbackLabel names a theme with no grounded phrase by its best
// grounded content word, else the first noun phrase of its headline, else
// its ring and size.
func fallbackLabel(c *corpus, st *phraseStats, t int, used map[string]bool) string {
	w := st.ws[t]
	best, bestScore := "", 0.0
	for _, i := range w.members {
		for _, tk := range c.quotes[i].Tokens {
			k := normWord(tk.Text)
			if used[tk.Text] || !st.labelWord(tk) || (len(w.members) >= 2 && st.themeDF[t][k] < 2) {
				continue
			}
			if s := st.wordScore(t, k); s > bestScore || (s == bestScore && s > 0 && tk.Text < best) {
				best, bestScore = tk.Text, s
			}
		}
	}
	if best != "" {
		return best
	}
	if h := headline(c, w.members, ""); h >= 0 {
		for _, p := range nounPhrases(c.quotes[h].Tokens) {
			if !used[p.surface] && !loneGeneric[p.surface] {
				return p.surface
			}
		}
	}
	return fmt.Sprintf("%s, %d quotes", w.ring.Title(), len(w.members))
}

// labelWord reports a content word that may name a theme alone.
func (st *phraseStats) labelWord(tk persona.Token) bool {
	k := normWord(tk.Text)
	content := isNoun(tk.Tag) || ((isVerb(tk.Tag) || isAdj(tk.Tag)) && !vagueVerbs[tk.Text])
	return content && !strings.HasPrefix(tk.Tag, "NNP") && !lightVerbs[tk.Text] && !fillerWord(tk.Text) &&
		!questionWords[tk.Text] && !functionWords[tk.Text] && !loneGeneric[tk.Text] && !genericNouns[tk.Text] &&
		!weakAdjectives[tk.Text] && !indefinite[tk.Text] && plainWord(tk.Text) && len(tk.Text) > 2 &&
		!st.names[k] && 2*st.df[k] <= st.n
}

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
