package analysis

import "math"

// ProportionTest is a two-proportion z-test of x1 of n1 against x2 of n2:
// is the share x2/n2 different from x1/n1?
type ProportionTest struct {
	P1, P2 float64 // the two shares
	// Diff is P2 - P1.
	Diff float64
	// Z is the pooled z statistic, P its two-sided p-value.
	Z, P float64
	// OK is false when the test is undefined: an empty group, or both
	// shares 0 or both 1 (no variance under the null hypothesis).
	OK bool
}

// TwoProportionZ runs the pooled two-proportion z-test (the normal
// approximation, no continuity correction; z² equals the Pearson
// chi-square of the 2×2 table, R's prop.test(correct = FALSE)).
func TwoProportionZ(x1, n1, x2, n2 int) ProportionTest {
	var t ProportionTest
	if n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2 {
		return t
	}
	t.P1, t.P2 = float64(x1)/float64(n1), float64(x2)/float64(n2)
	t.Diff = t.P2 - t.P1
	pool := float64(x1+x2) / float64(n1+n2)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		t.P = 1
		return t
	}
	t.Z = t.Diff / se
	t.P = math.Erfc(math.Abs(t.Z) / math.Sqrt2)
	t.OK = true
	return t
}

// Significant reports whether the test is defined and its p-value is
// below alpha.
func (t ProportionTest) Significant(alpha float64) bool { return t.OK && t.P < alpha }
