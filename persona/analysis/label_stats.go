package analysis

import (
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/verbatimhq/verbatim/persona"
)

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
	// stanceCache holds stanceWith's counts by theme and topic word.
	stanceCache map[string]map[string]coStance
}

// labelToken is one word of a candidate phrase.
type labelToken struct {
	key     string
	surface string
	proper  bool   // tagged a proper noun
	noun    bool   // tagged a noun or adjective: may stand alone
	adj     bool   // tagged an adjective: alone only when a quarter of the theme says it
	stance  bool   // judges, or says a difficulty or need (stanceWord)
	tag     string // its part-of-speech tag (phraseFinding)
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
		muted := c.isMute(i)
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
		auxWords[words[0]] || auxWords[words[len(words)-1]] || negatedWords[words[len(words)-1]] {
		return nil
	}
	out := make([]labelToken, len(words))
	proper, number, counted := true, true, false
	for i, w := range words {
		if i == 0 && len(words) > 1 && negatedWords[w] {
			// "no audit trail", "can't export": the negation of what follows.
			out[i] = labelToken{key: normWord(w), surface: w, tag: "RB"}
			continue
		}
		if fillerWord(w) || questionWords[w] || !plainWord(w) || quantityWords[w] || metaWords[w] || swearWords[strings.ToLower(w)] {
			return nil
		}
		tag, properIn := tags.of(w)
		// The key is the word's own: p.key holds the keys sorted, not in
		// the spoken order ("missing data" is keyed "data miss").
		out[i] = labelToken{key: normWord(w), surface: w, proper: properIn,
			noun: isNoun(tag) || strings.HasPrefix(tag, "JJ"), adj: strings.HasPrefix(tag, "JJ"), stance: stanceWord(w, tag), tag: tag}
		proper = proper && (out[i].proper || functionWords[w])
		num := tag == "CD" || numberWord(w)
		number = number && (num || functionWords[w] || unitWords[strings.ToLower(w)])
		counted = counted || num
	}
	// A number alone ("twelve", "twelve and a half") or with its unit
	// ("ten percent", "twenty five euros") says no finding: what it counts
	// or costs is in the words around it.
	if proper || (number && counted) || echoes(keys) {
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
