package analysis

import (
	"context"
	"math/rand"
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

// TestSmallCodebookRealData: a codebook of three codes over a whole real
// set (three labels drawn per seed among those with more than ten texts,
// five seeds each) must code the quotes of the other labels less often
// than those of its own labels on every seed, and less often with the
// codebook gate (coding_gate.go) than without it, on the mean over seeds
// 1–3: quotes unlike every code stay for the discovered themes. Without
// the gate SERDIF coded 62–100% of the other labels' quotes and NHS
// 53–87% (docs/SEEDED.md, "Session seeded8").
func TestSmallCodebookRealData(t *testing.T) {
	if raceEnabled {
		t.Skip("real-data evaluation: too slow under the race detector")
	}
	defer func() { gateOff = false }()
	for _, name := range []string{"serdif", "nhs"} {
		t.Run(name, func(t *testing.T) {
			var set SuiteSet
			for _, s := range Suite {
				if s.Name == name {
					set = s
				}
			}
			openData(t, set.Files[0]).Close()
			e, err := LoadSeededEval(context.Background(), dataDir, set, 0, CodingOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var with, without float64
			for _, seed := range []int64{1, 2, 3} {
				gateOff = true
				_, _, _, offOut, _ := smallCodebookRun(t, e, 3, 5, seed)
				gateOff = false
				in, out, inCov, outCov, inRight := smallCodebookRun(t, e, 3, 5, seed)
				t.Logf("%s seed %d: %d quotes of the codes' labels, %.3f coded (%.3f right); %d of other labels, %.3f coded (%.3f without the gate)",
					name, seed, in, inCov, inRight, out, outCov, offOut)
				with, without = with+outCov/3, without+offOut/3
				if outCov >= inCov {
					t.Errorf("seed %d: %.3f of the other labels' quotes coded, %.3f of the codes' own; want fewer", seed, outCov, inCov)
				}
			}
			if with >= without {
				t.Errorf("other labels' quotes coded: %.3f with the gate, %.3f without; want fewer with it", with, without)
			}
		})
	}
}

// smallCodebookRun seeds per texts of each of codes labels (drawn with
// seed among the labels with more than 2·per texts) and codes the rest.
func smallCodebookRun(t *testing.T, e *SeededEval, codes, per int, seed int64) (in, out int, inCov, outCov, inRight float64) {
	byLabel := map[int][]int{}
	for i, l := range e.truth {
		byLabel[l] = append(byLabel[l], i)
	}
	var big []int
	for l := range e.names {
		if len(byLabel[l]) > 2*per {
			big = append(big, l)
		}
	}
	rng := rand.New(rand.NewSource(seed))
	rng.Shuffle(len(big), func(a, b int) { big[a], big[b] = big[b], big[a] })
	chosen := map[int]bool{}
	var seeds []Seed
	isSeed := map[int]bool{}
	for _, l := range big[:codes] {
		chosen[l] = true
		ids := byLabel[l]
		for _, q := range rng.Perm(len(ids))[:per] {
			seeds = append(seeds, Seed{Quote: ids[q], Code: e.names[l]})
			isSeed[ids[q]] = true
		}
	}
	as, err := e.coder.Code(context.Background(), seeds)
	if err != nil {
		t.Fatal(err)
	}
	var inCoded, outCoded, right int
	for i, a := range as {
		if isSeed[i] || a.Best == "" {
			continue
		}
		if chosen[e.truth[i]] {
			in++
			if a.Code != "" {
				inCoded++
				if a.Code == e.names[e.truth[i]] {
					right++
				}
			}
		} else {
			out++
			if a.Code != "" {
				outCoded++
			}
		}
	}
	return in, out, float64(inCoded) / float64(max(in, 1)), float64(outCoded) / float64(max(out, 1)), float64(right) / float64(max(inCoded, 1))
}
