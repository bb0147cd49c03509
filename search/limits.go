package search

import (
	"errors"
	"fmt"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits on what one query may ask of the index. A term with a leading
// wildcard or an open regex walks the whole term dictionary and unions
// the postings of every term it matches: 500 × "*e*" held both search
// slots for 25-58 s. These refuse such queries before they run; what
// passes still runs under the caller's deadline (api: Config.SearchTimeout).
const (
	// MaxQueryChars bounds the query text, in characters.
	MaxQueryChars = 1000
	// MaxClauses bounds the words, phrases and patterns in a query.
	MaxClauses = 64
	// MaxFuzziness is the largest edit distance a term~N may ask for.
	MaxFuzziness = 2
	// MinPatternPrefix is how many literal characters a wildcard or
	// regex must start with.
	MinPatternPrefix = 2
	// MaxRegexChars bounds a /regex/ term.
	MaxRegexChars = 50
)

// LimitError is a query refused by CheckText. Its message is written for
// the person who typed the query; it wraps ErrQuery (a 400).
type LimitError struct{ Msg string }

func (e *LimitError) Error() string { return e.Msg }

// Unwrap makes a LimitError an ErrQuery.
func (e *LimitError) Unwrap() error { return ErrQuery }

func refuse(format string, args ...any) error {
	return &LimitError{Msg: fmt.Sprintf(format, args...)}
}

// CheckText refuses query text that is too long, has too many clauses, a
// wildcard or regex without a literal start, a long regex, or a fuzziness
// above MaxFuzziness. Text the parser cannot read is an ErrQuery too.
// Empty text (match everything, filtered) passes.
func CheckText(text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	if n := utf8.RuneCountInString(text); n > MaxQueryChars {
		return refuse("The search is %d characters long; keep it under %d.", n, MaxQueryChars)
	}
	parsed, err := bleve.NewQueryStringQuery(text).Parse()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrQuery, err)
	}
	clauses := 0
	if err := walk(parsed, &clauses); err != nil {
		return err
	}
	if clauses > MaxClauses {
		return refuse("The search has %d words or patterns; use at most %d.", clauses, MaxClauses)
	}
	return nil
}

// walk checks each leaf of q and counts them in clauses.
func walk(q query.Query, clauses *int) error {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should, q.MustNot} {
			if sub != nil {
				if err := walk(sub, clauses); err != nil {
					return err
				}
			}
		}
		return nil
	case *query.ConjunctionQuery:
		return walkAll(q.Conjuncts, clauses)
	case *query.DisjunctionQuery:
		return walkAll(q.Disjuncts, clauses)
	}
	*clauses++
	switch q := q.(type) {
	case *query.MatchQuery:
		return checkFuzziness(q.Match, q.Fuzziness)
	case *query.MatchPhraseQuery:
		return checkFuzziness(q.MatchPhrase, q.Fuzziness)
	case *query.FuzzyQuery:
		return checkFuzziness(q.Term, q.Fuzziness)
	case *query.WildcardQuery:
		return checkPrefix(q.Wildcard, strings.IndexAny(q.Wildcard, "*?"))
	case *query.RegexpQuery:
		return checkRegex(q.Regexp)
	case *query.PrefixQuery:
		return checkPrefix(q.Prefix+"*", len(q.Prefix))
	}
	return nil
}

func walkAll(qs []query.Query, clauses *int) error {
	for _, q := range qs {
		if err := walk(q, clauses); err != nil {
			return err
		}
	}
	return nil
}

func checkFuzziness(term string, n int) error {
	if n > MaxFuzziness || n < 0 {
		return refuse("%q asks for fuzziness %d; use ~1 or ~2 (letters that may differ).", term+"~", n)
	}
	return nil
}

// checkPrefix refuses a pattern whose first wildcard comes before
// MinPatternPrefix literal characters (i < 0: no wildcard).
func checkPrefix(pattern string, i int) error {
	if i >= 0 && utf8.RuneCountInString(pattern[:i]) < MinPatternPrefix {
		return refuse("%q starts with a wildcard; put at least %d letters before * or ? (e.g. pric*).", pattern, MinPatternPrefix)
	}
	return nil
}

func checkRegex(re string) error {
	if n := utf8.RuneCountInString(re); n > MaxRegexChars {
		return refuse("The pattern /%.20s…/ is %d characters long; keep patterns under %d.", re, n, MaxRegexChars)
	}
	parsed, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return fmt.Errorf("%w: pattern /%s/: %v", ErrQuery, re, err)
	}
	prefix := literalPrefix(parsed.Simplify())
	if utf8.RuneCountInString(prefix) < MinPatternPrefix {
		return refuse("The pattern /%s/ must start with at least %d plain letters (e.g. /pric.*/).", re, MinPatternPrefix)
	}
	return nil
}

// literalPrefix is the text every match of re starts with.
func literalPrefix(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return ""
		}
		return string(re.Rune)
	case syntax.OpConcat:
		var b strings.Builder
		for _, sub := range re.Sub {
			if sub.Op != syntax.OpLiteral || sub.Flags&syntax.FoldCase != 0 {
				b.WriteString(literalPrefix(sub))
				break
			}
			b.WriteString(string(sub.Rune))
		}
		return b.String()
	case syntax.OpCapture:
		return literalPrefix(re.Sub[0])
	}
	return ""
}

// IsLimit reports whether err is a query CheckText refused.
func IsLimit(err error) bool {
	var le *LimitError
	return errors.As(err, &le)
}
