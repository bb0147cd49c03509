package app

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// Ranking objections by meaning: bleve finds candidates for the rep's words
// and their nearest neighbours in the word vectors, then each candidate's
// BM25 score (scaled to the best one) is blended with the cosine similarity
// of its SIF sentence vector to the query's.
const (
	// objectionCandidates is how many of bleve's best hits are re-ranked.
	objectionCandidates = 200
	// textWeight is the BM25 share of the blended score; the rest is the
	// vector similarity (all BM25 without vectors).
	textWeight = 0.5
	// barrierBonus lifts perceived-barrier quotes, scaled by the ring
	// model's confidence: above other rings when every ring is searched,
	// and among barriers the ones the model is surest are complaints.
	barrierBonus = 0.15
	// complaintWeight scales how much the complaint model's reading of a
	// quote moves it: (p − 0.5)·complaintWeight, p being how likely the
	// quote complains. An objection is a complaint, and the text score
	// and word vectors cannot tell "support is slow" from "support is
	// fast"; this pushes praise on the query's topic down, in every ring
	// (a barrier quote may still be praise the ring model missed).
	complaintWeight = 0.3
	// relevantShare: a candidate scoring at least this share of the best
	// one counts as a match of its theme and as raising the objection.
	relevantShare = 0.6
	// answerPenalty pushes down a quote that answers for an institution
	// (persona.SpeaksForInstitution: "They can have access to the wage
	// subsidy.", "We have invested…"): a statement of what is provided is
	// the answer to an objection, not a buyer raising one. It matches the
	// barrier bonus, so such a quote ranks as if it were no barrier.
	answerPenalty = 0.15
)

// Query expansion by word-vector neighbours.
const (
	expandNeighbours = 3
	expandMinSim     = 0.6
	// expandMinRank leaves out the most frequent words, as query words to
	// expand and as neighbours: their neighbours are other function-like
	// words ("already" -> "still", "now").
	expandMinRank = 1000
	// expandBoost is the boost of a neighbour as similar as the word itself.
	expandBoost = 0.5
	// expandMax bounds the words added to one query (a long query would
	// otherwise grow by three clauses a word).
	expandMax = 12
)

// neighbourCache keeps the expansion of each query word (the search over
// 50,000 vectors costs ~5 ms).
var neighbourCache sync.Map // neighbourKey -> []analysis.Neighbour

// neighbourKey is a word of a set of vectors: the same word has other
// neighbours in other vectors (a test's own, or VERBATIM_VECTORS' fuller
// set beside the embedded one).
type neighbourKey struct {
	v *analysis.Vectors
	w string
}

// expandQuery is the query bleve runs for the rep's text: the text as
// typed plus, for each content word, its nearest neighbours in the word
// vectors boosted by their similarity ("excel" -> spreadsheet^0.13). It
// also returns the neighbours added. Without vectors the text is returned
// as is (bleve's English analyzer still stems it).
//
// keep, when not nil, must accept a neighbour before it is added: the
// answer asks whether the searched quotes say it at all (inCorpus).
func expandQuery(text string, v *analysis.Vectors, keep func(string) bool) (string, []string) {
	if v == nil {
		return text, nil
	}
	seen := map[string]bool{}
	for _, w := range analysis.TextWords(text) {
		seen[w] = true
	}
	var b strings.Builder
	b.WriteString(text)
	var added []string
	for _, w := range analysis.TextWords(text) {
		if r := v.Rank(w); r < expandMinRank {
			continue
		}
		for _, n := range wordNeighbours(v, w) {
			if len(added) == expandMax {
				break
			}
			if seen[n.Word] || v.Rank(n.Word) < expandMinRank || !plainWord(n.Word) || !samePolarity(w, n.Word) {
				continue
			}
			if keep != nil && !keep(n.Word) {
				continue
			}
			seen[n.Word] = true
			boost := expandBoost * (n.Similarity - expandMinSim) / (1 - expandMinSim)
			fmt.Fprintf(&b, " %s^%.2f", n.Word, max(boost, 0.05))
			added = append(added, n.Word)
		}
	}
	return b.String(), added
}

// samePolarity is false when w and its neighbour n are sentiment words
// (in the VADER/Pattern lexicons) of opposite sign: word vectors put
// antonyms side by side ("slow" -> fast), and an antonym turns a complaint
// query into one for praise. Words the lexicons do not know are kept.
func samePolarity(w, n string) bool {
	if negatedForm(w, n) || negatedForm(n, w) || oppositeSuffix(w, n) {
		return false // "expensive" -> inexpensive, "useful" -> useless
	}
	vw, _ := analysis.WordValence(w)
	vn, _ := analysis.WordValence(n)
	return vw*vn >= 0
}

// negatingPrefixes turn an English adjective or noun into its opposite.
var negatingPrefixes = []string{"in", "im", "il", "ir", "un", "non", "dis"}

// negatedForm reports n as w with a negating prefix ("inexpensive",
// "unreliable", "nonstandard"), which word vectors put beside w.
func negatedForm(w, n string) bool {
	for _, p := range negatingPrefixes {
		if rest, ok := strings.CutPrefix(n, p); ok && (rest == w || rest == "-"+w) {
			return true
		}
	}
	return false
}

// oppositeSuffix reports the -ful / -less pair of one stem ("useful",
// "useless").
func oppositeSuffix(w, n string) bool {
	stem := func(s string) (string, string) {
		for _, suf := range []string{"ful", "less"} {
			if r, ok := strings.CutSuffix(s, suf); ok && r != "" {
				return r, suf
			}
		}
		return "", ""
	}
	sw, fw := stem(w)
	sn, fn := stem(n)
	return sw != "" && sw == sn && fw != fn
}

func wordNeighbours(v *analysis.Vectors, w string) []analysis.Neighbour {
	key := neighbourKey{v, w}
	if n, ok := neighbourCache.Load(key); ok {
		return n.([]analysis.Neighbour)
	}
	n := v.Neighbours(w, expandNeighbours, expandMinSim)
	neighbourCache.Store(key, n)
	return n
}

// plainWord is true for lower-case ASCII letters only: safe to add to a
// query string.
func plainWord(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return w != ""
}

// candidate is a quote bleve found, with its blended score.
type candidate struct {
	quote persona.Quote
	text  float64 // BM25
	sim   float64 // cosine similarity to the query
	score float64
}

// rerank blends each candidate's BM25 score (scaled to the best) with the
// vector similarity of its text to the query, adds the barrier bonus and
// the complaint model's reading, and sorts best first.
func rerank(query string, cands []candidate, v *analysis.Vectors) {
	var best float64
	for _, c := range cands {
		best = max(best, c.text)
	}
	var rows []float32
	var has []bool
	if v != nil && len(cands) > 0 {
		texts := make([]string, 0, len(cands)+1)
		texts = append(texts, query)
		for _, c := range cands {
			texts = append(texts, c.quote.Text)
		}
		rows, has = analysis.EmbedTexts(v, texts)
		if !has[0] {
			rows = nil // no query word has a vector
		}
	}
	for i := range cands {
		c := &cands[i]
		c.score = 1
		if best > 0 {
			c.score = c.text / best
		}
		if rows != nil {
			d := v.Dim()
			if has[i+1] {
				c.sim = float64(dot32(rows[:d], rows[(i+1)*d:(i+2)*d]))
			}
			c.score = textWeight*c.score + (1-textWeight)*max(c.sim, 0)
		}
		if c.quote.Ring == persona.RingBarriers {
			c.score += barrierBonus * c.quote.RingConfidence
		}
		if persona.SpeaksForInstitution(c.quote.Text) {
			// The complaint model reads the objection's own words in an
			// answer to it as a complaint ("They can have access to the
			// wage subsidy." 0.87): an answer is no complaint.
			c.score += complaintWeight*(0-0.5) - answerPenalty
		} else {
			// The complaint model reads the text's plain words, as the
			// weights here were measured with (candidates came untagged):
			// read on the stored tags it ranks "the portal is confusing"
			// one place worse on the Capterra evaluation (.78 -> .76).
			plain := c.quote
			plain.Tokens = nil
			c.score += complaintWeight * (analysis.QuoteComplaint(&plain) - 0.5)
		}
	}
	// Equal scores in quote id order, as the index orders its ties.
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].quote.ID < cands[j].quote.ID
	})
}

func dot32(a, b []float32) float32 {
	var s float32
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// relevant is the prefix of ranked candidates scoring at least
// relevantShare of the best.
func relevant(cands []candidate) []candidate {
	if len(cands) == 0 {
		return nil
	}
	cut := relevantShare * cands[0].score
	n := 0
	for n < len(cands) && cands[n].score >= cut {
		n++
	}
	return cands[:n]
}
