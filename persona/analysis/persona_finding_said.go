package analysis

import (
	"slices"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// saidFinding reports whether a quote says the phrase of keys as a
// problem, a change or a need (phraseFinding on the words as this quote
// says them, in its order and with its tags): "we missed the forecast"
// says "missed forecast" as a problem, "the forecast call" says
// "forecast call" as a topic. Judgements are saidJudging's, which knows
// the adjectives that start a term ("complex models", "deep learning"). The words
// are those of the first run of tokens, no longer than saidNear allows,
// that holds every key; "of", "per", "to" and "too" inside it stay
// ("lack of data", "too slow").
func saidFinding(toks []persona.Token, keys []string) bool {
	span := len(keys) + nearSlack
	for i, t := range toks {
		if normWord(t.Text) != keys[0] && !slices.Contains(keys, normWord(t.Text)) {
			continue
		}
		var words, tags []string
		seen := map[string]bool{}
		for j := i; j < len(toks) && j < i+span && len(seen) < len(keys); j++ {
			k, lw := normWord(toks[j].Text), strings.ToLower(toks[j].Text)
			switch {
			case slices.Contains(keys, k) && !seen[k]:
				seen[k] = true
			case len(words) > 0 && (lw == "of" || lw == "per" || lw == "to" || lw == "too"):
			default:
				continue
			}
			words, tags = append(words, toks[j].Text), append(tags, toks[j].Tag)
		}
		if len(seen) == len(keys) {
			k := phraseFinding(words, tags)
			return k != notFinding && k != kindJudgement
		}
	}
	return false
}
