package analysis

import (
	"cmp"
	"slices"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
)

// Theme sizing.
const (
	// smallRing is the quote count under which a ring becomes one theme
	// without clustering.
	smallRing = 6
	// maxThemesPerRing caps the k searched per ring: a reader can take in
	// about this many headlines.
	maxThemesPerRing = 30
	// topQuotes is how many representative quotes a theme keeps.
	topQuotes = 8
	// mmrLambda trades relevance (centrality) against diversity.
	mmrLambda = 0.7
)

// corpus is the per-run state shared by themes, edits and labels. Quote
// indexes are into quotes (Input.Quotes order).
type corpus struct {
	quotes    []persona.Quote // the caller's until ownQuotes
	ownQuotes bool            // quotes is the corpus's own copy (see applyQuoteEdits)
	ring      []persona.Ring
	conf      []float64
	hidden    []bool
	pinned    []bool
	doc       []int     // row of each quote in its space, or -1
	space     []*Space  // the ring space the quote was clustered in
	central   []float64 // similarity to its cluster centroid
	byID      map[int64]int
	buyers    int
	names     map[string]bool // words of participants' labels, never in a theme label
	muted     []bool          // mute of each quote, worked out once by labelThemes (nil before)
}

// isMute is mute(c.quotes[i]), read from the table labelThemes fills:
// the labels, their stances and the headlines ask it of every member
// several times, and its meeting-procedure patterns are regexps.
func (c *corpus) isMute(i int) bool {
	if c.muted != nil {
		return c.muted[i]
	}
	return mute(c.quotes[i])
}

// work is a theme under construction.
type work struct {
	ring     persona.Ring
	members  []int // quote indexes, ascending
	label    string
	labelSet bool
	phrases  []string
	distinct []string           // word keys that most set the theme apart (a headline says one)
	telling  map[string]float64 // the theme's most telling word keys and their scores (headline centrality)
}

// buildThemes clusters each ring's visible quotes into themes. Two rings
// are clustered at a time: building a ring's space has long stretches on
// one core, and the rings share nothing (each sets its own quotes' space,
// position and centrality). The themes come in ring order whatever
// finishes first.
func buildThemes(c *corpus, seed int64) []*work {
	byRing := make([][]*work, len(persona.Rings))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for k, r := range persona.Rings {
		var idx []int
		for i := range c.quotes {
			if c.ring[i] == r && !c.hidden[i] {
				idx = append(idx, i)
			}
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			byRing[k] = clusterRing(c, r, idx, seed)
		})
	}
	wg.Wait()
	return slices.Concat(byRing...)
}

// clusterRing builds the ring's vector space and partitions it; a ring
// under smallRing quotes becomes a single theme.
func clusterRing(c *corpus, r persona.Ring, idx []int, seed int64) []*work {
	if len(idx) == 0 {
		return nil
	}
	docs := make([][]persona.Token, len(idx))
	for j, i := range idx {
		docs[j] = c.quotes[i].Tokens
	}
	// The same space Evaluate measures: TF-IDF joined with the default word
	// vectors (embedded unless $VERBATIM_VECTORS says otherwise).
	sp := NewTokenSpace(docs, DefaultVectors())
	for j, i := range idx {
		c.doc[i], c.space[i] = j, sp
	}
	if len(idx) < smallRing {
		for _, i := range idx {
			c.central[i] = meanSimilarity(sp, c.doc[i], len(idx))
		}
		return []*work{{ring: r, members: idx}}
	}
	cl := sp.Cluster(ringClusterOptions(len(idx), seed))
	groups := make([]*work, cl.K)
	for j, i := range idx {
		k := cl.Assign[j]
		if groups[k] == nil {
			groups[k] = &work{ring: r}
		}
		groups[k].members = append(groups[k].members, i)
		c.central[i] = cl.Centrality[j]
	}
	return slices.DeleteFunc(groups, func(w *work) bool { return w == nil })
}

// ringClusterOptions bound a ring's k: at least two themes, at most
// maxThemesPerRing and one per 8 quotes.
func ringClusterOptions(n int, seed int64) ClusterOptions {
	return ClusterOptions{MinK: 2, MaxK: min(maxThemesPerRing, max(2, n/8)), Seed: seed}
}

// meanSimilarity is a document's average similarity to the others, the
// centrality of a theme too small to cluster.
func meanSimilarity(sp *Space, d, n int) float64 {
	if n < 2 {
		return 1
	}
	var s float64
	for j := 0; j < n; j++ {
		if j != d {
			s += sp.Similarity(d, j)
		}
	}
	return s / float64(n-1)
}

// finishThemes labels, counts and ranks the themes, orders them and turns
// them into persona.Themes with local ids 1..n. Empty themes are dropped.
func finishThemes(c *corpus, ws []*work, minParticipants int, studyID int64) ([]persona.Theme, []*work) {
	// Each theme's members and then its counts and quotes depend on that
	// theme alone: they are worked out on all cores.
	parallelRange(0, len(ws), func(i int) { ws[i].members = withoutNilAnswers(c, visible(c, ws[i].members)) })
	ws = slices.DeleteFunc(ws, func(w *work) bool { return len(w.members) == 0 })
	labelThemes(c, ws)
	ws = mergeMixedThemes(mergeProcedureThemes(ws))
	themes := make([]persona.Theme, len(ws))
	parallelRange(0, len(ws), func(i int) { themes[i] = toTheme(c, ws[i], minParticipants, studyID) })
	order := make([]int, len(ws))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return compareThemes(themes[a], themes[b]) })
	sortedT, sortedW := make([]persona.Theme, len(ws)), make([]*work, len(ws))
	for i, o := range order {
		sortedT[i], sortedW[i] = themes[o], ws[o]
		sortedT[i].ID = int64(i + 1)
	}
	return sortedT, sortedW
}

// compareThemes orders by ring, then most participants, most quotes, label
// and first quote id, so the output never depends on cluster numbering.
func compareThemes(a, b persona.Theme) int {
	return cmp.Or(
		cmp.Compare(classOf(a.Ring), classOf(b.Ring)),
		cmp.Compare(b.Participants, a.Participants),
		cmp.Compare(b.Quotes, a.Quotes),
		cmp.Compare(a.Label, b.Label),
		cmp.Compare(a.QuoteIDs[0], b.QuoteIDs[0]),
	)
}

// visible drops hidden quotes and sorts the rest.
func visible(c *corpus, members []int) []int {
	out := slices.DeleteFunc(slices.Clone(members), func(i int) bool { return c.hidden[i] })
	slices.Sort(out)
	return slices.Compact(out)
}

// toTheme counts a theme's quotes, participants and sources and ranks its
// representative quotes.
func toTheme(c *corpus, w *work, minParticipants int, studyID int64) persona.Theme {
	t := persona.Theme{StudyID: studyID, Label: w.label, Ring: w.ring, Phrases: w.phrases,
		LabelSet: w.labelSet, Of: c.buyers}
	parts, srcs := map[int64]bool{}, map[int64]bool{}
	for _, i := range w.members {
		q := c.quotes[i]
		t.QuoteIDs = append(t.QuoteIDs, q.ID)
		parts[q.ParticipantID], srcs[q.SourceID] = true, true
	}
	slices.Sort(t.QuoteIDs)
	t.Quotes, t.Participants, t.Sources = len(w.members), len(parts), len(srcs)
	t.Recurring = t.Participants >= minParticipants
	show := newShowable(c, w.members)
	t.TopQuoteIDs = topQuoteIDs(c, w, show)
	if h := shownHeadline(c, w, show); h >= 0 {
		t.HeadlineQuoteID, t.Headline = c.quotes[h].ID, c.quotes[h].Text
	}
	return t
}

// topQuoteIDs ranks representatives: pinned quotes first, then by maximal
// marginal relevance over centrality (favouring 8-40 words) and similarity
// to those already chosen, at most one per participant, among the quotes
// that may be shown (quote_show.go): fewer than topQuotes when too few may.
func topQuoteIDs(c *corpus, w *work, show *showable) []int64 {
	var out []int64
	seen := map[int64]bool{}
	var chosen []int
	for _, i := range w.members {
		if c.pinned[i] {
			out = append(out, c.quotes[i].ID)
			seen[c.quotes[i].ParticipantID] = true
			chosen = append(chosen, i)
		}
	}
	cands := candidates(c, show.formOK(w.members))
	for len(out) < topQuotes {
		best, bestScore := -1, 0.0
		for _, i := range cands {
			if seen[c.quotes[i].ParticipantID] || !show.ok(i) {
				continue
			}
			s := mmrLambda*relevance(c, i) - (1-mmrLambda)*maxSimilarity(c, i, chosen)
			if best < 0 || s > bestScore {
				best, bestScore = i, s
			}
		}
		if best < 0 {
			break
		}
		out = append(out, c.quotes[best].ID)
		seen[c.quotes[best].ParticipantID] = true
		chosen = append(chosen, best)
	}
	return out
}

// candidates are the 200 most relevant unpinned members, best first.
func candidates(c *corpus, members []int) []int {
	out := slices.DeleteFunc(slices.Clone(members), func(i int) bool { return c.pinned[i] })
	slices.SortStableFunc(out, func(a, b int) int {
		return cmp.Or(cmp.Compare(relevance(c, b), relevance(c, a)), cmp.Compare(a, b))
	})
	return out[:min(len(out), 200)]
}

// relevance is centrality, discounted for quotes outside 8-40 words.
func relevance(c *corpus, i int) float64 {
	n := len(c.quotes[i].Tokens)
	if n < 8 || n > 40 {
		return c.central[i] * 0.6
	}
	return c.central[i]
}

func maxSimilarity(c *corpus, i int, chosen []int) float64 {
	var m float64
	for _, j := range chosen {
		if sp := c.space[i]; sp != nil && sp == c.space[j] {
			m = max(m, sp.Similarity(c.doc[i], c.doc[j]))
		}
	}
	return m
}
