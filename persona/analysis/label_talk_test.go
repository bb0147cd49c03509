package analysis

import (
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

func TestAboutTheTalk(t *testing.T) {
	tests := []struct {
		phrase string
		want   bool
	}{
		{"thank member", true},
		{"ask questions", true},
		{"assure member", true},
		{"important question", false},
		{"wage subsidy", false},
		{"member of staff", false},
	}
	for _, tc := range tests {
		var ws []labelToken
		for _, w := range strings.Fields(tc.phrase) {
			ws = append(ws, labelToken{key: normWord(w), surface: w})
		}
		if got := aboutTheTalk(ws); got != tc.want {
			t.Errorf("aboutTheTalk(%q) = %v; want %v", tc.phrase, got, tc.want)
		}
	}
}

func TestIdiomNoun(t *testing.T) {
	tests := []struct {
		words []string
		at    int
		want  bool
	}{
		{[]string{"in", "order", "to", "automate"}, 1, true},
		{[]string{"for", "instance", "the", "cloud"}, 1, true},
		{[]string{"rules", "et", "cetera"}, 2, true},
		{[]string{"in", "terms", "of", "accuracy"}, 1, true},
		{[]string{"the", "order", "was", "late"}, 1, false},
		{[]string{"one", "instance", "crashed"}, 1, false},
		{[]string{"payment", "terms", "are", "strict"}, 1, false},
	}
	for _, tc := range tests {
		toks := make([]persona.Token, len(tc.words))
		for i, w := range tc.words {
			toks[i] = persona.Token{Text: w, Tag: "NN"}
		}
		if got := idiomNoun(toks, tc.at); got != tc.want {
			t.Errorf("idiomNoun(%q, %d) = %v; want %v", tc.words, tc.at, got, tc.want)
		}
	}
}
