package analysis

// What a theme or a quote must be for a persona name to use it: a theme
// that found something (fallbackTheme), a phrase said together
// (saidNear), in the buyers' own capitals (spokenCase).

import (
	"slices"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// fallbackTheme reports a theme whose label says what its quotes are not
// rather than what they say: "Mixed remarks (success factors)", "Mixed
// remarks on clients" (quotes that share no phrase), "Non-English …",
// "Coded values (…)", or a ring's own name. Such a theme is a catch-all,
// not a trait: it never names a persona nor sets one apart. A label a
// researcher set is theirs and always counts.
func fallbackTheme(t persona.Theme) bool { return FallbackTheme(t) }

// FallbackTheme is fallbackTheme for callers outside the analysis: a
// catch-all names no value a buyer holds.
func FallbackTheme(t persona.Theme) bool {
	if t.LabelSet {
		return false
	}
	l := strings.TrimSpace(t.Label)
	if l == "" || strings.HasPrefix(l, mixedPrefix) || strings.HasPrefix(l, nonEnglishLabel) || strings.HasPrefix(l, codedLabel) || isProcedureLabel(l) {
		return true
	}
	bare, _, _ := strings.Cut(l, ",") // "Success factors, 4 quotes"
	bare = strings.TrimRight(bare, " 0123456789")
	return slices.ContainsFunc(persona.Rings, func(r persona.Ring) bool { return strings.EqualFold(bare, r.Title()) })
}

// nearSlack is how many other words may stand among a phrase's words
// for a quote to say it: "the model is perfect" says "perfect model",
// "metrics that are clear" says "clear metrics"; "spend" early in an
// answer and "time" at its end say no "spend time".
const nearSlack = 3

// saidNear reports whether the quote says all of keys within a run of
// len(keys)+nearSlack tokens.
func saidNear(toks []persona.Token, keys []string) bool {
	last := make([]int, len(keys))
	for j := range last {
		last[j] = -1
	}
	for i, t := range toks {
		k := normWord(t.Text)
		j := slices.Index(keys, k)
		if j < 0 {
			continue
		}
		last[j] = i
		first := i
		for _, p := range last {
			if p < 0 {
				first = -1
				break
			}
			first = min(first, p)
		}
		if first >= 0 && i-first < len(keys)+nearSlack {
			return true
		}
	}
	return false
}

// spokenCase writes a phrase's words as the buyers most often say them
// where that is in capitals ("BIC criterion", "AWS costs"): a candidate's
// text comes from a lower-cased label or key phrase.
func spokenCase(text string, forms map[string]map[string]int) string {
	ws := strings.Fields(text)
	for j, w := range ws {
		best, bestN := "", 0
		for f, n := range forms[normWord(w)] {
			if n > bestN || (n == bestN && f < best) {
				best, bestN = f, n
			}
		}
		if len([]rune(best)) >= 2 && strings.ToUpper(best) == best && strings.ToLower(best) != best && strings.EqualFold(best, w) {
			ws[j] = best
		}
	}
	return strings.Join(ws, " ")
}
