package persona

import "sort"

// MatchByOverlap pairs new groups with old ones (themes by their quotes,
// personas by their participants) so a re-analysis can keep the ids people
// bookmarked. Pairs are taken greedily by Jaccard overlap, best first, each
// group at most once, when the overlap reaches min. It returns new index ->
// old index. Ties break by index, so the result is deterministic.
func MatchByOverlap(old, new [][]int64, min float64) map[int]int {
	type pair struct {
		n, o int
		j    float64
	}
	owner := map[int64][]int{}
	for o, ids := range old {
		for _, id := range ids {
			owner[id] = append(owner[id], o)
		}
	}
	var pairs []pair
	for n, ids := range new {
		shared := map[int]int{}
		for _, id := range ids {
			for _, o := range owner[id] {
				shared[o]++
			}
		}
		for o, k := range shared {
			union := len(new[n]) + len(old[o]) - k
			if j := float64(k) / float64(union); union > 0 && j >= min {
				pairs = append(pairs, pair{n, o, j})
			}
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a].j != pairs[b].j {
			return pairs[a].j > pairs[b].j
		}
		if pairs[a].n != pairs[b].n {
			return pairs[a].n < pairs[b].n
		}
		return pairs[a].o < pairs[b].o
	})
	out, taken := map[int]int{}, map[int]bool{}
	for _, p := range pairs {
		if _, done := out[p.n]; done || taken[p.o] {
			continue
		}
		out[p.n], taken[p.o] = p.o, true
	}
	return out
}
