package pgindex

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/verbatimhq/verbatim/search"
)

// args collects a statement's parameters.
type args []any

// add appends v and returns its placeholder.
func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// column is where a keyword field lives.
type column struct {
	name    string
	numeric bool
}

var columns = map[string]column{
	"study": {"study_id", true}, "source": {"source_id", true}, "source_name": {"source_name", false},
	"format": {"format", false}, "kind": {"kind", false}, "participant": {"participant_id", true},
	"speaker": {"speaker", false}, "ring": {"ring", false}, "theme": {"theme_id", true}, "persona": {"persona_id", true},
}

// keywordExpr is the SQL text of a keyword field (or attribute), and
// whether it holds numbers; ok is false for a field no quote has.
func keywordExpr(a *args, field string) (expr string, numeric, ok bool) {
	if key, isAttr := strings.CutPrefix(field, "attr."); isAttr {
		return "(attrs->>" + a.add(key) + ")", false, true
	}
	c, ok := columns[field]
	return c.name, c.numeric, ok
}

// inValues is the condition that field holds one of vals.
func inValues(a *args, field string, vals []string) string {
	expr, numeric, ok := keywordExpr(a, field)
	if !ok {
		return "FALSE"
	}
	if !numeric {
		return expr + " = ANY(" + a.add(vals) + "::text[])"
	}
	var nums []int64
	for _, v := range vals {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			nums = append(nums, n)
		}
	}
	if len(nums) == 0 {
		return "FALSE"
	}
	return expr + " = ANY(" + a.add(nums) + "::bigint[])"
}

// compiled is a query as SQL over search_docs, or over its narrow copy
// search_rank when the query names only columns that it holds.
type compiled struct {
	where string // the whole condition: text, filters, hidden
	// table is the table where reads from: search_rank or search_docs.
	table string
	args  args // where's parameters
	// rank is the score of a matching row; its parameters (rankArgs)
	// follow where's, so a statement without it passes args alone.
	rank     string
	rankArgs []any
	// highlight is the tsquery (text) whose words highlights mark; "" for
	// none.
	highlight string
}

// scored is a text clause's part of the score.
type scored struct {
	weight float64
	col    string
	tsq    string
}

// normalization is ts_rank_cd's: the rank divided by 1 + the log of the
// quote's length, as bleve's field norm favours short fields.
const normalization = 1

// compile turns q into SQL. Text clauses are first resolved to tsqueries
// in one round trip (resolve); a clause left with no lexeme (a stop word,
// a fuzzy word near no indexed one) drops out, as in bleve.
func (ix *Index) compile(ctx context.Context, q search.Query, scoreIt bool) (compiled, error) {
	var c compiled
	var conds []string
	var ranks []scored
	if !q.Match.Empty() {
		tsq, err := ix.resolve(ctx, q.Match)
		if err != nil {
			return c, err
		}
		var match string
		match, ranks, c.highlight = matchSQL(&c.args, q.Match, tsq)
		conds = append(conds, match)
	}
	fields := make([]string, 0, len(q.Filters))
	for f := range q.Filters {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		var vals []string
		for _, v := range q.Filters[f] {
			if v != "" {
				vals = append(vals, v)
			}
		}
		if len(vals) > 0 {
			conds = append(conds, inValues(&c.args, f, vals))
		}
	}
	if !q.IncludeHidden {
		conds = append(conds, "NOT hidden")
	}
	if len(conds) == 0 {
		conds = []string{"TRUE"}
	}
	c.where = strings.Join(conds, " AND ")
	c.table = "search_docs"
	if narrow(q) {
		c.table = "search_rank"
	}
	if !scoreIt {
		return c, nil
	}
	var idfs []float64
	if len(ranks) > 1 {
		var err error
		if idfs, err = ix.idfs(ctx, ranks); err != nil {
			return c, err
		}
	}
	c.rank, c.rankArgs = rankSQL(len(c.args), ranks, idfs)
	return c, nil
}

// rankFields are the keyword fields search_rank holds (the text's tsvector
// too, not the question's, the attributes, speaker, format or file name).
var rankFields = []string{"study", "source", "participant", "kind", "ring", "theme", "persona"}

// narrow reports whether q's condition names only search_rank's columns.
func narrow(q search.Query) bool {
	for f, vals := range q.Filters {
		if !slices.Contains(rankFields, f) && slices.ContainsFunc(vals, func(v string) bool { return v != "" }) {
			return false
		}
	}
	if q.Match.Empty() {
		return true
	}
	for _, cl := range q.Match.Clauses {
		if cl.Field == search.QuestionField || search.IsKeyword(cl.Field) && !slices.Contains(rankFields, cl.Field) {
			return false
		}
	}
	return true
}

// rankSQL is the sum of the clauses' weighted ts_rank_cd, its parameters
// numbered after the first n; idfs (nil: all 1) weigh the clauses.
func rankSQL(n int, ranks []scored, idfs []float64) (string, []any) {
	if len(ranks) == 0 {
		return "0", nil
	}
	a := make(args, n, n+len(ranks))
	parts := make([]string, len(ranks))
	for i, r := range ranks {
		p := a.add(r.tsq)
		weight := r.weight
		if idfs != nil {
			weight *= idfs[i]
		}
		parts[i] = fmt.Sprintf("%s * ts_rank_cd(%s, %s::tsquery, %d)", strconv.FormatFloat(weight, 'g', -1, 64), r.col, p, normalization)
	}
	return strings.Join(parts, " + "), a[n:]
}

// idfCountCap bounds the quotes counted to weigh a clause the statistics
// do not know: a word missing from them is rarer than the ones they list,
// so the cap is reached only by a word that became common since the last
// ANALYZE (then every such word weighs the same).
const idfCountCap = 10_000

// idfs weighs each clause of a query of several by how rare its words are,
// as bleve's scoring does (1 + ln(quotes / (quotes matching + 1))), so a
// quote with the rare word of "card not working" ranks above one with the
// common word alone. Returns nil (every clause weighs 1) before the table
// has statistics.
//
// The number of quotes is the planner's estimate; the quotes matching a
// one-word clause come from the planner's statistics when they list the
// word (its share of ANALYZE's sample of the quotes), else from a count
// capped at idfCountCap. Counting every match was exact, and at 1M quotes
// cost a second per common word (a heap visit each: 58,000 pages for a word
// in one quote of six).
func (ix *Index) idfs(ctx context.Context, ranks []scored) ([]float64, error) {
	var a args
	items := []string{`(SELECT reltuples::float8 FROM pg_class WHERE oid = 'search_docs'::regclass)`}
	for _, r := range ranks {
		table := "search_rank" // the narrow copy, for the text's words
		if r.col != "tsv" {
			table = "search_docs"
		}
		count := fmt.Sprintf(`(SELECT count(*)::float8 FROM (SELECT 1 FROM %s WHERE %s @@ %s::tsquery LIMIT %d) x)`, table, r.col, a.add(r.tsq), idfCountCap)
		if word, ok := singleLexeme(r.tsq); ok {
			count = fmt.Sprintf(`coalesce((SELECT s.f[array_position(s.e, %s)] * c.reltuples FROM pg_class c,
				(SELECT most_common_elems::text::text[] AS e, most_common_elem_freqs AS f FROM pg_stats
				WHERE schemaname = current_schema() AND tablename = 'search_docs' AND attname = %s) s
				WHERE c.oid = 'search_docs'::regclass), %s)`, a.add(word), a.add(r.col), count)
		}
		items = append(items, count)
	}
	vals := make([]float64, len(items))
	dest := make([]any, len(items))
	for i := range vals {
		dest[i] = &vals[i]
	}
	if err := ix.pool.QueryRow(ctx, "SELECT "+strings.Join(items, ", "), a...).Scan(dest...); err != nil {
		return nil, fmt.Errorf("search: weigh query words: %w", err)
	}
	total := vals[0]
	if total <= 0 {
		return nil, nil
	}
	out := make([]float64, len(ranks))
	for i, n := range vals[1:] {
		out[i] = 1 + math.Log(math.Max(total, n+1)/(n+1))
	}
	return out, nil
}

// singleLexeme returns the word of a tsquery that is one lexeme and
// nothing else ('price'), as resolve writes it.
func singleLexeme(tsq string) (string, bool) {
	if len(tsq) < 3 || tsq[0] != '\'' || tsq[len(tsq)-1] != '\'' {
		return "", false
	}
	inner := tsq[1 : len(tsq)-1]
	if strings.ContainsAny(inner, "\\") || strings.Contains(strings.ReplaceAll(inner, "''", ""), "'") {
		return "", false
	}
	return strings.ReplaceAll(inner, "''", "'"), true
}

// matchSQL is the condition, score and highlight tsquery of e, given the
// tsquery of each text clause (tsq[i], "" when it has no lexeme).
func matchSQL(a *args, e *search.Expr, tsq []string) (match string, ranks []scored, highlight string) {
	var must, should, not, marks []string
	live := func(i int) bool { return search.IsKeyword(e.Clauses[i].Field) || tsq[i] != "" }
	hasMust := false
	for i, cl := range e.Clauses {
		hasMust = hasMust || cl.Occur == search.Must && live(i)
	}
	for i, cl := range e.Clauses {
		if !live(i) {
			continue // nothing to match: dropped
		}
		col := "tsv"
		if cl.Field == search.QuestionField {
			col = "qtsv"
		}
		if !search.IsKeyword(cl.Field) && cl.Occur != search.MustNot {
			ranks = append(ranks, scored{cl.Weight(), col, tsq[i]})
			if col == "tsv" {
				marks = append(marks, "("+tsq[i]+")")
			}
		}
		if hasMust && cl.Occur == search.Should {
			continue // only ranks
		}
		var cond string
		if search.IsKeyword(cl.Field) {
			cond = keywordClause(a, cl)
		} else {
			cond = col + " @@ " + a.add(tsq[i]) + "::tsquery"
		}
		switch cl.Occur {
		case search.Must:
			must = append(must, cond)
		case search.MustNot:
			not = append(not, cond)
		default:
			should = append(should, cond)
		}
	}
	var parts []string
	switch {
	case len(must) > 0:
		parts = append(parts, "("+strings.Join(must, " AND ")+")")
	case len(should) > 0:
		parts = append(parts, "("+strings.Join(should, " OR ")+")")
	case len(not) == 0:
		parts = append(parts, "FALSE") // nothing left to match
	}
	if len(not) > 0 {
		parts = append(parts, "NOT ("+strings.Join(not, " OR ")+")")
	}
	return strings.Join(parts, " AND "), ranks, strings.Join(marks, " | ")
}

// keywordClause is a field:value clause on a keyword field: the exact
// value, or a prefix of it.
func keywordClause(a *args, cl search.Clause) string {
	if cl.Kind != search.Prefix {
		return inValues(a, cl.Field, []string{cl.Text})
	}
	expr, _, ok := keywordExpr(a, cl.Field)
	if !ok {
		return "FALSE"
	}
	like := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(cl.Text) + "%"
	return expr + "::text LIKE " + a.add(like)
}

// resolve returns the tsquery text of each clause of e in the text or
// question field ("" for keyword clauses and clauses with no lexeme):
// words and phrases through the English configuration, prefixes as
// written (lower-case, matched against the stemmed lexemes, as bleve
// matches a wildcard against its stemmed terms), fuzzy words as the
// lexicon's lexemes within the edit distance of the word's stem.
func (ix *Index) resolve(ctx context.Context, e *search.Expr) ([]string, error) {
	out := make([]string, len(e.Clauses))
	var a args
	var items []string
	var at []int
	for i, cl := range e.Clauses {
		if search.IsKeyword(cl.Field) {
			continue
		}
		switch cl.Kind {
		case search.Prefix:
			out[i] = lexeme(cl.Text) + ":*"
			continue
		case search.Phrase:
			items = append(items, "phraseto_tsquery('english', "+a.add(cl.Text)+")::text")
		case search.Fuzzy:
			p, d := a.add(cl.Text), a.add(cl.Fuzziness)
			items = append(items, `array_to_string(ARRAY(SELECT DISTINCT t.term FROM search_terms t,
				unnest(tsvector_to_array(to_tsvector('english', `+p+`))) AS w
				WHERE length(t.term) BETWEEN length(w) - `+d+` AND length(w) + `+d+`
				AND levenshtein_less_equal(t.term, w, `+d+`) <= `+d+` ORDER BY 1), E'\x01')`)
		default:
			items = append(items, "plainto_tsquery('english', "+a.add(cl.Text)+")::text")
		}
		at = append(at, i)
	}
	if len(items) == 0 {
		return out, nil
	}
	vals := make([]string, len(items))
	dest := make([]any, len(items))
	for i := range vals {
		dest[i] = &vals[i]
	}
	if err := ix.pool.QueryRow(ctx, "SELECT "+strings.Join(items, ", "), a...).Scan(dest...); err != nil {
		return nil, fmt.Errorf("search: resolve query words: %w", err)
	}
	for j, i := range at {
		out[i] = vals[j]
		if e.Clauses[i].Kind == search.Fuzzy && vals[j] != "" {
			terms := strings.Split(vals[j], "\x01")
			for k, t := range terms {
				terms[k] = lexeme(t)
			}
			out[i] = "(" + strings.Join(terms, " | ") + ")"
		}
	}
	return out, nil
}

// lexeme quotes s as one tsquery lexeme.
func lexeme(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", "''").Replace(s) + "'"
}
