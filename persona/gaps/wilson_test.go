package gaps

import (
	"math"
	"testing"
)

// Reference values: statsmodels proportion_confint(k, n, method="wilson")
// and Newcombe (1998), Table I.
func TestWilson(t *testing.T) {
	tests := []struct {
		k, n      int
		low, high float64
	}{
		{5, 10, 0.2366, 0.7634},
		{0, 10, 0, 0.2775},
		{10, 10, 0.7225, 1},
		{81, 263, 0.2553, 0.3662}, // Newcombe's example 81/263
		{15, 148, 0.0624, 0.1605}, // Newcombe's example 15/148
		{0, 20, 0, 0.1611},        // Newcombe's example 0/20
		{1, 29, 0.0061, 0.1718},   // Newcombe's example 1/29
	}
	for _, tt := range tests {
		got := Wilson(tt.k, tt.n)
		if math.Abs(got.Low-tt.low) > 5e-4 || math.Abs(got.High-tt.high) > 5e-4 {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f]; want [%.4f, %.4f]", tt.k, tt.n, got.Low, got.High, tt.low, tt.high)
		}
		if want := float64(tt.k) / float64(tt.n); got.Share != want {
			t.Errorf("Wilson(%d, %d).Share = %v; want %v", tt.k, tt.n, got.Share, want)
		}
	}
}

func TestWilsonEdges(t *testing.T) {
	if got := Wilson(0, 0); got.Low != 0 || got.High != 1 || got.Share != 0 {
		t.Errorf("Wilson(0, 0) = %+v; want share 0 in [0, 1]", got)
	}
	if got := Wilson(12, 10); got.K != 10 || got.Share != 1 {
		t.Errorf("Wilson(12, 10) = %+v; want k clamped to n", got)
	}
	// The interval narrows as n grows at the same share.
	if a, b := Wilson(5, 10).PlusMinus(), Wilson(50, 100).PlusMinus(); b >= a {
		t.Errorf("PlusMinus at n=100 (%.3f) not below n=10 (%.3f)", b, a)
	}
}
