package analysis

import (
	"math"
	"sort"
	"testing"
)

func TestZZLabelStatsRealData(t *testing.T) {
	for _, set := range Suite {
		_, labels, err := set.Load("../../../shared/data")
		if err != nil {
			t.Skip(err)
		}
		c := map[string]int{}
		for _, l := range labels {
			c[l]++
		}
		n := float64(len(labels))
		var h float64
		var sizes []int
		for _, v := range c {
			p := float64(v) / n
			h -= p * math.Log(p)
			sizes = append(sizes, v)
		}
		sort.Sort(sort.Reverse(sort.IntSlice(sizes)))
		ge1 := 0
		for _, v := range sizes {
			if float64(v) >= n/100 {
				ge1++
			}
		}
		// Simpson's effective number: 1/Σp².
		var s2 float64
		for _, v := range sizes {
			p := float64(v) / n
			s2 += p * p
		}
		t.Logf("%-14s n=%5d labels=%3d perplexity=%.1f simpson=%.1f labels>=1%%=%d largest=%.3f smallest=%d", set.Name, len(labels), len(c), math.Exp(h), 1/s2, ge1, float64(sizes[0])/n, sizes[len(sizes)-1])
	}
}
