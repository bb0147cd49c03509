package app

import (
	"context"
	"slices"
	"sort"
	"strconv"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/search"
)

// Objections answers a sales rep's "what do buyers say about X?" for one
// study (or, when asked, all): the quotes that mean it, ranked by meaning
// (see objection_rank.go), perceived barriers only unless every ring is
// asked for; the barrier themes most of whose quotes match, with how many
// buyers of each persona raise them; and what the buyers who raise it
// value instead.
type Objections struct {
	Query string `json:"query"`
	// Study is the study searched; null when every study was (an explicit
	// choice: AllStudies).
	Study *StudyRef `json:"study"`
	// AllRings is true when quotes of every ring were ranked (barriers
	// lifted), false for perceived barriers only.
	AllRings bool `json:"all_rings"`
	// Expanded are the words added to the query for their meaning (word
	// vectors' neighbours of the rep's words).
	Expanded []string `json:"expanded"`
	Total    uint64   `json:"total"`
	// TotalCapped: more quotes match than Total (the PostgreSQL search's
	// rank cap).
	TotalCapped bool             `json:"total_capped,omitempty"`
	Themes      []ObjectionTheme `json:"themes"`
	Quotes      []QuoteHit       `json:"quotes"`
	Answers     []PersonaValues  `json:"answers"`
	// Focus is what every quote shown had to say (objection_concern.go):
	// the query's concerns, or its topic words when it judges nothing.
	Focus ObjectionFocus `json:"focus"`
}

// ObjectionQuery is what a rep asks.
type ObjectionQuery struct {
	Text string
	// StudyID is the study to search; 0 searches every study.
	StudyID int64
	// AllRings ranks quotes of every ring (barriers lifted); by default
	// only perceived barriers are searched.
	AllRings bool
	// Size is the number of quotes to return (default 10).
	Size int
	// Outcome keeps only quotes from deals that ended so (won, lost, no
	// decision; docs/LOOP.md); OutcomeNone keeps every quote.
	Outcome persona.Outcome
}

// ObjectionTheme is a theme with its matches and who raises it.
type ObjectionTheme struct {
	Theme   persona.Theme `json:"theme"`
	Matches int           `json:"matches"`
	// Share is Matches over the theme's quotes: themes are ranked by how
	// much of them matches, not by their size.
	Share     float64        `json:"share"`
	ByPersona []PersonaCount `json:"by_persona"`
	// Outcomes are the deals of each outcome whose buyers raise the theme
	// (all its quotes, not only the matching ones), one quote per deal.
	Outcomes []OutcomeQuotes `json:"outcomes"`
	// Quote is the theme's best-ranked matching quote that may be shown
	// (quote_show.go): one of the answer's Quotes when it shows one of the
	// theme's, else the next of its matches. A theme none of whose
	// matches may be shown (small talk, fragments) is not listed.
	Quote *QuoteHit `json:"quote,omitempty"`
}

// PersonaCount is how many of a persona's participants raise a theme.
type PersonaCount struct {
	PersonaID    int64  `json:"persona_id"`
	Name         string `json:"name"`
	Participants int    `json:"participants"`
	Size         int    `json:"size"`
}

// PersonaValues is what a persona cares about: its top decision criteria
// and success factors, each with a supporting quote. In an objection
// answer they are those its buyers who raise the objection mention most.
type PersonaValues struct {
	PersonaID int64  `json:"persona_id"`
	Name      string `json:"name"`
	// Raising is how many of the persona's buyers raise the objection (0
	// outside an objection answer).
	Raising          int          `json:"raising,omitempty"`
	DecisionCriteria []ThemeQuote `json:"decision_criteria"`
	SuccessFactors   []ThemeQuote `json:"success_factors"`
}

// ThemeQuote is a theme and its best quote.
type ThemeQuote struct {
	ThemeID int64  `json:"theme_id"`
	Label   string `json:"label"`
	Quote   string `json:"quote,omitempty"`
	QuoteID int64  `json:"quote_id,omitempty"`
}

// objectionThemes is how many matched themes an answer lists.
const objectionThemes = 10

// Objections answers q.
func (a *App) Objections(ctx context.Context, q ObjectionQuery) (Objections, error) {
	if q.Size <= 0 {
		q.Size = 10
	}
	// Its several searches share one look-up of the studies the viewer
	// may see.
	ctx = withVisibleMemo(ctx)
	out := Objections{Query: q.Text, AllRings: q.AllRings, Expanded: []string{}, Themes: []ObjectionTheme{},
		Quotes: []QuoteHit{}, Answers: []PersonaValues{}, Focus: ObjectionFocus{Concerns: []string{}}}
	if q.StudyID != 0 {
		st, err := a.store.Study(ctx, q.StudyID)
		if err != nil {
			return out, err
		}
		out.Study = &StudyRef{ID: st.ID, Name: st.Name}
	}
	filters := map[string][]string{}
	if !q.AllRings {
		filters["ring"] = []string{string(persona.RingBarriers)}
	}
	if q.StudyID != 0 {
		filters["study"] = []string{strconv.FormatInt(q.StudyID, 10)}
	}
	vecs := analysis.DefaultVectors()
	text, added := expandQuery(q.Text, vecs, a.inCorpus(ctx, filters))
	if added != nil {
		out.Expanded = added
	}
	match, err := search.Parse(text)
	if err != nil {
		return out, err
	}
	sq := search.Query{Match: match, Size: objectionCandidates, NoHighlight: true, Filters: filters}
	res, err := a.searchIndex(ctx, sq)
	if err != nil {
		return out, err
	}
	out.Total, out.TotalCapped = res.Total, res.TotalCapped
	cands, err := a.candidates(ctx, res.Hits)
	if err != nil {
		return out, err
	}
	focus, concerns := objectionFocus(q.Text, out.Expanded, vecs)
	if len(concerns) > 0 {
		if cands, err = a.concernCandidates(ctx, cands, concerns, filters); err != nil {
			return out, err
		}
	}
	if q.Outcome != persona.OutcomeNone {
		if cands, err = a.keepOutcome(ctx, cands, q.Outcome); err != nil {
			return out, err
		}
		out.Total, out.TotalCapped = uint64(len(cands)), false // of the best candidates
	}
	rerank(q.Text, cands, vecs)
	a.tagCandidates(focus, cands, concerns)
	cands = focus.keepFocused(cands, concerns)
	out.Focus = focus
	shown := a.shownCandidates(cands, q.Size)
	rel := relevant(cands)
	personas := map[int64]persona.Profile{}
	if out.Themes, err = a.objectionThemes(ctx, rel, personas); err != nil {
		return out, err
	}
	// The answer's quotes and the quote backing each theme listed, read in
	// one hydration.
	var backing []int64
	out.Themes, backing = a.themeQuotes(out.Themes, shown, rel)
	isShown := make(map[int64]bool, len(shown))
	for _, c := range shown {
		isShown[c.quote.ID] = true
	}
	more := make([]candidate, 0, len(backing))
	for _, id := range backing {
		if i := slices.IndexFunc(rel, func(c candidate) bool { return c.quote.ID == id }); i >= 0 && !isShown[id] {
			more = append(more, rel[i]) // one a theme: no two themes share a quote
		}
	}
	hits, err := a.objectionQuotes(ctx, match, append(slices.Clip(shown), more...))
	if err != nil {
		return out, err
	}
	out.Quotes = make([]QuoteHit, 0, len(shown))
	byID := map[int64]*QuoteHit{}
	for i := range hits {
		byID[hits[i].ID] = &hits[i]
		if isShown[hits[i].ID] {
			out.Quotes = append(out.Quotes, hits[i])
		}
	}
	for i, id := range backing {
		out.Themes[i].Quote = byID[id]
	}
	// A quote erased between the search and its hydration leaves its
	// theme without one: not listed either.
	out.Themes = slices.DeleteFunc(out.Themes, func(t ObjectionTheme) bool { return t.Quote == nil })
	if err := a.addOutcomes(ctx, out.Themes); err != nil {
		return out, err
	}
	out.Answers, err = a.objectionValues(ctx, rel, personas)
	return out, err
}

// inCorpus reports whether any quote the filters let through says w.
// General word vectors put beside a query word the neighbours of its other
// senses ("remote" -> mountainous, "deploy" -> troops, "cloud" -> ash);
// a neighbour none of the searched quotes says cannot find a quote and
// would only read as noise in "also searched". A failed look-up keeps
// nothing.
//
// Each answer is cached (corpus_cache.go) per scope (the filters as the
// viewer's access narrows them) and word, until a study of the scope
// changes: an objection answer asks up to a dozen words, and the same
// words come back with every answer about the same objection.
func (a *App) inCorpus(ctx context.Context, filters map[string][]string) func(string) bool {
	scoped, none, err := a.scopedFilters(ctx, filters)
	if err != nil || none {
		return func(string) bool { return false }
	}
	scope := corpusScope(scoped)
	return func(w string) bool {
		epoch := a.scopeEpoch(scoped)
		if says, ok := a.corpus.get(scope, w, epoch); ok {
			return says
		}
		m, err := search.Parse(w)
		if err != nil || m == nil {
			return false
		}
		res, err := a.index.Search(ctx, search.Query{Match: m, Size: 1, NoHighlight: true, Filters: scoped})
		if err != nil {
			return false
		}
		a.corpus.put(scope, w, epoch, res.Total > 0)
		return res.Total > 0
	}
}

// candidates loads the quotes of hits, keeping bleve's score, with their
// stored tokens: whether a candidate says the concern of the topic
// (CarriesConcernOn) and may be shown (quotable) is judged on the tags
// its text was given when stored, not on a fresh tagging (see
// tagCandidates), so an answer does not change with the process.
func (a *App) candidates(ctx context.Context, hits []search.Hit) ([]candidate, error) {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	quotes, err := a.store.QuotesByIDWithTokens(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := quotesByID(quotes)
	out := make([]candidate, 0, len(hits))
	for _, h := range hits {
		if q, ok := byID[h.ID]; ok {
			out = append(out, candidate{quote: q, text: h.Score})
		}
	}
	return out, nil
}

// shownCandidates are the first n ranked candidates that may be shown as
// representative (quote_show.go), a remark restated in its turn once: the
// quotes an answer shows. Who raises
// the objection and its themes still count every relevant candidate.
func (a *App) shownCandidates(cands []candidate, n int) []candidate {
	out := make([]candidate, 0, n)
	for _, c := range cands {
		if len(out) == n {
			break
		}
		if !a.quotable(c.quote) {
			continue
		}
		// A remark said twice in one turn (persona.Restates), once
		// less fluently, is one quote: the complete version
		// (persona.Outranks). Two as fluent may differ in a fact.
		j := slices.IndexFunc(out, func(o candidate) bool {
			return c.quote.Kind == persona.KindTranscript && o.quote.SourceID == c.quote.SourceID && o.quote.TurnID == c.quote.TurnID &&
				persona.Disfluency(o.quote.Text) != persona.Disfluency(c.quote.Text) &&
				(persona.Restates(o.quote.Text, c.quote.Text) || persona.Restates(c.quote.Text, o.quote.Text))
		})
		switch {
		case j < 0:
			out = append(out, c)
		case persona.Outranks(c.quote, out[j].quote):
			out[j] = c
		}
	}
	return out
}

// objectionQuotes hydrates the best candidates, highlighted for text.
func (a *App) objectionQuotes(ctx context.Context, match *search.Expr, top []candidate) ([]QuoteHit, error) {
	ids := make([]int64, len(top))
	for i, c := range top {
		ids[i] = c.quote.ID
	}
	frags, err := a.index.Highlight(ctx, match, ids)
	if err != nil {
		return nil, err
	}
	hits := make([]search.Hit, len(top))
	for i, c := range top {
		hits[i] = search.Hit{ID: c.quote.ID, Score: c.score, Fragments: frags[c.quote.ID]}
	}
	return a.hydrate(ctx, hits)
}

// objectionThemes ranks the themes of the relevant candidates by the
// share of their quotes that match (smoothed, so that one quote of a
// one-quote theme does not lead), then by matches.
func (a *App) objectionThemes(ctx context.Context, rel []candidate, personas map[int64]persona.Profile) ([]ObjectionTheme, error) {
	matches := map[int64]int{}
	for _, c := range rel {
		if c.quote.ThemeID != 0 {
			matches[c.quote.ThemeID]++
		}
	}
	out := []ObjectionTheme{}
	ids := make([]int64, 0, len(matches))
	for id := range matches {
		ids = append(ids, id)
	}
	themes, err := a.cachedThemes(ctx, ids)
	if err != nil {
		return out, err
	}
	for id, n := range matches {
		t, ok := themes[id]
		if !ok {
			continue // deleted since it was indexed
		}
		t.QuoteIDs = nil
		ot := ObjectionTheme{Theme: t, Matches: n, ByPersona: []PersonaCount{}}
		if t.Quotes > 0 {
			ot.Share = float64(n) / float64(t.Quotes)
		}
		if err := a.loadPersonas(ctx, t.StudyID, personas); err != nil {
			return out, err
		}
		for _, p := range sortedPersonas(personas) {
			if n := p.ThemeCounts[t.ID]; n > 0 {
				ot.ByPersona = append(ot.ByPersona, PersonaCount{PersonaID: p.ID, Name: p.Name, Participants: n, Size: p.Size})
			}
		}
		out = append(out, ot)
	}
	smoothed := func(t ObjectionTheme) float64 { return float64(t.Matches) / float64(t.Theme.Quotes+2) }
	sort.Slice(out, func(i, j int) bool {
		si, sj := smoothed(out[i]), smoothed(out[j])
		if si != sj {
			return si > sj
		}
		if out[i].Matches != out[j].Matches {
			return out[i].Matches > out[j].Matches
		}
		return out[i].Theme.ID < out[j].Theme.ID
	})
	return out, nil
}

// themeQuotes keeps the first objectionThemes ranked themes that have a
// quote to back them and says which, by id in the order of the themes
// kept. A theme listed as what buyers raise, with none of its quotes in
// sight, asks the rep to take its label on trust: its first match among
// the answer's quotes (shown) backs it, else its best-ranked relevant
// candidate that may be shown; a theme with neither is not listed.
func (a *App) themeQuotes(themes []ObjectionTheme, shown, rel []candidate) ([]ObjectionTheme, []int64) {
	out := themes[:0]
	var ids []int64
	for _, t := range themes {
		if len(out) == objectionThemes {
			break
		}
		i := slices.IndexFunc(shown, func(c candidate) bool { return c.quote.ThemeID == t.Theme.ID })
		if i >= 0 {
			ids = append(ids, shown[i].quote.ID)
			out = append(out, t)
			continue
		}
		i = slices.IndexFunc(rel, func(c candidate) bool { return c.quote.ThemeID == t.Theme.ID && a.quotable(c.quote) })
		if i < 0 {
			continue // nothing of it may be shown
		}
		ids = append(ids, rel[i].quote.ID)
		out = append(out, t)
	}
	return out, ids
}
