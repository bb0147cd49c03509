package app

import (
	"context"
	"math"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// noteThemeMembers bounds how many member quotes of each theme stand for
// it when a field note is matched to the nearest theme.
const noteThemeMembers = 40

// nearestTheme is the theme of ring in the study closest in meaning to
// text: the highest cosine similarity to the centroid of its member
// quotes, in TF-IDF over stemmed words plus, when word vectors are
// present, in SIF sentence vectors. ok is false when the ring has no
// theme or nothing in common with text.
func (a *App) nearestTheme(ctx context.Context, studyID int64, ring persona.Ring, text string) (best persona.Theme, ok bool, err error) {
	if ring == persona.RingNone {
		return best, false, nil
	}
	all, err := a.store.Themes(ctx, studyID)
	if err != nil {
		return best, false, err
	}
	var themes []persona.Theme
	var members [][]string // member texts per theme
	var texts []string
	for _, t := range all {
		if t.Ring != ring {
			continue
		}
		ids := append(append([]int64{}, t.TopQuoteIDs...), t.QuoteIDs...)
		qs, err := a.store.QuotesByID(ctx, uniqueIDs(ids, noteThemeMembers))
		if err != nil {
			return best, false, err
		}
		var ms []string
		for _, q := range qs {
			ms = append(ms, q.Text)
		}
		if len(ms) == 0 {
			continue
		}
		themes, members = append(themes, t), append(members, ms)
		texts = append(texts, ms...)
	}
	if len(themes) == 0 {
		return best, false, nil
	}
	scores := tfidfCentroidSimilarity(text, members, texts)
	if v := analysis.DefaultVectors(); v != nil {
		for i, s := range vectorCentroidSimilarity(v, text, members, texts) {
			scores[i] += s
		}
	}
	bestScore := 0.0
	for i, s := range scores {
		if s > bestScore {
			best, bestScore, ok = themes[i], s, true
		}
	}
	return best, ok, nil
}

func uniqueIDs(ids []int64, limit int) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] && len(out) < limit {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// tfidfCentroidSimilarity is the cosine of text to each group's centroid
// in sublinear TF-IDF over stemmed words, document frequencies from all.
func tfidfCentroidSimilarity(text string, groups [][]string, all []string) []float64 {
	df := map[string]int{}
	for _, t := range all {
		seen := map[string]bool{}
		for _, w := range analysis.TextTerms(t) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	n := float64(len(all))
	vec := func(t string) map[string]float64 {
		tf := map[string]float64{}
		for _, w := range analysis.TextTerms(t) {
			tf[w]++
		}
		for w, c := range tf {
			tf[w] = (1 + math.Log(c)) * math.Log((n+1)/(float64(df[w])+1)+1)
		}
		return unitMap(tf)
	}
	q := vec(text)
	out := make([]float64, len(groups))
	for i, g := range groups {
		c := map[string]float64{}
		for _, t := range g {
			for w, x := range vec(t) {
				c[w] += x
			}
		}
		c = unitMap(c)
		for w, x := range q {
			out[i] += x * c[w]
		}
	}
	return out
}

func unitMap(m map[string]float64) map[string]float64 {
	var s float64
	for _, x := range m {
		s += x * x
	}
	if s == 0 {
		return m
	}
	s = math.Sqrt(s)
	for w := range m {
		m[w] /= s
	}
	return m
}

// vectorCentroidSimilarity is the cosine of text to each group's centroid
// of SIF sentence vectors (0 for a group without known words).
func vectorCentroidSimilarity(v *analysis.Vectors, text string, groups [][]string, all []string) []float64 {
	rows, has := analysis.EmbedTexts(v, append([]string{text}, all...))
	out := make([]float64, len(groups))
	if !has[0] {
		return out
	}
	d := v.Dim()
	q := rows[:d]
	at := 1
	for i, g := range groups {
		c := make([]float64, d)
		for range g {
			if has[at] {
				for j, x := range rows[at*d : (at+1)*d] {
					c[j] += float64(x)
				}
			}
			at++
		}
		var dot, norm float64
		for j, x := range c {
			dot += x * float64(q[j])
			norm += x * x
		}
		if norm > 0 {
			out[i] = max(dot/math.Sqrt(norm), 0)
		}
	}
	return out
}
