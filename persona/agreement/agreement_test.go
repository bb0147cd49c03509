package agreement

import (
	"math"
	"strings"
	"testing"
)

// row reads one coder's values, "." for missing.
func row(s string) []string {
	f := strings.Fields(s)
	for i, v := range f {
		if v == "." {
			f[i] = Missing
		}
	}
	return f
}

// byUnit turns one row per coder into Data (one row per unit).
func byUnit(coders ...[]string) Data {
	n := 0
	for _, c := range coders {
		n = max(n, len(c))
	}
	d := make(Data, n)
	for u := range d {
		d[u] = make([]string, len(coders))
		for c, vals := range coders {
			if u < len(vals) {
				d[u][c] = vals[u]
			}
		}
	}
	return d
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// Published worked examples of Krippendorff's alpha: K. Krippendorff,
// "Computing Krippendorff's Alpha-Reliability" (2011), sections A (binary
// data, two observers) and C (nominal data, four observers, missing values).
func TestKrippendorffAlphaPublishedExamples(t *testing.T) {
	cases := []struct {
		name   string
		coders [][]string
		want   float64
		units  int
	}{
		{"binary, two observers, no missing", [][]string{
			row("0 1 0 0 0 0 0 0 1 0"),
			row("1 1 1 0 0 1 0 0 0 0")}, 0.095, 10},
		{"nominal, four observers, missing values", [][]string{
			row("1 2 3 3 2 1 4 1 2 . . ."),
			row("1 2 3 3 2 2 4 1 2 5 . 3"),
			row(". 3 3 3 2 3 4 2 2 5 1 ."),
			row("1 2 3 3 2 4 4 1 2 5 1 .")}, 0.743, 11},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := KrippendorffAlpha(byUnit(c.coders...))
			if !got.Defined || !near(got.Value, c.want, 0.0005) || got.Units != c.units {
				t.Errorf("alpha = %+v; want %.3f over %d units", got, c.want, c.units)
			}
		})
	}
}

// Cohen's kappa on textbook tables: Wikipedia's "Cohen's kappa" worked
// example (50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15:
// po = 0.7, pe = 0.5, kappa = 0.4) and its two tables with the same
// po = 0.60 but different marginals (kappa 0.1304 and 0.2593); and a
// three-category table worked by hand (po = 0.89, pe = 0.66,
// kappa = 0.23/0.34 = 0.676).
func TestCohenKappaTextbookExamples(t *testing.T) {
	table := func(cells map[[2]string]int) (a, b []string) {
		for k, n := range cells {
			for range n {
				a, b = append(a, k[0]), append(b, k[1])
			}
		}
		return a, b
	}
	cases := []struct {
		name  string
		cells map[[2]string]int
		want  float64
		units int
	}{
		{"wikipedia yes/no", map[[2]string]int{{"y", "y"}: 20, {"y", "n"}: 5, {"n", "y"}: 10, {"n", "n"}: 15}, 0.4, 50},
		{"wikipedia balanced", map[[2]string]int{{"y", "y"}: 45, {"y", "n"}: 15, {"n", "y"}: 25, {"n", "n"}: 15}, 0.1304, 100},
		{"wikipedia unbalanced", map[[2]string]int{{"y", "y"}: 25, {"y", "n"}: 35, {"n", "y"}: 5, {"n", "n"}: 35}, 0.2593, 100},
		{"fleiss three categories", map[[2]string]int{
			{"psych", "psych"}: 75, {"psych", "neuro"}: 1, {"psych", "organic"}: 4,
			{"neuro", "psych"}: 5, {"neuro", "neuro"}: 4, {"neuro", "organic"}: 1,
			{"organic", "psych"}: 0, {"organic", "neuro"}: 0, {"organic", "organic"}: 10}, 0.676, 100},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, b := table(c.cells)
			got := CohenKappa(a, b)
			if !got.Defined || !near(got.Value, c.want, 0.0005) || got.Units != c.units {
				t.Errorf("kappa = %+v; want %.4f over %d units", got, c.want, c.units)
			}
		})
	}
}

func TestEdgeCases(t *testing.T) {
	cases := []struct {
		name                  string
		coders                [][]string
		percent, kappa, alpha Figure
	}{
		{"no data", nil, Figure{}, Figure{}, Figure{}},
		{"no overlap", [][]string{row("1 . 1"), row(". 1 .")}, Figure{}, Figure{}, Figure{}},
		{"perfect, one value only", [][]string{row("1 1 1"), row("1 1 1")},
			Figure{Value: 1, Defined: true, Units: 3}, Figure{Units: 3}, Figure{Units: 3}},
		{"perfect, two values", [][]string{row("1 0 1 0"), row("1 0 1 0")},
			Figure{Value: 1, Defined: true, Units: 4}, Figure{Value: 1, Defined: true, Units: 4}, Figure{Value: 1, Defined: true, Units: 4}},
		{"total disagreement", [][]string{row("1 0"), row("0 1")},
			Figure{Value: 0, Defined: true, Units: 2}, Figure{Value: -1, Defined: true, Units: 2}, Figure{Value: -0.5, Defined: true, Units: 2}},
		{"missing cells skipped", [][]string{row("1 0 . 1"), row("1 0 1 .")},
			Figure{Value: 1, Defined: true, Units: 2}, Figure{Value: 1, Defined: true, Units: 2}, Figure{Value: 1, Defined: true, Units: 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := byUnit(c.coders...)
			check := func(what string, got, want Figure) {
				if got.Defined != want.Defined || got.Units != want.Units || !near(got.Value, want.Value, 1e-9) {
					t.Errorf("%s = %+v; want %+v", what, got, want)
				}
			}
			check("percent", Percent(d), c.percent)
			check("alpha", KrippendorffAlpha(d), c.alpha)
			if len(c.coders) == 2 {
				check("kappa", CohenKappa(c.coders[0], c.coders[1]), c.kappa)
			}
		})
	}
}

// Percent agreement over several coders counts agreeing pairs: a unit
// coded a, a, b has 1 agreeing pair of 3.
func TestPercentPairs(t *testing.T) {
	got := Percent(Data{{"a", "a", "b"}, {"a", "a", "a"}})
	if !near(got.Value, 4.0/6, 1e-9) || got.Units != 2 {
		t.Errorf("percent = %+v; want 4/6 over 2 units", got)
	}
}
