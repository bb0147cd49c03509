package analysis

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestAgainstRing checks that praise never names a barrier and blame
// never names a success factor, whatever tag carries it.
func TestAgainstRing(t *testing.T) {
	tok := func(w, tag string) labelToken {
		return labelToken{key: normWord(w), surface: w, tag: tag, adj: tag == "JJ", stance: stanceWord(w, tag)}
	}
	tests := []struct {
		name string
		ws   []labelToken
		ring persona.Ring
		want bool
	}{
		{"praise as a participle in a barrier", []labelToken{tok("provide", "VB"), tok("improved", "VBN"), tok("care", "NN")}, persona.RingBarriers, true},
		{"praise as an adjective in a barrier", []labelToken{tok("helpful", "JJ"), tok("support", "NN")}, persona.RingBarriers, true},
		{"blame in a barrier", []labelToken{tok("slow", "JJ"), tok("support", "NN")}, persona.RingBarriers, false},
		{"blame in a success factor", []labelToken{tok("broken", "VBN"), tok("pipeline", "NN")}, persona.RingSuccess, true},
		{"a problem noun in a barrier", []labelToken{tok("job", "NN"), tok("loss", "NN")}, persona.RingBarriers, false},
		{"praise in a success factor", []labelToken{tok("reliable", "JJ"), tok("support", "NN")}, persona.RingSuccess, false},
	}
	for _, tt := range tests {
		if got := againstRing(tt.ws, tt.ring); got != tt.want {
			t.Errorf("%s: againstRing = %v, want %v", tt.name, got, tt.want)
		}
	}
}
