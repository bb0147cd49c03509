package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona/analysis"
)

// parsePerClass reads --seed-per-class: a comma-separated list of
// positive counts.
func parsePerClass(list string) ([]int, error) {
	var ns []int
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("--seed-per-class %q: want positive counts like 1,3,5,10", list)
		}
		ns = append(ns, n)
	}
	return ns, nil
}

// evalSeeded scores the researcher-seeded coding of one labelled file:
// per count in ns, that many texts per label drawn with seed are the
// seeds, and the rest is scored.
func evalSeeded(ctx context.Context, w io.Writer, texts, labels []string, ns []int, seed int64, asJSON, themes bool) error {
	start := time.Now()
	e, err := analysis.NewSeededEval(ctx, texts, labels, analysis.CodingOptions{})
	if err != nil {
		return err
	}
	e.Themes = themes
	var out []analysis.SeededResult
	for _, n := range ns {
		r, err := e.Run(ctx, n, seed)
		if err != nil {
			return err
		}
		out = append(out, r)
	}
	if asJSON {
		return json.NewEncoder(w).Encode(out)
	}
	for _, r := range out {
		fmt.Fprintf(w, "per class %d  seeds %d  scored %d  NMI %.3f  ARI %.3f  ACC (all, best code) %.3f  coverage %.3f  coded ACC %.3f\n",
			r.PerClass, r.Seeds, r.N, r.NMI, r.ARI, r.ACC, r.Coverage, r.CodedACC)
		if p := r.Product; p != nil {
			fmt.Fprintf(w, "  product's view (codes + %d discovered themes): NMI %.3f  ARI %.3f  ACC (matched) %.3f\n", p.K, p.NMI, p.ARI, p.ACC)
		}
	}
	fmt.Fprintf(w, "(%.1fs)\n", time.Since(start).Seconds())
	return nil
}

// evalSeededSuite runs the seeded coding on the development suite: per
// set and count in ns, the figures' mean and range over the seeds.
func evalSeededSuite(ctx context.Context, w io.Writer, dir string, ns []int, seedList, only string, maxTexts int, themes bool) error {
	seeds, want, err := suiteArgs(seedList, only)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "vectors: %s; seeded coding, N labelled texts per label drawn with seeds %s, scored on the rest\n", vectorsName(), seedList)
	fmt.Fprintln(w, "ACC: every scored text's best code against its label; coverage: the share given a code (confidence > .5); coded ACC: the share of those right")
	if themes {
		fmt.Fprintln(w, "product's view (P-): the coded quotes grouped by their code, the uncoded ones by the theme clustering (k chosen automatically); P-ACC matches groups to labels one to one")
	}
	head := fmt.Sprintf("%-14s %6s %6s %3s %-17s %-17s %-17s %-17s %-17s", "set", "texts", "labels", "N", "NMI", "ARI", "ACC", "coverage", "coded ACC")
	if themes {
		head += fmt.Sprintf(" %-17s %-17s %-17s", "P-NMI", "P-ARI", "P-ACC")
	}
	fmt.Fprintf(w, "%s %5s\n", head, "time")
	for _, set := range analysis.Suite {
		if len(want) > 0 && !want[set.Name] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		r, err := analysis.RunSeededSuiteSet(ctx, dir, set, ns, seeds, maxTexts, themes, analysis.CodingOptions{})
		if err != nil {
			return err
		}
		for i, n := range r.PerClass {
			runs := r.Runs[i]
			// f is the mean (min–max) of get over the runs where ok; the
			// coded quotes' accuracy is undefined where none was coded,
			// and the count of runs it covers is then given.
			f := func(get func(analysis.SeededResult) float64, ok func(analysis.SeededResult) bool) string {
				lo, hi, sum, n := math.Inf(1), math.Inf(-1), 0.0, 0
				for _, x := range runs {
					if !ok(x) {
						continue
					}
					v := get(x)
					lo, hi, sum, n = min(lo, v), max(hi, v), sum+v, n+1
				}
				switch {
				case n == 0:
					return "– (none coded)"
				case n < len(runs):
					return fmt.Sprintf("%.3f (%.3f–%.3f) %d/%d", sum/float64(n), lo, hi, n, len(runs))
				}
				return fmt.Sprintf("%.3f (%.3f–%.3f)", sum/float64(n), lo, hi)
			}
			all := func(analysis.SeededResult) bool { return true }
			coded := func(x analysis.SeededResult) bool { return x.Coverage > 0 }
			took := ""
			if i == len(r.PerClass)-1 {
				took = fmt.Sprintf("%4.0fs", time.Since(start).Seconds())
			}
			line := fmt.Sprintf("%-14s %6d %6d %3d %-17s %-17s %-17s %-17s %-17s",
				set.Name, r.Texts, r.Labels, n,
				f(func(x analysis.SeededResult) float64 { return x.NMI }, all),
				f(func(x analysis.SeededResult) float64 { return x.ARI }, all),
				f(func(x analysis.SeededResult) float64 { return x.ACC }, all),
				f(func(x analysis.SeededResult) float64 { return x.Coverage }, all),
				f(func(x analysis.SeededResult) float64 { return x.CodedACC }, coded))
			if themes {
				product := func(x analysis.SeededResult) bool { return x.Product != nil }
				line += fmt.Sprintf(" %-17s %-17s %-17s",
					f(func(x analysis.SeededResult) float64 { return x.Product.NMI }, product),
					f(func(x analysis.SeededResult) float64 { return x.Product.ARI }, product),
					f(func(x analysis.SeededResult) float64 { return x.Product.ACC }, product))
			}
			fmt.Fprintf(w, "%s %5s\n", line, took)
		}
	}
	return nil
}
