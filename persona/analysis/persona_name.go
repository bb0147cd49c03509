package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// Persona naming.
const (
	// nameLift is the least lift over the rest of the study for a theme or
	// attribute value to set a persona apart; a theme everyone raised has
	// a lift near 1 and never names anyone.
	nameLift = 1.25
	// maxNameThemes is the most theme labels a name joins.
	maxNameThemes = 2
)

// nameShares are the shares of the persona a naming theme must reach, in
// turn: held by at least half its members, failing that by a quarter.
var nameShares = []float64{0.5, 0.25}

// personaStats are the study-wide counts naming compares a persona with.
type personaStats struct {
	n          int
	themeTotal map[int64]int     // theme id -> buyers who raised it
	attrTotal  map[[2]string]int // trait, coarse value -> buyers
}

func newPersonaStats(themes []persona.Theme, buyers []buyer) personaStats {
	st := personaStats{n: len(buyers), themeTotal: map[int64]int{}, attrTotal: map[[2]string]int{}}
	for _, b := range buyers {
		for _, t := range b.all {
			st.themeTotal[themes[t].ID]++
		}
		for k, v := range b.traits {
			st.attrTotal[[2]string{k, v}]++
		}
	}
	return st
}

// lift is a persona's share of in members against the rest of the study's
// share, with the rest smoothed so an empty rest does not divide by zero.
func (st personaStats) lift(in, total, size int) (share, lift float64) {
	rest := st.n - size
	share = float64(in) / float64(max(size, 1))
	restShare := float64(total-in) / float64(max(rest, 1))
	return share, share / max(restShare, 1/float64(rest+1))
}

// namingThemes are a persona's recurring themes that set it apart, best
// first: held by at least half its members (a quarter when none is) with
// a lift of at least nameLift, ordered by lift, then share.
func namingThemes(pr persona.Profile, themes []persona.Theme, st personaStats) []int64 {
	for _, minShare := range nameShares {
		var ids []int64
		lifts := map[int64]float64{}
		for _, t := range themes {
			c := pr.ThemeCounts[t.ID]
			if !t.Recurring || c == 0 || fallbackTheme(t) {
				continue
			}
			share, l := st.lift(c, st.themeTotal[t.ID], pr.Size)
			if share >= minShare && l >= nameLift {
				ids, lifts[t.ID] = append(ids, t.ID), l
			}
		}
		slices.SortStableFunc(ids, func(a, b int64) int {
			return cmp.Or(cmp.Compare(lifts[b], lifts[a]), cmp.Compare(pr.ThemeCounts[b], pr.ThemeCounts[a]), cmp.Compare(a, b))
		})
		if len(ids) > 0 {
			return nearTiesByReach(ids, pr, st)
		}
	}
	return nil
}

// nearTiesByReach reorders themes sorted by lift so that a theme leads
// only when its lead survives one member: its lift with one member fewer
// raising it still beats the next one's with one member more
// (clearlyAbove). Themes the leader does not clearly beat are a tie, and
// a tie goes to the theme more of the persona raised, then to lift: a
// lift that one interview more or less reverses says nothing about which
// theme sets them apart, and a name resting on it flipped between "polar
// plot", "box plot" and "heat map" (their lifts 6.9, 6.0 and 5.9 for 17
// SERDIF users) whenever one buyer was added, removed or re-roled. The
// rest follow in groups formed the same way.
func nearTiesByReach(ids []int64, pr persona.Profile, st personaStats) []int64 {
	out := make([]int64, 0, len(ids))
	rest := slices.Clone(ids)
	for len(rest) > 0 {
		lead := rest[0]
		var group, later []int64
		for _, id := range rest {
			if id == lead || !st.clearlyAbove(pr, lead, id) {
				group = append(group, id)
			} else {
				later = append(later, id)
			}
		}
		// group keeps the lift order, so a stable sort by reach
		// leaves equal reach in lift order.
		slices.SortStableFunc(group, func(a, b int64) int { return cmp.Compare(pr.ThemeCounts[b], pr.ThemeCounts[a]) })
		out, rest = append(out, group...), later
	}
	return out
}

// clearlyAbove reports theme a's lift in the persona beating theme b's by
// more than one member can change: a with one member fewer raising it
// against b with one more (each in the study's total as well).
func (st personaStats) clearlyAbove(pr persona.Profile, a, b int64) bool {
	ca, cb := pr.ThemeCounts[a], pr.ThemeCounts[b]
	_, la := st.lift(max(ca-1, 0), max(st.themeTotal[a]-1, 0), pr.Size)
	_, lb := st.lift(min(cb+1, pr.Size), st.themeTotal[b]+1, pr.Size)
	return la > lb
}

// noDistinctPersonas names the one persona of a study whose participants
// do not separate, said plainly. What most of them raised is the study's
// subject ("remote control", "train model"), not a finding, and a tail
// naming it flipped between near ties when one interview was added or
// removed; the persona's rings list what they raised.
const noDistinctPersonas = "No distinct personas"

// nameAll names every persona by its defining traits and the phrase that
// sets it apart most ("Engineers at enterprises — slow month-end
// close"). When two personas would share a name the later (smaller) one
// takes its next phrase no other persona's name uses, failing that two
// phrases. A persona nothing sets apart by its traits is named by its
// phrase alone; one that neither its traits nor any phrase of two words
// or more sets apart is named by what most of its members said, said as
// such ("Mostly raised: …"); a study of one persona says it has no
// distinct personas.
func nameAll(out []persona.Profile, themes []persona.Theme, buyers []buyer, traits []trait, pu *phraseUse) {
	st := newPersonaStats(themes, buyers)
	at := make(map[int64]int, len(buyers))
	for i, b := range buyers {
		at[b.p.ID] = i
	}
	cands := make([][]string, len(out))
	subject := make([]string, len(out))
	for i := range out {
		members := make([]buyer, 0, len(out[i].ParticipantIDs))
		in := make(map[int]bool, len(out[i].ParticipantIDs))
		for _, id := range out[i].ParticipantIDs {
			members = append(members, buyers[at[id]])
			in[at[id]] = true
		}
		if len(out) == 1 {
			subject[i] = noDistinctPersonas
			continue
		}
		who, answer := definingValues(members, traits, st)
		if who == "" {
			who = upperFirst(statedWho(members, buyers))
		}
		subject[i] = strings.Join(slices.DeleteFunc([]string{who, answer}, func(s string) bool { return s == "" }), ", ")
		if ids := namingThemes(out[i], themes, st); len(ids) > 0 || who != "" {
			// Set apart by what they raise or by who they are: add
			// what they say more than the others, when anything is.
			cands[i] = pu.findings(out[i], ids, in, len(buyers))
		}
		if subject[i] == "" && len(cands[i]) == 0 {
			if ms := pu.mostSaid(out[i], in); len(ms) > 0 {
				subject[i] = mostlyRaised
				cands[i] = ms
			}
		}
	}
	name := func(i int, ls []string) string {
		switch {
		case len(ls) == 0 && subject[i] == "":
			return "Other participants"
		case len(ls) == 0:
			return subject[i]
		case subject[i] == "" && pu.topic(ls[0]):
			return focusOn + " " + strings.Join(ls, " · ")
		case subject[i] == "":
			return upperFirst(strings.Join(ls, " · "))
		case subject[i] == mostlyRaised:
			return subject[i] + " " + strings.Join(ls, " · ")
		}
		return subject[i] + " — " + strings.Join(ls, " · ")
	}
	// Largest persona first (out is sorted so): each takes its best
	// phrase no earlier persona's name holds.
	used := map[string]bool{}
	for i := range out {
		out[i].Name = name(i, cands[i][:min(1, len(cands[i]))])
		for _, c := range cands[i] {
			if n := name(i, []string{c}); !used[n] {
				out[i].Name = n
				break
			}
		}
		if used[out[i].Name] && len(cands[i]) > 1 {
			out[i].Name = name(i, cands[i][:maxNameThemes])
		}
		used[out[i].Name] = true
	}
	seen := map[string]int{}
	for i := range out {
		if seen[out[i].Name]++; seen[out[i].Name] > 1 {
			out[i].Name = fmt.Sprintf("%s (%d)", out[i].Name, seen[out[i].Name])
		}
	}
}

// mostlyRaised heads the name of a persona set apart by neither its
// traits nor a phrase: what most of its members said, said as such.
const mostlyRaised = "Mostly raised:"

// focusOn heads the name of a persona that only a topic sets apart — a
// phrase they say more than the others that judges nothing ("event
// date", "object types") — and no trait: a bare topic would read as a
// finding about them ("Event date"), where it is what they talk about.
// A phrase that judges ("unclear metrics") names them plainly.
const focusOn = "Focus:"

// themesByLift are the ring's recurring theme ids the persona raised, by
// lift within the persona (then by how many members raised them); themes
// only one member raised come after those two or more did, and fallback
// themes ("Mixed remarks (…)", fallbackTheme) after every finding: a
// catch-all leads no ring, nor the persona card's "Pushed to act by".
func themesByLift(pr persona.Profile, themes []persona.Theme, st personaStats, r persona.Ring) []int64 {
	var ids []int64
	lifts := map[int64]float64{}
	fallback := map[int64]int{}
	for _, t := range themes {
		if c := pr.ThemeCounts[t.ID]; t.Ring == r && t.Recurring && c > 0 {
			_, lifts[t.ID] = st.lift(c, st.themeTotal[t.ID], pr.Size)
			ids = append(ids, t.ID)
			if fallbackTheme(t) {
				fallback[t.ID] = 1
			}
		}
	}
	few := func(id int64) int {
		if pr.ThemeCounts[id] < min(2, pr.Size) {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(ids, func(a, b int64) int {
		return cmp.Or(cmp.Compare(fallback[a], fallback[b]), cmp.Compare(few(a), few(b)), cmp.Compare(lifts[b], lifts[a]),
			cmp.Compare(pr.ThemeCounts[b], pr.ThemeCounts[a]), cmp.Compare(a, b))
	})
	return ids[:min(len(ids), topRingThemes)]
}

// namingCand is a phrase that may name a persona: the share of its
// members who said it, its lift over the other buyers, its content words.
type namingCand struct {
	text        string
	share, lift float64
	words       int
}

// sortNaming orders naming phrases best first: by lift, then share and
// length. A preference for theme labels or for phrases of several words
// was tried and left out: labels change when a re-run regroups the themes,
// and names followed them ("Training data" <-> "Train model", "Polar plot"
// <-> "Box plot"; names kept in 21 of 30 stability comparisons, against 27
// by lift alone).
func sortNaming(cs []namingCand) {
	slices.SortStableFunc(cs, func(a, b namingCand) int {
		return cmp.Or(cmp.Compare(b.lift, a.lift), cmp.Compare(b.share, a.share), cmp.Compare(b.words, a.words), cmp.Compare(a.text, b.text))
	})
}

// lightStart reports a phrase headed by a light verb ("makes model",
// "takes time") or by "based", the cut-off half of "rule-based": it names
// no concern a persona could be known by.
func lightStart(text string) bool {
	w, _, _ := strings.Cut(strings.ToLower(text), " ")
	if g, ok := strings.CutSuffix(w, "ing"); ok && (lightVerbs[g] || lightVerbs[g+"e"]) {
		return true // "having data", "being able", "making sense"
	}
	return lightVerbs[w] || lightVerbs[strings.TrimSuffix(w, "s")] || vagueVerbs[w] || w == "based"
}

func saidAll(words map[string]bool, keys []string) bool {
	for _, k := range keys {
		if !words[k] {
			return false
		}
	}
	return true
}

// samePhrase maps a phrase to its words' sorted keys, so "train model"
// and "model training" are one candidate; the alphabetically first
// surface stands for them all, whichever theme offered it.
func samePhrase(keys []string) string {
	k := slices.Clone(keys)
	slices.Sort(k)
	return strings.Join(k, " ")
}
