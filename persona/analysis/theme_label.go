package analysis

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

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
		"percent", "number", "place", "case", "fact", "side", "idea", "reason", "hour", "hours")
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
			(toks[k].Text == "per" || toks[k].Text == "of") && isNoun(toks[k+1].Tag) && isNoun(toks[k-1].Tag))) {
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
			i = k
			continue
		}
		if j > i && toks[j-1].Tag == "JJ" {
			out = appendPredicate(out, toks, j-1)
		}
		i = max(j, i+1)
	}
	return out
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
	start, end := a, a+1
	if a > 0 && strings.EqualFold(toks[a-1].Text, "too") {
		start = a - 1
	}
	if end+1 < len(toks) && toks[end].Text == "to" && toks[end+1].Tag == "VB" && !lightVerbs[toks[end+1].Text] {
		end += 2
		if end < len(toks) && toks[end].Tag == "RP" {
			end++
		}
	}
	return appendChunk(out, toks[start:end])
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
	for len(ch) > 1 && (weakAdjectives[ch[0].Text] || genericNouns[ch[0].Text]) && !isVerb(ch[0].Tag) {
		ch = ch[1:]
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

// labelThemes sets each theme's key phrases and, unless a researcher
// named it, its label: the one candidate phrase that best tells the theme
// apart, said in the buyers' words. A phrase scores by its content words,
// each weighted by how much of the theme's quotes it covers (counting the
// most central quotes more) and by its lift over the whole study: its
// best word counts whole, the others half; phrases that recur whole and
// that say more than one word score higher. Themes
// are labelled biggest first and no two share a label.
func labelThemes(c *corpus, ws []*work) {
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
		if w.labelSet {
			continue
		}
		w.label = ""
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
		// names it, else what it says that its rival does not, else the
		// rival's finding in its own ring; else it has no finding of its
		// own (see label_distinct.go).
		w := ws[p.theme]
		w.label = nextPhrase(p.keys, st, p.theme, used)
		if w.label == "" {
			w.label = st.distinctLabel(p.theme, p.rival, used)
		}
		if w.label == "" {
			w.label = st.sameFindingLabel(p.theme, p.rival, p.top, used)
		}
		if w.label == "" {
			w.label = mixedLabel(c, st, p.theme, used)
		}
		used[strings.ToLower(w.label)] = true
	}
}

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

// phraseStats holds the counts labels are chosen from.
type phraseStats struct {
	c        *corpus
	ws       []*work
	n        int                       // quotes in all themes
	df       map[string]int            // word key -> study quotes holding it
	themeDF  []map[string]int          // per theme: word key -> quotes
	weightOf []map[string]float64      // per theme: word key -> centrality-weighted coverage
	phraseDF []map[string]int          // per theme: phrase key -> quotes
	words    map[string][]labelToken   // phrase key -> its words
	surface  map[string]map[string]int // phrase key -> spoken forms
	names    map[string]bool
	size     []int                 // per theme: quotes that may label it (English, not nil)
	proper   map[string]int        // word key -> study quotes tagging it a proper noun
	noun     map[string]int        // word key -> study quotes tagging it a common noun
	speakers []map[string]speakers // per theme: phrase key -> who said it whole
	parts    []int                 // per theme: participants of the quotes that may label it
	centres  *themeCentres         // nil without word vectors
	loose    bool                  // rank for key phrases: no speaker, support or closeness test
	rival    int                   // when >= 0, lift is also taken over this theme (distinctLabel)
}

// labelToken is one word of a candidate phrase.
type labelToken struct {
	key     string
	surface string
	proper  bool // tagged a proper noun
	noun    bool // tagged a noun or adjective: may stand alone
	adj     bool // tagged an adjective: alone only when a quarter of the theme says it
}

func newPhraseStats(c *corpus, ws []*work) *phraseStats {
	st := &phraseStats{c: c, ws: ws, df: map[string]int{}, words: map[string][]labelToken{},
		surface: map[string]map[string]int{}, names: c.names, proper: map[string]int{}, noun: map[string]int{},
		centres: newThemeCentres(c, ws), rival: -1}
	// Each theme's counts are taken on its own (on all cores), then added
	// up in theme order, so that the words kept for a phrase are those of
	// its first quote in theme order, as when counted one theme at a time.
	counts := make([]*themeCounts, len(ws))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ws)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := int(next.Add(1) - 1); t < len(ws); t = int(next.Add(1) - 1) {
				counts[t] = countTheme(c, ws[t])
			}
		}()
	}
	wg.Wait()
	for _, tc := range counts {
		st.n += tc.n
		for k, v := range tc.df {
			st.df[k] += v
		}
		for k, v := range tc.proper {
			st.proper[k] += v
		}
		for k, v := range tc.noun {
			st.noun[k] += v
		}
		for _, k := range tc.phrases {
			if _, ok := st.words[k]; !ok {
				st.words[k] = tc.words[k]
			}
			if st.surface[k] == nil {
				st.surface[k] = map[string]int{}
			}
			for form, v := range tc.surface[k] {
				st.surface[k][form] += v
			}
		}
		st.speakers, st.parts = append(st.speakers, tc.who), append(st.parts, tc.parts)
		st.themeDF, st.weightOf, st.phraseDF = append(st.themeDF, tc.tdf), append(st.weightOf, tc.cov), append(st.phraseDF, tc.pdf)
		st.size = append(st.size, tc.size)
	}
	return st
}

// themeCounts are one theme's share of phraseStats.
type themeCounts struct {
	n, size, parts   int
	df, proper, noun map[string]int
	tdf, pdf         map[string]int
	cov              map[string]float64
	who              map[string]speakers
	words            map[string][]labelToken   // phrase key -> its words in its first quote here
	surface          map[string]map[string]int // phrase key -> spoken forms
	phrases          []string                  // phrase keys in order of first appearance
}

func countTheme(c *corpus, w *work) *themeCounts {
	tc := &themeCounts{df: map[string]int{}, proper: map[string]int{}, noun: map[string]int{},
		tdf: map[string]int{}, pdf: map[string]int{}, cov: map[string]float64{}, who: map[string]speakers{},
		words: map[string][]labelToken{}, surface: map[string]map[string]int{}}
	parts := map[int64]bool{}
	weights, total := centralWeights(c, w.members)
	// Word counts go to one tally per word, found with one map look-up
	// per token, and into tc's maps once the theme is counted.
	index, tallies := map[string]int{}, []wordTally(nil)
	seenP := map[string]bool{} // per quote, cleared and reused
	for j, i := range w.members {
		tc.n++
		muted := mute(c.quotes[i])
		if !muted {
			tc.size++
		}
		for _, tk := range c.quotes[i].Tokens {
			k := normWord(tk.Text)
			x, ok := index[k]
			if !ok {
				x = len(tallies)
				index[k] = x
				tallies = append(tallies, wordTally{key: k, last: -1})
			}
			if wt := &tallies[x]; wt.last != j {
				wt.last = j
				wt.df++
				if strings.HasPrefix(tk.Tag, "NNP") {
					wt.proper++
				} else if isNoun(tk.Tag) {
					wt.noun++
				}
				if !muted {
					wt.tdf++
					wt.cov += weights[j] / total
				}
			}
		}
		if muted {
			continue
		}
		pid := c.quotes[i].ParticipantID
		parts[pid] = true
		clear(seenP)
		for _, p := range tc.candidates(c.quotes[i].Tokens) {
			if !seenP[p.key] {
				seenP[p.key] = true
				tc.pdf[p.key]++
				tc.who[p.key] = tc.who[p.key].add(pid)
			}
		}
	}
	tc.parts = len(parts)
	for _, wt := range tallies {
		tc.df[wt.key] = wt.df
		if wt.proper > 0 {
			tc.proper[wt.key] = wt.proper
		}
		if wt.noun > 0 {
			tc.noun[wt.key] = wt.noun
		}
		if wt.tdf > 0 {
			tc.tdf[wt.key] = wt.tdf
			tc.cov[wt.key] = wt.cov
		}
	}
	return tc
}

// wordTally is one word's counts in one theme.
type wordTally struct {
	key                   string
	last                  int // the last member quote that said it
	df, proper, noun, tdf int
	cov                   float64
}

// centralWeights weighs a theme's quotes from 0.5 (least central) to 1
// (most central), so a phrase in the quotes nearest the theme's centre
// counts up to twice as much as one at its edge.
func centralWeights(c *corpus, members []int) ([]float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, i := range members {
		lo, hi = min(lo, c.central[i]), max(hi, c.central[i])
	}
	out := make([]float64, len(members))
	var total float64
	for j, i := range members {
		out[j] = 1
		if hi > lo {
			out[j] = 0.5 + 0.5*(c.central[i]-lo)/(hi-lo)
		}
		total += out[j]
	}
	return out, total
}

// candidates are a quote's label candidates: its key phrases, without
// those that hold a filler, a question word, a name, markup, or only
// proper nouns (people mentioned by name), trimmed of function words.
func (tc *themeCounts) candidates(toks []persona.Token) []phrase {
	var out []phrase
	tags := &tokenTags{toks: toks}
	for _, p := range nounPhrases(toks) {
		// Each spoken form is checked: the label shows the most frequent
		// one, which must pass too ("liked services" may, "like
		// services" not).
		ws := phraseWordsTagged(p, tags)
		if ws == nil {
			continue
		}
		if _, ok := tc.words[p.key]; !ok {
			tc.words[p.key] = ws
			tc.phrases = append(tc.phrases, p.key)
		}
		if tc.surface[p.key] == nil {
			tc.surface[p.key] = map[string]int{}
		}
		tc.surface[p.key][p.surface]++
		out = append(out, p)
	}
	return out
}

// phraseWords are the words of phrase p as tagged in toks, or nil when p
// may not be a label.
func phraseWords(p phrase, toks []persona.Token) []labelToken {
	return phraseWordsTagged(p, &tokenTags{toks: toks})
}

// phraseWordsTagged is phraseWords with the tags of the quote's words
// looked up in tags, which a quote's phrases share.
func phraseWordsTagged(p phrase, tags *tokenTags) []labelToken {
	words, keys := strings.Fields(p.surface), strings.Fields(p.key)
	if len(words) != len(keys) || len(words) > 6 || functionWords[words[0]] || functionWords[words[len(words)-1]] ||
		auxWords[words[0]] || auxWords[words[len(words)-1]] {
		return nil
	}
	out := make([]labelToken, len(words))
	proper := true
	for i, w := range words {
		if fillerWord(w) || questionWords[w] || !plainWord(w) || quantityWords[w] || metaWords[w] || swearWords[strings.ToLower(w)] {
			return nil
		}
		tag, properIn := tags.of(w)
		out[i] = labelToken{key: keys[i], surface: w, proper: properIn,
			noun: isNoun(tag) || strings.HasPrefix(tag, "JJ"), adj: strings.HasPrefix(tag, "JJ")}
		proper = proper && (out[i].proper || functionWords[w])
	}
	if proper || echoes(keys) {
		return nil
	}
	return out
}

// wordTag is the tag of the last token in toks spelled w, and whether any
// of them is tagged a proper noun: a word said twice may be tagged a name
// once ("New York Times ... three times"). A scan of the quote's tokens
// costs less than a map of them built for each phrase.
func wordTag(toks []persona.Token, w string) (tag string, proper bool) {
	for _, t := range toks {
		if t.Text == w {
			tag = t.Tag
			proper = proper || strings.HasPrefix(t.Tag, "NNP")
		}
	}
	return tag, proper
}

// tokenTags looks up wordTag in a quote's tokens: by a scan in a short
// quote, in maps built once for all its phrases in a long one (a scan for
// each word of each phrase grows with the square of its length).
type tokenTags struct {
	toks   []persona.Token
	tag    map[string]string
	proper map[string]bool
}

// scanTokens is the longest quote whose tags are found by a scan.
const scanTokens = 64

func (tt *tokenTags) of(w string) (tag string, proper bool) {
	if len(tt.toks) <= scanTokens {
		return wordTag(tt.toks, w)
	}
	if tt.tag == nil {
		tt.tag, tt.proper = map[string]string{}, map[string]bool{}
		for _, t := range tt.toks {
			tt.tag[t.Text] = t.Tag
			tt.proper[t.Text] = tt.proper[t.Text] || strings.HasPrefix(t.Tag, "NNP")
		}
	}
	return tt.tag[w], tt.proper[w]
}

// product reports the study's product or company: a word tagged a proper
// noun in most of the quotes that say it, said in a twentieth of the
// study's quotes ("Azure", "Microsoft").
func (st *phraseStats) product(key string) bool {
	return 20*st.df[key] >= st.n && 2*st.proper[key] > st.df[key]
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

// wordScore is a word's centrality-weighted coverage of theme t times its
// log lift over the study (smoothed); generic words count half.
func (st *phraseStats) wordScore(t int, key string) float64 {
	size := float64(len(st.ws[t].members))
	in := (float64(st.themeDF[t][key]) + 0.5) / (size + 1)
	all := (float64(st.df[key]) + 0.5) / (float64(st.n) + 1)
	s := st.weightOf[t][key] * max(0, st.rivalLift(t, key, math.Log(in/all)))
	if genericNouns[key] || loneGeneric[key] {
		s /= 2
	}
	return s
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
