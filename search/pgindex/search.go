package pgindex

import (
	"context"
	"fmt"
	"html"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/verbatimhq/verbatim/search"
)

// Search runs q: the total, a page of hits, and the facets over every
// match (at most FacetCap of them), in one round trip inside one read-only
// snapshot; then the page's highlights.
func (ix *Index) Search(ctx context.Context, q search.Query) (search.Result, error) {
	ctx, cancel := search.WithDeadline(ctx)
	defer cancel()
	c, err := ix.compile(ctx, q)
	if err != nil {
		return search.Result{}, err
	}
	order := "score DESC, id"
	switch {
	case q.SortByDate:
		order = `date DESC, id::text COLLATE "C"` // bleve's: newest, then id as text
	case q.Match.Empty():
		order = "id"
	}
	facets, fixed := facetPlan(q)
	page := fmt.Sprintf("SELECT id, %s AS score FROM search_docs WHERE %s ORDER BY %s LIMIT %d OFFSET %d",
		c.rank, c.where, order, q.PageSize(), max(q.From, 0))
	var out search.Result
	out.Facets = map[string][]search.FacetCount{}
	var counts map[string][]search.FacetCount
	err = pgx.BeginTxFunc(ctx, ix.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue("SELECT count(*) FROM search_docs WHERE "+c.where, c.args...).QueryRow(func(r pgx.Row) error {
			return r.Scan(&out.Total)
		})
		b.Queue(page, append(slices.Clone(c.args), c.rankArgs...)...).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var h search.Hit
				if err := rows.Scan(&h.ID, &h.Score); err != nil {
					return err
				}
				out.Hits = append(out.Hits, h)
			}
			return rows.Err()
		})
		if len(facets) > 0 {
			fq, fargs := facetSQL(c, facets, q.FacetCap)
			b.Queue(fq, fargs...).Query(func(rows pgx.Rows) error {
				var err error
				counts, err = collectFacets(rows, facets)
				return err
			})
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return search.Result{}, fmt.Errorf("search: %w", err)
	}
	if out.Hits == nil {
		out.Hits = []search.Hit{}
	}
	asked := len(q.Facets) > 0
	out.FacetsCapped = asked && q.FacetCap > 0 && out.Total > uint64(q.FacetCap)
	if asked && !out.FacetsCapped {
		for f, v := range fixed {
			out.Facets[f] = []search.FacetCount{}
			if out.Total > 0 {
				out.Facets[f] = []search.FacetCount{{Value: v, Count: int(out.Total)}}
			}
		}
		for _, f := range q.Facets {
			if _, ok := out.Facets[f]; !ok {
				list := counts[f]
				if list == nil {
					list = []search.FacetCount{}
				}
				out.Facets[f] = list[:min(len(list), q.FacetLimit())]
			}
		}
	}
	if !q.Match.Empty() && !q.NoHighlight && len(out.Hits) > 0 {
		ids := make([]int64, len(out.Hits))
		for i, h := range out.Hits {
			ids[i] = h.ID
		}
		frags, err := ix.Highlight(ctx, q.Match, ids)
		if err != nil {
			return search.Result{}, err
		}
		for i := range out.Hits {
			out.Hits[i].Fragments = frags[out.Hits[i].ID]
		}
	}
	return out, nil
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

// facetSQL counts the values of facets over the matches (the first cap+1:
// past cap they are not shown).
func facetSQL(c compiled, facets []string, cap int) (string, []any) {
	a := append(args{}, c.args...)
	limit := ""
	if cap > 0 {
		limit = " LIMIT " + strconv.Itoa(cap+1)
	}
	var parts []string
	for i, f := range facets {
		expr, numeric, _ := keywordExpr(&a, f)
		if numeric {
			expr += "::text"
		}
		parts = append(parts, fmt.Sprintf("SELECT %d AS i, %s AS v FROM h", i, expr))
	}
	sql := "WITH h AS MATERIALIZED (SELECT ring, theme_id, persona_id, kind, source_id, participant_id, attrs FROM search_docs WHERE " +
		c.where + limit + ") SELECT i, v, count(*) FROM (" + strings.Join(parts, " UNION ALL ") +
		") x WHERE v IS NOT NULL AND v <> '' GROUP BY i, v"
	return sql, a
}

// collectFacets reads facetSQL's rows into counts by facet, ordered by
// count descending, then value.
func collectFacets(rows pgx.Rows, facets []string) (map[string][]search.FacetCount, error) {
	out := map[string][]search.FacetCount{}
	for rows.Next() {
		var i int
		var fc search.FacetCount
		if err := rows.Scan(&i, &fc.Value, &fc.Count); err != nil {
			return nil, err
		}
		out[facets[i]] = append(out[facets[i]], fc)
	}
	for _, list := range out {
		sort.Slice(list, func(a, b int) bool {
			if list[a].Count != list[b].Count {
				return list[a].Count > list[b].Count
			}
			return list[a].Value < list[b].Value
		})
	}
	return out, rows.Err()
}

// Marks ts_headline puts around a match, turned into <mark> once the rest
// of the fragment is escaped.
const startMark, stopMark = "\x01", "\x02"

// headlineOpts: a quote up to fragmentChars is shown whole, as bleve's
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
	c, err := ix.compile(ctx, search.Query{Match: m, IncludeHidden: true})
	if err != nil {
		return nil, err
	}
	hl := c.highlight // "": no word of the text to mark, the start of the quote
	opts := `StartSel="` + startMark + `", StopSel="` + stopMark + `"`
	p, short, long, idp := c.args.add(hl), c.args.add(opts+", HighlightAll=true"), c.args.add(opts+", MaxWords=35, MinWords=15"), c.args.add(ids)
	sql := fmt.Sprintf(`SELECT id, text, CASE WHEN length(text) <= %d THEN ts_headline('english', text, %s::tsquery, %s)
		ELSE ts_headline('english', text, %s::tsquery, %s) END FROM search_docs WHERE id = ANY(%s) AND %s`,
		fragmentChars, p, short, p, long, idp, c.where)
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
