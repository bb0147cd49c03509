package analysis

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

func TestSimulateReview(t *testing.T) {
	ctx := context.Background()
	e, texts := labelledCodingEval(t, 5)
	for _, o := range ReviewOrders {
		r, err := e.SimulateReview(ctx, 1, 2, 3, o)
		if err != nil {
			t.Fatalf("%s: %v", o, err)
		}
		want := int(reviewTestShare*float64(len(texts)-len(codingTopics)) + 0.999)
		if len(r.ACC) != 4 || r.Batch != len(codingTopics) || r.Test != want {
			t.Errorf("%s: %d figures, batch %d, test %d; want 4, %d, %d", o, len(r.ACC), r.Batch, r.Test, len(codingTopics), want)
		}
		for i, a := range r.ACC {
			if a < 0 || a > 1 {
				t.Errorf("%s: ACC[%d] = %.3f", o, i, a)
			}
		}
		// Distinct topics: reviewing more cannot leave the coding worse
		// than where it started.
		if r.ACC[3] < r.ACC[0] {
			t.Errorf("%s: ACC %v falls over the review", o, r.ACC)
		}
	}
	tests := []struct {
		name     string
		perClass int
		rounds   int
		order    ReviewOrder
	}{
		{"no seeds", 0, 1, OrderQueue},
		{"no rounds", 1, 0, OrderQueue},
		{"unknown order", 1, 1, "alphabetical"},
	}
	for _, tt := range tests {
		if _, err := e.SimulateReview(ctx, tt.perClass, 1, tt.rounds, tt.order); !errors.Is(err, persona.ErrInvalid) {
			t.Errorf("%s: err %v; want ErrInvalid", tt.name, err)
		}
	}
}

// TestReviewOrderRealData simulates a review on the suite's interview,
// survey and review sets (3 seeds per label, 3 rounds of one decision per
// label, seeds 1–3) and checks that the review queue teaches the coding
// more than a random order: its test-set accuracy, averaged over the
// rounds and paired by seed, is higher by at least .01 on two of the
// three sets. The larger sets are measured with `verbatim eval
// --review-rounds` (docs/SEEDED.md).
func TestReviewOrderRealData(t *testing.T) {
	if raceEnabled {
		t.Skip("real-data evaluation: too slow under the race detector")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	ctx := context.Background()
	var (
		mu   sync.Mutex
		won  []string
		done int // sets measured (a set skips when its data is absent)
	)
	// One parallel subtest per set, so the three share the cores with
	// the other evaluations instead of running one after another.
	t.Run("sets", func(t *testing.T) {
		for _, name := range []string{"nhs", "laptops", "serdif"} {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				var set SuiteSet
				for _, s := range Suite {
					if s.Name == name {
						set = s
					}
				}
				openData(t, set.Files[0]).Close()
				e, err := LoadSeededEval(ctx, dataDir, set, 0, CodingOptions{})
				if err != nil {
					t.Fatal(err)
				}
				var gain float64
				for seed := int64(1); seed <= 3; seed++ {
					q, err := e.SimulateReview(ctx, 3, seed, 3, OrderQueue)
					if err != nil {
						t.Fatal(err)
					}
					r, err := e.SimulateReview(ctx, 3, seed, 3, OrderRandom)
					if err != nil {
						t.Fatal(err)
					}
					for i := 1; i < len(q.ACC); i++ {
						gain += (q.ACC[i] - r.ACC[i]) / 9
					}
					t.Logf("%s seed %d: queue %s, random %s", name, seed, accs(q.ACC), accs(r.ACC))
				}
				t.Logf("%s: the queue's mean gain over random %+.3f", name, gain)
				mu.Lock()
				done++
				if gain >= 0.01 {
					won = append(won, name)
				}
				mu.Unlock()
			})
		}
	})
	if t.Failed() {
		return
	}
	if done < 3 {
		t.Skipf("%d of the three sets measured", done)
	}
	slices.Sort(won)
	if len(won) < 2 {
		t.Errorf("the queue beats a random order by .01 on %v; want two of the three sets", won)
	}
}

func accs(xs []float64) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprintf("%.3f", x))
	}
	return strings.Join(s, " ")
}

// TestBestCodesAreCodes: a simulated review reads each quote's Best from
// bestCodes wherever it needs nothing more (the accuracy, the random
// order); bestCodes must give the Best codes Code gives, with every topic
// a code and with a codebook of two of the three (the codebook gate then
// acts on the third topic, the mixed quotes and the outliers).
func TestBestCodesAreCodes(t *testing.T) {
	ctx := context.Background()
	quotes, topic := codingCorpus(20, 6, 1)
	c, err := NewCoder(ctx, quotes, CodingOptions{NoVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, codes := range []int{3, 2} {
		var seeds []Seed
		for _, s := range codingSeeds(topic, 4) {
			if topic[s.Quote] < codes {
				seeds = append(seeds, s)
			}
		}
		want, err := c.Code(ctx, seeds)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.bestCodes(ctx, seeds)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if got[i].Best != want[i].Best || got[i].Seeded != want[i].Seeded {
				t.Errorf("%d codes, quote %d %q: bestCodes %q (seeded %v); Code %q (seeded %v)",
					codes, i, quotes[i].Text, got[i].Best, got[i].Seeded, want[i].Best, want[i].Seeded)
			}
		}
	}
}
