package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona/analysis"
)

// evalReviewSuite simulates a review on the development suite
// (analysis.SimulateReview): per set and order, the test set's accuracy
// before the first round and after each (mean (min–max) over the seeds),
// and the queue's gain over the random order paired by seed.
func evalReviewSuite(ctx context.Context, w io.Writer, dir string, perClass, rounds int, seedList, only string, maxTexts int) error {
	seeds, want, err := suiteArgs(seedList, only)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "vectors: %s; simulated review from %d seeds per label, %d rounds of one decision per label, seeds %s; test-set ACC after each round\n",
		vectorsName(), perClass, rounds, seedList)
	for _, set := range analysis.Suite {
		if len(want) > 0 && !want[set.Name] {
			continue
		}
		start := time.Now()
		e, err := analysis.LoadSeededEval(ctx, dir, set, maxTexts, analysis.CodingOptions{})
		if err != nil {
			return err
		}
		acc := map[analysis.ReviewOrder][][]float64{} // order → seed → round
		var test int
		for _, o := range analysis.ReviewOrders {
			for _, seed := range seeds {
				r, err := e.SimulateReview(ctx, perClass, seed, rounds, o)
				if err != nil {
					return err
				}
				acc[o], test = append(acc[o], r.ACC), r.Test
			}
		}
		fmt.Fprintf(w, "%s (%d texts, %d labels, test set %d)\n", set.Name, e.Len(), e.Labels(), test)
		for _, o := range analysis.ReviewOrders {
			fmt.Fprintf(w, "  %-10s %s\n", o, roundsLine(acc[o], "%.3f (%.3f–%.3f)"))
		}
		var gain [][]float64
		for s := range seeds {
			var g []float64
			for r := range acc[analysis.OrderQueue][s] {
				g = append(g, acc[analysis.OrderQueue][s][r]-acc[analysis.OrderRandom][s][r])
			}
			gain = append(gain, g)
		}
		fmt.Fprintf(w, "  %-10s %s  (%.0fs)\n", "queue−rand", roundsLine(gain, "%+.3f (%+.3f…%+.3f)"), time.Since(start).Seconds())
	}
	return nil
}

// roundsLine is, per round, the mean, min and max over the seeds' rows,
// in format.
func roundsLine(rows [][]float64, format string) string {
	var parts []string
	for r := range rows[0] {
		lo, hi, sum := math.Inf(1), math.Inf(-1), 0.0
		for _, row := range rows {
			lo, hi, sum = min(lo, row[r]), max(hi, row[r]), sum+row[r]
		}
		parts = append(parts, fmt.Sprintf(format, sum/float64(len(rows)), lo, hi))
	}
	return strings.Join(parts, "  ")
}
