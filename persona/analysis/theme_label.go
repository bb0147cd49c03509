package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// labelThemes sets each theme's key phrases and, unless a researcher
// named it, its label: the one candidate phrase that best tells the theme
// apart, said in the buyers' words. A phrase scores by its content words,
// each weighted by how much of the theme's quotes it covers (counting the
// most central quotes more) and by its lift over the whole study: its
// best word counts whole, the others half; phrases that recur whole and
// that say more than one word score higher. A topic label is then said
// with what the theme's quotes say of it, when two buyers say it
// (elaborate: "hard to deploy models" for "deploy model"). Themes are
// labelled biggest first and no two share a label. Each theme also keeps
// its most telling words, one of which its headline says when it does not
// say the label's.
func labelThemes(c *corpus, ws []*work) {
	muted := make([]bool, len(c.quotes))
	parallelRange(0, len(c.quotes), func(i int) { muted[i] = mute(c.quotes[i]) })
	c.muted = muted
	st := newPhraseStats(c, ws)
	order := indexes(len(ws))
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(ws[b].members), len(ws[a].members)) })
	used := map[string]bool{}
	owner := map[string]int{} // label -> the theme it names
	for t, w := range ws {
		// A researcher's label is in use before any theme is labelled.
		if w.labelSet {
			used[strings.ToLower(w.label)] = true
			owner[strings.ToLower(w.label)] = t
		}
	}
	var pending []split
	for _, t := range order {
		w := ws[t]
		ranked := st.rank(t, true)
		if len(ranked) == 0 {
			ranked = st.rank(t, false)
		}
		// Key phrases keep their meaning: the theme's most telling phrases,
		// said by one buyer or more, without the label's support and
		// closeness tests (persona names are scored on them by what the
		// members said, and need the same candidates from run to run).
		st.loose = true
		keys := st.rank(t, true)
		if len(keys) == 0 {
			keys = st.rank(t, false)
		}
		st.loose = false
		w.phrases = pickPhrases(keys, st.surface, 5)
		w.distinct = st.distinctWords(t, distinctWordsN)
		w.telling = map[string]float64{}
		for _, tw := range st.tellingWords(t, tellingWordsN) {
			w.telling[tw.key] = tw.score
		}
		if w.labelSet {
			continue
		}
		w.label = ""
		if len(w.members) < minThemeQuotes {
			// One quote recurs in nothing: it joins its ring's mixed
			// remarks (mergeMixedThemes) and stays in the study, rather
			// than a theme named after one quote's word ("wrist").
			w.label = st.countedLabel(ringMixedLabel(w.ring), t, used)
			used[strings.ToLower(w.label)] = true
			continue
		}
		if 2*st.size[t] < len(w.members) {
			// Mostly not English: say so rather than label it from a
			// few stray English words.
			w.label = st.countedLabel(muteLabel(c, w), t, used)
			used[strings.ToLower(w.label)] = true
			continue
		}
		top, rival := "", -1
		taken := map[string]bool{} // words of better findings other themes have
		for _, s := range ranked {
			if !supported(s, st.size[t]) || taken[s.key] {
				// A word of a better finding another theme is named by
				// ("machine" after "virtual machines") is a piece of the
				// same finding, not one of its own.
				continue
			}
			l := mostFrequent(st.surface[s.key])
			if r := fuller(ranked, s, st, used); r != "" {
				l = r
			} else if r := st.compound(t, s.key); r != "" {
				l = r
			} else if r := st.modified(t, s.key, used); r != "" {
				l = r
			} else if r := phraseOver(t, ranked, s, st, used, taken); r != "" {
				l = r
			}
			if e := st.elaborate(t, l, used); e != "" {
				l = e // what the quotes say of the topic, not the topic alone
			}
			if !used[strings.ToLower(l)] {
				w.label = l
				break
			}
			for _, k := range strings.Fields(s.key) {
				taken[k] = true
			}
			if top == "" {
				top = l
				if r, ok := owner[strings.ToLower(l)]; ok {
					rival = r
				}
			}
		}
		if w.label != "" && !st.isFindingLabel(t, w.label) {
			// A topic gives way to a finding its central quotes say.
			if f := st.centralFinding(t, w.label, ranked, keys, used); f != "" {
				w.label = f
			}
		}
		if w.label == "" && top != "" {
			// Every finding it has names a bigger theme already: named
			// once every theme has its own finding.
			pending = append(pending, split{t, top, rival, keys})
			continue
		}
		if w.label == "" {
			w.label = mixedLabel(c, st, t, used)
		}
		used[strings.ToLower(w.label)] = true
		owner[strings.ToLower(w.label)] = t
	}
	for _, p := range pending {
		// The theme's next telling phrase that two of its quotes say
		// names it, else what it says that its rival does not, else what
		// its quotes say of the rival's topic (elaborate), else its best
		// supported phrase whose every word two of its quotes say; else it
		// has no finding of its own (see label_distinct.go).
		w := ws[p.theme]
		w.label = nextPhrase(p.keys, st, p.theme, used)
		if w.label != "" && !strings.Contains(w.label, " ") {
			// A lone word left once its phrase names a bigger theme is said
			// with the words its quotes share around it, as in the first
			// pass ("learning" once "machine learning" is taken).
			if r := st.modified(p.theme, normWord(strings.ToLower(w.label)), used); r != "" {
				w.label = r
			}
		}
		if w.label == "" {
			w.label = st.distinctLabel(p.theme, p.rival, used)
		}
		if w.label == "" {
			// What this theme's quotes say of the rival's topic.
			w.label = st.elaborate(p.theme, p.top, used)
		}
		if w.label == "" {
			w.label = groundedPhrase(p.keys, st, p.theme, used)
		}
		if w.label == "" {
			w.label = mixedLabel(c, st, p.theme, used)
		} else if e := st.elaborate(p.theme, w.label, used); e != "" {
			w.label = e
		}
		used[strings.ToLower(w.label)] = true
	}
}

// minThemeQuotes is the fewest quotes a theme of its own holds: a theme is
// what recurs, and a lone quote recurs in nothing (a researcher reads it
// among its ring's mixed remarks). A researcher's own theme is kept
// whatever its size.
const minThemeQuotes = 2

// split is a theme whose every finding names a bigger theme: its best
// finding and its key phrases.
type split struct {
	theme int
	top   string
	rival int // the theme top names
	keys  []scored
}

// fullerShare is how much of a lone word's score a phrase holding it must
// keep to name the theme instead: "client mandates" over "client".
const fullerShare = 0.5

// fuller is the best phrase of several words that holds the lone word s,
// scores at least fullerShare of it and names no theme yet, or "": a
// finding in the buyers' words rather than the topic word alone. (Ranked
// phrases of several words are said whole by two buyers.)
func fuller(ranked []scored, s scored, st *phraseStats, used map[string]bool) string {
	if strings.Contains(s.key, " ") {
		return ""
	}
	for _, r := range ranked {
		if r.score < fullerShare*s.score {
			break
		}
		if !strings.Contains(r.key, " ") || !slices.Contains(strings.Fields(r.key), s.key) ||
			slices.ContainsFunc(strings.Fields(r.key), func(k string) bool { return genericKeys()[k] }) {
			continue // "terms of accuracy" says no more than "accuracy"
		}
		if l := mostFrequent(st.surface[r.key]); !used[strings.ToLower(l)] {
			return l
		}
	}
	return ""
}

// nextPhrase is the best of a theme's key phrases (ranked without the
// label's support and closeness tests) that no theme is named by yet and
// that two of its quotes and two of its buyers say whole, or "".
func nextPhrase(keys []scored, st *phraseStats, t int, used map[string]bool) string {
	for _, s := range keys {
		if st.phraseDF[t][s.key] < 2 || (st.parts[t] >= 2 && st.speakers[t][s.key].n < 2) {
			continue
		}
		if l := mostFrequent(st.surface[s.key]); !used[strings.ToLower(l)] {
			return l
		}
	}
	return ""
}

// groundedPhrase is the best of a theme's key phrases that no theme is
// named by yet, whose head word a tenth of its quotes say (supported) and
// whose every content word two of its quotes say, or "": grounded in the
// theme's quotes though said whole by one buyer, where the next choice is
// "Mixed remarks". (It replaces "‹finding› as ‹ring›", which read
// stiffly.)
func groundedPhrase(keys []scored, st *phraseStats, t int, used map[string]bool) string {
	for _, s := range keys {
		if !supported(s, st.size[t]) {
			continue
		}
		ws := st.words[s.key]
		ok := len(ws) > 0 && !lightVerbs[ws[0].surface] && !vagueVerbs[ws[0].surface] // "having certain data"
		for _, w := range ws {
			if !functionWords[w.key] && st.themeDF[t][w.key] < 2 {
				ok = false
				break
			}
		}
		if l := mostFrequent(st.surface[s.key]); ok && !used[strings.ToLower(l)] {
			return l
		}
	}
	return ""
}

// nonEnglishLabel names a theme whose quotes are mostly not in English.
const nonEnglishLabel = "Non-English"

// uniqueLabel is l, or l with a number when a theme already has it.
func uniqueLabel(l string, used map[string]bool) string {
	for n := 2; used[strings.ToLower(l)]; n++ {
		l = fmt.Sprintf("%s %d", strings.TrimRight(l, " 0123456789"), n)
	}
	return l
}

// pickPhrases takes the n best phrases whose words do not overlap one
// already taken, each in its most frequent spoken form.
func pickPhrases(ranked []scored, surface map[string]map[string]int, n int) []string {
	var out []string
	used := map[string]bool{}
	for _, s := range ranked {
		words := strings.Fields(s.key)
		if slices.ContainsFunc(words, func(w string) bool { return used[w] }) {
			continue
		}
		for _, w := range words {
			used[w] = true
		}
		out = append(out, mostFrequent(surface[s.key]))
		if len(out) == n {
			break
		}
	}
	return out
}

func mostFrequent(m map[string]int) string {
	best, bestN := "", 0
	for s, n := range m {
		if n > bestN || (n == bestN && s < best) {
			best, bestN = s, n
		}
	}
	return best
}
