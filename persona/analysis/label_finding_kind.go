package analysis

import "strings"

// A finding says what about a topic: a judgement of it, a problem with it,
// a need for it or a change to it. A topic alone does not ("sensor data",
// "close talking mike"). The test is made of the phrase's words, their
// part-of-speech tags (as the quotes said them) and the part each word
// plays in the phrase, never of a list of any data set's labels:
//
//   - judgement: an adjective (or a participle before its noun) that
//     judges (stanceWord: VADER's human ratings 1 <= |v| <= 2.5, the stance
//     list of cost, speed, effort, clarity and reliability words, a
//     comparative) or any adjective after "too": "steep learning curve",
//     "slower queries", "too expensive pricing", "too long";
//   - problem: the phrase's head is a noun that names a difficulty, a cost
//     or a risk: one VADER's human ratings give at most -1 ("delay" -1.3,
//     "risk" -1.1, "lack" -1.3, "failure" -2.3, "loss" -1.3), or one of
//     problemNouns, the words of that kind VADER does not rate ("bug",
//     "workaround", "outage", "cost", "price"): "data quality issues",
//     "lack of labelled data", "price per seat"; or the phrase is a verb
//     and its object, the verb one VADER rates at most -1 or one of
//     problemVerbs ("missed forecast", "lost deals", "broke the build");
//   - change: a verb that changes an amount or a way of working, with its
//     object: one VADER rates at least 1.5 ("improve", "save") or one of
//     changeVerbs ("reduce manual work", "automate reports", "replace
//     spreadsheets");
//   - need: a verb of needing with its object ("require approval");
//   - a negation of a thing or a doing is a problem: "no audit trail",
//     "can't export data", "doesn't scale" (negatedFinding).
//
// The word lists below are small and general (English words for trouble,
// cost and change in any buying decision, from the five rings' own terms
// in docs: price, risk, effort, switching cost, failure, growth), not
// fitted to any set's labels; TestFindingKind checks each kind and what is
// no finding.

// findingKind is what a phrase says about its topic.
type findingKind uint8

const (
	notFinding findingKind = iota
	kindJudgement
	kindProblem
	kindChange
	kindNeed
)

func (k findingKind) String() string {
	return [...]string{"topic", "judgement", "problem", "change", "need"}[k]
}

var (
	// problemNouns name a difficulty, a cost or a risk where VADER's
	// human ratings have no row for them (or none for their plural:
	// VADER rates "risk" and "delay" but not "delays").
	problemNouns = keySet("issue", "bug", "glitch", "workaround", "outage", "downtime", "bottleneck", "overhead",
		"friction", "backlog", "latency", "lag", "constraint", "breach", "concern", "hassle", "headache",
		"nightmare", "complexity", "churn", "cost", "price", "pricing", "fee", "gap", "shortfall", "overrun",
		"deadline", "turnover", "dependency", "risk", "delay", "lack", "shortage")
	// problemVerbs say something went wrong where VADER has no row.
	problemVerbs = keySet("delay", "stall", "break", "crash", "freeze", "leak", "churn", "overrun", "exceed", "lack", "miss")
	// changeVerbs change an amount or a way of working.
	changeVerbs = keySet("reduce", "cut", "lower", "increase", "raise", "boost", "speed", "accelerate", "shorten",
		"automate", "simplify", "streamline", "consolidate", "eliminate", "replace", "switch", "migrate",
		"scale", "avoid", "prevent", "double", "halve", "grow", "save", "improve", "minimize", "maximize", "optimize")
	// needVerbs say a need.
	needVerbs = keySet("need", "require", "demand", "wish")
)

// keySet is a set of word keys (normWord), so "issues" and "issue" are one.
func keySet(words ...string) map[string]bool {
	out := make(map[string]bool, len(words))
	for _, w := range words {
		out[normWord(w)] = true
	}
	return out
}

// vaderNegative reports a word VADER's human ratings give at most -1: said
// as a noun it names a trouble ("delay", "risk", "failure", "loss"), as a
// verb something gone wrong ("missed", "lost", "failed").
func vaderNegative(w string) bool {
	v, ok := vaderValence()[strings.ToLower(w)]
	return ok && v <= -1
}

// vaderPositiveVerb reports a verb VADER rates at least 1.5 ("improve",
// "save"): said with an object it is an outcome sought.
func vaderPositiveVerb(w string) bool {
	v, ok := vaderValence()[strings.ToLower(w)]
	return ok && v >= 1.5 && v <= sheerValence
}

// phraseFinding is what the phrase words, tagged tags as the quotes said
// them and in spoken order, say about their topic: notFinding for a
// topic, a lone word, or a phrase of fewer than two content words ("too"
// and its adjective excepted: "too slow").
func phraseFinding(words, tags []string) findingKind {
	if len(words) != len(tags) {
		return notFinding
	}
	if len(words) > 1 && negatedWords[strings.ToLower(words[0])] {
		return negatedFinding(words[1:], tags[1:])
	}
	var content []int
	for i, w := range words {
		lw := strings.ToLower(w)
		if !functionWords[lw] && lw != "too" {
			content = append(content, i)
		}
	}
	if len(content) == 1 && content[0] > 0 && strings.EqualFold(words[content[0]-1], "too") && isAdj(tags[content[0]]) {
		return kindJudgement // "too slow", "too expensive": a judgement of excess
	}
	if len(content) < 2 {
		return notFinding
	}
	head := findingHead(words, content)
	kind := notFinding
	better := func(k findingKind) {
		if kind == notFinding || k < kind {
			kind = k
		}
	}
	for n, i := range content {
		w, tag, lw := words[i], tags[i], strings.ToLower(words[i])
		k := normWord(w)
		afterToo := i > 0 && strings.EqualFold(words[i-1], "too")
		switch {
		case strings.HasPrefix(tag, "NNP"):
		case strings.HasPrefix(tag, "JJ") || afterToo && isAdj(tag):
			if afterToo || stanceWord(lw, tag) {
				better(kindJudgement)
			}
		case (tag == "VBN" || tag == "VBG") && n+1 < len(content) && isNoun(tags[content[n+1]]):
			// A participle before its noun is said as an adjective:
			// "broken pipeline", "missing data", "confusing interface".
			if stanceWord(lw, "JJ") || vaderNegative(lw) {
				better(kindJudgement)
			}
		case isVerb(tag) && n == 0:
			// A verb and its object: what was done to the topic.
			switch {
			case vaderNegative(lw) || problemVerbs[k]:
				better(kindProblem)
			case changeVerbs[k] || vaderPositiveVerb(lw) && tag != "VBD":
				// A praised verb in the past tells the story ("promised
				// the board"); a change verb says the change in any tense.
				better(kindChange)
			case needVerbs[k]:
				better(kindNeed)
			}
		case isNoun(tag) && i == head:
			if problemNouns[k] || vaderNegative(lw) {
				better(kindProblem)
			}
		}
	}
	return kind
}

// negatedFinding is what a negated phrase says, its negation left off
// (words): what is missing or cannot be done is a problem ("no audit
// trail", "can't export data", "doesn't scale"), unless what is negated
// is itself a trouble ("no issues", "doesn't crash": a reassurance) or a
// word that says nothing of the topic alone ("no time").
func negatedFinding(words, tags []string) findingKind {
	for i, w := range words {
		lw := strings.ToLower(w)
		if vaderNegative(lw) || problemNouns[normWord(w)] || problemVerbs[normWord(w)] || negations[lw] {
			return notFinding
		}
		if i == len(words)-1 && (genericNouns[lw] || functionWords[lw]) {
			return notFinding
		}
		if strings.HasPrefix(tags[i], "NNP") {
			return notFinding
		}
	}
	return kindProblem
}

// findingHead is the index of a phrase's head word: the last content
// word, or the one before "of" or "per" ("lack of data", "price per
// seat").
func findingHead(words []string, content []int) int {
	head := -1
	for i, w := range words {
		lw := strings.ToLower(w)
		if (lw == "of" || lw == "per") && head >= 0 {
			return head
		}
		if len(content) > 0 && !functionWords[lw] && lw != "too" {
			head = i
		}
	}
	return head
}
