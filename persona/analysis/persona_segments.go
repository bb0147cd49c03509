package analysis

import (
	"cmp"
	"slices"
	"strings"
)

// segmentByWho splits buyers into personas by who they are, for studies
// whose buyers what they said does not split: each persona is a cell of
// the (at most two) who-the-buyer-is traits most buyers have that explain
// what they raised (informativeness at least traitZ), the more
// informative first ("managers & directors" x "enterprises"),
// holding at least minTraitShare of the buyers; at most maxPersonas of
// the largest cells. A buyer outside those cells joins the cell sharing
// most of their values (the larger on a tie; see below). The cells follow from the
// buyers' own attributes, so re-runs and one interview more or less keep
// them. It returns one group when fewer than two cells qualify.
//
// A buyer outside the cells shares values with them by the more
// informative trait first (a founder at an enterprise, when only small
// firms' founders make a cell, joins the founders).
func segmentByWho(buyers []buyer, who []trait) [][]int {
	var use []trait
	who = slices.DeleteFunc(slices.Clone(who), func(t trait) bool { return t.excess < traitZ })
	slices.SortStableFunc(who, func(a, b trait) int { return cmp.Compare(b.excess, a.excess) })
	for _, t := range who {
		have := 0
		for _, b := range buyers {
			if b.traits[t.key] != "" {
				have++
			}
		}
		if 2*have >= len(buyers) && len(use) < 2 {
			use = append(use, t)
		}
	}
	for len(use) > 0 {
		if groups := cells(buyers, use); len(groups) >= 2 {
			return groups
		}
		use = use[:len(use)-1]
	}
	return [][]int{indexes(len(buyers))}
}

// cells groups buyers by their values of traits use, as segmentByWho
// describes.
func cells(buyers []buyer, use []trait) [][]int {
	key := func(b buyer) (string, bool) {
		var vs []string
		for _, t := range use {
			v := b.traits[t.key]
			if v == "" {
				return "", false
			}
			vs = append(vs, v)
		}
		return strings.Join(vs, "\x00"), true
	}
	byKey := map[string][]int{}
	for i, b := range buyers {
		if k, ok := key(b); ok {
			byKey[k] = append(byKey[k], i)
		}
	}
	least := max(minPersonaSize, int(minTraitShare*float64(len(buyers))+0.5))
	var keys []string
	for k, ms := range byKey {
		if len(ms) >= least {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(len(byKey[b]), len(byKey[a])), cmp.Compare(a, b)) })
	keys = keys[:min(len(keys), maxPersonas)]
	if len(keys) < 2 {
		return nil
	}
	groups := make([][]int, len(keys))
	at := map[string]int{}
	for g, k := range keys {
		at[k] = g
		groups[g] = byKey[k]
	}
	vals := make([][]string, len(keys))
	for g, k := range keys {
		vals[g] = strings.Split(k, "\x00")
	}
	for i, b := range buyers {
		if k, ok := key(b); ok {
			if _, kept := at[k]; kept {
				continue
			}
		}
		best, bestN := 0, -1
		for g := range keys {
			n := 0 // the more informative trait counts more
			for j, t := range use {
				if b.traits[t.key] == vals[g][j] {
					n += len(use) - j
				}
			}
			if n > bestN { // keys are largest first: ties go to the larger cell
				best, bestN = g, n
			}
		}
		groups[best] = append(groups[best], i)
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	return groups
}
