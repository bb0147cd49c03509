package analysis

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
)

//go:generate go run ../../scripts/gencomplaint -data ../../../shared/data -seed seed/ring_seed.csv -out seed/complaint_model.tsv

// The complaint model: a logistic regression telling a complaint from
// praise, trained on real patient feedback (NHS England pxtextmining, MIT)
// and the project's seed sentences by `go generate` (see gen.go and
// docs/RINGS.md). It holds feature weights only, never text.
//
//go:embed seed/complaint_model.tsv
var complaintTSV []byte

// ComplaintModel scores how much a sentence complains.
type ComplaintModel struct {
	Bias    float64
	Dense   [nDense]float64 // see denseFeatures
	Weights map[string]float64

	once sync.Once
	keys map[uint64]float64 // Weights by featureKey, for classifying without building strings
}

// featureSeed hashes words for featureKey; keys live only in memory.
var featureSeed = maphash.MakeSeed()

// Feature kinds, mixed into featureKey.
const (
	kindWord uint64 = iota
	kindNegated
	kindPair
)

// featureKey identifies a feature by the hashes of its words.
func featureKey(kind, a, b uint64) uint64 {
	x := a*0x9E3779B97F4A7C15 ^ (b + (kind+1)*0xC2B2AE3D27D4EB4F)
	x ^= x >> 29
	x *= 0xBF58476D1CE4E5B9
	return x ^ x>>32
}

// keyOfFeature parses a feature name made by complaintFeatures.
func keyOfFeature(f string) uint64 {
	h := func(w string) uint64 { return maphash.String(featureSeed, w) }
	if w, ok := strings.CutPrefix(f, "n:"); ok {
		return featureKey(kindNegated, h(w), 0)
	}
	if a, b, ok := strings.Cut(f, "_"); ok {
		return featureKey(kindPair, h(a), h(b))
	}
	return featureKey(kindWord, h(f), 0)
}

// index builds keys from Weights once.
func (m *ComplaintModel) index() {
	m.once.Do(func() {
		m.keys = make(map[uint64]float64, len(m.Weights))
		for f, w := range m.Weights {
			m.keys[keyOfFeature(f)] = w
		}
	})
}

// complaintFeatures are a sentence's sparse features: stemmed words, words
// within three of a negation marked "n:" ("not easy" -> n:easy), and
// bigrams ("take_age", "no_way", "could_be").
// When keep is not nil, only kept words become word features: training
// keeps evaluative words, so the model learns how people complain, not
// what the training set's domain complains about; word pairs are always
// kept, as they carry the phrasing of a complaint.
func complaintFeatures(words []string, keep []bool) []string {
	norm := make([]string, len(words))
	for i, w := range words {
		norm[i] = normWord(w)
	}
	return complaintFeaturesNorm(words, norm, keep)
}

// complaintFeaturesNorm is complaintFeatures with the words' normal forms
// (normWord) already known.
func complaintFeaturesNorm(words, norm []string, keep []bool) []string {
	v := vaderLexicon()
	out := make([]string, 0, 3*len(words))
	negUntil := -1
	prev := ""
	for i, w := range words {
		n := norm[i]
		k := keep == nil || keep[i]
		switch {
		case !k:
		case i <= negUntil:
			out = append(out, "n:"+n)
		default:
			out = append(out, n)
		}
		if v.negate[w] {
			negUntil = i + 3
		}
		if prev != "" {
			out = append(out, prev+"_"+n)
		}
		prev = n
	}
	return out
}

// Evaluative marks the words a complaint model may learn from: words in
// the sentiment lexicon, negations and boosters, and adjectives, adverbs,
// comparatives and modals (tags from the tagger), which carry judgement
// in any domain; nouns and verbs name the domain and are left out.
func Evaluative(toks []persona.Token) []bool {
	v := vaderLexicon()
	out := make([]bool, len(toks))
	for i, t := range toks {
		_, lex := v.lookup(t.Text)
		out[i] = lex || v.negate[t.Text] || v.booster[t.Text] != 0 ||
			strings.HasPrefix(t.Tag, "JJ") || strings.HasPrefix(t.Tag, "RB") || t.Tag == "MD"
	}
	return out
}

// nDense is the number of dense features.
const nDense = 6

// denseFeatures are VADER's reading scaled to about -1..1: compound,
// negative and positive sums, negated positives, the most negative and
// the most positive word.
func denseFeatures(s sentiment) [nDense]float64 {
	return [nDense]float64{s.compound, s.neg / 4, s.pos / 4, s.negated / 4, s.min / 4, s.max / 4}
}

// Logit returns the complaint log-odds of lower-cased words.
func (m *ComplaintModel) Logit(words []string) float64 {
	norm := make([]string, len(words))
	for i, w := range words {
		norm[i] = normWord(w)
	}
	return m.logit(words, norm)
}

// logit is Logit with the words' normal forms already known. It sums the
// same features complaintFeatures names, by hashed key.
func (m *ComplaintModel) logit(words, norm []string) float64 {
	m.index()
	v := vaderLexicon()
	z := m.Bias
	d := denseFeatures(sentimentOf(words))
	for i := range d {
		z += m.Dense[i] * d[i]
	}
	var sum float64
	n := 0
	negUntil := -1
	var prev uint64
	for i, w := range words {
		h := maphash.String(featureSeed, norm[i])
		kind := kindWord
		if i <= negUntil {
			kind = kindNegated
		}
		sum += m.keys[featureKey(kind, h, 0)]
		n++
		if v.negate[w] {
			negUntil = i + 3
		}
		if i > 0 {
			sum += m.keys[featureKey(kindPair, prev, h)]
			n++
		}
		prev = h
	}
	return z + sum*featureScale(n)
}

// ComplaintText is one labelled training text.
type ComplaintText struct {
	Words     []string
	Keep      []bool // Evaluative(words); nil keeps every word
	Complaint bool
}

// TrainComplaintModel fits an L2-regularised logistic regression with
// AdaGrad over shuffled epochs (seeded, so the result is reproducible).
// Features seen in fewer than minCount texts are dropped.
func TrainComplaintModel(texts []ComplaintText, epochs, minCount int, l2 float64, seed uint64) *ComplaintModel {
	type row struct {
		feats []string
		dense [nDense]float64
		y     float64
	}
	df := map[string]int{}
	rows := make([]row, len(texts))
	for i, t := range texts {
		fs := dedup(complaintFeatures(t.Words, t.Keep))
		for _, f := range fs {
			df[f]++
		}
		rows[i] = row{feats: fs, dense: denseFeatures(sentimentOf(t.Words))}
		if t.Complaint {
			rows[i].y = 1
		}
	}
	// Classes are weighted to count equally: feedback surveys hold more
	// praise than complaints, and the model should not learn that prior.
	var npos float64
	for _, r := range rows {
		npos += r.y
	}
	classWeight := [2]float64{float64(len(rows)) / (2 * (float64(len(rows)) - npos)), float64(len(rows)) / (2 * npos)}
	m := &ComplaintModel{Weights: map[string]float64{}}
	g2 := map[string]float64{}
	var gb float64
	var gd [nDense]float64
	const lr = 0.3
	rng := rand.New(rand.NewPCG(seed, 7))
	for e := 0; e < epochs; e++ {
		for _, i := range rng.Perm(len(rows)) {
			r := rows[i]
			z := m.Bias
			for k := range r.dense {
				z += m.Dense[k] * r.dense[k]
			}
			x := featureScale(len(r.feats))
			for _, f := range r.feats {
				z += m.Weights[f] * x
			}
			g := (1/(1+math.Exp(-z)) - r.y) * classWeight[int(r.y)]
			gb += g * g
			m.Bias -= lr * g / math.Sqrt(gb+1e-8)
			for k := range r.dense {
				gk := g * r.dense[k]
				gd[k] += gk * gk
				m.Dense[k] -= lr * gk / math.Sqrt(gd[k]+1e-8)
			}
			for _, f := range r.feats {
				if df[f] < minCount {
					continue
				}
				gf := g*x + l2*m.Weights[f]
				g2[f] += gf * gf
				m.Weights[f] -= lr * gf / math.Sqrt(g2[f]+1e-8)
			}
		}
	}
	for f, w := range m.Weights {
		if math.Abs(w) < 0.01 {
			delete(m.Weights, f)
		}
	}
	return m
}

// featureScale is each sparse feature's value: 1/sqrt(count), so a long
// text does not look like a complaint just because it has more words
// (complaints run longer than praise in feedback surveys).
func featureScale(n int) float64 {
	if n == 0 {
		return 0
	}
	return 1 / math.Sqrt(float64(n))
}

func dedup(fs []string) []string {
	seen := make(map[string]bool, len(fs))
	out := fs[:0]
	for _, f := range fs {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// WriteTo writes the model as TSV: "bias", "dense" and "f" rows, features
// sorted so the file is stable under regeneration.
func (m *ComplaintModel) WriteTo(w io.Writer) (int64, error) {
	var b bytes.Buffer
	b.WriteString("# complaint model: generated by `go generate ./persona/analysis`; do not edit\n")
	fmt.Fprintf(&b, "bias\t%.4f\n", m.Bias)
	for i, x := range m.Dense {
		fmt.Fprintf(&b, "dense\t%d\t%.4f\n", i, x)
	}
	keys := make([]string, 0, len(m.Weights))
	for f := range m.Weights {
		keys = append(keys, f)
	}
	sort.Strings(keys)
	for _, f := range keys {
		fmt.Fprintf(&b, "f\t%s\t%.3f\n", f, m.Weights[f])
	}
	return b.WriteTo(w)
}

// ReadComplaintModel parses a model written by WriteTo.
func ReadComplaintModel(r io.Reader) (*ComplaintModel, error) {
	m := &ComplaintModel{Weights: map[string]float64{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		x, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			return nil, fmt.Errorf("analysis: complaint model line %d: %w", n, err)
		}
		switch {
		case f[0] == "bias" && len(f) == 2:
			m.Bias = x
		case f[0] == "dense" && len(f) == 3:
			i, err := strconv.Atoi(f[1])
			if err != nil || i < 0 || i >= len(m.Dense) {
				return nil, fmt.Errorf("analysis: complaint model line %d: dense index %q", n, f[1])
			}
			m.Dense[i] = x
		case f[0] == "f" && len(f) == 3:
			m.Weights[f[1]] = x
		default:
			return nil, fmt.Errorf("analysis: complaint model line %d: bad row", n)
		}
	}
	return m, sc.Err()
}

var (
	complaintOnce  sync.Once
	complaintModel *ComplaintModel
	complaintErr   error
)

// embeddedComplaintModel parses the embedded model once.
func embeddedComplaintModel() (*ComplaintModel, error) {
	complaintOnce.Do(func() {
		complaintModel, complaintErr = ReadComplaintModel(bytes.NewReader(complaintTSV))
	})
	return complaintModel, complaintErr
}

// QuoteComplaint is how likely a quote complains, 0..1, by the embedded
// complaint model on the quote's own words (its tokens, or its text when it
// was stored untagged), under an even prior. It is 0.5 when the model
// cannot be read.
func QuoteComplaint(q *persona.Quote) float64 {
	m, err := embeddedComplaintModel()
	if err != nil || m == nil {
		return 0.5
	}
	toks := quoteTokens(q)
	if len(toks) == 0 {
		return 0.5
	}
	raw := make([]string, len(toks))
	for i, t := range toks {
		raw[i] = strings.ToLower(t.Text)
	}
	z := max(-4, min(4, m.logit(raw, normTokens(toks))))
	return 1 / (1 + math.Exp(-z))
}
