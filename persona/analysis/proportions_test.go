package analysis

import (
	"math"
	"testing"
)

// Known values: R's prop.test(c(x1, x2), c(n1, n2), correct = FALSE)
// reports X-squared = z² and the same p-value.
func TestTwoProportionZKnownValues(t *testing.T) {
	cases := []struct {
		name           string
		x1, n1, x2, n2 int
		chi2, p        float64
	}{
		{"45/100 vs 60/100", 45, 100, 60, 100, 4.5113, 0.03367},
		{"15/50 vs 25/50", 15, 50, 25, 50, 4.1667, 0.04123},
		{"falling 60/100 vs 45/100", 60, 100, 45, 100, 4.5113, 0.03367},
		{"equal shares", 10, 40, 5, 20, 0, 1},
		// 2 of 7 vs 6 of 7: prop.test gives X-squared = 4.6667, p = 0.03075.
		{"small groups", 2, 7, 6, 7, 4.6667, 0.03075},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := TwoProportionZ(c.x1, c.n1, c.x2, c.n2)
			if !got.OK {
				t.Fatalf("test undefined: %+v", got)
			}
			if math.Abs(got.Z*got.Z-c.chi2) > 5e-4 {
				t.Errorf("z² = %.4f, want %.4f", got.Z*got.Z, c.chi2)
			}
			if math.Abs(got.P-c.p) > 5e-5 {
				t.Errorf("p = %.5f, want %.5f", got.P, c.p)
			}
			if (got.Diff > 0) != (float64(c.x2)/float64(c.n2) > float64(c.x1)/float64(c.n1)) {
				t.Errorf("diff %.3f has the wrong sign", got.Diff)
			}
		})
	}
}

func TestTwoProportionZUndefined(t *testing.T) {
	cases := []struct {
		name           string
		x1, n1, x2, n2 int
	}{
		{"empty first group", 0, 0, 3, 10},
		{"empty second group", 3, 10, 0, 0},
		{"both zero", 0, 10, 0, 12},
		{"both all", 10, 10, 12, 12},
		{"more raising than asked", 11, 10, 1, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := TwoProportionZ(c.x1, c.n1, c.x2, c.n2)
			if got.OK || got.Significant(0.05) {
				t.Errorf("want undefined and not significant, got %+v", got)
			}
		})
	}
}

// Known values of R's fisher.test (two-sided).
func TestFisherExactKnownValues(t *testing.T) {
	cases := []struct {
		name           string
		x1, n1, x2, n2 int
		p              float64
	}{
		// Fisher's lady tasting tea: 3 of 4 cups right, 1 of 4 wrong.
		{"tea tasting", 3, 4, 1, 4, 0.4857},
		// Wikipedia's example: 1 of 10 men, 11 of 14 women studying.
		{"studying", 1, 10, 11, 14, 0.002759},
		{"identical groups", 2, 5, 2, 5, 1},
		{"empty group", 0, 0, 2, 5, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := FisherExact(c.x1, c.n1, c.x2, c.n2); math.Abs(got-c.p) > 5e-5 {
				t.Errorf("p = %.6f, want %.6f", got, c.p)
			}
			if a, b := FisherExact(c.x1, c.n1, c.x2, c.n2), FisherExact(c.x2, c.n2, c.x1, c.n1); math.Abs(a-b) > 1e-12 {
				t.Errorf("not symmetric: %v vs %v", a, b)
			}
		})
	}
}

func TestExpectedMin(t *testing.T) {
	// 45/100 vs 60/100: 105 raise of 200, the smallest expected cell is
	// 100·95/200 = 47.5.
	if got := ExpectedMin(45, 100, 60, 100); math.Abs(got-47.5) > 1e-9 {
		t.Errorf("ExpectedMin = %v, want 47.5", got)
	}
	// 2/7 vs 6/7: 8 raise of 14, smallest 7·6/14 = 3.
	if got := ExpectedMin(2, 7, 6, 7); math.Abs(got-3) > 1e-9 {
		t.Errorf("ExpectedMin = %v, want 3", got)
	}
}
