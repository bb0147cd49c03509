package analysis

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/verbatimhq/verbatim/persona"
)

// The marketer's checks of issue 11, from outside the labeller: a label
// never ends in a function word, auxiliary or negation fragment ("logins
// does not", "takes little bit"); a one-word label is what at least a
// tenth of the theme's quotes say; a headline is a slide sentence (6-25
// words, whole, no leading conjunction or filler, at most one filler in
// ten words); no barrier theme is headed by a nil answer.
var (
	ruleTail    = wordSet("a", "an", "the", "of", "to", "for", "in", "on", "and", "or", "with", "by", "at", "from", "is", "are", "was", "does", "do", "did", "not", "can", "will", "would", "let", "bit", "lot", "whole", "little", "have", "has")
	ruleLeading = wordSet("and", "so", "but", "or", "because", "um", "uh", "well", "like", "yeah", "okay", "ok", "oh", "hmm", "then")
	ruleFillers = wordSet("um", "uh", "uhm", "erm", "hmm", "mm", "mhm", "yeah", "like", "kinda", "sorta", "basically", "literally")
)

// labelQualityBreaks lists the marketer's label rules label breaks and
// its coverage: the share of the theme's quotes saying one of its words.
func labelQualityBreaks(label string, quotes []persona.Quote) (why []string, coverage float64) {
	words := strings.Fields(strings.ToLower(label))
	if len(words) == 0 {
		return []string{"empty"}, 0
	}
	if ruleTail[words[0]] || ruleTail[words[len(words)-1]] {
		why = append(why, "fragment")
	}
	keys := map[string]bool{}
	for _, w := range words {
		if !labelStop[w] {
			keys[normWord(strings.Trim(w, ".,"))] = true
		}
	}
	n := 0
	for _, q := range quotes {
		for _, t := range q.Tokens {
			if keys[normWord(t.Text)] {
				n++
				break
			}
		}
	}
	coverage = float64(n) / float64(max(1, len(quotes)))
	if len(words) == 1 && 10*n < len(quotes) {
		why = append(why, "lone word under a tenth")
	}
	return why, coverage
}

// headlineBreaks lists the slide rules a headline breaks.
func headlineBreaks(text string) []string {
	var why []string
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	})
	if len(words) < 6 || len(words) > 25 {
		why = append(why, "length")
	}
	if len(words) > 0 && ruleLeading[words[0]] {
		why = append(why, "leading "+words[0])
	}
	f := 0
	for _, w := range words {
		if ruleFillers[w] {
			f++
		}
	}
	if 10*f > len(words) {
		why = append(why, "fillers")
	}
	if saysNothingRule(text) {
		why = append(why, "nil answer")
	}
	return why
}

// saysNothingRule spots the nil answers the issue names, independently
// of the labeller's patterns.
func saysNothingRule(text string) bool {
	l := strings.ToLower(text)
	for _, s := range []string{"anything bad i can say", "nothing bad to say", "no cons", "no complaints", "nothing to complain"} {
		if strings.Contains(l, s) {
			return true
		}
	}
	l = strings.Trim(l, " .!")
	return l == "none" || l == "nothing" || l == "n/a"
}

func TestLabelQualityRules(t *testing.T) {
	q := func(ws ...string) persona.Quote {
		var toks []persona.Token
		for _, w := range ws {
			toks = append(toks, persona.Token{Text: w})
		}
		return persona.Quote{Tokens: toks}
	}
	cases := []struct {
		label  string
		quotes []persona.Quote
		broken bool
	}{
		{"logins does not", []persona.Quote{q("logins"), q("logins")}, true},
		{"takes little bit", []persona.Quote{q("takes"), q("takes")}, true},
		{"house", append([]persona.Quote{q("house")}, slices.Repeat([]persona.Quote{q("data")}, 10)...), true},
		{"house", []persona.Quote{q("house"), q("house"), q("data"), q("data"), q("data")}, false},
		{"steep learning curve", []persona.Quote{q("steep", "learning", "curve"), q("learning")}, false},
		{"pricing", []persona.Quote{q("pricing"), q("data")}, false},
	}
	for _, c := range cases {
		why, _ := labelQualityBreaks(c.label, c.quotes)
		if (len(why) > 0) != c.broken {
			t.Errorf("%q: breaks %v, want broken=%v", c.label, why, c.broken)
		}
	}
	heads := []struct {
		text   string
		broken bool
	}{
		{"And, uh, all the time we had new data.", true},
		{"Uh, I did no work on it.", true},
		{"I don't know if there is anything bad I can say about this yet.", true},
		{"The pricing of Microsoft Azure is a bit expensive for small teams.", false},
	}
	for _, h := range heads {
		if why := headlineBreaks(h.text); (len(why) > 0) != h.broken {
			t.Errorf("%q: breaks %v, want broken=%v", h.text, why, h.broken)
		}
	}
}

func TestSaysNothing(t *testing.T) {
	for _, c := range []struct {
		text string
		nil  bool
	}{
		{"I don't know if there is anything bad I can say about this yet.", true},
		{"None", true},
		{"No cons so far.", true},
		{"Nothing bad to say.", true},
		{"I haven't found any issues with it.", true},
		{"No complaints, but the pricing is confusing.", false},
		{"The pricing is confusing.", false},
		{"Nothing beats the price of reserved instances for batch jobs.", false},
	} {
		if got := saysNothing(c.text); got != c.nil {
			t.Errorf("saysNothing(%q) = %v, want %v", c.text, got, c.nil)
		}
	}
	for _, c := range []struct {
		text string
		non  bool
	}{
		{"Es necesario un arquitecto de azure para implementar el software en una empresa.", true},
		{"Version gratuite pas très complète il faut absolument payer si on veut avoir accès à tout.", true},
		{"The user interface is flashy and not very intuitive.", false},
		{"Great cloud platform", false},
	} {
		if got := nonEnglish(c.text); got != c.non {
			t.Errorf("nonEnglish(%q) = %v, want %v", c.text, got, c.non)
		}
	}
}

func TestSlideLevel(t *testing.T) {
	tok := func(text string, tags ...string) persona.Quote {
		q := persona.Quote{Text: text}
		for i, w := range splitWords(text) {
			tag := "NN"
			if i < len(tags) {
				tag = tags[i]
			}
			q.Tokens = append(q.Tokens, persona.Token{Text: w, Tag: tag})
		}
		return q
	}
	for _, c := range []struct {
		q    persona.Quote
		want int
	}{
		{tok("The pricing of reserved instances is hard to predict for us."), 2},
		{tok("And, uh, all the time we had new data."), 0},
		{tok("So, so the data quality and the model and the system."), 0},
		{tok("Nothing bad to say about it so far."), 0},
		{tok("we reduced that to twenty five seconds in the end"), 1},
		{tok("Es necesario un arquitecto de azure para implementar el software."), 0},
		{tok("What is the most pressing quality issue researchers should solve?"), 0},
		{tok("Um,\nThe most pressing quality issue that researchers should try to solve."), 0},
		{tok("Honestly, the pricing of reserved instances is hard to predict."), 0},
	} {
		if got := slideLevel(c.q); got != c.want {
			t.Errorf("slideLevel(%q) = %d, want %d", c.q.Text, got, c.want)
		}
	}
}
