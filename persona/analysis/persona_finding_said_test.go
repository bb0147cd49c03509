package analysis

import (
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestSaidFinding checks that a persona phrase counts as a finding in a
// quote only when the quote says it as a problem, a change or a need.
func TestSaidFinding(t *testing.T) {
	tok := func(s string) []persona.Token {
		var out []persona.Token
		for _, f := range strings.Fields(s) {
			w, tag, _ := strings.Cut(f, "/")
			out = append(out, persona.Token{Text: w, Tag: tag})
		}
		return out
	}
	tests := []struct {
		quote string
		keys  []string
		want  bool
	}{
		{"we/PRP missed/VBD the/DT forecast/NN again/RB", []string{"missed", "forecast"}, true},
		{"the/DT forecast/NN call/NN is/VBZ on/IN monday/NNP", []string{"forecast", "call"}, false},
		{"there/EX is/VBZ a/DT lack/NN of/IN labelled/VBN data/NNS", []string{"lack", "data"}, true},
		{"we/PRP want/VBP to/TO automate/VB reports/NNS", []string{"automate", "reports"}, true},
		{"the/DT model/NN is/VBZ perfect/JJ", []string{"perfect", "model"}, false}, // a judgement: saidJudging's
		{"missed/VBD it/PRP", []string{"missed", "forecast"}, false},
	}
	for _, tt := range tests {
		keys := make([]string, len(tt.keys))
		for i, k := range tt.keys {
			keys[i] = normWord(k)
		}
		if got := saidFinding(tok(tt.quote), keys); got != tt.want {
			t.Errorf("saidFinding(%q, %v) = %v, want %v", tt.quote, keys, got, tt.want)
		}
	}
}
