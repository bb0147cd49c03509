package gaps

import (
	"math"
	"sort"

	"github.com/verbatimhq/verbatim/persona/analysis"
)

// Matching passages to themes uses the analysis's own representation of
// a text: sublinear TF-IDF over stemmed words (document frequencies from
// the buyers' quotes) and, when word vectors are loaded, the SIF-weighted
// sentence vector; a passage's score for a theme is the mean of its two
// cosine similarities to the theme's centroid (the TF-IDF one alone
// without vectors), as field notes are matched to themes.
//
// The threshold is the theme's own: a passage addresses a theme when it is
// at least as close to the theme's centroid as the theme's lower-quartile
// member quote is to the centroid of the other members (leave-one-out),
// and the theme is the passage's nearest in its ring (the analysis, too,
// puts a quote in one theme of its ring). That is, the passage would sit
// inside the theme as comfortably as three in four of the buyers' own
// quotes do. Nothing is fitted to a data set; a theme whose quotes are
// scattered accepts looser passages, a tight one demands close ones.
// calibration_realdata_test.go measures it on labelled sets.

// memberQuantile is the quantile of the members' leave-one-out scores a
// passage must reach.
const memberQuantile = 0.25

// matcher scores passages against themes.
type matcher struct {
	df      map[string]int
	n       float64
	vec     *analysis.Vectors
	tfidf   [][]map[string]float64 // per theme, per member: unit TF-IDF
	embed   [][][]float32          // per theme, per member: unit SIF vector (nil rows when unknown)
	centT   []map[string]float64   // per theme: sum of member TF-IDF vectors
	centV   [][]float64            // per theme: sum of member SIF vectors
	thresh  []float64
	members [][]string
}

// newMatcher builds the theme centroids and thresholds from each theme's
// member texts; v may be nil (TF-IDF alone).
func newMatcher(members [][]string, v *analysis.Vectors) *matcher {
	m := &matcher{df: map[string]int{}, vec: v, members: members}
	var all []string
	for _, ms := range members {
		all = append(all, ms...)
	}
	for _, t := range all {
		seen := map[string]bool{}
		for _, w := range analysis.TextTerms(t) {
			if !seen[w] {
				seen[w] = true
				m.df[w]++
			}
		}
	}
	m.n = float64(len(all))
	var rows []float32
	var has []bool
	if v != nil {
		rows, has = analysis.EmbedTexts(v, all)
	}
	at := 0
	for _, ms := range members {
		var ts []map[string]float64
		var es [][]float32
		cent := map[string]float64{}
		var cv []float64
		if v != nil {
			cv = make([]float64, v.Dim())
		}
		for _, t := range ms {
			x := m.tfidfOf(t)
			ts = append(ts, x)
			for w, f := range x {
				cent[w] += f
			}
			var e []float32
			if v != nil && has[at] {
				e = rows[at*v.Dim() : (at+1)*v.Dim()]
				for j, f := range e {
					cv[j] += float64(f)
				}
			}
			es = append(es, e)
			at++
		}
		m.tfidf, m.embed = append(m.tfidf, ts), append(m.embed, es)
		m.centT, m.centV = append(m.centT, cent), append(m.centV, cv)
	}
	for t := range members {
		m.thresh = append(m.thresh, m.threshold(t))
	}
	return m
}

// tfidfOf is text's unit sublinear TF-IDF vector over stemmed words.
func (m *matcher) tfidfOf(text string) map[string]float64 {
	tf := map[string]float64{}
	for _, w := range analysis.TextTerms(text) {
		tf[w]++
	}
	var norm float64
	for w, c := range tf {
		x := (1 + math.Log(c)) * math.Log((m.n+1)/(float64(m.df[w])+1)+1)
		tf[w] = x
		norm += x * x
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
		for w := range tf {
			tf[w] /= norm
		}
	}
	return tf
}

// cosine of a unit sparse vector x with a centroid sum minus an optional
// member (leave-one-out).
func cosMap(x, cent, minus map[string]float64) float64 {
	var dot, norm float64
	for w, c := range cent {
		c -= minus[w]
		norm += c * c
		dot += c * x[w]
	}
	if norm <= 1e-12 {
		return 0
	}
	return dot / math.Sqrt(norm)
}

func cosVec(x []float32, cent []float64, minus []float32) float64 {
	if x == nil || cent == nil {
		return 0
	}
	var dot, norm float64
	for j, c := range cent {
		if minus != nil {
			c -= float64(minus[j])
		}
		norm += c * c
		dot += c * float64(x[j])
	}
	if norm <= 1e-12 {
		return 0
	}
	return max(dot/math.Sqrt(norm), 0)
}

// score combines the two similarities.
func (m *matcher) score(t map[string]float64, e []float32, theme int, minusT map[string]float64, minusE []float32) float64 {
	s := cosMap(t, m.centT[theme], minusT)
	if m.vec == nil {
		return s
	}
	return (s + cosVec(e, m.centV[theme], minusE)) / 2
}

// threshold is the memberQuantile of the theme's members' leave-one-out
// scores; a theme of one member has none and accepts nothing (+Inf).
func (m *matcher) threshold(theme int) float64 {
	ts, es := m.tfidf[theme], m.embed[theme]
	if len(ts) < 2 {
		return math.Inf(1)
	}
	scores := make([]float64, len(ts))
	for i := range ts {
		scores[i] = m.score(ts[i], es[i], theme, ts[i], es[i])
	}
	return quantile(scores, memberQuantile)
}

// quantile is the q-quantile of xs by linear interpolation (xs is sorted
// in place).
func quantile(xs []float64, q float64) float64 {
	sort.Float64s(xs)
	pos := q * float64(len(xs)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(xs)-1)
	return xs[lo] + (pos-float64(lo))*(xs[hi]-xs[lo])
}

// passageScores is each passage's score for each theme: [passage][theme].
func (m *matcher) passageScores(passages []string) [][]float64 {
	var rows []float32
	var has []bool
	if m.vec != nil {
		rows, has = analysis.EmbedTexts(m.vec, passages)
	}
	out := make([][]float64, len(passages))
	for p, text := range passages {
		t := m.tfidfOf(text)
		var e []float32
		if m.vec != nil && has[p] {
			e = rows[p*m.vec.Dim() : (p+1)*m.vec.Dim()]
		}
		out[p] = make([]float64, len(m.centT))
		for th := range m.centT {
			out[p][th] = m.score(t, e, th, nil, nil)
		}
	}
	return out
}
