package analysis

import (
	"math/rand"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestKeepBestMatchesSort checks the bounded insertion against sorting every
// candidate, ties included, for several m.
func TestKeepBestMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, tc := range []struct{ n, m int }{{0, 5}, {3, 5}, {50, 1}, {50, 10}, {500, 15}, {20, 0}} {
		cands := make([]neighbor, tc.n)
		for i := range cands {
			// few distinct scores, so ties are common
			cands[i] = neighbor{r: int32(rng.Intn(1000)), s: float32(rng.Intn(7)) / 7}
		}
		var top []neighbor
		for _, c := range cands {
			top = keepBest(top, c, tc.m)
		}
		want := append([]neighbor(nil), cands...)
		sort.Slice(want, func(a, b int) bool { return want[a].before(want[b]) })
		want = want[:min(tc.m, len(want))]
		if diff := cmp.Diff(want, top, cmp.AllowUnexported(neighbor{})); diff != "" && !(len(want) == 0 && len(top) == 0) {
			t.Errorf("n=%d m=%d: keepBest differs from a full sort (-want +got):\n%s", tc.n, tc.m, diff)
		}
	}
}
