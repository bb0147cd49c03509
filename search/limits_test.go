package search

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckText(t *testing.T) {
	tests := []struct {
		text  string
		ok    bool
		limit bool // refused by a limit (a LimitError), not a syntax error
	}{
		{"", true, false},
		{"too expensive", true, false},
		{`"hard to justify the price" budget -cheap`, true, false},
		{"pric*", true, false},
		{"price~1 budget~2", true, false},
		{"budget~", true, false},
		{"*e*", false, true},
		{"?rice", false, true},
		{"p*", false, true},
		{"e*", false, true},
		{"pri?e", false, true},
		{"pr*ce", false, true},
		{"x~9", false, true},
		{"price~3", false, true},
		{"/.*/", false, true},
		{"/pric.*/", false, true},
		{"text:/budg[a-z]+/", false, true},
		{strings.Repeat("word ", MaxClauses), true, false},
		{strings.Repeat("word ", MaxClauses+1), false, true},
		{strings.Repeat("a", MaxQueryChars+1), false, true},
		{`"unterminated`, false, false},
		{"price:", false, false},
		{"+", false, false},
		{"nofield:price", false, false},
		{`"security review"~1`, false, false},
		{"ring:perceived_barriers~1", false, false},
	}
	for _, tc := range tests {
		err := CheckText(tc.text)
		if (err == nil) != tc.ok {
			t.Errorf("CheckText(%.40q) = %v; want ok=%v", tc.text, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrQuery) {
			t.Errorf("CheckText(%.40q) = %v; want an ErrQuery (a 400)", tc.text, err)
		}
		if err != nil && IsLimit(err) != tc.limit {
			t.Errorf("CheckText(%.40q) = %v; IsLimit %v, want %v", tc.text, err, IsLimit(err), tc.limit)
		}
		if err != nil && tc.limit && strings.Contains(err.Error(), "bad query") {
			t.Errorf("CheckText(%.40q) message %q reads like an internal error", tc.text, err)
		}
	}
}

// A query built in code (a tracker's terms) meets the same limits.
func TestExprCheck(t *testing.T) {
	many := make([]string, MaxClauses+1)
	for i := range many {
		many[i] = "word"
	}
	if err := AnyPhrase(many...).Check(); !IsLimit(err) {
		t.Errorf("%d phrases: %v; want a limit", len(many), err)
	}
	if err := AnyPhrase("too expensive", "price").Check(); err != nil {
		t.Errorf("two phrases: %v", err)
	}
	if err := (&Expr{Clauses: []Clause{{Kind: Prefix, Text: "p"}}}).Check(); !IsLimit(err) {
		t.Errorf("one-letter prefix: %v; want a limit", err)
	}
}
