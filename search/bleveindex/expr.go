package bleveindex

import (
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/verbatimhq/verbatim/search"
)

// exprQuery is the bleve query of a parsed query, built as bleve's own
// query-string parser builds it from the same text (the index's results
// are those it gave before the query was typed): a match query per word
// (analysed with the field's analyzer), a phrase query per phrase, a
// wildcard per prefix, a fuzzy match per fuzzy word, in a boolean query in
// query-string mode (clauses that match nothing, such as stop words, drop
// out).
func exprQuery(e *search.Expr) query.Query {
	var must, should, not []query.Query
	for _, c := range e.Clauses {
		var q query.FieldableQuery
		switch {
		case search.IsKeyword(c.Field) && (c.Kind == search.Word || c.Kind == search.Phrase):
			q = query.NewTermQuery(c.Text) // the exact value (a phrase would need positions)
		case c.Kind == search.Phrase:
			q = query.NewMatchPhraseQuery(c.Text)
		case c.Kind == search.Prefix:
			q = query.NewWildcardQuery(c.Text + "*")
		case c.Kind == search.Fuzzy:
			m := query.NewMatchQuery(c.Text)
			m.SetFuzziness(c.Fuzziness)
			q = m
		default:
			q = query.NewMatchQuery(c.Text)
		}
		if c.Field != search.TextField {
			q.SetField(c.Field)
		}
		if b, ok := q.(query.BoostableQuery); ok && c.Boost > 0 {
			b.SetBoost(c.Boost)
		}
		switch c.Occur {
		case search.Must:
			must = append(must, q)
		case search.MustNot:
			not = append(not, q)
		default:
			should = append(should, q)
		}
	}
	return query.NewBooleanQueryForQueryString(must, should, not)
}
