// Package gaps puts the buyers' words to work on marketing's and sales'
// daily questions: does a piece of collateral answer what each persona
// cares about (Check), and how many survey respondents share each theme
// the interviews found (Size). Pure functions over the domain types and
// the analysis's text representation; no HTTP, SQL or search code.
package gaps

import "math"

// z95 is the standard normal quantile for a two-sided 95% interval.
const z95 = 1.959963984540054

// Interval is a proportion with its Wilson score 95% interval.
type Interval struct {
	K     int     `json:"k"` // successes
	N     int     `json:"n"` // trials
	Share float64 `json:"share"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
}

// Wilson is the share k/n with its Wilson score interval at 95%
// (Wilson 1927): unlike the normal approximation it stays inside [0, 1]
// and is honest for small n and for shares near 0 or 1. n = 0 gives a
// zero share with the whole [0, 1] as interval.
func Wilson(k, n int) Interval {
	if n <= 0 {
		return Interval{K: k, N: n, Low: 0, High: 1}
	}
	k = max(0, min(k, n))
	p := float64(k) / float64(n)
	nf := float64(n)
	z2 := z95 * z95
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z95 / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	iv := Interval{K: k, N: n, Share: p, Low: max(0, centre-half), High: min(1, centre+half)}
	if k == 0 { // exact: the bound is the share, not a rounding error away
		iv.Low = 0
	}
	if k == n {
		iv.High = 1
	}
	return iv
}

// PlusMinus is half the interval's width: the "± 7%" of "31% ± 7%". The
// Wilson interval is not symmetric around the share; Low and High are the
// exact bounds.
func (iv Interval) PlusMinus() float64 { return (iv.High - iv.Low) / 2 }
