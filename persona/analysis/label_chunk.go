package analysis

import (
	"slices"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// phrase is one key-phrase occurrence: a normalised key and the words as
// spoken.
type phrase struct{ key, surface string }

var (
	// genericNouns never make a phrase on their own.
	genericNouns = wordSet("thing", "things", "lot", "lots", "way", "ways", "time", "times",
		"stuff", "people", "kind", "bit", "something", "anything", "everything", "nothing",
		"year", "years", "day", "days", "week", "weeks", "month", "months", "guy", "guys",
		"folks", "point", "question", "part", "end", "sort", "one", "ones", "yeah", "okay",
		"percent", "number", "place", "case", "fact", "side", "idea", "reason", "hour", "hours",
		"minute", "minutes", "second", "seconds")
	// weakAdjectives are dropped from the front of a chunk.
	weakAdjectives = wordSet("other", "same", "much", "many", "few", "more", "most", "last",
		"next", "whole", "own", "such", "real", "good", "big", "little", "great", "certain",
		"different", "sure", "able", "new", "old", "first", "second", "main", "actual", "several", "various",
		"multiple", "numerous", "specific", "particular", "general", "definite", "entire", "exact", "respective")
	// lightVerbs do not head a verb phrase.
	lightVerbs = wordSet("be", "is", "was", "were", "are", "been", "have", "had", "has", "do",
		"did", "does", "get", "got", "go", "went", "make", "made", "say", "said", "think",
		"know", "mean", "want", "need", "let", "take", "took", "see", "look", "saying", "said", "talking",
		"thinking", "getting", "going", "doing", "trying", "looking", "coming", "taking", "giving", "knew",
		"having", "being")
)

// isNoun accepts noun tags, but not words the tagger calls nouns that
// make poor labels: indefinite pronouns ("nobody"), contraction pieces
// ("'m", "i'd") and speakers' names (NNP at the start of an intro).
func isNoun(tag string) bool { return strings.HasPrefix(tag, "NN") }

// labelWord reports whether a token may appear in a theme label.
func labelWord(t persona.Token) bool {
	return !strings.ContainsRune(t.Text, '\'') && !indefinite[t.Text]
}

var indefinite = map[string]bool{
	"nobody": true, "somebody": true, "anybody": true, "everybody": true, "someone": true,
	"anyone": true, "everyone": true, "something": true, "anything": true, "everything": true,
	"nothing": true, "thing": true, "things": true, "stuff": true, "lot": true, "kind": true, "way": true,
	"whatever": true, "whats": true, "thats": true, "cuz": true, "coz": true, "whoever": true, "whichever": true, "wherever": true,
}

func isAdj(tag string) bool { return tag == "JJ" || tag == "VBN" || tag == "VBG" }

// nounPhrases chunks tagged tokens into key phrases: adjective* noun+
// ("security review", "price per seat" through "per"/"of"), and
// verb + object ("approve another tool").
func nounPhrases(toks []persona.Token) []phrase {
	var out []phrase
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && isAdj(toks[j].Tag) {
			j++
		}
		k := j
		for k < len(toks) && (isNoun(toks[k].Tag) || (k > j && k+1 < len(toks) &&
			(toks[k].Text == "per" || toks[k].Text == "of") && isNoun(toks[k-1].Tag) && nounAhead(toks, k+1)) ||
			(k > j+1 && isAdj(toks[k].Tag) && (toks[k-1].Text == "of" || toks[k-1].Text == "per") && nounAhead(toks, k))) {
			k++
		}
		if k == j+1 && idiomNoun(toks, j) {
			i = k
			continue
		}
		if k > j {
			out = appendChunk(out, toks[i:k])
			if k-i >= 3 && isAdj(toks[k-2].Tag) && isNoun(toks[k-1].Tag) {
				// A longer chunk holds its head's nearest adjective and
				// head: "helpful staff" is said in "pleasant helpful
				// staff" too, and counted there.
				out = appendChunk(out, toks[k-2:k])
			}
			if v := objectOf(toks, i); v >= 0 && k-i <= 2 {
				out = appendChunk(out, append([]persona.Token{toks[v]}, toks[i:k]...))
			}
			out = appendJudged(out, toks, i, k)
			i = k
			continue
		}
		if j > i && toks[j-1].Tag == "JJ" {
			out = appendPredicate(out, toks, j-1)
		}
		i = max(j, i+1)
	}
	return appendNegated(out, toks)
}

// appendNegated adds what the quote says is not there or cannot be done,
// as said: "no" and the noun chunk after it ("there is no audit trail" ->
// "no audit trail"), and an auxiliary negated before a verb, with the
// verb's object when one follows ("we can't export the data" -> "can't
// export data", "it does not scale" -> "doesn't scale"). The auxiliary and
// its negation are one word as buyers say them (negatedForms: the tagger
// splits "ca n't"). Not a light or vague verb ("don't know", "can't
// say"), not a name.
//
// The verbs vagueVerbs keeps from labels ("use", "work", "export") say a
// finding negated with their object ("can't export data", "can't use
// labels"), not alone ("doesn't work": of what?); those that talk, think
// or only move the story along never do ("don't remember", "can't say",
// "didn't try").
func appendNegated(out []phrase, toks []persona.Token) []phrase {
	for i, t := range toks {
		w := strings.ToLower(t.Text)
		switch {
		case w == "no" && t.Tag == "DT" && i > 0 && lackWords[strings.ToLower(toks[i-1].Text)]:
			// "there is no audit trail", "we have no way", "with no
			// support": a lack. Not "no more input" (a quantity), not a
			// bare "No opinion" (an answer).
			if quantityAfterNo(toks, i+1) {
				continue
			}
			if obj := objectAfter(toks, i+1); len(obj) > 0 {
				out = appendNegatedChunk(out, []string{"no"}, obj)
			}
		case w == "n't" || w == "not" || w == "cannot":
			neg := ""
			if w == "cannot" {
				neg = "can't"
			} else if i > 0 {
				neg = negatedForms[strings.ToLower(toks[i-1].Text)]
			}
			if !abilityForms[neg] && !thingSubject(toks, i-2) {
				continue // "we don't build models": a practice, not a failing
			}
			v := i + 1
			for v < len(toks) && toks[v].Tag == "RB" && v < i+2 {
				v++ // "can't really export"
			}
			if v > i+1 && notOnlyWords[strings.ToLower(toks[i+1].Text)] {
				continue // "you cannot only predict": not enough, not unable
			}
			// After "cannot" a verb comes, whatever the tagger calls it
			// ("cannot export" is tagged an adjective now and then).
			if neg == "" || v >= len(toks) || toks[v].Tag != "VB" && !(w == "cannot" && (isAdj(toks[v].Tag) || toks[v].Tag == "VBP")) {
				continue
			}
			verb := strings.ToLower(toks[v].Text)
			if lightVerbs[verb] || unsaidVerbs[verb] || !labelWord(toks[v]) {
				continue
			}
			ch := []persona.Token{toks[v]}
			if obj := objectAfter(toks, v+1); len(obj) > 0 && len(obj) <= 2 {
				ch = append(ch, obj...)
			} else if vagueVerbs[verb] {
				continue // "doesn't work", "can't use": a failing of nothing named
			}
			out = appendNegatedChunk(out, []string{neg}, ch)
		}
	}
	return out
}

// quantityAfterNo reports the word at i, after "no", making it a
// quantity or a vague kind ("no more input", "no other way"), not a lack.
func quantityAfterNo(toks []persona.Token, i int) bool {
	return i < len(toks) && (toks[i].Tag == "DT" || toks[i].Tag == "JJR" || toks[i].Tag == "RBR" || weakAdjectives[strings.ToLower(toks[i].Text)])
}

// lackWords say that something is there or is had: "no" after them says
// it is not ("there is no audit trail", "we had no support").
var lackWords = wordSet("is", "are", "was", "were", "'s", "be", "been", "have", "has", "had", "'ve", "'d", "got", "with", "get", "gets", "offers", "provides")

// notOnlyWords after a negation say a thing is not enough, not that it
// fails or cannot be done: "you cannot only predict the end product",
// "we can't just retrain", "it doesn't simply copy".
var notOnlyWords = wordSet("only", "just", "simply", "merely", "solely")

// unsaidVerbs talk, think or only move a story along: negated they say
// nothing of the topic ("I don't remember", "we didn't try").
var unsaidVerbs = wordSet("say", "tell", "talk", "ask", "mean", "guess", "believe", "remember", "recall", "hope",
	"feel", "care", "mind", "seem", "want", "like", "wish", "think", "know", "imagine", "suppose", "bother",
	"worry", "matter", "happen", "look", "try", "come", "go", "put", "give", "keep", "start", "expect", "agree")

// negatedForms spell an auxiliary and "not" as one word, as buyers say
// them: "ca n't", "can not" and "cannot" are "can't", "does n't" and
// "does not" are "doesn't". A label holds them whole.
var negatedForms = map[string]string{
	"ca": "can't", "can": "can't", "wo": "won't", "will": "won't", "do": "don't", "does": "doesn't",
	"did": "didn't", "is": "isn't", "are": "aren't", "was": "wasn't", "were": "weren't",
	"could": "couldn't", "would": "wouldn't", "should": "shouldn't", "has": "hasn't", "have": "haven't", "had": "hadn't",
}

// abilityForms say what cannot be done, whoever the subject: "we can't
// export", "it won't sync". The other negations say a failing only of a
// thing ("it doesn't scale", "the export didn't work"): said of a person
// they tell a practice ("we don't build models") or a choice.
var abilityForms = map[string]bool{"can't": true, "couldn't": true, "won't": true}

// thingSubject reports the word at i, the subject of a negated verb,
// naming a thing: "it", "this", "that" or a common noun.
func thingSubject(toks []persona.Token, i int) bool {
	if i < 0 || i >= len(toks) {
		return false
	}
	w := strings.ToLower(toks[i].Text)
	return w == "it" || w == "this" || w == "that" || w == "which" || isNoun(toks[i].Tag) && !strings.HasPrefix(toks[i].Tag, "NNP") && labelWord(toks[i])
}

// negatedWords are the words negatedForms spell and "no": they negate the
// words after them, and the quotes say them in two tokens (or as "no").
var negatedWords = func() map[string]bool {
	out := map[string]bool{"no": true}
	for _, f := range negatedForms {
		out[f] = true
	}
	return out
}()

// appendNegatedChunk adds the negation words neg before the chunk ch (its
// determiner dropped), when every word of ch may be in a label and the
// whole is at most four words.
func appendNegatedChunk(out []phrase, neg []string, ch []persona.Token) []phrase {
	if len(ch) > 0 && (ch[0].Tag == "DT" || ch[0].Tag == "PRP$") {
		ch = ch[1:]
	}
	if len(ch) == 0 || len(neg)+len(ch) > 4 {
		return out
	}
	words := slices.Clone(neg)
	generic := true
	for _, t := range ch {
		if !labelWord(t) || strings.HasPrefix(t.Tag, "NNP") || len([]rune(t.Text)) < 2 {
			return out
		}
		generic = generic && (genericNouns[t.Text] || weakAdjectives[t.Text])
		words = append(words, t.Text)
	}
	if generic {
		return out // "no time", "no way"
	}
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = normWord(w)
	}
	slices.Sort(keys)
	return append(out, phrase{key: strings.Join(keys, " "), surface: strings.Join(words, " ")})
}

// idioms are fixed expressions whose noun says nothing of the subject:
// the word before the noun, the noun, and the word after it ("" for any).
var idioms = [][3]string{
	{"in", "order", "to"}, {"in", "order", "for"}, {"for", "instance", ""}, {"for", "example", ""},
	{"et", "cetera", ""}, {"etc", "cetera", ""}, {"in", "terms", "of"}, {"in", "fact", ""},
	{"of", "course", ""}, {"the", "way", ""}, {"in", "case", ""}, {"at", "least", ""},
	{"in", "general", ""}, {"in", "particular", ""}, {"on", "purpose", ""},
}

// idiomNoun reports the noun at i inside a fixed expression ("in order
// to", "for instance", "et cetera"): no label may come from it.
func idiomNoun(toks []persona.Token, i int) bool {
	w := strings.ToLower(toks[i].Text)
	for _, id := range idioms {
		if w != id[1] || i == 0 || !strings.EqualFold(toks[i-1].Text, id[0]) {
			continue
		}
		if id[2] == "" || (i+1 < len(toks) && strings.EqualFold(toks[i+1].Text, id[2])) {
			return true
		}
	}
	return false
}

// appendPredicate adds the adjective at a that no noun follows, as said
// ("the pricing is too expensive", "it is easy to use"): "too" before it
// stays, "to" and a verb (and its particle) after it stay ("easy to use",
// "hard to set up").
func appendPredicate(out []phrase, toks []persona.Token, a int) []phrase {
	if negatedAt(toks, a) || weakAdjectives[strings.ToLower(toks[a].Text)] {
		return out // "not easy to use" is no "easy to use"; "too much" says of nothing
	}
	start, end := a, a+1
	if a > 0 && strings.EqualFold(toks[a-1].Text, "too") {
		start = a - 1
	}
	if end+1 < len(toks) && toks[end].Text == "to" && toks[end+1].Tag == "VB" && !lightVerbs[toks[end+1].Text] {
		end += 2
		if end < len(toks) && toks[end].Tag == "RP" {
			end++
		}
		out = appendChunk(out, toks[start:end])
		// And what it is hard to do it to, when a noun follows: "hard to
		// deploy models", "easy to track costs".
		if obj := objectAfter(toks, end); len(obj) > 0 && end-start+len(obj) <= 4 {
			return appendChunk(out, append(slices.Clone(toks[start:end]), obj...))
		}
		return out
	}
	return appendChunk(out, toks[start:end])
}

// nounAhead reports a noun at i, or an adjective and a noun after it.
func nounAhead(toks []persona.Token, i int) bool {
	return i < len(toks) && (isNoun(toks[i].Tag) || (isAdj(toks[i].Tag) && i+1 < len(toks) && isNoun(toks[i+1].Tag)))
}

// objectAfter is the noun chunk (adjective* noun+, at most two nouns)
// starting at i or after a determiner or possessive there, or nil.
func objectAfter(toks []persona.Token, i int) []persona.Token {
	if i < len(toks) && (toks[i].Tag == "DT" || toks[i].Tag == "PRP$") {
		i++
	}
	j := i
	for j < len(toks) && isAdj(toks[j].Tag) {
		j++
	}
	k := j
	for k < len(toks) && isNoun(toks[k].Tag) && !strings.HasPrefix(toks[k].Tag, "NNP") && k-j < 2 {
		k++
	}
	if k == j {
		return nil
	}
	return toks[i:k]
}

// negatedAt reports a negation within the two words before a, or before an
// intensifier there ("not too hard", "isn't really easy").
func negatedAt(toks []persona.Token, a int) bool {
	for b := a - 1; b >= 0 && b >= a-3; b-- {
		w := strings.ToLower(toks[b].Text)
		if negations[w] || w == "hardly" || w == "barely" || strings.HasSuffix(w, "n't") {
			return true
		}
		if toks[b].Tag != "RB" && w != "too" && !isVerb(toks[b].Tag) {
			return false
		}
	}
	return false
}

// copulas link a subject to what is said of it.
var copulas = wordSet("is", "are", "was", "were", "'s", "'re", "be", "been", "seems", "seemed", "looks", "felt", "feels", "gets", "got", "became", "becomes")

// appendJudged adds the judgement said of the noun chunk toks[i:k], as
// adjective and noun ("the setup was too complicated" -> "too complicated
// setup", "deployment is slow" -> "slow deployment"): a finding, where the
// chunk alone is a topic. Not when the judgement is negated.
func appendJudged(out []phrase, toks []persona.Token, i, k int) []phrase {
	if k >= len(toks) || !copulas[strings.ToLower(toks[k].Text)] {
		return out
	}
	m := k + 1
	for m < len(toks) && m <= k+2 && (toks[m].Tag == "RB" || strings.EqualFold(toks[m].Text, "too")) {
		m++
	}
	if m >= len(toks) || !strings.HasPrefix(toks[m].Tag, "JJ") || weakAdjectives[toks[m].Text] ||
		(m+1 < len(toks) && (isNoun(toks[m+1].Tag) || toks[m+1].Text == "to")) || negatedAt(toks, m) {
		return out // "easy to use" is said of the using, not of the subject
	}
	head := toks[max(i, k-2):k]
	if isAdj(head[0].Tag) {
		head = head[1:]
	}
	if len(head) == 0 || !isNoun(head[len(head)-1].Tag) || slices.ContainsFunc(head, func(t persona.Token) bool { return strings.HasPrefix(t.Tag, "NNP") }) {
		return out // a name is judged, not a finding about a topic
	}
	ch := []persona.Token{toks[m]}
	if strings.EqualFold(toks[m-1].Text, "too") {
		ch = []persona.Token{toks[m-1], toks[m]}
	}
	return appendChunk(out, append(ch, head...))
}

// objectOf returns the index of the verb whose object starts at i, right
// before it or before a determiner or possessive ("close the windows"),
// or -1.
func objectOf(toks []persona.Token, i int) int {
	v := i - 1
	if v > 0 && (toks[v].Tag == "DT" || toks[v].Tag == "PRP$") {
		v--
	}
	if v < 0 || !isVerb(toks[v].Tag) || lightVerbs[toks[v].Text] || lightVerbs[normWord(toks[v].Text)] {
		return -1
	}
	return v
}

// appendChunk trims weak leading adjectives, keeps at most four words and
// skips chunks made only of generic words.
func appendChunk(out []phrase, ch []persona.Token) []phrase {
	for _, t := range ch {
		if !labelWord(t) {
			return out
		}
	}
	for len(ch) > 1 && ((weakAdjectives[ch[0].Text] || genericNouns[ch[0].Text]) && !isVerb(ch[0].Tag) || lightVerbs[ch[0].Text]) {
		ch = ch[1:] // "having discussions" is "discussions"
	}
	if len(ch) > 4 {
		ch = ch[len(ch)-4:]
	}
	seen := map[string]bool{}
	for _, t := range ch {
		if seen[t.Text] || len([]rune(t.Text)) < 2 { // "heat map heat map", "environment i"
			return out
		}
		seen[t.Text] = true
	}
	generic := true
	keys, words := make([]string, len(ch)), make([]string, len(ch))
	for i, t := range ch {
		words[i], keys[i] = t.Text, normWord(t.Text)
		if !genericNouns[t.Text] && !weakAdjectives[t.Text] && len(t.Text) > 2 {
			generic = false
		}
	}
	if generic {
		return out
	}
	// The key ignores word order: "train model" and "model training" are
	// one candidate, shown in its most frequent spoken form, so a re-run
	// that regroups the themes a little does not flip between them.
	slices.Sort(keys)
	return append(out, phrase{key: strings.Join(keys, " "), surface: strings.Join(words, " ")})
}
