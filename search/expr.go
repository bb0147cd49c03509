package search

import (
	"fmt"
	"strconv"
	"strings"
)

// Expr is parsed query text: a list of clauses, as the query grammar has no
// grouping. Clauses without +/- are optional: when the query has a
// required clause they only rank; otherwise a quote must match one of
// them. A clause whose words are all stop words ("the") is dropped, and a
// query left with nothing to match matches nothing; a query of only
// excluded clauses matches every quote without them.
type Expr struct {
	Clauses []Clause
}

// Occur says how a clause takes part.
type Occur uint8

const (
	Should  Occur = iota // word: ranks, and a quote must match one Should when no Must
	Must                 // +word
	MustNot              // -word
)

// Kind is what a clause matches.
type Kind uint8

const (
	Word   Kind = iota // a word (stemmed in text fields; the exact value of a keyword field)
	Phrase             // "words in order" (the exact value of a keyword field)
	Prefix             // pric*: words starting with Text (lower-case in text fields), values of a keyword field
	Fuzzy              // budgt~1: words within Fuzziness edits of the stemmed word
)

func (k Kind) String() string {
	return [...]string{"word", "phrase", "prefix", "fuzzy"}[k]
}

// Clause is one word, phrase or pattern of a query.
type Clause struct {
	Occur Occur
	Kind  Kind
	// Field is TextField (""), QuestionField, a keyword field or an
	// attribute (AttrField).
	Field string
	Text  string
	// Fuzziness is the edit distance of a Fuzzy clause (1 or 2).
	Fuzziness int
	// Boost multiplies the clause's score; 0 means 1.
	Boost float64
}

// Weight is the clause's boost, 1 when unset.
func (c Clause) Weight() float64 {
	if c.Boost <= 0 {
		return 1
	}
	return c.Boost
}

// AnyPhrase is the query matching any of texts, each as a phrase (a word
// alone is a phrase of one).
func AnyPhrase(texts ...string) *Expr {
	e := &Expr{}
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			e.Clauses = append(e.Clauses, Clause{Kind: Phrase, Text: t})
		}
	}
	return e
}

// Empty reports whether e has no clause (matches every quote).
func (e *Expr) Empty() bool { return e == nil || len(e.Clauses) == 0 }

// Check applies the query limits to e (Parse does too); a query built in
// code is checked before it runs.
func (e *Expr) Check() error {
	if e == nil {
		return nil
	}
	if n := len(e.Clauses); n > MaxClauses {
		return refuse("The search has %d words or patterns; use at most %d.", n, MaxClauses)
	}
	chars := 0
	for _, c := range e.Clauses {
		chars += len([]rune(c.Text)) + 1
		switch c.Kind {
		case Fuzzy:
			if err := checkFuzziness(c.Text, c.Fuzziness); err != nil {
				return err
			}
			if IsKeyword(c.Field) {
				return fmt.Errorf("%w: %s:%s~%d: fuzziness applies to words of the text", ErrQuery, c.Field, c.Text, c.Fuzziness)
			}
		case Prefix:
			if len([]rune(c.Text)) < MinPatternPrefix {
				return refuse("%q starts with a wildcard; put at least %d letters before * (e.g. pric*).", c.Text+"*", MinPatternPrefix)
			}
		}
		if c.Field != TextField && c.Field != QuestionField && !IsKeyword(c.Field) {
			return fmt.Errorf("%w: unknown field %q", ErrQuery, c.Field)
		}
	}
	if chars > MaxQueryChars+1 {
		return refuse("The search is %d characters long; keep it under %d.", chars, MaxQueryChars)
	}
	return nil
}

// String writes e back in the query grammar Parse reads.
func (e *Expr) String() string {
	if e == nil {
		return ""
	}
	parts := make([]string, len(e.Clauses))
	for i, c := range e.Clauses {
		var b strings.Builder
		switch c.Occur {
		case Must:
			b.WriteByte('+')
		case MustNot:
			b.WriteByte('-')
		}
		if c.Field != "" {
			b.WriteString(c.Field + ":")
		}
		switch c.Kind {
		case Phrase:
			b.WriteString(strconv.Quote(c.Text))
		case Prefix:
			b.WriteString(escape(c.Text) + "*")
		case Fuzzy:
			b.WriteString(escape(c.Text) + "~" + strconv.Itoa(c.Fuzziness))
		default:
			b.WriteString(escape(c.Text))
		}
		if c.Boost > 0 && c.Boost != 1 {
			b.WriteString("^" + strconv.FormatFloat(c.Boost, 'f', -1, 64))
		}
		parts[i] = b.String()
	}
	return strings.Join(parts, " ")
}

func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(special, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// special are the characters a word writes with a backslash.
const special = `+-:"~^*?/\ `
