package analysis

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// No two themes carry the same label, and no label carries a number:
// "quality issue 2" told a reader only that the grouping found the topic
// twice. When a theme's every supported finding already names a bigger
// theme (its rival), the theme is named by what it says that the rival
// does not (distinctLabel); failing that, by what its quotes say of the
// rival's topic (elaborate: "hard to deploy models" beside "deploy
// model"), or its best phrase whose words two of its quotes say
// (groundedPhrase); failing that, it has no finding of its own and says
// so (mixedLabel). The ring's role after the rival's finding ("quality
// issue as priority") is no longer used: readers found it stiff.

// distinctLabel is the supported candidate that best tells theme t apart
// from theme rival, which already carries the label t would take, or "".
// The candidates are ranked as for any label, but a word's lift is the
// smaller of its lift over the study and its lift over the rival theme
// (rivalLift): words both themes say weigh nothing, and what t says that
// the rival does not carries the label.
func (st *phraseStats) distinctLabel(t, rival int, used map[string]bool) string {
	st.rival = rival
	defer func() { st.rival = -1 }()
	for _, strict := range []bool{true, false} {
		for _, s := range st.rank(t, strict) {
			if !supported(s, st.size[t]) {
				continue
			}
			if l := mostFrequent(st.surface[s.key]); !used[strings.ToLower(l)] {
				return l
			}
		}
	}
	return ""
}

// rivalLift caps lift, a word's log lift in theme t over the study, at
// its log lift over the rival theme when one is set (smoothed alike).
func (st *phraseStats) rivalLift(t int, key string, lift float64) float64 {
	if st.rival < 0 || st.rival == t {
		return lift
	}
	r := st.rival
	in := (float64(st.themeDF[t][key]) + 0.5) / (float64(len(st.ws[t].members)) + 1)
	other := (float64(st.themeDF[r][key]) + 0.5) / (float64(len(st.ws[r].members)) + 1)
	return min(lift, math.Log(in/other))
}

// countedLabel is l, or when a theme has it already, l with theme t's
// size ("Mixed remarks (perceived barriers), 63 quotes"), then its size
// and its people: counts a reader can check, not a serial number.
func (st *phraseStats) countedLabel(l string, t int, used map[string]bool) string {
	if !used[strings.ToLower(l)] {
		return l
	}
	w := st.ws[t]
	if c := fmt.Sprintf("%s, %d quotes", l, len(w.members)); !used[strings.ToLower(c)] {
		return c
	}
	people := map[int64]bool{}
	for _, i := range w.members {
		people[st.c.quotes[i].ParticipantID] = true
	}
	if c := fmt.Sprintf("%s, %d quotes from %d people", l, len(w.members), len(people)); !used[strings.ToLower(c)] {
		return c
	}
	return uniqueLabel(l, used)
}

// compound is the phrase that theme t says the lone word key in most of
// the time (compoundOf: half the quotes that say it, and two), said whole
// by two of its buyers, or "": "rubber case" when
// that is how the quotes say "rubber", for a word alone is a topic and the
// phrase the buyers use for it says what about it.
func (st *phraseStats) compound(t int, key string) string {
	if strings.Contains(key, " ") {
		return ""
	}
	k := st.compoundKey(t, key)
	if k == "" || (st.parts[t] >= 2 && st.speakers[t][k].n < 2) {
		return "" // none, or one buyer's words
	}
	// Returned even when a theme has it: then the word alone is a piece of
	// that theme's finding, not one of its own.
	return mostFrequent(st.surface[k])
}

// modified is the phrase of theme t that holds the lone word key with
// words the theme shares around it, or "": said whole in one of its quotes
// at least, every other content word said by minSupport of its quotes (and
// two), none a generic word, a name, the product or a word most of the
// study says, and meaning the theme more than its ring when that can be
// measured ("helpful staff" in a theme where a tenth say "staff" and more
// say "helpful"). A phrase one buyer said may name the theme only this
// way: each of its words is the theme's, so no rare word ("open hood")
// carries it. Among several, the one whose least shared word is most
// shared, then the one said most often.
func (st *phraseStats) modified(t int, key string, used map[string]bool) string {
	return st.modifiedBy(t, key, used, false)
}

// modifiedBy is modified; with broad, key itself may be a generic word.
func (st *phraseStats) modifiedBy(t int, key string, used map[string]bool, broad bool) string {
	if strings.Contains(key, " ") {
		return ""
	}
	size := st.size[t]
	need := max(2, int(math.Ceil(minSupport*float64(size))))
	best, bestLow, bestN := "", 0, 0
	for pk, n := range st.phraseDF[t] {
		ks := strings.Fields(pk)
		if len(ks) < 2 || len(ks) > 3 || !slices.Contains(ks, key) {
			continue
		}
		low, ok := size, true
		for _, k := range ks {
			if functionWords[k] {
				continue
			}
			if (k != key || !broad) && (genericKeys()[k] || vagueVerbs[k]) || st.names[k] || st.product(k) || 2*st.df[k] > st.n {
				ok = false
				break
			}
			if k != key {
				low = min(low, st.themeDF[t][k])
			}
		}
		if !ok || low < need || (n < 2 && !modifies(st.words[pk], key)) {
			continue
		}
		l := mostFrequent(st.surface[pk])
		if used[strings.ToLower(l)] || st.name(st.words[pk]) || aboutTheTalk(st.words[pk]) {
			continue
		}
		if ws := st.words[pk]; len(ws) > 0 && negatedWords[ws[0].key] {
			continue // "no prediction" says no more of the topic than "prediction"
		}
		if c, measured := st.centres.closeness(t, strings.Fields(strings.ToLower(l))); measured && c <= minCloseness {
			continue
		}
		if low > bestLow || (low == bestLow && (n > bestN || (n == bestN && l < best))) {
			best, bestLow, bestN = l, low, n
		}
	}
	return best
}

// modifies reports a phrase whose words other than key modify it or take
// it as object: adjectives and verbs, not nouns set side by side, which
// said once may be a list ("reliability scalability") rather than a
// compound ("wage subsidy", said by two quotes).
func modifies(ws []labelToken, key string) bool {
	for _, w := range ws {
		if w.key == key && w.adj {
			return true // a judging word and what it judges: "helpful staff"
		}
	}
	for _, w := range ws {
		if w.key != key && !functionWords[w.key] && w.noun && !w.adj {
			return false
		}
	}
	return true
}

// phraseOver is the best supported phrase of several words that scores
// at least fullerShare of the lone word s, names no theme yet and holds no
// word of a finding another theme has, or "": a finding in the buyers'
// words ("saves time") over a topic word ("software") when the theme says
// both about as strongly. (Ranked phrases of several words are said whole
// by two buyers.)
func phraseOver(t int, ranked []scored, s scored, st *phraseStats, used, taken map[string]bool) string {
	if strings.Contains(s.key, " ") {
		return ""
	}
	for _, r := range ranked {
		if r.score < fullerShare*s.score {
			break
		}
		ks := strings.Fields(r.key)
		if len(ks) < 2 || !supported(r, st.size[t]) || slices.ContainsFunc(ks, func(k string) bool { return taken[k] || genericKeys()[k] }) {
			continue
		}
		if l := mostFrequent(st.surface[r.key]); !used[strings.ToLower(l)] {
			return l
		}
	}
	return ""
}

// broadFinding names a theme that would be mixed because the word a
// quarter or more of its quotes share is too broad to stand alone
// ("problem", "change", "people"): by the phrase it holds that word in
// with other words the theme shares (modified: each said by a tenth of
// its quotes), or "". The theme was gathered on that word; what the
// quotes say about it is its finding. The most shared word first.
func (st *phraseStats) broadFinding(t int, used map[string]bool) string {
	size := st.size[t]
	var keys []string
	for k, n := range st.themeDF[t] {
		if 4*n >= size && n >= 2 && (genericKeys()[k] || vagueVerbs[k]) && !functionWords[k] {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		if d := st.themeDF[t][b] - st.themeDF[t][a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	for _, k := range keys {
		if l := st.modifiedBy(t, k, used, true); l != "" {
			return l
		}
	}
	return ""
}
