package analysis

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

func repeatZ(n int, z float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = z
	}
	return out
}

func TestColumnPrior(t *testing.T) {
	mixed := append(repeatZ(50, 2), repeatZ(50, -2)...)
	for _, tc := range []struct {
		name   string
		zs     []float64
		lo, hi float64
	}{
		{"too few answers", repeatZ(columnMinAnswers-1, 3), 0, 0},
		{"complaint column", append(repeatZ(180, 2), repeatZ(20, -1)...), 1.5, columnPriorMax},
		{"praise column", append(repeatZ(180, -2), repeatZ(20, 1)...), -columnPriorMax, -1.5},
		{"mixed column", mixed, -0.1, 0.1},
		{"few complaints shrink", repeatZ(6, 2), 0, 0.5},
	} {
		got := columnPrior(tc.zs)
		if got < tc.lo || got > tc.hi {
			t.Errorf("%s: prior %.3f, want in [%.2f, %.2f]", tc.name, got, tc.lo, tc.hi)
		}
	}
}

// TestColumnPriors checks that only survey quotes get a prior, one per
// file and question, and that an answer cut into many quotes counts once.
func TestColumnPriors(t *testing.T) {
	var quotes []persona.Quote
	logit := map[int]float64{}
	add := func(kind persona.Kind, source, turn int64, question string, z float64) {
		logit[len(quotes)] = z
		quotes = append(quotes, persona.Quote{Kind: kind, SourceID: source, TurnID: turn, Question: question})
	}
	for i := int64(1); i <= 40; i++ {
		add(persona.KindSurvey, 1, i, "Answer B", 3)         // a cons column
		add(persona.KindSurvey, 1, 100+i, "Answer A", -3)    // a pros column
		add(persona.KindTranscript, 2, 200+i, "Answer B", 3) // interviews form no column
	}
	// One praise answer of 30 sentences in the cons column is one answer.
	for j := 0; j < 30; j++ {
		add(persona.KindSurvey, 1, 999, "Answer B", -3)
	}
	add(persona.KindSurvey, 3, 1, "Answer B", 3) // another file's column of one answer
	// Without a prior the cons column's quotes read as pains, the rest as
	// barriers.
	ring := func(i int) persona.Ring {
		if quotes[i].Question == "Answer B" && quotes[i].SourceID == 1 && quotes[i].Kind == persona.KindSurvey {
			return persona.RingPriority
		}
		return persona.RingBarriers
	}
	shifts := columnPriors(quotes, func(i int) float64 { return logit[i] }, ring)
	prior := make([]float64, len(shifts))
	for i, s := range shifts {
		prior[i] = s.complaint
	}
	if s := shifts[0]; s.pain != 1 || s.barrier > 0.1 {
		t.Errorf("a column of pains: barrier share %.2f, pain share %.2f; want pain 1, barrier near 0", s.barrier, s.pain)
	}
	if s := shifts[1]; s.barrier != 1 || s.pain > 0.1 {
		t.Errorf("a column of barriers: barrier share %.2f, pain share %.2f; want barrier 1, pain near 0", s.barrier, s.pain)
	}
	if prior[0] < 0.8 || prior[1] > -0.8 {
		t.Errorf("cons column %.2f, pros column %.2f; want > 0.8 and < -0.8", prior[0], prior[1])
	}
	if prior[2] != 0 {
		t.Errorf("interview quote got prior %.2f", prior[2])
	}
	if prior[len(quotes)-2] != prior[0] {
		t.Errorf("a quote of the long praise answer got %.2f, its column %.2f", prior[len(quotes)-2], prior[0])
	}
	if prior[len(quotes)-1] != 0 {
		t.Errorf("one-answer column got prior %.2f", prior[len(quotes)-1])
	}
}
