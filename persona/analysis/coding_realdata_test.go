package analysis

import (
	"context"
	"testing"
)

// TestSeededCodingRealData checks, on real labelled sets, that with five
// researcher-coded examples per label the quotes the coding codes are
// right (on every seed of 1–3) at least .45 of the time (the aim for
// interview quotes) and more often than the unsupervised grouping's
// accuracy (groups matched to labels, k chosen automatically, seed 1);
// and, where wantAll, that the best code of every quote is too (mean over
// the seeds). On SERDIF the best code of every quote is right barely
// more often than the grouping (.304 vs .290, with draws from .238 to
// .340, docs/SEEDED.md), so only the coded quotes are held to it. Banking77 is subsampled to 4,000 texts to
// bound the test's time.
func TestSeededCodingRealData(t *testing.T) {
	if raceEnabled {
		t.Skip("real-data evaluation: too slow under the race detector")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	const perClass = 5
	seeds := []int64{1, 2, 3}
	tests := []struct {
		set     string
		max     int
		wantAll bool // every quote's best code beats the grouping too
	}{
		{"banking77", 4000, true},
		{"serdif", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			var set SuiteSet
			for _, s := range Suite {
				if s.Name == tt.set {
					set = s
				}
			}
			openData(t, set.Files[0]).Close()
			texts, labels, err := set.Load(dataDir)
			if err != nil {
				t.Fatal(err)
			}
			texts, labels = Subsample(texts, labels, tt.max, 1)
			unsup, err := Evaluate(texts, labels, EvalOptions{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			e, err := NewSeededEval(ctx, texts, labels, CodingOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var acc float64
			for _, seed := range seeds {
				r, err := e.Run(ctx, perClass, seed)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s, %d per label, seed %d: NMI %.3f ARI %.3f ACC %.3f coverage %.3f coded ACC %.3f",
					tt.set, perClass, seed, r.NMI, r.ARI, r.ACC, r.Coverage, r.CodedACC)
				acc += r.ACC / float64(len(seeds))
				if r.Coverage == 0 || r.CodedACC < max(0.45, unsup.ACC) {
					t.Errorf("seed %d: coverage %.3f, coded ACC %.3f; want some coded, right ≥ .45 and > the grouping's %.3f",
						seed, r.Coverage, r.CodedACC, unsup.ACC)
				}
			}
			t.Logf("%s unsupervised (k %d): NMI %.3f ARI %.3f ACC %.3f; seeded mean ACC %.3f", tt.set, unsup.K, unsup.NMI, unsup.ARI, unsup.ACC, acc)
			if tt.wantAll && acc <= unsup.ACC {
				t.Errorf("seeded coding's mean ACC %.3f; want over the unsupervised grouping's %.3f", acc, unsup.ACC)
			}
		})
	}
}
