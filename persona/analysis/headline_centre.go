package analysis

import (
	"maps"
	"math"
	"slices"

	"github.com/verbatimhq/verbatim/persona"
)

// A headline is the theme's most central short whole sentence: central
// to the theme as it finally stands (after merges, moved quotes and
// dropped nil answers), not to the cluster it came from. themeCentrality
// measures each member's cosine to the theme's centroid (the mean of its
// members' unit rows in the ring space they were clustered in: TF-IDF
// joined with the word vectors) and scales it to 0..1 within the theme
// (1 the most central member). Members outside that space, and themes
// whose members have no rows (unit tests), fall back to the clustering's
// centrality, scaled the same way.
func themeCentrality(c *corpus, members []int) map[int]float64 {
	raw := make(map[int]float64, len(members))
	sp := majoritySpace(c, members)
	if sp != nil {
		sparse := map[int32]float64{}
		var dense []float64
		for _, i := range members {
			if c.space[i] != sp || c.doc[i] < 0 {
				continue
			}
			idx, val, dr := sp.parts(c.doc[i])
			for k, j := range idx {
				sparse[j] += float64(val[k])
			}
			if dr != nil {
				if dense == nil {
					dense = make([]float64, len(dr))
				}
				for k, x := range dr {
					dense[k] += float64(x)
				}
			}
		}
		// Summed in term order: a map's order would change the sum's
		// last bits from run to run, and with them the headline.
		var norm float64
		for _, j := range slices.Sorted(maps.Keys(sparse)) {
			norm += sparse[j] * sparse[j]
		}
		for _, x := range dense {
			norm += x * x
		}
		norm = math.Sqrt(norm)
		for _, i := range members {
			if c.space[i] != sp || c.doc[i] < 0 || norm == 0 {
				continue
			}
			idx, val, dr := sp.parts(c.doc[i])
			var dot float64
			for k, j := range idx {
				dot += float64(val[k]) * sparse[j]
			}
			if dr != nil && len(dr) == len(dense) {
				for k, x := range dr {
					dot += float64(x) * dense[k]
				}
			}
			raw[i] = dot / norm
		}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, i := range members {
		v, ok := raw[i]
		if !ok {
			if i >= len(c.central) {
				continue
			}
			v = c.central[i]
			if sp != nil {
				v = math.Inf(-1) // not of the theme's space: least central
			}
			raw[i] = v
		}
		if !math.IsInf(v, 0) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	out := make(map[int]float64, len(members))
	for _, i := range members {
		v := raw[i]
		switch {
		case math.IsInf(v, -1):
			out[i] = 0
		case hi > lo:
			out[i] = (v - lo) / (hi - lo)
		default:
			out[i] = 1
		}
	}
	return out
}

// majoritySpace is the space most of the members were clustered in, nil
// when none was.
func majoritySpace(c *corpus, members []int) *Space {
	count := map[*Space]int{}
	var best *Space
	for _, i := range members {
		if i >= len(c.space) || i >= len(c.doc) || c.space[i] == nil || c.doc[i] < 0 {
			continue
		}
		sp := c.space[i]
		count[sp]++
		if best == nil || count[sp] > count[best] {
			best = sp
		}
	}
	return best
}

// tellingWordsN is how many of a theme's most telling words measure how
// much of the theme a sentence says.
const tellingWordsN = 12

// tellingShare is the weight of the theme's telling words in a headline's
// centrality; the rest is its closeness to the theme's centroid. A
// sentence near the centroid in the word-vector space can be generic
// ("That's our main source of information."); one that says the theme's
// telling words says what the theme says.
const tellingShare = 0.6

// headlineCentrality is how central each member is for a headline, 0..1:
// the share of the theme's telling words (by score) it says, blended
// with its closeness to the theme's centroid (themeCentrality). Without
// telling words (a theme not yet labelled), the closeness alone.
func headlineCentrality(c *corpus, members []int, telling map[string]float64) map[int]float64 {
	out := themeCentrality(c, members)
	var total float64
	for _, k := range slices.Sorted(maps.Keys(telling)) { // in a fixed order (see themeCentrality)
		total += telling[k]
	}
	if total == 0 {
		return out
	}
	for _, i := range members {
		out[i] = tellingShare*saysTelling(c.quotes[i].Tokens, telling)/total + (1-tellingShare)*out[i]
	}
	return out
}

// saysTelling is the summed score of the telling words toks say, each
// once.
func saysTelling(toks []persona.Token, telling map[string]float64) float64 {
	said := map[string]bool{}
	var s float64
	for _, t := range toks {
		k := normWord(t.Text)
		if v, ok := telling[k]; ok && !said[k] {
			said[k] = true
			s += v
		}
	}
	return s
}
