package analysis

import (
	"math"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// name reports a phrase whose content words are mostly tagged proper
// nouns across the study: a name ("New York Times", "Baluchi's"), not a
// finding, even where one quote's tags missed it.
func (st *phraseStats) name(ws []labelToken) bool {
	for _, w := range ws {
		if !functionWords[w.key] && 2*st.proper[w.key] <= st.df[w.key] {
			return false
		}
	}
	return true
}

// findingBoost multiplies the score of a phrase that judges (finding).
const findingBoost = 1.5

// finding reports a phrase that holds a judgement: an adjective with a
// clear sentiment (|valence| >= 1.5 of VADER's 4, short of sheer praise or
// blame: sheerValence) that agrees with the ring: a
// complaint for a barrier, praise for a success factor, either elsewhere.
func finding(ws []labelToken, r persona.Ring) bool {
	for _, w := range ws {
		v, ok := WordValence(strings.ToLower(w.surface))
		if !w.adj || !ok || math.Abs(v) < 1.5 || math.Abs(v) > sheerValence {
			continue
		}
		switch r {
		case persona.RingBarriers:
			if v < 0 {
				return true
			}
		case persona.RingSuccess:
			if v > 0 {
				return true
			}
		default:
			return true
		}
	}
	return false
}
