package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona/analysis"
)

func cmdEval(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	labels := fs.String("labels", "", "CSV file of labelled texts")
	textCol := fs.String("text-col", "text", "column holding the text")
	labelCol := fs.String("label-col", "label", "column holding the human label")
	k := fs.Int("k", 0, "number of groups (0 chooses it automatically)")
	seed := fs.Int64("seed", 1, "random seed")
	asJSON := fs.Bool("json", false, `print {"n","k","nmi","ari","acc"}`)
	suite := fs.String("suite", "", "run the whole development suite found in DIR (../shared/data)")
	seeds := fs.String("seeds", "1,2,3", "with --suite: the seeds to run")
	sets := fs.String("sets", "", "with --suite: only these sets (comma-separated names)")
	maxTexts := fs.Int("max", 0, "with --suite: subsample each set to at most N texts (0: all)")
	perClass := fs.String("seed-per-class", "", "score the researcher-seeded coding instead: N labelled texts per label (a list: 1,3,5,10) drawn with --seed (--seeds with --suite) are the seeds; scored on the rest")
	review := fs.Int("review-rounds", 0, "with --suite and one --seed-per-class N: simulate that many rounds of review (one decision per label each) from N seeds per label, comparing review orders")
	themes := fs.Bool("themes", false, "with --seed-per-class: also score the product's view, the coded quotes by their code and the uncoded ones by the theme clustering (one clustering per draw: slower)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return errUsage
	}
	var ns []int
	if *perClass != "" {
		var err error
		if ns, err = parsePerClass(*perClass); err != nil {
			fmt.Fprintln(e.stderr, err)
			return errUsage
		}
	}
	if *suite != "" {
		if *review > 0 {
			if len(ns) != 1 {
				fmt.Fprintln(e.stderr, "--review-rounds needs one --seed-per-class count")
				return errUsage
			}
			return evalReviewSuite(ctx, e.stdout, *suite, ns[0], *review, *seeds, *sets, *maxTexts)
		}
		if ns != nil {
			return evalSeededSuite(ctx, e.stdout, *suite, ns, *seeds, *sets, *maxTexts, *themes)
		}
		return evalSuite(ctx, e.stdout, *suite, *seeds, *sets, *maxTexts)
	}
	if *labels == "" {
		fmt.Fprintln(e.stderr, "usage: verbatim eval --labels FILE.csv --text-col COL --label-col COL [--k N] [--seed-per-class N [--themes]] [--json]\n       verbatim eval --suite DIR [--seeds 1,2,3] [--sets a,b] [--max N] [--seed-per-class 1,3,5,10 [--themes] | --seed-per-class N --review-rounds R]")
		return errUsage
	}
	f, err := os.Open(*labels)
	if err != nil {
		return err
	}
	defer f.Close()
	texts, truth, err := analysis.ReadLabels(f, *textCol, *labelCol)
	if err != nil {
		return fmt.Errorf("%s: %w", *labels, err)
	}
	if ns != nil {
		return evalSeeded(ctx, e.stdout, texts, truth, ns, *seed, *asJSON, *themes)
	}
	start := time.Now()
	res, err := analysis.Evaluate(texts, truth, analysis.EvalOptions{K: *k, Seed: *seed})
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(res)
	}
	fmt.Fprintf(e.stdout, "texts %d  k %d  NMI %.3f  ARI %.3f  ACC %.3f  (%.1fs)\n",
		res.N, res.K, res.NMI, res.ARI, res.ACC, time.Since(start).Seconds())
	return nil
}

// evalSuite runs analysis.Suite from dir and prints, per set, Verbatim's
// grouping with k chosen automatically (mean and range over the seeds)
// beside the plain baseline told the true k, computed here (seed 1) and as
// the data README lists it, and whether the bars are met: k within ½–2×
// the labels, ARI and accuracy at least the computed baseline's on every
// seed.
func evalSuite(ctx context.Context, w io.Writer, dir, seedList, only string, maxTexts int) error {
	seeds, want, err := suiteArgs(seedList, only)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "vectors: %s; seeds %s; k chosen automatically; baseline at the true k (computed, seed 1 | data README)\n", vectorsName(), seedList)
	fmt.Fprintf(w, "%-14s %6s %6s %-11s %-17s %-17s %-17s %-17s %-17s %5s %s\n",
		"set", "texts", "labels", "k", "NMI", "ARI", "ACC", "baseline", "README", "time", "bars")
	failed := 0
	for _, set := range analysis.Suite {
		if len(want) > 0 && !want[set.Name] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		r, err := analysis.RunSuiteSet(dir, set, seeds, maxTexts, analysis.EvalOptions{})
		if err != nil {
			return err
		}
		ks, nmi, ari, acc := spread(r.Runs)
		b := r.Baseline
		bars := suiteBars(r)
		if bars != "ok" {
			failed++
		}
		fmt.Fprintf(w, "%-14s %6d %6d %-11s %-17s %-17s %-17s %-17s %-17s %4.0fs %s\n",
			set.Name, b.N, r.Labels, ks, nmi, ari, acc,
			fmt.Sprintf("%.3f/%.3f/%.3f", b.NMI, b.ARI, b.ACC),
			fmt.Sprintf("%.3f/%.3f/%.3f", set.Baseline[0], set.Baseline[1], set.Baseline[2]),
			time.Since(start).Seconds(), bars)
	}
	if failed > 0 {
		fmt.Fprintf(w, "%d set(s) miss a bar\n", failed)
	}
	return nil
}

// suiteBars names the bars r misses on any seed, or "ok".
func suiteBars(r analysis.SuiteResult) string {
	var miss []string
	for i, run := range r.Runs {
		var m []string
		if 2*run.K < r.Labels || run.K > 2*r.Labels {
			m = append(m, "k")
		}
		if run.ARI < r.Baseline.ARI {
			m = append(m, "ARI")
		}
		if run.ACC < r.Baseline.ACC {
			m = append(m, "ACC")
		}
		if len(m) > 0 {
			miss = append(miss, fmt.Sprintf("seed %d: %s", r.Seeds[i], strings.Join(m, ",")))
		}
	}
	if len(miss) == 0 {
		return "ok"
	}
	return "MISS " + strings.Join(miss, "; ")
}

// spread formats the runs' k range and each score's mean with its range.
func spread(runs []analysis.EvalResult) (k, nmi, ari, acc string) {
	f := func(get func(analysis.EvalResult) float64) string {
		lo, hi, sum := math.Inf(1), math.Inf(-1), 0.0
		for _, r := range runs {
			v := get(r)
			lo, hi, sum = min(lo, v), max(hi, v), sum+v
		}
		return fmt.Sprintf("%.3f (%.3f–%.3f)", sum/float64(len(runs)), lo, hi)
	}
	kl, kh := math.MaxInt, 0
	for _, r := range runs {
		kl, kh = min(kl, r.K), max(kh, r.K)
	}
	k = strconv.Itoa(kl)
	if kh != kl {
		k += "–" + strconv.Itoa(kh)
	}
	return k, f(func(r analysis.EvalResult) float64 { return r.NMI }),
		f(func(r analysis.EvalResult) float64 { return r.ARI }),
		f(func(r analysis.EvalResult) float64 { return r.ACC })
}

// vectorsName says which word vectors DefaultVectors gives.
func vectorsName() string {
	v := analysis.DefaultVectors()
	switch {
	case v == nil:
		return "none (TF-IDF alone)"
	case v == analysis.EmbeddedVectors():
		return fmt.Sprintf("embedded (%d words, 8-bit)", v.Len())
	default:
		return fmt.Sprintf("%s (%d words)", os.Getenv(analysis.VectorsEnv), v.Len())
	}
}

// suiteArgs reads the suite commands' --seeds list and --sets filter (an
// empty filter keeps every set).
func suiteArgs(seedList, only string) ([]int64, map[string]bool, error) {
	var seeds []int64
	for _, s := range strings.Split(seedList, ",") {
		v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, nil, fmt.Errorf("--seeds %q: %w", seedList, err)
		}
		seeds = append(seeds, v)
	}
	want := map[string]bool{}
	for _, s := range strings.Split(only, ",") {
		if s = strings.TrimSpace(s); s != "" {
			want[s] = true
		}
	}
	return seeds, want, nil
}
