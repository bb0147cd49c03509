package analysis

import (
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/verbatimhq/verbatim/persona"
)

// TextWords are the words of plain text that carry meaning: lower-cased,
// without stop words, fillers, numbers and one-letter words (what the
// word vectors are looked up by; Terms stems the same words).
func TextWords(text string) []string {
	f := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
	})
	out := make([]string, 0, len(f))
	for _, w := range f {
		if w = word(persona.Token{Text: w}); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// EmbedTexts returns SIF-weighted sentence vectors of texts (the mean of
// their words' vectors weighted by sifA/(sifA+p(w)), p from the word's
// frequency rank, as in sifEmbed) as a row-major len(texts)×v.Dim()
// matrix, each row of unit length; has reports which rows hold a known
// word (the others are zero). Unlike sifEmbed it removes no principal
// component: over a handful of texts retrieved for one query, the first
// component is that query's own topic, and removing it would erase the
// very similarity being measured.
func EmbedTexts(v *Vectors, texts []string) (rows []float32, has []bool) {
	d := v.Dim()
	rows = make([]float32, len(texts)*d)
	has = make([]bool, len(texts))
	hn := math.Log(sifVocab) + 0.5772
	for r, t := range texts {
		row := rows[r*d : (r+1)*d]
		for _, w := range TextWords(t) {
			i := v.Rank(w)
			if i < 0 {
				continue
			}
			p := 1 / (float64(i+1) * hn)
			wt := float32(sifA / (sifA + p))
			for j, x := range v.Vector(i) {
				row[j] += wt * x
			}
			has[r] = true
		}
		if has[r] {
			normalize32(row)
		}
	}
	return rows, has
}

func normalize32(x []float32) {
	var s float64
	for _, f := range x {
		s += float64(f) * float64(f)
	}
	if s == 0 {
		return
	}
	n := float32(1 / math.Sqrt(s))
	for i := range x {
		x[i] *= n
	}
}

// Neighbour is a word near another in the vector space.
type Neighbour struct {
	Word       string
	Similarity float64
}

// neighbourWords bounds the vocabulary Neighbours searches: the most
// frequent words, where rare spellings, names and foreign words are few.
const neighbourWords = 50000

// unitRows caches each Vectors' first neighbourWords rows at unit length.
var unitRows sync.Map // *Vectors -> []float32

func (v *Vectors) unit() []float32 {
	if u, ok := unitRows.Load(v); ok {
		return u.([]float32)
	}
	n, d := min(v.Len(), neighbourWords), v.Dim()
	u := make([]float32, n*d)
	for i := 0; i < n; i++ { // through Vector: the set may be quantized
		row := u[i*d : (i+1)*d]
		copy(row, v.Vector(i))
		normalize32(row)
	}
	got, _ := unitRows.LoadOrStore(v, u)
	return got.([]float32)
}

// Neighbours returns up to k words among the most frequent ones whose
// cosine similarity to w is at least minSim, most similar first, leaving
// out w itself and words that differ from it only in inflection (same
// stem) or are stop words. Nil when w has no vector.
func (v *Vectors) Neighbours(w string, k int, minSim float64) []Neighbour {
	r := v.Rank(strings.ToLower(w))
	if r < 0 || k <= 0 {
		return nil
	}
	q := append([]float32(nil), v.Vector(r)...)
	normalize32(q)
	u, d := v.unit(), v.Dim()
	own := stem(strings.ToLower(w))
	var out []Neighbour
	for i := 0; i*d < len(u); i++ {
		if i == r {
			continue
		}
		var s float32
		row := u[i*d : (i+1)*d]
		for j, x := range q {
			s += x * row[j]
		}
		if float64(s) < minSim {
			continue
		}
		nw := v.Word(i)
		if word(persona.Token{Text: nw}) != nw || stem(nw) == own {
			continue
		}
		out = append(out, Neighbour{Word: nw, Similarity: float64(s)})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Similarity > out[b].Similarity })
	return out[:min(k, len(out))]
}

// TextTerms are the clustering terms of plain text: TextWords stemmed
// (what Terms gives for tagged tokens).
func TextTerms(text string) []string {
	ws := TextWords(text)
	for i, w := range ws {
		ws[i] = stem(w)
	}
	return ws
}
