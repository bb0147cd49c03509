package analysis

import (
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
