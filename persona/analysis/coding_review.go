package analysis

import (
	"math/rand"
	"sort"
)

// The review order. A simulated review on every labelled set of the suite
// (SimulateReview, docs/SEEDED.md) found that what teaches the coding
// most is a batch of quotes that stand for the parts of the corpus, one
// per part, rather than the quotes it is least sure of (those sit between
// the same few confusable codes and teach little together). So each Code
// groups the quotes that are not seeds by spherical k-means and puts the
// quote nearest the centre of each group the coding likely gets most
// wrong at the head of the queue: the representatives. Behind them come the other quotes, the highest Teach
// of each best code in turn.

// representativeIters bounds the k-means rounds that pick the
// representatives; the picks need groups, not converged ones.
const representativeIters = 10

// representative is one quote standing for a group of the corpus: its row
// and its group's expected errors relative to the largest.
type representative struct {
	row  int
	errs float64
}

// representatives groups the rows that are not seeds (lab < 0) nor
// hidden (nil: none) into 2k groups by spherical k-means and returns, for
// the k groups with the most expected errors (the sum over the group of
// 1 − confidence: how many of its quotes the coding likely has wrong),
// the row nearest the group's centre, the most errors first. Twice as
// many groups as codes lets the batch skip the groups the coding already
// has right. The k-means starts from a fixed seed, so the same seeds give
// the same queue.
func (c *Coder) representatives(lab []int, k int, conf []float64, hidden []bool) []representative {
	var rows []int
	for r, l := range lab {
		if l < 0 && (hidden == nil || !hidden[r]) {
			rows = append(rows, r)
		}
	}
	groups := 2 * k
	if len(rows) <= groups || k < 1 {
		return nil
	}
	ids := make([]int, len(rows))
	for i, r := range rows {
		ids[i] = c.pts.ids[r]
	}
	m := kmeans(sparsePoints{s: c.pts.s, ids: ids}, groups, rand.New(rand.NewSource(1)), representativeIters)
	near := make([]int, m.k)
	errs := make([]float64, m.k)
	for j := range near {
		near[j] = -1
	}
	for x, j := range m.assign {
		errs[j] += 1 - conf[rows[x]]
		if near[j] < 0 || m.sim[x] > m.sim[near[j]] {
			near[j] = x
		}
	}
	var out []representative
	for j, x := range near {
		if x >= 0 {
			out = append(out, representative{row: rows[x], errs: errs[j]})
		}
	}
	sort.SliceStable(out, func(p, q int) bool { return out[p].errs > out[q].errs })
	out = out[:min(k, len(out))]
	if len(out) > 0 && out[0].errs > 0 {
		most := out[0].errs
		for i := range out {
			out[i].errs /= most
		}
	}
	return out
}

// ReviewQueue orders the quotes a researcher should review: those not
// seeded with a Best code. First the representatives (Teach above ½, see
// Assignment.Teach), highest Teach first; then the others by Teach,
// taking the best remaining quote of each Best code in turn (round-robin
// over codes, the code of the highest Teach first), so that a batch of
// decisions covers many codes rather than one confused pair.
func ReviewQueue(as []Assignment) []int {
	byCode := map[string][]int{}
	var reps []int
	higher := func(x, y int) bool {
		if as[x].Teach != as[y].Teach {
			return as[x].Teach > as[y].Teach
		}
		return x < y
	}
	for i, a := range as {
		switch {
		case a.Seeded || a.Best == "":
		case a.Teach > representativeTeach:
			reps = append(reps, i)
		default:
			byCode[a.Best] = append(byCode[a.Best], i)
		}
	}
	sort.Slice(reps, func(p, q int) bool { return higher(reps[p], reps[q]) })
	type lane struct{ ids []int }
	lanes := make([]*lane, 0, len(byCode))
	for _, ids := range byCode {
		sort.Slice(ids, func(p, q int) bool { return higher(ids[p], ids[q]) })
		lanes = append(lanes, &lane{ids})
	}
	sort.Slice(lanes, func(p, q int) bool { return higher(lanes[p].ids[0], lanes[q].ids[0]) })
	out := reps
	for len(lanes) > 0 {
		next := lanes[:0]
		for _, l := range lanes {
			out = append(out, l.ids[0])
			if l.ids = l.ids[1:]; len(l.ids) > 0 {
				next = append(next, l)
			}
		}
		lanes = next
	}
	return out
}

// representativeTeach splits Teach: a representative's is above it, every
// other quote's at most it.
const representativeTeach = 0.5
