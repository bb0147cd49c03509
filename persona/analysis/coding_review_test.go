package analysis

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestReviewOrderRealData simulates a review on every suite set (N = 3,
// seeds 1–3, 3 rounds of one decision per label) and compares the orders.
func TestReviewOrderRealData(t *testing.T) {
	if raceEnabled {
		t.Skip("real-data evaluation: too slow under the race detector")
	}
	if os.Getenv("VERBATIM_REVIEW_SIM") == "" {
		t.Skip("set VERBATIM_REVIEW_SIM")
	}
	max, _ := strconv.Atoi(os.Getenv("VERBATIM_REVIEW_MAX"))
	ctx := context.Background()
	for _, set := range Suite {
		if only := os.Getenv("VERBATIM_REVIEW_SETS"); only != "" && !strings.Contains(only, set.Name) {
			continue
		}
		texts, labels, err := set.Load(dataDir)
		if err != nil {
			t.Fatal(err)
		}
		texts, labels = Subsample(texts, labels, max, 1)
		e, err := NewSeededEval(ctx, texts, labels, CodingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		orders := ReviewOrders
		if v := os.Getenv("VERBATIM_REVIEW_ORDERS"); v != "" {
			orders = nil
			for _, f := range strings.Split(v, ",") {
				orders = append(orders, ReviewOrder(f))
			}
		}
		for _, o := range orders {
			var sum []float64
			for seed := int64(1); seed <= 3; seed++ {
				r, err := e.SimulateReview(ctx, 3, seed, 3, o)
				if err != nil {
					t.Fatal(err)
				}
				if sum == nil {
					sum = make([]float64, len(r.ACC))
				}
				for i, a := range r.ACC {
					sum[i] += a / 3
				}
				t.Logf("%-14s %-10s seed %d %.3f", set.Name, o, seed, r.ACC)
			}
			t.Logf("%-14s %-10s mean %.3f", set.Name, o, sum)
		}
	}
}
