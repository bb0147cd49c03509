package bleveindex

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/verbatimhq/verbatim/search"
)

// plan is a search.Query with the exclusions rewriteFilters chose.
type plan struct {
	search.Query
	exclude [][2]string // field, value pairs to leave out
}

// Search runs q.
func (ix *Index) Search(ctx context.Context, sq search.Query) (search.Result, error) {
	ctx, cancel := search.WithDeadline(ctx)
	defer cancel()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	q := plan{Query: sq}
	// A facet on a field filtered to one value has that value for every
	// hit (each quote has at most one value per field): its count is the
	// total, with no need to visit each hit's doc values.
	fixed := map[string]string{}
	facets := make([]string, 0, len(q.Facets))
	for _, f := range q.Facets {
		if slices.Contains(facets, f) {
			continue // asked twice (a filter's facet and a page's): counted once
		}
		if vals := q.Filters[f]; len(vals) == 1 && vals[0] != "" {
			fixed[f] = vals[0]
		} else {
			facets = append(facets, f)
		}
	}
	askedFacets := len(q.Facets) > 0
	q.Facets = facets
	q = ix.rewriteFilters(q)
	bq := buildQuery(q, ix.idx.Mapping())
	text := !q.Match.Empty()
	req := bleve.NewSearchRequestOptions(bq, q.PageSize(), max(q.From, 0), false)
	if !text && !q.NoHighlight {
		req.Highlight = newHighlight()
	}
	if q.SortByDate {
		req.SortBy([]string{"-date", "_id"})
	}
	// Facets are counted by a handler in front of bleve's, as the hits
	// go by (see facetCounter); bleve's own facets would allocate per hit
	// and sort every distinct tuple.
	var fc *facetCounter
	var maker func(*bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error)
	if len(q.Facets) > 0 {
		fc = newFacetCounter(q.FacetCap)
		maker = fc.handler
	}
	// Ranked by relevance, equal scores come in quote id order (ties.go).
	var tc *tieCollector
	if text && !q.SortByDate {
		tc = newTieCollector(max(q.From, 0), q.PageSize(), maker)
		maker = tc.handler
		// Its page is tc's: bleve's own collector then keeps one hit,
		// which still gives the total and the facets their pass.
		req.Size, req.From = 1, 0
	}
	sctx := ctx
	if maker != nil {
		sctx = context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(maker))
	}
	res, err := ix.idx.SearchInContext(sctx, req)
	if err != nil {
		return search.Result{}, fmt.Errorf("search: %w", err)
	}
	hits := res.Hits
	if tc != nil {
		hits = tc.page
	}
	out := search.Result{Total: res.Total, Hits: make([]search.Hit, 0, len(hits)), Facets: map[string][]search.FacetCount{}}
	out.FacetsCapped = askedFacets && q.FacetCap > 0 && res.Total > uint64(q.FacetCap)
	var fragments map[string][]string
	if text && len(hits) > 0 && !q.NoHighlight {
		if fragments, err = ix.highlight(ctx, q.Match, hits); err != nil {
			return search.Result{}, err
		}
	}
	for _, h := range hits {
		n, _ := strconv.ParseInt(h.ID, 10, 64)
		hit := search.Hit{ID: n, Score: h.Score, Fragments: h.Fragments["text"]}
		if fragments != nil {
			hit.Fragments = fragments[h.ID]
		}
		out.Hits = append(out.Hits, hit)
	}
	if askedFacets && !out.FacetsCapped {
		for f, v := range fixed {
			out.Facets[f] = []search.FacetCount{}
			if res.Total > 0 {
				out.Facets[f] = []search.FacetCount{{Value: v, Count: int(res.Total)}}
			}
		}
		if fc != nil {
			fc.facets(q.Query, ix.participantAttrs, out.Facets)
		}
	}
	return out, nil
}

func newHighlight() *bleve.HighlightRequest {
	h := bleve.NewHighlightWithStyle(html.Name)
	h.AddField("text")
	return h
}

// Highlight returns the highlighted text fragments of the quotes ids
// for the query m, by quote id.
func (ix *Index) Highlight(ctx context.Context, m *search.Expr, ids []int64) (map[int64][]string, error) {
	if m.Empty() || len(ids) == 0 {
		return map[int64][]string{}, nil
	}
	ctx, cancel := search.WithDeadline(ctx)
	defer cancel()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	hits := make(bsearch.DocumentMatchCollection, len(ids))
	for i, n := range ids {
		hits[i] = &bsearch.DocumentMatch{ID: id(n)}
	}
	frags, err := ix.highlight(ctx, m, hits)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]string, len(frags))
	for k, v := range frags {
		n, _ := strconv.ParseInt(k, 10, 64)
		out[n] = v
	}
	return out, nil
}

// highlight returns the text fragments of hits, by id. Asking the main
// search for highlights makes bleve decode the term positions of every
// hit, tens of thousands for a common word, to mark up the ten it keeps;
// a second search for just those quotes decodes theirs alone.
func (ix *Index) highlight(ctx context.Context, m *search.Expr, hits bsearch.DocumentMatchCollection) (map[string][]string, error) {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	q := bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), exprQuery(m))
	req := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	req.Highlight = newHighlight()
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search highlights: %w", err)
	}
	out := make(map[string][]string, len(res.Hits))
	for _, h := range res.Hits {
		out[h.ID] = h.Fragments["text"]
	}
	return out, nil
}

// rewriteFilters turns a single-value filter that most indexed quotes pass
// (a study holding most quotes) into the exclusion of the few other values,
// and drops the hidden-quote exclusion when no quote is hidden. bleve's
// conjunction with a term held by a million documents costs ~10 ms even
// when the text matches only a thousand; excluding a handful costs nothing.
func (ix *Index) rewriteFilters(q plan) plan {
	total, err := ix.idx.DocCount()
	if err != nil || total == 0 {
		return q
	}
	return rewrite(q, total, ix.terms)
}

// rewrite is rewriteFilters given the live quote count and a field's
// values with their dictionary counts (nil when there are more than limit).
func rewrite(q plan, total uint64, terms func(field string, limit int) map[string]uint64) plan {
	filters := make(map[string][]string, len(q.Filters))
	for f, vals := range q.Filters {
		filters[f] = vals
		if len(vals) != 1 {
			continue
		}
		terms := terms(f, 64)
		if terms == nil || terms[vals[0]]*2 < total {
			continue
		}
		if !everyDocHas[f] && total != sum(terms) {
			// Some quotes may lack the field: exclusion would keep them.
			// (Dictionary counts include deleted and replaced quotes until
			// their segments merge, so this check also fails after any
			// update; fields every quote carries need not pass it.)
			continue
		}
		delete(filters, f)
		for t := range terms {
			if t != vals[0] {
				q.exclude = append(q.exclude, [2]string{f, t})
			}
		}
	}
	sort.Slice(q.exclude, func(i, j int) bool {
		return q.exclude[i][0]+"\x00"+q.exclude[i][1] < q.exclude[j][0]+"\x00"+q.exclude[j][1]
	})
	q.Filters = filters
	if !q.IncludeHidden {
		if h := terms("hidden", 4); h != nil && h["true"] == 0 {
			q.IncludeHidden = true
		}
	}
	return q
}

// everyDocHas lists the keyword fields Doc.fields writes, non-empty, for
// every quote: excluding their other values keeps exactly the quotes with
// the wanted one, whatever the dictionary counts say.
var everyDocHas = map[string]bool{"study": true, "source": true, "participant": true, "hidden": true}

func sum(m map[string]uint64) uint64 {
	var n uint64
	for _, v := range m {
		n += v
	}
	return n
}

// terms lists a keyword field's values and their counts, or nil when it
// has more than limit values.
func (ix *Index) terms(field string, limit int) map[string]uint64 {
	d, err := ix.idx.FieldDict(field)
	if err != nil {
		return nil
	}
	defer d.Close()
	out := map[string]uint64{}
	for e, err := d.Next(); err == nil && e != nil; e, err = d.Next() {
		if len(out) == limit {
			return nil
		}
		out[e.Term] = e.Count
	}
	return out
}

func buildQuery(q plan, m mapping.IndexMapping) query.Query {
	var must, filters []query.Query
	text := !q.Match.Empty()
	if !text {
		must = append(must, bleve.NewMatchAllQuery())
	} else {
		must = append(must, simplify(exprQuery(q.Match), m))
	}
	fields := make([]string, 0, len(q.Filters))
	for f := range q.Filters {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		var any []query.Query
		for _, v := range q.Filters[f] {
			if v == "" {
				continue
			}
			any = append(any, termIn(f, v))
		}
		switch len(any) {
		case 0:
		case 1:
			// A bare term query can skip ahead in its postings; wrapped in a
			// disjunction it walks all of them (12 ms for a study filter
			// over a million quotes).
			filters = append(filters, any[0])
		default:
			filters = append(filters, bleve.NewDisjunctionQuery(any...))
		}
	}
	if !text {
		// Nothing to score: the filters lead, a match-all would visit
		// every quote.
		must = append(must, filters...)
		filters = nil
	}
	var not []query.Query
	if !q.IncludeHidden {
		not = append(not, termIn("hidden", "true"))
	}
	for _, ex := range q.exclude {
		not = append(not, termIn(ex[0], ex[1]))
	}
	if len(not) == 0 && len(filters) == 0 {
		return all(must)
	}
	// Filters on a text query only decide which quotes match, so they
	// go in unscored: a scored term walks its postings one by one to keep
	// its frequencies in step (a ring held by 600,000 quotes costs ~10 ms
	// per query), an unscored one skips ahead to the next text hit. They
	// would add the same amount to every hit's score anyway.
	b := query.NewBooleanQuery(nil, nil, nil)
	b.Must = bleve.NewConjunctionQuery(must...)
	if t, ok := must[0].(*query.TermQuery); ok && len(must) == 1 {
		// A bare term needs no wrapper. Anything else might match nothing
		// (a stop word, punctuation), and a boolean query takes a Must
		// that matches nothing for no Must at all: every quote the
		// filters let through would match.
		b.Must = t
	}
	if len(not) > 0 {
		b.MustNot = anyOf(not)
	}
	if len(filters) > 0 {
		b.Filter = all(filters)
	}
	return b
}

// all is the conjunction of qs, or qs[0] alone: every wrapper costs a
// call and a document match per hit, ~30% of a search for a word in
// 130,000 quotes.
func all(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

func anyOf(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// simplify strips the layers bleve's query-string parser puts around a
// plain query: "data" parses to a boolean query holding a disjunction of
// one match query, which makes a disjunction of one term query, each a
// searcher every hit passes through. A one-clause disjunction is its
// clause, and a match query whose text analyses to one term (and is not
// fuzzy) is a term query. Scores are the same up to a constant factor per
// query, so the order of hits is too (TestSimplifyKeepsOrder).
func simplify(q query.Query, m mapping.IndexMapping) query.Query {
	switch q := q.(type) {
	case *query.BooleanQuery:
		if q.Must != nil || q.MustNot != nil || q.Filter != nil || q.Should == nil || q.BoostVal != nil {
			return q
		}
		d, ok := q.Should.(*query.DisjunctionQuery)
		if !ok || d.BoostVal != nil || d.Min > 1 {
			return q
		}
		if len(d.Disjuncts) == 1 {
			return simplify(d.Disjuncts[0], m)
		}
		for i, c := range d.Disjuncts { // just parsed: ours to change
			d.Disjuncts[i] = simplify(c, m)
		}
		return q
	case *query.MatchQuery:
		if q.Fuzziness != 0 || q.Operator != query.MatchQueryOperatorOr || q.Analyzer != "" {
			return q
		}
		field := q.FieldVal
		if field == "" {
			field = m.DefaultSearchField()
		}
		a := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
		if a == nil {
			return q
		}
		tokens := a.Analyze([]byte(q.Match))
		if len(tokens) != 1 {
			return q
		}
		t := bleve.NewTermQuery(string(tokens[0].Term))
		t.SetField(field)
		t.SetBoost(q.BoostVal.Value())
		return t
	}
	return q
}

func termIn(field, value string) *query.TermQuery {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
	return t
}
