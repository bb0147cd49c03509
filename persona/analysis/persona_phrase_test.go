package analysis

import (
	"slices"
	"testing"
)

// TestPhraseOverTopic: a persona is named by a phrase of several words
// rather than a lone topic word when at least half as many members said it.
func TestPhraseOverTopic(t *testing.T) {
	type c struct {
		text     string
		n, words int
	}
	tests := []struct {
		name string
		in   []c
		want string
	}{
		{"phrase said by half as many wins", []c{{"workers", 40, 1}, {"support", 30, 1}, {"emergency wage subsidy", 20, 3}}, "emergency wage subsidy"},
		{"phrase said by fewer than half stays behind", []c{{"workers", 40, 1}, {"wage subsidy", 19, 2}}, "workers"},
		{"a phrase first stays first", []c{{"train model", 30, 2}, {"data", 29, 1}}, "train model"},
		{"only lone words", []c{{"data", 30, 1}, {"model", 29, 1}}, "data"},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		got := phraseOverTopic(tt.in, func(x c) (int, int) { return x.n, x.words })
		first := ""
		if len(got) > 0 {
			first = got[0].text
		}
		if first != tt.want {
			t.Errorf("%s: first = %q; want %q", tt.name, first, tt.want)
		}
		if len(got) != len(tt.in) {
			t.Errorf("%s: %d candidates; want %d", tt.name, len(got), len(tt.in))
		}
		for _, x := range tt.in {
			if !slices.Contains(got, x) {
				t.Errorf("%s: lost %q", tt.name, x.text)
			}
		}
	}
}
