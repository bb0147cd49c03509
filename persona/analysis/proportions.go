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

// FisherExact is the two-sided p-value of Fisher's exact test on the 2×2
// table (x1, n1-x1; x2, n2-x2): the probability, under the hypergeometric
// distribution with the margins fixed, of a table at most as likely as
// the observed one (R's fisher.test). 1 when a group is empty.
func FisherExact(x1, n1, x2, n2 int) float64 {
	if n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2 {
		return 1
	}
	k, n := x1+x2, n1+n2 // raising in all, everyone
	lo, hi := max(0, k-n2), min(k, n1)
	logP := func(a int) float64 { // P(first group has a of the k)
		return lchoose(n1, a) + lchoose(n2, k-a) - lchoose(n, k)
	}
	obs := logP(x1)
	p := 0.0
	for a := lo; a <= hi; a++ {
		if lp := logP(a); lp <= obs+1e-7 {
			p += math.Exp(lp)
		}
	}
	return min(1, p)
}

// ExpectedMin is the smallest expected cell count of the 2×2 table under
// the null hypothesis: the z-test's normal approximation wants it at
// least 5 (Cochran's rule).
func ExpectedMin(x1, n1, x2, n2 int) float64 {
	n := float64(n1 + n2)
	if n == 0 {
		return 0
	}
	k := float64(x1 + x2)
	return min(float64(n1), float64(n2)) * min(k, n-k) / n
}

func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}
