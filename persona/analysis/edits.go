package analysis

import (
	"slices"

	"github.com/verbatimhq/verbatim/persona"
)

// minOverlap is the Jaccard overlap a new theme or persona needs with the
// one an edit named to be taken as the same.
const minOverlap = 0.3

// applyQuoteEdits marks hidden and pinned quotes and sets corrected rings
// before classification and clustering, so hidden quotes never shape a
// theme.
func applyQuoteEdits(c *corpus, edits []persona.Edit) {
	for _, e := range edits {
		for _, id := range e.QuoteIDs {
			i, ok := c.byID[id]
			if !ok {
				continue
			}
			switch e.Kind {
			case persona.EditHideQuote:
				c.hidden[i] = true
			case persona.EditPinQuote:
				c.pinned[i] = true
			case persona.EditSetRing:
				if e.Ring.Valid() && !c.quotes[i].RingSet {
					if !c.ownQuotes { // never the caller's quotes
						c.quotes, c.ownQuotes = slices.Clone(c.quotes), true
					}
					c.quotes[i].Ring, c.quotes[i].RingSet = e.Ring, true
				}
			}
		}
	}
}

// applyThemeEdits re-applies renames, merges and splits, oldest first. An
// edit whose theme cannot be found again (overlap under minOverlap) is
// skipped.
func applyThemeEdits(c *corpus, ws []*work, edits []persona.Edit) []*work {
	for _, e := range edits {
		switch e.Kind {
		case persona.EditRenameTheme:
			if len(e.ThemeQuotes) > 0 && e.Label != "" {
				if t := bestTheme(c, ws, e.ThemeQuotes[0]); t >= 0 {
					ws[t].label, ws[t].labelSet = e.Label, true
				}
			}
		case persona.EditMergeThemes:
			ws = mergeThemes(c, ws, e)
		case persona.EditSplitTheme:
			ws = splitTheme(c, ws, e)
		}
	}
	return ws
}

// bestTheme is the index of the theme whose quotes overlap ids most, or -1.
func bestTheme(c *corpus, ws []*work, ids []int64) int {
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	best, bestJ := -1, 0.0
	for t, w := range ws {
		inter := 0
		for _, i := range w.members {
			if want[c.quotes[i].ID] {
				inter++
			}
		}
		union := len(want) + len(w.members) - inter
		if j := float64(inter) / float64(max(union, 1)); j >= minOverlap && j > bestJ {
			best, bestJ = t, j
		}
	}
	return best
}

// mergeThemes folds the themes best matching each of e.ThemeQuotes into
// the first; moved quotes take its ring.
func mergeThemes(c *corpus, ws []*work, e persona.Edit) []*work {
	var targets []int
	for _, ids := range e.ThemeQuotes {
		if t := bestTheme(c, ws, ids); t >= 0 && !slices.Contains(targets, t) {
			targets = append(targets, t)
		}
	}
	if len(targets) == 0 {
		return ws
	}
	dst := ws[targets[0]]
	for _, t := range targets[1:] {
		for _, i := range ws[t].members {
			c.ring[i] = dst.ring
		}
		dst.members = append(dst.members, ws[t].members...)
		ws[t].members = nil
	}
	slices.Sort(dst.members)
	if e.Label != "" {
		dst.label, dst.labelSet = e.Label, true
	}
	return slices.DeleteFunc(ws, func(w *work) bool { return len(w.members) == 0 })
}

// splitTheme moves e.QuoteIDs out of their themes into a new theme named
// e.Label, in the ring of the theme named by e.ThemeQuotes (or of the
// first moved quote).
func splitTheme(c *corpus, ws []*work, e persona.Edit) []*work {
	move := map[int]bool{}
	for _, id := range e.QuoteIDs {
		if i, ok := c.byID[id]; ok && !c.hidden[i] {
			move[i] = true
		}
	}
	if len(move) == 0 {
		return ws
	}
	nw := &work{label: e.Label, labelSet: e.Label != ""}
	if len(e.ThemeQuotes) > 0 {
		if t := bestTheme(c, ws, e.ThemeQuotes[0]); t >= 0 {
			nw.ring = ws[t].ring
		}
	}
	for _, w := range ws {
		w.members = slices.DeleteFunc(w.members, func(i int) bool { return move[i] })
	}
	for i := range c.quotes {
		if move[i] {
			if nw.ring == persona.RingNone {
				nw.ring = c.ring[i]
			}
			nw.members = append(nw.members, i)
		}
	}
	if nw.ring == persona.RingNone {
		return ws
	}
	for _, i := range nw.members {
		c.ring[i] = nw.ring
	}
	ws = slices.DeleteFunc(ws, func(w *work) bool { return len(w.members) == 0 })
	return append(ws, nw)
}

// applyPersonaEdits renames the persona whose participants overlap each
// rename edit's most.
func applyPersonaEdits(ps []persona.Profile, edits []persona.Edit) {
	for _, e := range edits {
		if e.Kind != persona.EditRenamePersona || len(e.PersonaParticipants) == 0 {
			continue
		}
		best, bestJ := -1, 0.0
		for p := range ps {
			if j := jaccard64(ps[p].ParticipantIDs, e.PersonaParticipants); j >= minOverlap && j > bestJ {
				best, bestJ = p, j
			}
		}
		if best < 0 {
			continue
		}
		if e.Label != "" {
			ps[best].Name = e.Label
		}
		if e.Notes != "" {
			ps[best].Notes = e.Notes
		}
		ps[best].NameSet = true
	}
}

func jaccard64(a, b []int64) float64 {
	in := map[int64]bool{}
	for _, x := range a {
		in[x] = true
	}
	inter, seen := 0, map[int64]bool{}
	for _, x := range b {
		if in[x] && !seen[x] {
			inter++
		}
		seen[x] = true
	}
	union := len(in) + len(seen) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}
