package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// A theme's label is a finding when its quotes say one: when the phrase
// the labeller chose says only a topic ("sensor data"), a candidate
// phrase of the same theme that says what about a topic (phraseFinding:
// a judgement, a problem, a change or a need) names it instead, when that
// phrase passed every test the label passed (rank: grounded, said whole
// by two buyers, no name, product or study-wide word, nearer the theme's
// centre than its ring's), its head word is said by a tenth of the theme
// (supported), and one of the theme's most central quotes says it. The
// best ranked such phrase wins: the topic gives way to what the quotes
// say of a topic, not to any phrase with a valenced word.

// centralShare is the share of a theme's quotes, most central first, one
// of which must say a finding that replaces its topic label: the central
// quarter, the same cut the headline centrality measures use (a quartile,
// not a tuned value).
const centralShare = 0.25

// isFindingLabel reports a label that is a finding of theme t by its
// stored words and its quotes (findingSupported).
func (st *phraseStats) isFindingLabel(t int, l string) bool {
	var keys []string
	for _, w := range strings.Fields(l) {
		keys = append(keys, normWord(w))
	}
	slices.Sort(keys)
	ws := st.words[strings.Join(keys, " ")]
	return len(ws) > 0 && labelFindingKind(ws) != notFinding && st.supportedFinding(t, ws)
}

// supportedFinding reports theme t's quotes bearing out the finding ws
// reads as (findingSupported).
func (st *phraseStats) supportedFinding(t int, ws []labelToken) bool {
	qs := make([]*persona.Quote, 0, len(st.ws[t].members))
	for _, i := range st.ws[t].members {
		qs = append(qs, &st.c.quotes[i])
	}
	words := make([]string, len(ws))
	for i, w := range ws {
		words[i] = w.surface
	}
	return findingSupported(words, qs)
}

// centralFinding is theme t's best candidate that is a finding and that
// one of its most central quotes says, or "": first among its ranked
// candidates (said whole by two buyers, head word supported), then among
// its key phrases (keys: ranked without the speaker and support tests)
// one that a single buyer said whole, when every content word of it is
// said in two of the theme's quotes, one of them is a word the theme is
// about (the label's or one of its most telling words) said by a tenth of
// its quotes, and it means the theme more than its ring (closeness).
func (st *phraseStats) centralFinding(t int, label string, ranked, keys []scored, used map[string]bool) string {
	var central []int
	said := func(ws []labelToken) bool {
		if central == nil {
			central = st.centralQuotes(t)
		}
		return slices.ContainsFunc(central, func(i int) bool { return saysPhrase(st.c.quotes[i].Tokens, ws) })
	}
	// recurs: two of the theme's quotes say every word of it near one
	// another, in any order and form ("the ab tests are expensive" and
	// "expensive to run ab tests" both say "expensive ab tests").
	recurs := func(ws []labelToken) bool {
		n := 0
		for _, i := range st.ws[t].members {
			if !st.c.isMute(i) && saysPhrase(st.c.quotes[i].Tokens, ws) {
				if n++; n >= 2 {
					return true
				}
			}
		}
		return false
	}
	fits := func(key string) (string, bool) {
		ws := st.words[key]
		if labelFindingKind(ws) == notFinding || againstRing(ws, st.ws[t].ring) {
			return "", false
		}
		from := 1
		if negatedWords[ws[0].key] {
			from = 2 // "can't export data": the verb is said negated
		}
		for _, w := range ws[min(from, len(ws)):] {
			if lightVerbs[strings.ToLower(w.surface)] || vagueVerbs[strings.ToLower(w.surface)] {
				return "", false // "reduce need": the object is no thing
			}
		}
		l := mostFrequent(st.surface[key])
		return l, !used[strings.ToLower(l)] && len(strings.Fields(l)) <= 6
	}
	for _, s := range ranked {
		if l, ok := fits(s.key); ok && supported(s, st.size[t]) && said(st.words[s.key]) && st.supportedFinding(t, st.words[s.key]) {
			return l
		}
	}
	about := map[string]bool{}
	for _, w := range strings.Fields(label) {
		about[normWord(w)] = true
	}
	for _, tw := range st.tellingWords(t, tellingWordsN) {
		about[tw.key] = true
	}
	need := max(2, int(minSupport*float64(st.size[t])+0.999))
	// First a finding one of the most central quotes says; else one two
	// of the theme's quotes say, each word near the others: a finding the
	// theme shares, though each buyer put it whole once.
	// A negated finding ("no prediction") comes after one that says what
	// of the topic ("too low accuracy") in each pass.
	for pass := range 4 {
		shared, negated := []func([]labelToken) bool{said, recurs}[pass/2], pass%2 == 1
		for _, s := range keys {
			if ws := st.words[s.key]; len(ws) == 0 || negatedWords[ws[0].key] != negated {
				continue
			}
			l, ok := fits(s.key)
			if !ok {
				continue
			}
			topic := false
			for _, w := range st.words[s.key] {
				if functionWords[w.key] || negatedWords[w.key] {
					continue
				}
				if st.themeDF[t][w.key] < 2 || genericKeys()[w.key] {
					ok = false
					break
				}
				topic = topic || about[w.key] && st.themeDF[t][w.key] >= need
			}
			if !ok || !topic || !shared(st.words[s.key]) || !st.supportedFinding(t, st.words[s.key]) {
				continue
			}
			if c, measured := st.centres.closeness(t, strings.Fields(strings.ToLower(l))); measured && c <= minCloseness {
				continue
			}
			return l
		}
	}
	return ""
}

// saysPhrase reports a quote saying the phrase ws: every word near the
// others (saidNear), and a negated phrase as the lack or failing it names
// (appendNegated finds it, or it with more words, in this quote; or a
// "no" that opens a clause says it: "No ops person, no admin."). "no
// events" said as a lack is
// "there are no events"; "select no events in Cork" names an option and
// "compare it with the no events" a category, and neither bears out a
// lack, though both say "no" by "events".
func saysPhrase(toks []persona.Token, ws []labelToken) bool {
	if len(ws) == 0 || !negatedWords[ws[0].key] {
		return saidNear(toks, nearKeys(ws))
	}
	keys := make([]string, len(ws))
	for i, w := range ws {
		keys[i] = normWord(w.surface)
	}
	said := appendNegated(nil, toks)
	for i, tok := range toks {
		// A lack said without a verb, as a list or an answer begins:
		// "No ops person, no admin.", "Oh, no events now."
		if strings.EqualFold(tok.Text, "no") && (i == 0 || clauseOpen(toks[i-1])) && !quantityAfterNo(toks, i+1) {
			said = appendNegatedChunk(said, []string{"no"}, objectAfter(toks, i+1))
		}
	}
	return slices.ContainsFunc(said, func(p phrase) bool {
		// "couldn't contact the surgery" bears out "couldn't contact".
		found := strings.Fields(p.key)
		return !slices.ContainsFunc(keys, func(k string) bool { return !slices.Contains(found, k) })
	})
}

// clauseOpen reports a token after which "no" opens a clause or a list
// item rather than being a verb's or a preposition's object ("select no
// events", "look at no events", "the no events"): anything but a verb,
// a preposition, a determiner or a possessive. The tagger drops commas,
// so "No ops person, no admin" is "person no admin".
func clauseOpen(t persona.Token) bool {
	switch {
	case strings.HasPrefix(t.Tag, "VB"), t.Tag == "MD", t.Tag == "IN", t.Tag == "TO", t.Tag == "DT", t.Tag == "PDT",
		t.Tag == "PRP$", t.Tag == "POS", t.Tag == "WDT", t.Tag == "JJR", t.Tag == "RBR":
		return false
	}
	return true
}

// nearKeys are the keys a quote must say near one another to say the
// phrase ws: its content words, and "not" or "no" for its negation ("ca
// n't export" says "can't export").
func nearKeys(ws []labelToken) []string {
	var keys []string
	for _, w := range ws {
		switch {
		case w.key == "no":
			keys = append(keys, "no")
		case negatedWords[w.key]:
			keys = append(keys, "not")
		case !functionWords[w.key]:
			keys = append(keys, w.key)
		}
	}
	return keys
}

// centralQuotes are theme t's quotes that may label it, the most central
// centralShare of them (at least two).
func (st *phraseStats) centralQuotes(t int) []int {
	var out []int
	for _, i := range st.ws[t].members {
		if !st.c.isMute(i) {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return cmp.Compare(st.c.central[b], st.c.central[a]) })
	n := max(2, int(centralShare*float64(len(out))+0.5))
	return out[:min(n, len(out))]
}

// againstRing reports a judgement against its ring's direction: praise
// naming a barrier ("provide improved care"), blame naming a success
// factor. Nouns are topics here ("loss of jobs" may be a success factor's
// opposite, but "job loss" is what a barrier says).
func againstRing(ws []labelToken, r persona.Ring) bool {
	for _, w := range ws {
		v, ok := WordValence(strings.ToLower(w.surface))
		if !ok || isNoun(w.tag) && !w.adj {
			continue
		}
		if r == persona.RingBarriers && v >= 1 || r == persona.RingSuccess && v <= -1 {
			return true
		}
	}
	return false
}

// labelFindingKind is what a candidate phrase's words say (phraseFinding),
// from the tags they were stored with.
func labelFindingKind(ws []labelToken) findingKind {
	words, tags := make([]string, len(ws)), make([]string, len(ws))
	for i, w := range ws {
		words[i], tags[i] = w.surface, w.tag
	}
	return phraseFinding(words, tags)
}
