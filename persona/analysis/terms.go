package analysis

import (
	"strings"
	"sync"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"github.com/verbatimhq/verbatim/persona"
)

// Terms turns analysis tokens into clustering terms: lower-cased, stemmed
// with the Snowball English stemmer, without stop words, fillers, numbers
// and one-letter words.
func Terms(tokens []persona.Token) []string {
	out := make([]string, 0, len(tokens))
	for _, t := range tokens {
		if w := word(t); w != "" {
			out = append(out, stem(w))
		}
	}
	return out
}

// TermWords returns Terms(tokens) and, parallel to them, the lower-cased
// words before stemming, which word vectors are looked up by.
func TermWords(tokens []persona.Token) (terms, words []string) {
	terms = make([]string, 0, len(tokens))
	words = make([]string, 0, len(tokens))
	for _, t := range tokens {
		if w := word(t); w != "" {
			terms = append(terms, stem(w))
			words = append(words, w)
		}
	}
	return terms, words
}

// word is token t lower-cased and trimmed, or "" when it is no clustering
// term (a stop word, filler, number or one letter).
func word(t persona.Token) string {
	w := strings.ToLower(strings.Trim(t.Text, "'’-_.,"))
	w = strings.ReplaceAll(w, "’", "'")
	if i := strings.IndexByte(w, '\''); i > 0 {
		w = w[:i] // "card's" -> "card"; "n't" and "'s" alone are stop words
	}
	if len(w) < 2 || stopWords[w] || !hasLetter(w) {
		return ""
	}
	return w
}

var stemCache sync.Map // word -> stem; the vocabulary is small

// stem returns the Snowball English stem of w.
func stem(w string) string {
	if s, ok := stemCache.Load(w); ok {
		return s.(string)
	}
	env := snowballstem.NewEnv(w)
	english.Stem(env)
	s := env.Current()
	stemCache.Store(w, s)
	return s
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r > 127 {
			return true
		}
	}
	return false
}

// stopWords are function words that say nothing about a theme, plus the
// fillers and contraction stubs that prose leaves as tokens.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
a about above after again against all am an and any are aren as at be
because been before being below between both but by can cannot could
couldn did didn do does doesn doing don down during each few for from
further had hadn has hasn have haven having he her here hers herself him
himself his how i if in into is isn it its itself just let me more most
mustn my myself no nor not of off on once only or other ought our ours
ourselves out over own same shan she should shouldn so some such than that
the their theirs them themselves then there these they this those through
to too under until up very was wasn we were weren what when where which
while who whom why will with won would wouldn you your yours yourself
yourselves ll ve re nt 's n't 'm 're 've 'll 'd
also yes yeah okay ok oh uh um uhm umm hmm mm mhm ah er erm like well
really actually basically just kind sort thing things lot maybe
gonna wanna gotta get got go going
`) {
		m[w] = true
	}
	return m
}()

// Stem is the Snowball English stem of a lower-case word, as themes and
// labels compare words ("spreadsheets" and "spreadsheet" share one).
func Stem(w string) string { return stem(w) }
