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

// TestSortNaming: a distinctive phrase of several words names a persona
// before a lone word of higher lift; among phrases, lift decides.
func TestSortNaming(t *testing.T) {
	tests := []struct {
		name string
		in   []namingCand
		want string
	}{
		{"phrase before lone word", []namingCand{{"difference", 0.6, 3, 1, true}, {"rule engines", 0.5, 1.5, 2, true}}, "rule engines"},
		{"a label before a key phrase", []namingCand{{"difference", 0.6, 3, 1, false}, {"score", 0.7, 2, 1, true}}, "score"},
		{"a far more distinctive lone word stays first", []namingCand{{"score", 0.73, 10.2, 1, true}, {"manual process", 0.6, 2.1, 2, true}}, "score"},
		{"a key phrase that is no label is no finding", []namingCand{{"difference", 0.6, 3, 1, true}, {"common ones", 0.5, 1.5, 2, false}}, "difference"},
		{"lift among phrases", []namingCand{{"train model", 0.5, 1.5, 2, true}, {"polar plot", 0.5, 2.5, 2, true}}, "polar plot"},
		{"lone labels by lift", []namingCand{{"data", 0.6, 1.3, 1, true}, {"labels", 0.5, 2, 1, true}}, "labels"},
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
