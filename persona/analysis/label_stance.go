package analysis

import (
	"bufio"
	"bytes"
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
)

// A label is a finding when it says what about its topic: a judgement, a
// difficulty, a need or an outcome ("hard to deploy models", "lack of
// labelled data", "slow deployment", "steep learning curve"), not the
// topic alone ("deploy model", "data processing"). When the quotes of a
// theme say such a thing about the topic its label names, in at least
// two of them, the label says it (elaborate).

// stanceWords judge a thing on a dimension a buyer weighs (cost, speed,
// effort, clarity, reliability, fit) or say a lack or need: general
// English, not any data set's words. VADER rates many of them weakly or
// not at all ("hard" -0.4; "slow", "expensive", "cheap" only in the
// Pattern table that also rates "large" and "available" as highly).
var stanceWords = wordSet("hard", "harder", "hardest", "tough", "tougher", "difficult", "easy", "easier",
	"steep", "steeper", "slow", "slower", "fast", "faster", "quick", "quicker",
	"expensive", "pricey", "overpriced", "costly", "cheap", "cheaper", "affordable",
	"complicated", "complex", "confusing", "unclear", "intuitive", "unintuitive",
	"reliable", "unreliable", "stable", "unstable", "buggy", "laggy", "outdated", "inconsistent",
	"manual", "tedious", "time-consuming", "cumbersome", "clunky", "tricky", "scalable", "flexible", "inflexible",
	"secure", "insecure", "accurate", "inaccurate", "responsive", "unresponsive",
	"limited", "lack", "lacking", "missing", "struggle", "struggled", "struggling")

// stanceExcluded have a valence but judge nothing in a label: courtesies,
// fillers and words of the talk.
var stanceExcluded = wordSet("like", "liked", "likes", "well", "yes", "please", "thank", "thanks", "welcome",
	"okay", "ok", "sure", "kind", "pretty", "care", "agree", "want", "wants", "wanted", "hope", "true", "play",
	"joke", "joking", "interest", "interested", "interesting", "party", "god", "honest", "honestly", "mean")

// stanceWord reports a word, tagged tag, that judges or says a difficulty,
// cost, need or outcome: an adjective or verb that VADER's own lexicon
// (not the Pattern words that fill its gaps, which rate "based" and
// "large") gives a clear valence short of sheer praise or blame (1 <= |v|
// < 2.5: "slow", "expensive", "easy", "fail", but not "excellent",
// "perfect", "awesome", which judge anything and say nothing of what), one
// of stanceWords, or a comparative adjective ("faster close") unless it
// only measures ("more", "less"). Nouns only from stanceWords ("lack"):
// "problem" after a topic ("model problem") is no finding. Proper nouns
// never.
func stanceWord(w, tag string) bool {
	w = strings.ToLower(w)
	if strings.HasPrefix(tag, "NNP") || stanceExcluded[w] || weakAdjectives[w] || quantityWords[w] || fillerWord(w) {
		return false
	}
	if stanceWords[w] || tag == "JJR" && w != "more" && w != "less" {
		return true
	}
	if !strings.HasPrefix(tag, "JJ") && !isVerb(tag) {
		return false
	}
	v, ok := vaderValence()[w]
	if tag == "VBD" || tag == "VBN" {
		return false // a past verb tells the story ("promised the board", "worried the sync")
	}
	if isVerb(tag) {
		// A verb judges only clearly: "improve", "losing", not "create"
		// (1.1).
		return ok && math.Abs(v) >= 1.5 && math.Abs(v) <= sheerValence
	}
	return ok && math.Abs(v) >= 1 && math.Abs(v) <= sheerValence
}

// sheerValence bounds a judgement that says what: beyond it praise or
// blame is sheer ("fantastic" 2.6, "excellent" 2.7, "awesome" 3.1, "worst"
// -3.1): it judges anything and says nothing of what, so it makes no
// finding of a topic. At it, "bad" and "lousy" (-2.5) still judge.
const sheerValence = 2.5

// vaderValence is VADER's own lexicon (the "L" rows of the embedded
// sentiment table), without the Pattern adjectives added to it.
var vaderValence = sync.OnceValue(func() map[string]float64 {
	out := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(vaderTSV))
	for sc.Scan() {
		if f := strings.Split(sc.Text(), "\t"); len(f) == 3 && f[0] == "L" {
			if v, err := strconv.ParseFloat(f[2], 64); err == nil {
				out[f[1]] = v
			}
		}
	}
	return out
})

// holdsStance reports a phrase with a stance word.
func holdsStance(ws []labelToken) bool {
	for _, w := range ws {
		if w.stance {
			return true
		}
	}
	return false
}

// elaborate is the finding theme t's quotes say about the topic of label
// l, or "": a candidate phrase of the theme that holds l's most telling
// word and a stance word (stanceWord), when that stance word is said
// together with the topic word in at least two of the theme's quotes (by
// two buyers when the theme has two), every other word of it is said in
// two of its quotes, it is said whole once at least, and it is no name,
// product, study-wide word or talk about the talk. Praise never names a
// barrier. A label that holds an adjective or a stance word already, or
// whose topic is a generic word, is left as it is. Among several: the one
// holding more of l's words, then the one whose stance the most quotes
// share with the topic, then the one said whole most, then the shorter.
func (st *phraseStats) elaborate(t int, l string, used map[string]bool) string {
	if l == "" || strings.HasPrefix(l, mixedPrefix) || strings.HasPrefix(l, nonEnglishLabel) || strings.HasPrefix(l, codedLabel) {
		return ""
	}
	var keys []string
	topic, best := "", 0.0
	for _, w := range strings.Fields(strings.ToLower(l)) {
		if functionWords[w] {
			continue
		}
		if stanceWord(w, "JJ") && !isNounKey(st, normWord(w)) {
			return "" // the label judges already
		}
		k := normWord(w)
		keys = append(keys, k)
		if s := st.wordScore(t, k); topic == "" || s > best {
			topic, best = k, s
		}
	}
	for _, w := range st.words[strings.Join(slices.Sorted(slices.Values(keys)), " ")] {
		if w.adj {
			return "" // an adjective says what of the topic already ("high cost")
		}
	}
	if topic == "" || genericKeys()[topic] {
		return "" // "hard time" says nothing of a topic
	}
	with := st.stanceWith(t, topic)
	if len(with) == 0 {
		return ""
	}
	need := 1
	if st.parts[t] >= 2 {
		need = 2
	}
	type cand struct {
		l                string
		co, said, shared int
		words            int
	}
	var pick cand
	for pk, n := range st.phraseDF[t] {
		ks := strings.Fields(pk)
		if pk == strings.Join(slices.Sorted(slices.Values(keys)), " ") || len(ks) < 2 || !slices.Contains(ks, topic) {
			continue
		}
		ws := st.words[pk]
		co, shared, ok := 0, 0, true
		for _, w := range ws {
			if functionWords[w.key] {
				continue
			}
			if st.names[w.key] || st.product(w.key) || 2*st.df[w.key] > st.n {
				ok = false
				break
			}
			if slices.Contains(keys, w.key) {
				shared++
			}
			if w.stance {
				if c := with[w.key]; c.quotes >= 2 && c.who.n >= need && !praiseForBarrier(w, st.ws[t].ring) {
					co = max(co, c.quotes)
				}
				continue
			}
			if w.key != topic && (st.themeDF[t][w.key] < 2 || genericKeys()[w.key]) || w.noun && !w.adj && 2*(st.noun[w.key]+st.proper[w.key]) <= st.df[w.key] {
				ok = false // ungrounded, or a verb the tagger called a noun ("requires")
				break
			}
		}
		if !ok || co == 0 || st.name(ws) || aboutTheTalk(ws) {
			continue
		}
		s := mostFrequent(st.surface[pk])
		if used[strings.ToLower(s)] || len(strings.Fields(s)) > 6 {
			continue
		}
		if c, measured := st.centres.closeness(t, strings.Fields(strings.ToLower(s))); measured && c <= minCloseness {
			continue
		}
		c := cand{s, co, n, shared, len(ws)}
		if pick.l == "" || c.shared > pick.shared || c.shared == pick.shared && (c.co > pick.co || c.co == pick.co &&
			(c.said > pick.said || c.said == pick.said && (c.words < pick.words || c.words == pick.words && c.l < pick.l))) {
			pick = c
		}
	}
	return pick.l
}

// isNounKey reports a word most of the study's quotes that say it tag a
// noun ("lack", "cost"): a topic, even with a valence.
func isNounKey(st *phraseStats, k string) bool { return 2*(st.noun[k]+st.proper[k]) > st.df[k] }

// praiseForBarrier reports a word of praise in a phrase naming a barrier.
func praiseForBarrier(w labelToken, r persona.Ring) bool {
	v, ok := WordValence(strings.ToLower(w.surface))
	return r == persona.RingBarriers && ok && v >= 1
}

// coStance counts the quotes, and up to two of their speakers, that say a
// stance word with a topic word.
type coStance struct {
	quotes int
	who    speakers
}

// stanceWith counts, over theme t's quotes that say the word key topic,
// the stance words they say (by key).
func (st *phraseStats) stanceWith(t int, topic string) map[string]coStance {
	key := strconv.Itoa(t) + " " + topic
	if out, ok := st.stanceCache[key]; ok {
		return out // a theme's candidates share a topic word often
	}
	out := map[string]coStance{}
	if st.stanceCache == nil {
		st.stanceCache = map[string]map[string]coStance{}
	}
	st.stanceCache[key] = out
	seen := map[string]bool{}
	for _, i := range st.ws[t].members {
		q := &st.c.quotes[i]
		if st.c.isMute(i) || !saysKey(q.Tokens, topic) {
			continue
		}
		clear(seen)
		for _, tk := range q.Tokens {
			if !stanceWord(tk.Text, tk.Tag) {
				continue
			}
			k := normWord(tk.Text)
			if seen[k] {
				continue
			}
			seen[k] = true
			c := out[k]
			c.quotes++
			c.who = c.who.add(q.ParticipantID)
			out[k] = c
		}
	}
	return out
}

// saysKey reports tokens holding the word key k.
func saysKey(toks []persona.Token, k string) bool {
	for _, tk := range toks {
		if normWord(tk.Text) == k {
			return true
		}
	}
	return false
}

// distinctWordsN is how many of a theme's most telling words make its
// headline representative when it says one of them.
const distinctWordsN = 3

// distinctWords are theme t's n content words of the highest score
// (wordScore: coverage times lift) that two of its quotes say, by key:
// what a headline that speaks for the theme says when it does not say
// the label's words.
func (st *phraseStats) distinctWords(t, n int) []string {
	var out []string
	for _, w := range st.tellingWords(t, n) {
		out = append(out, w.key)
	}
	return out
}

// tellingWord is a word key of a theme and its score there.
type tellingWord struct {
	key   string
	score float64
}

// tellingWords are distinctWords with their scores, best first.
func (st *phraseStats) tellingWords(t, n int) []tellingWord {
	var all []tellingWord
	for k, df := range st.themeDF[t] {
		if (df < 2 && st.size[t] >= 2) || plainStopKeys()[k] || st.names[k] || 2*st.df[k] > st.n || len(k) < 3 {
			continue
		}
		if s := st.wordScore(t, k); s > 0 {
			all = append(all, tellingWord{k, s})
		}
	}
	slices.SortFunc(all, func(a, b tellingWord) int {
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		return strings.Compare(a.key, b.key)
	})
	return all[:min(n, len(all))]
}

// plainStopKeys are the keys of the words that say nothing of a subject:
// function and closed-class words, fillers, light and vague verbs,
// auxiliaries, generic and indefinite words.
var plainStopKeys = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, set := range []map[string]bool{functionWords, englishWords, fillerWords, lightVerbs, auxWords, indefinite,
		questionWords, loneGeneric, genericNouns, vagueVerbs, quantityWords, weakAdjectives, timeAdverbs} {
		for w := range set {
			out[w], out[normWord(w)] = true, true
		}
	}
	return out
})
