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

// TestSortNaming: the most distinctive phrase names a persona, whether
// a label or not, one word or several (stable across re-runs).
func TestSortNaming(t *testing.T) {
	tests := []struct {
		name string
		in   []namingCand
		want string
	}{
		{"lift first", []namingCand{{"rule engines", 0.5, 1.5, 2, true}, {"score", 0.73, 10.2, 1, false}}, "score"},
		{"share breaks a tie", []namingCand{{"train model", 0.5, 2, 2, true}, {"polar plot", 0.6, 2, 2, true}}, "polar plot"},
	}
	for _, tt := range tests {
		sortNaming(tt.in)
		if tt.in[0].text != tt.want {
			t.Errorf("%s: first = %q; want %q", tt.name, tt.in[0].text, tt.want)
		}
	}
}

func TestLightStart(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"based algorithm", true},
		{"makes model", true},
		{"having data", true},
		{"making sense", true},
		{"training data", false},
		{"rule engines", false},
		{"base model", false},
	} {
		if got := lightStart(tc.text); got != tc.want {
			t.Errorf("lightStart(%q) = %v; want %v", tc.text, got, tc.want)
		}
	}
}
