package analysis

import (
	"fmt"
	"testing"
)

// TestNoCatchAllRealData clusters real quote sets the way a ring is
// clustered (ringClusterOptions) at study sizes of 200 and more: no theme
// may hold more than a quarter of the quotes, unless the quotes really are
// that much one topic (the largest human label holds more; then the theme
// may be as large as that label).
func TestNoCatchAllRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("clusters real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	sets := map[string]SuiteSet{}
	for _, s := range Suite {
		sets[s.Name] = s
	}
	tests := []struct {
		set string
		n   int
	}{
		{"serdif", 200}, {"serdif", 500}, {"serdif", 1930},
		{"nhs", 250}, {"nhs", 1000},
		{"laptops", 300}, {"laptops", 1746},
		{"banking77", 400},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.set, tt.n), func(t *testing.T) {
			t.Parallel() // eight clusterings, packed with the other evaluations
			set := sets[tt.set]
			openData(t, set.Files[0]).Close() // skip when the data is absent
			texts, labels, err := set.Load(dataDir)
			if err != nil {
				t.Fatal(err)
			}
			texts, labels = Subsample(texts, labels, tt.n, 2)
			toks, truth, err := evalInput(texts, labels)
			if err != nil {
				t.Fatal(err)
			}
			c := NewTokenSpace(toks, DefaultVectors()).Cluster(ringClusterOptions(len(toks), 1))
			largest, topic := largestShare(c.Assign), largestShare(truth)
			t.Logf("%d quotes: k %d, largest theme %.2f, largest label %.2f", len(toks), c.K, largest, topic)
			if bound := max(0.25, topic); largest > bound {
				t.Errorf("largest theme holds %.2f of %d quotes; want at most %.2f", largest, len(toks), bound)
			}
		})
	}
}

// largestShare is the share of the largest group of assign.
func largestShare(assign []int) float64 {
	size := map[int]int{}
	top := 0
	for _, a := range assign {
		size[a]++
		top = max(top, size[a])
	}
	return float64(top) / float64(len(assign))
}
