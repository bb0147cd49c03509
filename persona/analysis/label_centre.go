package analysis

import (
	"math"
)

// themeCentres hold, in the word-vector part of the ring spaces the themes
// were clustered in, each theme's centre and each ring space's centre, so
// a candidate label can be checked for meaning what the theme's quotes
// mean rather than only sharing a word with a few of them ("open hood"
// from "open the hood" is far from a theme about starting projects).
type themeCentres struct {
	v     *Vectors
	theme [][]float64          // per theme: unit mean of its quotes' unit vectors, nil when none
	ring  map[*Space][]float64 // per space: the same over all its documents
	space []*Space             // per theme: the space its quotes were clustered in
}

// newThemeCentres computes the centres from the spaces' word-vector
// parts; it returns nil when the spaces hold no word vectors.
func newThemeCentres(c *corpus, ws []*work) *themeCentres {
	v := DefaultVectors()
	if v == nil {
		return nil
	}
	ce := &themeCentres{v: v, theme: make([][]float64, len(ws)), ring: map[*Space][]float64{},
		space: make([]*Space, len(ws))}
	for t, w := range ws {
		for _, i := range w.members {
			sp := c.space[i]
			if sp == nil || c.doc[i] < 0 {
				continue
			}
			row := sp.denseRow(c.doc[i])
			if row == nil {
				continue
			}
			if ce.theme[t] == nil {
				ce.theme[t], ce.space[t] = make([]float64, len(row)), sp
			}
			if len(row) == len(ce.theme[t]) {
				addUnit(ce.theme[t], row)
			}
		}
		if ce.theme[t] != nil && !unitize(ce.theme[t]) {
			ce.theme[t] = nil
		}
		if sp := ce.space[t]; sp != nil && ce.ring[sp] == nil {
			sum := make([]float64, len(ce.theme[t]))
			for d := 0; d < sp.Len(); d++ {
				if row := sp.denseRow(d); len(row) == len(sum) {
					addUnit(sum, row)
				}
			}
			unitize(sum)
			ce.ring[sp] = sum
		}
	}
	for _, t := range ce.theme {
		if t != nil && len(t) == v.Dim() {
			return ce
		}
	}
	return nil
}

// addUnit adds row scaled to unit length to sum.
func addUnit(sum []float64, row []float32) {
	var n float64
	for _, x := range row {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		return
	}
	n = 1 / math.Sqrt(n)
	for j, x := range row {
		sum[j] += n * float64(x)
	}
}

// unitize scales x to unit length; false when it is zero.
func unitize(x []float64) bool {
	var n float64
	for _, f := range x {
		n += f * f
	}
	if n == 0 {
		return false
	}
	n = 1 / math.Sqrt(n)
	for j := range x {
		x[j] *= n
	}
	return true
}

// phraseVector is the SIF-weighted mean of the words' vectors at unit
// length (the weights sifEmbed gives them), nil when no word is known.
func (ce *themeCentres) phraseVector(words []string) []float64 {
	hn := math.Log(sifVocab) + 0.5772
	sum := make([]float64, ce.v.Dim())
	known := false
	for _, w := range words {
		i := ce.v.Rank(w)
		if i < 0 {
			continue
		}
		p := 1 / (float64(i+1) * hn)
		ce.v.addScaled(i, sifA/(sifA+p), sum)
		known = true
	}
	if !known || !unitize(sum) {
		return nil
	}
	return sum
}

// closeness is how much nearer the phrase is to theme t's centre than to
// its ring's centre (cosine difference), and whether it could be measured.
// A phrase that means what the theme is about is nearer its centre; one
// that means what every quote of the ring is about is as near both.
func (ce *themeCentres) closeness(t int, words []string) (float64, bool) {
	ct, cr, ok := ce.cosines(t, words)
	return ct - cr, ok
}

// cosines are the phrase's cosine similarities to theme t's centre and to
// its ring's centre.
func (ce *themeCentres) cosines(t int, words []string) (ct, cr float64, ok bool) {
	if ce == nil || ce.theme[t] == nil {
		return 0, 0, false
	}
	p := ce.phraseVector(words)
	r := ce.ring[ce.space[t]]
	if p == nil || len(p) != len(ce.theme[t]) || len(r) != len(p) {
		return 0, 0, false
	}
	for j, x := range p {
		ct += x * ce.theme[t][j]
		cr += x * r[j]
	}
	return ct, cr, true
}
