package analysis

import (
	"math/rand/v2"
	"testing"
)

// splitFixture is n buyers raising recurring themes from 0..nThemes-1:
// with planted groups, buyer i of group g raises mostly group g's themes;
// without, each theme at random with the same rate.
func splitFixture(n, nThemes, groups int, planted bool, seed uint64) gower {
	rng := rand.New(rand.NewPCG(seed, 1))
	buyers := make([]buyer, n)
	per := nThemes / groups
	for i := range buyers {
		g := i % groups
		for t := 0; t < nThemes; t++ {
			p := 0.25
			if planted {
				p = 0.08
				if t/per == g {
					p = 0.6
				}
			}
			if rng.Float64() < p {
				buyers[i].themes = append(buyers[i].themes, t)
			}
		}
	}
	return gower{buyers: buyers, themes: true}
}

// TestSplitBeatsChance: the best split of buyers in planted groups beats
// every feature-shuffled copy; the best split of buyers whose themes are
// independent of each other does not (on most seeds: the test is at
// p < 0.05, so a rare false positive is allowed).
func TestSplitBeatsChance(t *testing.T) {
	tests := []struct {
		name       string
		groups     int
		planted    bool
		wantReal   int // of 5 seeds, at least
		wantUnreal int
	}{
		{"two planted groups", 2, true, 5, 0},
		{"three planted groups", 3, true, 5, 0},
		{"no groups", 2, false, 0, 4},
	}
	for _, tt := range tests {
		var real, unreal int
		for seed := uint64(1); seed <= 5; seed++ {
			d := splitFixture(60, 12, tt.groups, tt.planted, seed)
			m := distMatrix(d, indexes(60))
			maxK := min(maxPersonas, 60/minPersonaSize)
			med, _ := bestMedoids(m, maxK)
			st := testSplit(d, indexes(60), assignMatrix(m, med), len(med), maxK, int64(seed))
			if st.beatsChance() {
				real++
			} else {
				unreal++
			}
			t.Logf("%s seed %d: k %d, silhouette %.3f, chance max %.3f, z %.1f", tt.name, seed, len(med), st.silhouette, maxOf(st.null), st.z())
		}
		if real < tt.wantReal || unreal < tt.wantUnreal {
			t.Errorf("%s: real on %d of 5 seeds; want at least %d real and %d not", tt.name, real, tt.wantReal, tt.wantUnreal)
		}
	}
}

func maxOf(xs []float64) float64 {
	m := -2.0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
