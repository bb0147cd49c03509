package analysis

import (
	"cmp"
	"math"
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
		"percent", "number", "place", "case", "fact", "side", "idea", "reason", "hour", "hours")
	// weakAdjectives are dropped from the front of a chunk.
	weakAdjectives = wordSet("other", "same", "much", "many", "few", "more", "most", "last",
		"next", "whole", "own", "such", "real", "good", "big", "little", "great", "certain",
		"different", "sure", "able", "new", "old", "first", "second", "main", "actual")
	// lightVerbs do not head a verb phrase.
	lightVerbs = wordSet("be", "is", "was", "were", "are", "been", "have", "had", "has", "do",
		"did", "does", "get", "got", "go", "went", "make", "made", "say", "said", "think",
		"know", "mean", "want", "need", "let", "take", "took", "see", "look")
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
		if k > j {
			out = appendChunk(out, toks[i:k])
			if i > 0 && isVerb(toks[i-1].Tag) && !lightVerbs[toks[i-1].Text] && k-i <= 2 {
				out = appendChunk(out, toks[i-1:k])
			}
			i = k
			continue
		}
		i = max(j, i+1)
	}
	return out
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
	return append(out, phrase{key: strings.Join(keys, " "), surface: strings.Join(words, " ")})
}

// labelThemes sets each unlabelled theme's phrases and label from
// class-based TF-IDF over all themes: a phrase scores its quote frequency
// in the theme times log(1 + average phrases per theme / its frequency in
// all themes), with a bonus for multi-word phrases.
func labelThemes(c *corpus, ws []*work) {
	counts := make([]map[string]int, len(ws))
	surface := map[string]map[string]int{}
	total, all := 0, map[string]int{}
	for t, w := range ws {
		counts[t] = map[string]int{}
		for _, i := range w.members {
			seen := map[string]bool{}
			for _, p := range nounPhrases(c.quotes[i].Tokens) {
				if surface[p.key] == nil {
					surface[p.key] = map[string]int{}
				}
				surface[p.key][p.surface]++
				if !seen[p.key] {
					seen[p.key] = true
					counts[t][p.key]++
					all[p.key]++
					total++
				}
			}
		}
	}
	avg := float64(total) / float64(max(len(ws), 1))
	for t, w := range ws {
		ranked := rankPhrases(counts[t], all, avg, len(w.members))
		w.phrases = pickPhrases(ranked, surface, 5)
		if !w.labelSet {
			w.label = themeLabel(w.phrases, w.ring)
		}
	}
}

type scored struct {
	key   string
	score float64
}

// rankPhrases scores a theme's phrases by c-TF-IDF, best first. Phrases
// found in a single quote are used only when nothing recurs.
func rankPhrases(tf, all map[string]int, avg float64, size int) []scored {
	var out []scored
	minTF := 1
	if size >= 2 {
		for _, n := range tf {
			if n >= 2 {
				minTF = 2
				break
			}
		}
	}
	for k, n := range tf {
		if n < minTF {
			continue
		}
		words := float64(strings.Count(k, " ") + 1)
		s := float64(n) * math.Log(1+avg/float64(all[k])) * (1 + 0.3*min(words-1, 2))
		out = append(out, scored{k, s})
	}
	slices.SortFunc(out, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.key, b.key))
	})
	return out
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

// themeLabel joins the top two or three phrases ("price per seat ·
// salesforce integration"); a theme without phrases is named by its ring.
func themeLabel(phrases []string, r persona.Ring) string {
	if len(phrases) == 0 {
		return r.Title()
	}
	n := 2
	if len(phrases) >= 3 && len(phrases[0])+len(phrases[1])+len(phrases[2]) <= 40 {
		n = 3
	}
	return strings.Join(phrases[:min(n, len(phrases))], " · ")
}
