package analysis

import (
	"slices"
	"testing"
)

// TestFindingKeys: only a phrase of two content words or more, without
// filler or numbers and not headed by a light verb, may name a persona;
// a lone word is a topic.
func TestFindingKeys(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"steep learning curve", []string{normWord("steep"), normWord("learning"), normWord("curve")}},
		{"quality of the data", []string{normWord("quality"), normWord("data")}},
		{"text", nil},
		{"the model", nil},
		{"yeah model", nil},
		{"makes model", nil},
		{"2 models", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got, ok := findingKeys(tt.text)
		if ok != (tt.want != nil) || !slices.Equal(got, tt.want) {
			t.Errorf("findingKeys(%q) = %v, %v; want %v", tt.text, got, ok, tt.want)
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
		{"lift first", []namingCand{{"rule engines", 0.5, 1.5, 2}, {"score", 0.73, 10.2, 1}}, "score"},
		{"share breaks a tie", []namingCand{{"train model", 0.5, 2, 2}, {"polar plot", 0.6, 2, 2}}, "polar plot"},
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
