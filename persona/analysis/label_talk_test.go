package analysis

import (
	"strings"
	"testing"
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
