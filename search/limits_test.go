package search

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckText(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
	}{
		{"", true},
		{"too expensive", true},
		{`"hard to justify the price" budget -cheap`, true},
		{"pric*", true},
		{"pri?e", true},
		{"price~1 budget~2", true},
		{"/pric.*/", true},
		{"text:/budg[a-z]+/", true},
		{"*e*", false},
		{"?rice", false},
		{"p*", false},
		{"e*", false},
		{"x~9", false},
		{"price~3", false},
		{"/.*/", false},
		{"/[a-z]+ice/", false},
		{"/(?i)price.*/", false},
		{"/pr" + strings.Repeat("i", 60) + "ce/", false},
		{strings.Repeat("word ", MaxClauses), true},
		{strings.Repeat("word ", MaxClauses+1), false},
		{strings.Repeat("a", MaxQueryChars+1), false},
	}
	for _, tc := range tests {
		err := CheckText(tc.text)
		if (err == nil) != tc.ok {
			t.Errorf("CheckText(%.40q) = %v; want ok=%v", tc.text, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrQuery) {
			t.Errorf("CheckText(%.40q) = %v; want an ErrQuery (a 400)", tc.text, err)
		}
		if err != nil && strings.Contains(err.Error(), "bad query") {
			t.Errorf("CheckText(%.40q) message %q reads like an internal error", tc.text, err)
		}
	}
}
