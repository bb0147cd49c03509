package analysis

import (
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// A pattern is a part-of-speech rule over a quote's tagged tokens. Each
// match adds its weight to one ring and becomes a classifier feature.
type pattern struct {
	name   string
	class  int
	weight float64
	match  func(toks []persona.Token, words []string) bool
}

var (
	negations   = wordSet("not", "n't", "never", "no", "nobody", "nothing", "neither", "nor", "without")
	vendorWords = stemSet("tool", "vendor", "product", "platform", "software", "solution", "system",
		"app", "approve", "switch", "trust", "sign", "buy", "migrate", "change", "adopt", "use",
		"used", "another", "implement", "contract", "commit")
	obligation = stemSet("must", "should", "need", "have", "got", "required")
	timeUnits  = stemSet("minutes", "hours", "days", "weeks", "months", "quarters", "years", "percent", "%")
	vendorNoun = stemSet("vendors", "options", "tools", "platforms", "solutions", "products",
		"companies", "providers", "demos", "candidates")
	sequence = wordSet("then", "next", "eventually", "finally", "afterwards", "later", "after", "first")
)

// stemSet is a set of normalised words.
func stemSet(ws ...string) map[string]bool {
	m := wordSet(ws...)
	for _, w := range ws {
		m[normWord(w)] = true
	}
	return m
}

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// patterns are checked on every quote.
var patterns = []pattern{
	{"obligation_verb", 5, 1.5, obligationVerb},
	{"comparative", 5, 1, comparative},
	{"superlative", 5, 0.5, func(t []persona.Token, _ []string) bool { return anyTag(t, "JJS", "RBS") }},
	{"negated_vendor", 3, 1.5, negatedVendor},
	{"too_adjective", 3, 2, tooAdjective},
	{"purpose_clause", 2, 1.2, purposeClause},
	{"time_quantity", 2, 1, timeQuantity},
	{"trigger_clause", 1, 1.2, triggerClause},
	{"sequence_past", 4, 1.2, sequencePast},
	{"counted_vendors", 4, 1.2, countedVendors},
}

// patternScores runs every pattern and calls hit for each match.
func patternScores(toks []persona.Token, words []string, hit func(name string)) scores {
	var s scores
	for _, p := range patterns {
		if p.match(toks, words) {
			s[p.class] += p.weight
			if hit != nil {
				hit(p.name)
			}
		}
	}
	return s
}

func isVerb(tag string) bool { return strings.HasPrefix(tag, "VB") }

func anyTag(toks []persona.Token, tags ...string) bool {
	for _, t := range toks {
		for _, x := range tags {
			if t.Tag == x {
				return true
			}
		}
	}
	return false
}

// obligationVerb: "had to integrate", "must support", "needed to work".
func obligationVerb(toks []persona.Token, w []string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if !obligation[w[i]] && !(toks[i].Tag == "MD" && w[i] == "must") {
			continue
		}
		j := i + 1
		if j < len(w) && toks[j].Text == "to" {
			j++
		}
		if j < len(toks) && isVerb(toks[j].Tag) && !negations[toks[j].Text] && (j > i+1 || toks[i].Tag == "MD") {
			return true
		}
	}
	return false
}

// comparative: JJR/RBR ("cheaper", "faster") or "better than".
func comparative(toks []persona.Token, w []string) bool {
	for i, t := range toks {
		if t.Tag == "JJR" || t.Tag == "RBR" {
			if x := toks[i].Text; x != "more" && x != "less" || (i+1 < len(toks) && strings.HasPrefix(toks[i+1].Tag, "JJ")) {
				return true
			}
		}
	}
	return false
}

// negatedVendor: a negation within three words of a vendor or adoption word
// ("IT would never approve another tool", "we didn't trust them").
func negatedVendor(toks []persona.Token, w []string) bool {
	for i := range w {
		if !negations[toks[i].Text] {
			continue
		}
		for j := i + 1; j < len(w) && j <= i+3; j++ {
			if vendorWords[w[j]] {
				return true
			}
		}
	}
	return false
}

// tooAdjective: "too expensive", "too much", "too many clicks".
func tooAdjective(toks []persona.Token, w []string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Text != "too" {
			continue
		}
		next := toks[i+1].Tag
		if strings.HasPrefix(next, "JJ") || strings.HasPrefix(next, "RB") || toks[i+1].Text == "much" || toks[i+1].Text == "many" {
			return true
		}
	}
	return false
}

// purposeClause: "so I can", "so that we stop", "so we don't".
func purposeClause(toks []persona.Token, w []string) bool {
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].Text != "so" {
			continue
		}
		j := i + 1
		if toks[j].Text == "that" && j+1 < len(toks) {
			j++
		}
		if toks[j].Tag == "PRP" && j+1 < len(toks) && (toks[j+1].Tag == "MD" || isVerb(toks[j+1].Tag)) {
			return true
		}
	}
	return false
}

// timeQuantity: a number with a time unit ("two hours", "40 percent").
func timeQuantity(toks []persona.Token, w []string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Tag == "CD" && timeUnits[w[i+1]] {
			return true
		}
	}
	return false
}

// triggerClause: "when we doubled", "after we lost", "once the board".
func triggerClause(toks []persona.Token, w []string) bool {
	for i := 0; i+2 < len(toks); i++ {
		if x := toks[i].Text; x != "when" && x != "after" && x != "once" {
			continue
		}
		if (toks[i+1].Tag == "PRP" || strings.HasPrefix(toks[i+1].Tag, "NN") || toks[i+1].Tag == "DT") &&
			hasPastVerb(toks[i+1:min(i+4, len(toks))]) {
			return true
		}
	}
	return false
}

func hasPastVerb(toks []persona.Token) bool {
	for _, t := range toks {
		if t.Tag == "VBD" || t.Tag == "VBN" {
			return true
		}
	}
	return false
}

// sequencePast: a sequence word then a past-tense verb ("then we booked").
func sequencePast(toks []persona.Token, w []string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if sequence[toks[i].Text] && hasPastVerb(toks[i+1:min(i+4, len(toks))]) {
			return true
		}
	}
	return false
}

// countedVendors: "three vendors", "two options", "a couple of demos".
func countedVendors(toks []persona.Token, w []string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Tag == "CD" && (vendorNoun[w[i+1]] || (i+2 < len(w) && vendorNoun[w[i+2]])) {
			return true
		}
	}
	return false
}
