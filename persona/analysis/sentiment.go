package analysis

import (
	"bufio"
	"bytes"
	_ "embed"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The VADER sentiment lexicon (7,337 words rated -4..4 by ten people each),
// its negation words and its boosters, from the npm package
// vader-sentiment@1.1.3 (Apache-2.0, Comcast; lexicon by Hutto & Gilbert,
// MIT), and the Pattern adjective lexicon (1,140 adjectives with a
// polarity in product reviews: "slow", "expensive"; CLiPS Pattern,
// BSD-3-Clause, as shipped in the npm package natural@8.1.1, MIT),
// converted by scripts/gen_sentiment_lexicon.sh.
//
//go:embed seed/sentiment.tsv
var vaderTSV []byte

// vaderTables holds the parsed lexicon.
type vaderTables struct {
	valence map[string]float64
	booster map[string]float64
	negate  map[string]bool
}

var (
	vaderOnce sync.Once
	vader     vaderTables
)

// vaderLexicon parses the embedded lexicon once.
func vaderLexicon() *vaderTables {
	vaderOnce.Do(func() {
		vader = vaderTables{valence: map[string]float64{}, booster: map[string]float64{}, negate: map[string]bool{}}
		pattern := map[string]float64{}
		sc := bufio.NewScanner(bytes.NewReader(vaderTSV))
		for sc.Scan() {
			f := strings.Split(sc.Text(), "\t")
			switch {
			case len(f) == 3 && f[0] == "L":
				vader.valence[f[1]], _ = strconv.ParseFloat(f[2], 64)
			case len(f) == 3 && f[0] == "B":
				vader.booster[f[1]], _ = strconv.ParseFloat(f[2], 64)
			case len(f) == 2 && f[0] == "N":
				vader.negate[f[1]] = true
			case len(f) == 3 && f[0] == "P":
				pattern[f[1]], _ = strconv.ParseFloat(f[2], 64)
			}
		}
		// Pattern's adjectives fill VADER's gaps, on VADER's -4..4 scale.
		for w, p := range pattern {
			if _, ok := vader.valence[w]; !ok {
				vader.valence[w] = 4 * p
			}
		}
		// The tagger splits "don't" into "do" + "n't"; VADER's own rule
		// treats any "n't" as a negation, and "no" negates what follows
		// ("no way to", "no good").
		for _, w := range []string{"n't", "no", "lack", "lacks", "lacking"} {
			vader.negate[w] = true
		}
		vader.addInflections()
	})
	return &vader
}

// lookup returns the valence of w or of its base form.
func (v *vaderTables) lookup(w string) (float64, bool) {
	x, ok := v.valence[w]
	return x, ok
}

// addInflections gives the inflected forms of lexicon words their base
// form's valence ("crash" -> "crashes", "crashed", "crashing"): the
// lexicons list few inflections, and one map access per word stays cheap.
func (v *vaderTables) addInflections() {
	base := make([]string, 0, len(v.valence))
	for w := range v.valence {
		base = append(base, w)
	}
	sort.Strings(base) // two words may share an inflection: the first wins, every run
	for _, w := range base {
		x := v.valence[w]
		stem := strings.TrimSuffix(w, "e")
		for _, f := range [...]string{w + "s", w + "es", w + "d", w + "ed", w + "ing", stem + "ed", stem + "ing"} {
			if _, ok := v.valence[f]; !ok && len(w) > 2 {
				v.valence[f] = x
			}
		}
	}
}

// sentiment is VADER's reading of a sentence.
type sentiment struct {
	compound float64 // normalised sum, -1..1
	pos, neg float64 // sums of positive and negative word valences
	negated  float64 // sum of positive valences turned negative by a negation ("not easy")
	min, max float64 // the most negative and most positive word valence
}

// vaderNegScalar and vaderAlpha are VADER's published constants.
const (
	vaderNegScalar = -0.74
	vaderAlpha     = 15
)

// sentimentOf scores lower-cased words with VADER's main rules: lexicon
// valence, boosters and dampeners in the three words before, negation in
// the three words before (flips and damps the valence), and "but" (the
// words before count half, the words after one and a half).
func sentimentOf(words []string) sentiment {
	v := vaderLexicon()
	butAt := -1
	for i, w := range words {
		if w == "but" {
			butAt = i
		}
	}
	var s sentiment
	for i, w := range words {
		val, ok := v.lookup(w)
		if !ok || v.booster[w] != 0 {
			continue
		}
		if w == "no" || w == "lack" { // handled as negations of what follows
			if i+1 < len(words) {
				if _, next := v.lookup(words[i+1]); next {
					continue
				}
			}
		}
		for j := 1; j <= 3 && i-j >= 0; j++ {
			if b := v.booster[words[i-j]]; b != 0 {
				damp := [...]float64{1, 0.95, 0.9}[j-1]
				val += math.Copysign(1, val) * b * damp // a dampener (b < 0) pulls toward 0
			}
		}
		for j := 1; j <= 3 && i-j >= 0; j++ {
			if v.negate[words[i-j]] {
				if val > 0 {
					s.negated += val
				}
				val *= vaderNegScalar
				break
			}
		}
		if butAt >= 0 {
			if i < butAt {
				val *= 0.5
			} else if i > butAt {
				val *= 1.5
			}
		}
		if val > 0 {
			s.pos += val
		} else {
			s.neg += val
		}
		s.min, s.max = min(s.min, val), max(s.max, val)
	}
	sum := s.pos + s.neg
	s.compound = sum / math.Sqrt(sum*sum+vaderAlpha)
	return s
}

// WordValence is a lower-cased word's sentiment in the VADER and Pattern
// lexicons, about −4..4 (inflections take their base word's), and whether
// the lexicons know it.
func WordValence(w string) (float64, bool) {
	return vaderLexicon().lookup(w)
}
