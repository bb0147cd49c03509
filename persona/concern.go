package persona

import (
	"strings"
	"unicode"
)

// An objection is a judgement about a topic: "remote too expensive" is the
// remote (topic) judged too expensive (concern: price). A quote that names
// the remote but says nothing about what it costs does not answer the
// objection. Concerns are the usual families of buyer objections (price,
// time, effort to learn or use, clarity, risk, reliability), each with the
// words that raise it in a rep's query (Triggers) and the words by which a
// buyer's quote carries it (Carriers, a wider set: "it's gonna add too
// much to the price" carries the concern of "too expensive").
//
// Words are matched on lower-cased word tokens; an entry ending in "*"
// matches every word it begins ("expens*": expense, expenses, expensive);
// an entry of several words matches them in a row ("too long": a lone
// "long" is as often a long stick as a long wait).
// The lists are general English for the concern, written from what
// objections are about (docs/PERSONAS.md's barriers), not from a data set.

// Concern is one family of objections.
type Concern struct {
	// Name says the concern in a rep's words ("price or cost").
	Name     string
	Triggers []string
	Carriers []string
}

// Concerns are the families an objection query is read for.
var Concerns = []Concern{
	{Name: "price or cost",
		Triggers: []string{"expens*", "pricey", "pricy", "price", "prices", "pricing", "priced", "overpriced", "cost", "costs",
			"costly", "costing", "cheap*", "afford*", "budget*", "money", "fee", "fees"},
		Carriers: []string{"expens*", "pricey", "pricy", "price", "prices", "pricing", "priced", "overpriced", "cost", "costs",
			"costly", "costing", "cheap*", "afford*", "budget*", "money", "fee", "fees", "pay", "pays", "paying", "paid",
			"payment*", "euro*", "dollar*", "bill", "bills", "billing", "billed", "invoice*", "subscription*", "licence*",
			"license*", "licensing", "spend", "spending", "spent", "charge", "charges", "charged", "roi", "worth",
			"$*", "€*", "£*"}},
	{Name: "speed or time",
		Triggers: []string{"slow*", "sluggish", "delay*", "lag", "lags", "lagging", "laggy", "latency", "wait*", "forever",
			"late", "unresponsive"},
		Carriers: []string{"slow*", "sluggish", "delay*", "lag", "lags", "lagging", "laggy", "latency", "waiting",
			"waited", "wait time", "takes forever", "took forever", "late", "unresponsive", "not responsive",
			"response time", "response times", "speed", "faster", "quicker", "too long", "so long", "long time",
			"takes ages", "took ages", "for ages", "turnaround", "backlog", "timely"}},
	{Name: "effort to learn or use",
		Triggers: []string{"hard", "harder", "difficult*", "complicat*", "complex*", "confus*", "learn*", "unintuitive",
			"counterintuitive", "cumbersome", "clunky", "overwhelm*", "tedious", "steep", "usability", "unusable"},
		Carriers: []string{"hard", "harder", "difficult*", "complicat*", "complex*", "confus*", "learn*", "unintuitive",
			"counterintuitive", "intuitive", "cumbersome", "clunky", "overwhelm*", "tedious", "steep", "curve",
			"usability", "usable", "unusable", "easy", "easier", "ease", "simple", "simpler", "simplif*", "user-friendly",
			"friendly", "understand*", "figure", "navigat*", "struggl*", "training", "manual", "effort", "tricky"}},
	{Name: "clarity or predictability",
		Triggers: []string{"unpredictab*", "predict*", "unclear", "opaque", "hidden", "surpris*", "unexpected*",
			"transparen*", "estimat*"},
		Carriers: []string{"unpredictab*", "predict*", "unclear", "opaque", "hidden", "surpris*", "unexpected*",
			"transparen*", "estimat*", "forecast*", "confus*", "understand*", "clear", "clarity", "visibility", "track*"}},
	{Name: "risk, security or trust",
		Triggers: []string{"risk*", "insecure", "secur*", "unsafe", "safe*", "trust*", "untrust*", "breach*", "vulnerab*",
			"complian*", "privacy", "lock-in", "locked"},
		Carriers: []string{"risk*", "insecure", "secur*", "unsafe", "safe*", "trust*", "untrust*", "breach*", "vulnerab*",
			"complian*", "privacy", "private", "lock-in", "locked", "gdpr", "hack*", "leak*", "confidential*", "regulat*",
			"audit*", "danger*", "worr*", "fear*", "afraid"}},
	{Name: "reliability",
		Triggers: []string{"unreliab*", "reliab*", "buggy", "bugs", "crash*", "outage*", "downtime", "unstable",
			"glitch*", "flaky", "breaks", "broken"},
		Carriers: []string{"unreliab*", "reliab*", "buggy", "bug", "bugs", "crash*", "outage*", "downtime", "goes down",
			"went down", "unstable", "stability", "stable", "glitch*", "flaky", "broke", "broken", "fail*", "error*"}},
}

// QueryConcerns are the concerns a rep's query raises (a word of it is one
// of their Triggers), in Concerns' order; none for a query that judges
// nothing ("we already use spreadsheets").
func QueryConcerns(query string) []Concern {
	var out []Concern
	words := concernWords(query)
	for _, c := range Concerns {
		for _, w := range words {
			if matchesAny(w, c.Triggers) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// CarriesConcern reports whether text says something of one of the
// concerns (a word of it is one of their Carriers).
func CarriesConcern(text string, concerns []Concern) bool {
	if len(concerns) == 0 {
		return false
	}
	words := concernWords(text)
	joined := " " + strings.Join(words, " ") + " "
	for _, c := range concerns {
		for _, e := range c.Carriers {
			if strings.Contains(e, " ") && strings.Contains(joined, " "+e+" ") {
				return true
			}
		}
		for _, w := range words {
			if matchesAny(w, c.Carriers) {
				return true
			}
		}
	}
	return false
}

// SearchTerms are the concern's carriers as search terms ("expens*" as a
// prefix), leaving out those a query cannot say (symbols, hyphens): what a
// search for quotes carrying it asks. Fewer than search.MaxClauses.
func (c Concern) SearchTerms() []string {
	var out []string
	for _, w := range c.Carriers {
		stem := strings.TrimSuffix(w, "*")
		if strings.Contains(stem, " ") {
			out = append(out, `"`+stem+`"`) // a phrase
			continue
		}
		if len(stem) < 2 || strings.ContainsFunc(stem, func(r rune) bool { return r < 'a' || r > 'z' }) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// concernWords are text's lower-cased words ("$25" stays whole, so a
// currency amount carries price).
func concernWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '$' && r != '€' && r != '£'
	})
}

func matchesAny(w string, list []string) bool {
	for _, e := range list {
		if p, ok := strings.CutSuffix(e, "*"); ok {
			if strings.HasPrefix(w, p) {
				return true
			}
		} else if w == e {
			return true
		}
	}
	return false
}

// CarriesConcernOn is CarriesConcern for an objection about a topic
// ("the battery is unreliable"): a concern said only of another named
// thing does not count. A concern's adjective is said of a thing when it
// stands right before a noun ("really quite expensive watches",
// "unreliable trains") or after a copula whose subject is a noun ("the
// website is unreliable", "the trains were too slow"); when no noun of
// that phrase is the topic (isTopic) nor a general word for whatever is
// being discussed ("an expensive option", "the thing is unreliable"), the
// concern is another thing's. A concern said with a pronoun or no subject
// ("it's gonna add too much to the price") is the topic's: in a study
// about one product the buyer seldom names it; and a quote that names the
// topic anywhere is about it. tokens are the quote's
// analysis tokens (Quote.Tokens); without them this is CarriesConcern.
func CarriesConcernOn(text string, tokens []Token, concerns []Concern, isTopic func(string) bool) bool {
	if !CarriesConcern(text, concerns) {
		return false
	}
	if len(tokens) == 0 || isTopic == nil {
		return true
	}
	// A quote that names the topic anywhere is about it ("…backup is
	// slow. Not enough responsive support." for "support is slow").
	for _, t := range tokens {
		if isTopic(t.Text) {
			return true
		}
	}
	found := false
	for i, t := range tokens {
		if !isAdjective(t.Tag) || !carries(t.Text, concerns) {
			continue
		}
		found = true
		if !saidOfOther(tokens, i, isTopic) {
			return true
		}
	}
	// Only carriers that are no adjective (a noun, a verb, a phrase: "the
	// price", "it crashed") or adjectives all said of other things.
	if !found {
		return true
	}
	for _, t := range tokens {
		if !isAdjective(t.Tag) && carries(t.Text, concerns) {
			return true
		}
	}
	for _, c := range concerns {
		for _, e := range c.Carriers {
			if strings.Contains(e, " ") && strings.Contains(" "+strings.Join(concernWords(text), " ")+" ", " "+e+" ") {
				return true
			}
		}
	}
	return false
}

func carries(w string, concerns []Concern) bool {
	for _, c := range concerns {
		if matchesAny(w, c.Carriers) {
			return true
		}
	}
	return false
}

// saidOfOther reports whether the adjective at i is said of a named thing
// that is not the topic (see CarriesConcernOn).
func saidOfOther(tokens []Token, i int, isTopic func(string) bool) bool {
	var nouns []string
	// Attributive: "expensive (Swiss) watches".
	j := i + 1
	if j < len(tokens) && isAdjective(tokens[j].Tag) {
		j++
	}
	for ; j < len(tokens) && isNoun(tokens[j].Tag); j++ {
		nouns = append(nouns, tokens[j].Text)
	}
	if len(nouns) == 0 {
		// Predicative: "the website is (really) unreliable", "the trains
		// were too slow and unreliable".
		j = i - 1
		for j >= 0 && (strings.HasPrefix(tokens[j].Tag, "RB") || tokens[j].Text == "too" || tokens[j].Tag == "CC" ||
			isAdjective(tokens[j].Tag)) {
			j--
		}
		if j < 1 || !copulas[tokens[j].Text] {
			return false
		}
		for j--; j >= 0 && isNoun(tokens[j].Tag); j-- {
			nouns = append(nouns, tokens[j].Text)
		}
		// "Setting up network and ports for inbound traffic was more
		// complicated": the subject is a clause, not the noun before
		// the copula.
		for k := j; k >= max(0, j-8); k-- {
			if tokens[k].Tag == "VBG" || tokens[k].Tag == "VB" {
				return false
			}
			if !isNoun(tokens[k].Tag) && !isAdjective(tokens[k].Tag) && tokens[k].Tag != "DT" && tokens[k].Tag != "IN" &&
				tokens[k].Tag != "CC" && tokens[k].Tag != "RP" && tokens[k].Tag != "PRP$" {
				break
			}
		}
	}
	if len(nouns) == 0 {
		return false // a pronoun, or nothing named
	}
	for _, n := range nouns {
		if isTopic(n) || thingWords[n] {
			return false
		}
	}
	return true
}

func isAdjective(tag string) bool { return strings.HasPrefix(tag, "JJ") }

func isNoun(tag string) bool { return strings.HasPrefix(tag, "NN") }

var copulas = wordSet(`is are was were be been being 's 're seems seem seemed looks look looked gets get got became
become feels feel felt`)

// thingWords are general English nouns for whatever is being discussed:
// "an expensive option" is the topic's price as much as "it's expensive".
var thingWords = wordSet(`thing things stuff one ones option options way ways solution solutions product products
feature features part parts tool tools version versions service services system systems device devices alternative
alternatives choice choices idea ideas approach kind sort type process setup price prices pricing cost costs software
app apps application applications platform platforms program programs`)
