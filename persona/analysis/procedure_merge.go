package analysis

import (
	"fmt"
	"slices"
)

// mergeProcedureThemes makes the themes of one ring that labelThemes
// named "Meeting procedure" one theme: they are the meeting's business,
// not findings, and a reader seeing "Meeting procedure, 7 quotes" and
// "Meeting procedure, 7 quotes from 2 people" side by side takes them for
// two things. A researcher's own label (labelSet) is never merged. The
// merged theme keeps the first's fields (it shows no headline) and is
// "Meeting procedure", counted when another ring has one so named.
func mergeProcedureThemes(ws []*work) []*work {
	first := map[string]*work{} // ring -> the theme the others join
	out := ws[:0]
	merged := map[*work]bool{}
	for _, w := range ws {
		if w.labelSet || !isProcedureLabel(w.label) {
			out = append(out, w)
			continue
		}
		if f, ok := first[string(w.ring)]; ok {
			f.members = append(f.members, w.members...)
			merged[f] = true
			continue
		}
		first[string(w.ring)] = w
		out = append(out, w)
	}
	for f := range merged {
		slices.Sort(f.members)
		f.members = slices.Compact(f.members)
	}
	for _, f := range first {
		if !merged[f] {
			continue
		}
		f.label = procedureLabel
		for _, o := range out {
			if o != f && o.label == procedureLabel {
				f.label = fmt.Sprintf("%s, %d quotes", procedureLabel, len(f.members))
				break
			}
		}
	}
	return out
}
