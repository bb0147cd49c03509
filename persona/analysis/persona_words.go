package analysis

import (
	"math"
	"slices"

	"github.com/verbatimhq/verbatim/persona"
)

// speech is what the buyers said, quote by quote: the buyer (index) who
// said it, its clustering terms and its recurring theme (index, or -1).
type speech struct {
	owner []int
	terms [][]string
	theme []int
}

// buyerSpeech collects the buyers' quotes.
func buyerSpeech(themes []persona.Theme, c *corpus, buyers []buyer) speech {
	at := make(map[int64]int, len(buyers))
	for i, b := range buyers {
		at[b.p.ID] = i
	}
	themeOf := map[int64]int{}
	for t, th := range themes {
		if th.Recurring {
			for _, id := range th.QuoteIDs {
				themeOf[id] = t
			}
		}
	}
	var sp speech
	for _, q := range c.quotes {
		i, ok := at[q.ParticipantID]
		if !ok {
			continue
		}
		t, ok := themeOf[q.ID]
		if !ok {
			t = -1
		}
		sp.owner, sp.terms, sp.theme = append(sp.owner, i), append(sp.terms, Terms(q.Tokens)), append(sp.theme, t)
	}
	return sp
}

// termWeight is one term of a buyer's word profile.
type termWeight struct {
	term int
	w    float64
}

// profiles are each of n buyers' words as a unit-length TF-IDF vector
// over all their quotes (sublinear counts, terms used by at least two
// buyers), sorted by term. Unlike the themes a buyer raised, which are
// re-clustered on every run, a buyer's own words do not change when
// another interview is added or removed, so personas built on them keep
// their members.
func (sp speech) profiles(n int) [][]termWeight {
	counts := make([]map[string]int, n)
	for q, i := range sp.owner {
		if counts[i] == nil {
			counts[i] = map[string]int{}
		}
		for _, t := range sp.terms[q] {
			counts[i][t]++
		}
	}
	df := map[string]int{}
	for _, m := range counts {
		for t := range m {
			df[t]++
		}
	}
	var vocab []string
	for t, k := range df {
		if k >= 2 {
			vocab = append(vocab, t)
		}
	}
	slices.Sort(vocab)
	ids := make(map[string]int, len(vocab))
	for i, t := range vocab {
		ids[t] = i
	}
	out := make([][]termWeight, n)
	for i, m := range counts {
		var norm float64
		for t, k := range m {
			id, ok := ids[t]
			if !ok {
				continue
			}
			if w := (1 + math.Log(float64(k))) * math.Log(float64(n)/float64(df[t])); w > 0 {
				out[i] = append(out[i], termWeight{id, w})
				norm += w * w
			}
		}
		norm = math.Sqrt(norm)
		for j := range out[i] {
			out[i][j].w /= norm
		}
		slices.SortFunc(out[i], func(a, b termWeight) int { return a.term - b.term })
	}
	return out
}

// cosineDistance of two unit-length sparse vectors sorted by term; 1 when
// either is empty.
func cosineDistance(a, b []termWeight) float64 {
	var dot float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].term == b[j].term:
			dot += a[i].w * b[j].w
			i++
			j++
		case a[i].term < b[j].term:
			i++
		default:
			j++
		}
	}
	return 1 - min(1, dot)
}
