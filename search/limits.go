package search

import (
	"errors"
	"fmt"
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
	// MinPatternPrefix is how many letters a prefix (pric*) must have.
	MinPatternPrefix = 2
)

// LimitError is a query refused by Parse. Its message is written for
// the person who typed the query; it wraps ErrQuery (a 400).
type LimitError struct{ Msg string }

func (e *LimitError) Error() string { return e.Msg }

// Unwrap makes a LimitError an ErrQuery.
func (e *LimitError) Unwrap() error { return ErrQuery }

func refuse(format string, args ...any) error {
	return &LimitError{Msg: fmt.Sprintf(format, args...)}
}

func checkFuzziness(term string, n int) error {
	if n > MaxFuzziness || n < 0 {
		return refuse("%q asks for fuzziness %d; use ~1 or ~2 (letters that may differ).", term+"~", n)
	}
	return nil
}

// IsLimit reports whether err is a query Parse refused.
func IsLimit(err error) bool {
	var le *LimitError
	return errors.As(err, &le)
}
