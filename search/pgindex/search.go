package pgindex

import (
	"context"
	"fmt"
	"html"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/search"
)

// Search runs q: one statement finds the matches once (a materialized
// CTE), counts them and cuts the page; a second counts the facets, only
// when they will be shown (no more matches than the facet cap and the rank
// cap); then the page's highlights. A query ranked by relevance reads at
// most the index's rank cap of matching quotes: past it the total is the
// cap (TotalCapped) and the page the best of the quotes read.
//
// The rank cap bounds the cost of a common word. Each match read costs a
// heap visit and a ts_rank_cd; at 1M quotes a word in one quote of six
// was 170,000 of them, hundreds of milliseconds a search, where the GIN
// lookup alone is a few. Counting the facets apart keeps the common case
// (past a cap: no facets) from planning and carrying them. See
// docs/POSTGRES_LOAD.md.
func (ix *Index) Search(ctx context.Context, q search.Query) (search.Result, error) {
	ctx, cancel := search.WithDeadline(ctx)
	defer cancel()
	c, err := ix.compile(ctx, q, true)
	if err != nil {
		return search.Result{}, err
	}
	facets, fixed := facetPlan(q)
	rankCap := ix.rankCapFor(q)
	marks := !q.Match.Empty() && !q.NoHighlight
	sql, args := searchSQL(c, q, rankCap, marks)
	rows, err := ix.pool.Query(ctx, sql, args...)
	if err != nil {
		return search.Result{}, fmt.Errorf("search: %w", err)
	}
	out := search.Result{Hits: []search.Hit{}, Facets: map[string][]search.FacetCount{}}
	var dates []time.Time
	for rows.Next() {
		var total bool
		var id, n int64
		var score float64
		var date time.Time
		var text, headline string
		if err := rows.Scan(&total, &id, &n, &score, &date, &text, &headline); err != nil {
			rows.Close()
			return search.Result{}, fmt.Errorf("search: %w", err)
		}
		if total {
			out.Total = uint64(n)
			continue
		}
		hit := search.Hit{ID: id, Score: score}
		if marks {
			hit.Fragments = []string{fragment(text, headline)}
		}
		out.Hits = append(out.Hits, hit)
		dates = append(dates, date)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return search.Result{}, fmt.Errorf("search: %w", err)
	}
	sortPage(out.Hits, dates, q)
	if rankCap > 0 && out.Total > uint64(rankCap) {
		out.Total, out.TotalCapped = uint64(rankCap), true
	}
	asked := len(q.Facets) > 0
	out.FacetsCapped = asked && (out.TotalCapped || q.FacetCap > 0 && out.Total > uint64(q.FacetCap))
	if asked && !out.FacetsCapped {
		var counts map[string][]search.FacetCount
		if len(facets) > 0 && out.Total > 0 {
			if counts, err = ix.facetCounts(ctx, c, facets); err != nil {
				return search.Result{}, err
			}
		}
		for f, v := range fixed {
			out.Facets[f] = []search.FacetCount{}
			if out.Total > 0 {
				out.Facets[f] = []search.FacetCount{{Value: v, Count: int(out.Total)}}
			}
		}
		for _, f := range q.Facets {
			if _, ok := out.Facets[f]; !ok {
				list := sortCounts(counts[f])
				out.Facets[f] = list[:min(len(list), q.FacetLimit())]
			}
		}
	}
	return out, nil
}

// rankCapFor is the number of matches q's statement reads: the rank cap
// for a text query ranked by relevance, 0 (all) otherwise. A query sorted
// by date finds its page over every match through the date index; one
// with no text has no score to compute.
func (ix *Index) rankCapFor(q search.Query) int {
	if q.Match.Empty() || q.SortByDate {
		return 0
	}
	return ix.rankCap
}

// searchSQL is Search's statement. Its rows are (total, id, count, score,
// date, text, headline): the first the total (count), the others the
// page's hits, with their text and its ts_headline when marks is set
// (computed for the page only, not for every match). With rankCap > 0
// it reads at most rankCap+1 matches (the last only tells there are more)
// and ranks the first rankCap.
func searchSQL(c compiled, q search.Query, rankCap int, marks bool) (string, []any) {
	a := append(args{}, c.args...)
	a = append(a, c.rankArgs...)
	order := "score DESC, id"
	switch {
	case q.SortByDate:
		order = `date DESC, id::text COLLATE "C"` // bleve's: newest, then id as text
	case q.Match.Empty():
		order = "id"
	}
	read, ranked := "", "h"
	if rankCap > 0 {
		read = fmt.Sprintf(" LIMIT %d", rankCap+1)
		ranked = fmt.Sprintf("(SELECT * FROM h LIMIT %d) h", rankCap)
	}
	page := fmt.Sprintf("SELECT id, score, date FROM %s ORDER BY %s LIMIT %d OFFSET %d", ranked, order, q.PageSize(), max(q.From, 0))
	sql := "WITH h AS MATERIALIZED (SELECT id, date, " + c.rank + " AS score FROM " + c.table + " WHERE " + c.where + read + ")" +
		"\nSELECT true, 0::bigint, count(*), 0::float8, 'epoch'::timestamptz, '', '' FROM h"
	if marks {
		sql += "\nUNION ALL SELECT false, p.id, 0, p.score, p.date, d.text, " + headlineSQL(&a, c.highlight, "d.text") +
			" FROM (" + page + ") p JOIN search_docs d ON d.id = p.id"
	} else {
		sql += "\nUNION ALL (SELECT false, id, 0, score, date, '', '' FROM (" + page + ") p)"
	}
	return sql, a
}

// facetCounts counts the values of each of facets over every quote the
// compiled query matches (Search asks only when they are few: under the
// caps).
func (ix *Index) facetCounts(ctx context.Context, c compiled, facets []string) (map[string][]search.FacetCount, error) {
	sql, a := facetSQL(c, facets)
	rows, err := ix.pool.Query(ctx, sql, a...)
	if err != nil {
		return nil, fmt.Errorf("search facets: %w", err)
	}
	defer rows.Close()
	counts := map[string][]search.FacetCount{}
	for rows.Next() {
		var i int
		var v string
		var n int64
		if err := rows.Scan(&i, &v, &n); err != nil {
			return nil, fmt.Errorf("search facets: %w", err)
		}
		counts[facets[i]] = append(counts[facets[i]], search.FacetCount{Value: v, Count: int(n)})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search facets: %w", err)
	}
	return counts, nil
}

// facetSQL is facetCounts' statement: rows (i, value, count), i the facet.
func facetSQL(c compiled, facets []string) (string, []any) {
	a := append(args{}, c.args...)
	var cols, parts []string
	for i, f := range facets {
		expr, numeric, _ := keywordExpr(&a, f)
		if strings.HasPrefix(f, "attr.") {
			if !slices.Contains(cols, "attrs") {
				cols = append(cols, "attrs")
			}
		} else {
			cols = append(cols, expr)
		}
		if numeric {
			expr += "::text"
		}
		parts = append(parts, fmt.Sprintf("SELECT %d AS i, %s AS v FROM f", i, expr))
	}
	table := c.table
	if slices.ContainsFunc(facets, func(f string) bool { return !slices.Contains(rankFields, f) }) {
		table = "search_docs" // a facet search_rank does not hold
	}
	sql := "WITH f AS MATERIALIZED (SELECT " + strings.Join(cols, ", ") + " FROM " + table + " WHERE " + c.where + ")" +
		"\nSELECT i, v, count(*) FROM (" + strings.Join(parts, " UNION ALL ") + ") x WHERE v IS NOT NULL AND v <> '' GROUP BY i, v"
	return sql, a
}

// sortPage puts the page's hits in q's order (a UNION ALL keeps no order).
func sortPage(hits []search.Hit, dates []time.Time, q search.Query) {
	idx := make([]int, len(hits))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) string { return strconv.FormatInt(hits[i].ID, 10) }
	sort.SliceStable(idx, func(x, y int) bool {
		i, j := idx[x], idx[y]
		switch {
		case q.SortByDate:
			if !dates[i].Equal(dates[j]) {
				return dates[i].After(dates[j])
			}
			return key(i) < key(j)
		case q.Match.Empty():
			return hits[i].ID < hits[j].ID
		case hits[i].Score != hits[j].Score:
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
	sorted := make([]search.Hit, len(hits))
	for k, i := range idx {
		sorted[k] = hits[i]
	}
	copy(hits, sorted)
}

// facetPlan splits q's facets into those to count and those filtered to
// one value (whose count is the total), each asked once, as bleve does.
func facetPlan(q search.Query) (count []string, fixed map[string]string) {
	fixed = map[string]string{}
	for _, f := range q.Facets {
		if vals := q.Filters[f]; len(vals) == 1 && vals[0] != "" {
			fixed[f] = vals[0]
		} else if !slices.Contains(count, f) && facetable(f) {
			count = append(count, f)
		}
	}
	return count, fixed
}

func facetable(f string) bool {
	return slices.Contains(search.FacetFields, f) || strings.HasPrefix(f, "attr.")
}

// sortCounts orders facet counts by count descending, then value.
func sortCounts(list []search.FacetCount) []search.FacetCount {
	if list == nil {
		return []search.FacetCount{}
	}
	sort.Slice(list, func(a, b int) bool {
		if list[a].Count != list[b].Count {
			return list[a].Count > list[b].Count
		}
		return list[a].Value < list[b].Value
	})
	return list
}

// Marks ts_headline puts around a match, turned into <mark> once the rest
// of the fragment is escaped.
const startMark, stopMark = "\x01", "\x02"

// fragmentChars: a quote up to it is shown whole, as bleve's
// fragmenter shows it; a longer one is cut around its best match.
const fragmentChars = 200

// Highlight returns the highlighted text fragments of the quotes ids that
// match m, by quote id: the text HTML-escaped, matches in <mark>, "…" where
// the fragment cuts the quote.
func (ix *Index) Highlight(ctx context.Context, m *search.Expr, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if m.Empty() || len(ids) == 0 {
		return out, nil
	}
	ctx, cancel := search.WithDeadline(ctx)
	defer cancel()
	c, err := ix.compile(ctx, search.Query{Match: m, IncludeHidden: true}, false)
	if err != nil {
		return nil, err
	}
	return ix.highlight(ctx, c, ids)
}

// highlight is Highlight with the query already compiled (a search
// reuses its own: no second round trip to resolve the words).
func (ix *Index) highlight(ctx context.Context, c compiled, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	c.args = append(args{}, c.args...)
	idp := c.args.add(ids)
	sql := "SELECT id, text, " + headlineSQL(&c.args, c.highlight, "text") + " FROM search_docs WHERE id = ANY(" + idp + ") AND " + c.where
	rows, err := ix.pool.Query(ctx, sql, c.args...)
	if err != nil {
		return nil, fmt.Errorf("search highlights: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text, frag string
		if err := rows.Scan(&id, &text, &frag); err != nil {
			return nil, fmt.Errorf("search highlights: %w", err)
		}
		out[id] = []string{fragment(text, frag)}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search highlights: %w", err)
	}
	return out, nil
}

// headlineSQL is the ts_headline of the text column col for the tsquery
// hl ("": no word of the text to mark, the start of the quote): a short
// quote whole, a longer one cut around its best match.
func headlineSQL(a *args, hl, col string) string {
	opts := `StartSel="` + startMark + `", StopSel="` + stopMark + `"`
	p, short, long := a.add(hl), a.add(opts+", HighlightAll=true"), a.add(opts+", MaxWords=35, MinWords=15")
	return fmt.Sprintf(`CASE WHEN length(%[1]s) <= %[2]d THEN ts_headline('english', %[1]s, %[3]s::tsquery, %[4]s)
		ELSE ts_headline('english', %[1]s, %[3]s::tsquery, %[5]s) END`, col, fragmentChars, p, short, long)
}

// fragment turns a ts_headline of text into bleve's form: HTML-escaped,
// matches in <mark>, "…" on a side where it cuts the quote.
func fragment(text, headline string) string {
	plain := strings.NewReplacer(startMark, "", stopMark, "").Replace(headline)
	f := strings.NewReplacer(startMark, "<mark>", stopMark, "</mark>").Replace(html.EscapeString(headline))
	if at := strings.Index(text, plain); at != 0 {
		f = "…" + f
	}
	if !strings.HasSuffix(text, plain) {
		f += "…"
	}
	return f
}
