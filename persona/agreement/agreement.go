// Package agreement computes inter-coder agreement on nominal codings:
// percent agreement, Cohen's kappa (two coders) and Krippendorff's alpha
// (any number of coders, missing values allowed). It knows nothing of
// storage or HTTP: callers hand it reliability data, one row per unit and
// one column per coder, with Missing where a coder gave no value.
package agreement

import "math"

// Missing marks a coder who gave no value for a unit (did not code it).
const Missing = ""

// Data is reliability data: Data[u][c] is coder c's value for unit u.
// Rows may be shorter than the number of coders; absent cells are Missing.
type Data [][]string

// Figure is one agreement coefficient. Defined is false when the data
// cannot support it (no pairable values, or no variation to correct for
// chance with); Value is then 0. Units counts the units that entered it
// (those with at least two values; both coders' for kappa).
type Figure struct {
	Value   float64 `json:"value"`
	Defined bool    `json:"defined"`
	Units   int     `json:"units"`
}

func defined(v float64, units int) Figure {
	return Figure{Value: v, Defined: !math.IsNaN(v) && !math.IsInf(v, 0), Units: units}
}

// pairable are a unit's non-missing values.
func pairable(row []string) []string {
	var out []string
	for _, v := range row {
		if v != Missing {
			out = append(out, v)
		}
	}
	return out
}

// Percent is the share of agreeing pairs of values among all pairs of two
// coders' values on the same unit (for two coders: the share of units both
// coded on which they agree). Units with fewer than two values are left out.
func Percent(d Data) Figure {
	var agree, pairs float64
	units := 0
	for _, row := range d {
		vals := pairable(row)
		if len(vals) < 2 {
			continue
		}
		units++
		for i := range vals {
			for j := i + 1; j < len(vals); j++ {
				pairs++
				if vals[i] == vals[j] {
					agree++
				}
			}
		}
	}
	if pairs == 0 {
		return Figure{}
	}
	return defined(agree/pairs, units)
}

// CohenKappa is Cohen's kappa of two coders' values a and b (same units,
// same order), over the units both coded: (po - pe) / (1 - pe), with pe
// from each coder's own marginal distribution. Undefined when no unit was
// coded by both, or when both coders used one and the same value
// throughout (pe = 1).
func CohenKappa(a, b []string) Figure {
	n := 0
	agree := 0
	ma, mb := map[string]int{}, map[string]int{}
	for i := range min(len(a), len(b)) {
		if a[i] == Missing || b[i] == Missing {
			continue
		}
		n++
		ma[a[i]]++
		mb[b[i]]++
		if a[i] == b[i] {
			agree++
		}
	}
	if n == 0 {
		return Figure{}
	}
	po := float64(agree) / float64(n)
	pe := 0.0
	for v, ca := range ma {
		pe += float64(ca) / float64(n) * float64(mb[v]) / float64(n)
	}
	if pe >= 1 {
		return Figure{Units: n}
	}
	return defined((po-pe)/(1-pe), n)
}

// KrippendorffAlpha is Krippendorff's alpha for nominal data:
// 1 - Do/De from the coincidence matrix of the pairable values (units with
// at least two values; a unit of m values adds 1/(m-1) for each ordered
// pair of values from different coders). Missing values are allowed.
// Undefined when fewer than two values are pairable or every pairable value
// is the same (De = 0).
func KrippendorffAlpha(d Data) Figure {
	coinc := map[[2]string]float64{}
	nc := map[string]float64{}
	units := 0
	for _, row := range d {
		vals := pairable(row)
		m := len(vals)
		if m < 2 {
			continue
		}
		units++
		for i := range vals {
			for j := range vals {
				if i == j {
					continue
				}
				coinc[[2]string{vals[i], vals[j]}] += 1 / float64(m-1)
			}
			nc[vals[i]]++
		}
	}
	var n float64
	for _, c := range nc {
		n += c
	}
	if n < 2 {
		return Figure{}
	}
	var observed float64 // sum of o_ck over c != k
	for k, o := range coinc {
		if k[0] != k[1] {
			observed += o
		}
	}
	var expected float64 // sum of n_c * n_k over c != k
	for c, a := range nc {
		for k, b := range nc {
			if c != k {
				expected += a * b
			}
		}
	}
	if expected == 0 {
		return Figure{Units: units}
	}
	return defined(1-(n-1)*observed/expected, units)
}
