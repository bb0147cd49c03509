package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
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

// mergeMixedThemes makes the themes of one ring that labelThemes named
// after the ring alone, "Mixed remarks (‹ring›)" (mixedLabel, smallLabel,
// counted by countedLabel when the ring had one: "…, 11 quotes"), one
// theme: each says its quotes share no finding, and two or four of them
// side by side read as four topics, or as a serial number, where there is
// one heap of remarks the ring's clustering could not name. Themes named
// "Mixed remarks on ‹noun›" say a topic and stay apart; a researcher's
// label is never merged. The merged theme is the plain "Mixed remarks
// (‹ring›)" over every member; its key phrases are its parts' (largest
// part first, at most five), and the words a headline favours are
// dropped, for they were one part's.
func mergeMixedThemes(ws []*work) []*work {
	parts := map[persona.Ring][]*work{}
	for _, w := range ws {
		if !w.labelSet && ringMixed(w.label, w.ring) {
			parts[w.ring] = append(parts[w.ring], w)
		}
	}
	drop := map[*work]bool{}
	for r, ps := range parts {
		if len(ps) < 2 {
			continue
		}
		slices.SortStableFunc(ps, func(a, b *work) int { return cmp.Compare(len(b.members), len(a.members)) })
		f := ps[0]
		var phrases []string
		for _, p := range ps {
			if p != f {
				f.members = append(f.members, p.members...)
				drop[p] = true
			}
			for _, ph := range p.phrases {
				if len(phrases) < 5 && !slices.Contains(phrases, ph) {
					phrases = append(phrases, ph)
				}
			}
		}
		slices.Sort(f.members)
		f.members = slices.Compact(f.members)
		f.label, f.phrases, f.distinct, f.telling = ringMixedLabel(r), phrases, nil, nil
		for _, o := range ws {
			if o.labelSet && o.label == f.label {
				// A researcher's theme already has the name.
				f.label = fmt.Sprintf("%s, %d quotes", f.label, len(f.members))
				break
			}
		}
	}
	return slices.DeleteFunc(ws, func(w *work) bool { return drop[w] })
}

// ringMixedLabel is the label of ring r's theme with no finding.
func ringMixedLabel(r persona.Ring) string {
	return mixedPrefix + " (" + strings.ToLower(r.Title()) + ")"
}

// ringMixed reports a label that is ring r's mixed label, plain or counted
// ("…, 11 quotes", "…, 11 quotes from 4 people") or numbered ("… 2").
func ringMixed(l string, r persona.Ring) bool {
	base := ringMixedLabel(r)
	rest, ok := strings.CutPrefix(l, base)
	return ok && (rest == "" || strings.HasPrefix(rest, ", ") || strings.Trim(rest, " 0123456789") == "")
}
