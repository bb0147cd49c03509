package persona

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMatchByOverlap(t *testing.T) {
	old := [][]int64{{1, 2, 3, 4}, {10, 11, 12}, {20, 21}}
	new := [][]int64{
		{10, 11, 12, 13}, // old 1 (3/4)
		{1, 2, 3},        // old 0 (3/4)
		{1, 2, 3, 4, 5},  // old 0 too (4/5) — better, so it wins old 0
		{30, 31},         // nothing
		{20, 99, 98, 97}, // old 2 only 1/5: under the minimum
	}
	got := MatchByOverlap(old, new, 0.3)
	want := map[int]int{0: 1, 2: 0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MatchByOverlap (-want +got):\n%s", diff)
	}
}
