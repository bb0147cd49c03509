package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

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
			if !t.Recurring || c == 0 {
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
			return ids
		}
	}
	return nil
}

// noDistinctPersonas names the one persona of a study whose participants
// do not separate: said plainly, with what most of them raised.
const noDistinctPersonas = "No distinct personas"

// nameAll names every persona by its defining traits and the phrases of
// its most distinctive themes ("Engineers at enterprises — slow
// month-end close"), adding a second phrase, then a number, when two
// personas would share a name. A persona nothing sets apart by its
// traits is named by its phrases alone; a study of one persona says it
// has no distinct personas and names what most raised.
func nameAll(out []persona.Profile, themes []persona.Theme, buyers []buyer, traits []trait, said []map[string]bool) {
	st := newPersonaStats(themes, buyers)
	at := make(map[int64]int, len(buyers))
	for i, b := range buyers {
		at[b.p.ID] = i
	}
	cands := make([][]string, len(out))
	subject := make([]string, len(out))
	for i := range out {
		members := make([]buyer, 0, len(out[i].ParticipantIDs))
		for _, id := range out[i].ParticipantIDs {
			members = append(members, buyers[at[id]])
		}
		if len(out) == 1 {
			subject[i] = noDistinctPersonas
			cands[i] = mostSaid(out[i], themes, buyers, said)
			continue
		}
		if ids := namingThemes(out[i], themes, st); len(ids) > 0 {
			cands[i] = namingPhrases(out[i], raisedThemes(out[i], themes), themes, buyers, said)
		}
		who, answer := definingValues(members, traits, st)
		subject[i] = strings.Join(slices.DeleteFunc([]string{who, answer}, func(s string) bool { return s == "" }), ", ")
		if len(cands[i]) == 0 && who != "" {
			// A persona set apart by who they are: add what they say
			// more than the others, when anything is.
			cands[i] = namingPhrases(out[i], raisedThemes(out[i], themes), themes, buyers, said)
		}
		if subject[i] == "" && len(cands[i]) == 0 {
			cands[i] = mostSaid(out[i], themes, buyers, said)
		}
	}
	name := func(i, n int) string {
		ls := cands[i][:min(n, len(cands[i]))]
		switch {
		case len(ls) == 0 && subject[i] == "":
			return "Other participants"
		case len(ls) == 0:
			return subject[i]
		case subject[i] == "":
			return upperFirst(strings.Join(ls, " · "))
		}
		return subject[i] + " — " + strings.Join(ls, " · ")
	}
	used := map[string]int{}
	for i := range out {
		// One phrase, also for a study of one persona: a second one is
		// a near tie more often than not, and flips when one interview
		// more or less changes what most said.
		out[i].Name = name(i, 1)
		used[out[i].Name]++
	}
	for i := range out {
		if used[out[i].Name] > 1 && len(cands[i]) > 1 {
			used[out[i].Name]--
			out[i].Name = name(i, maxNameThemes)
			used[out[i].Name]++
		}
	}
	seen := map[string]int{}
	for i := range out {
		if seen[out[i].Name]++; seen[out[i].Name] > 1 {
			out[i].Name = fmt.Sprintf("%s (%d)", out[i].Name, seen[out[i].Name])
		}
	}
}

// themesByLift are the ring's recurring theme ids the persona raised, by
// lift within the persona (then by how many members raised them); themes
// only one member raised come after those two or more did.
func themesByLift(pr persona.Profile, themes []persona.Theme, st personaStats, r persona.Ring) []int64 {
	var ids []int64
	lifts := map[int64]float64{}
	for _, t := range themes {
		if c := pr.ThemeCounts[t.ID]; t.Ring == r && t.Recurring && c > 0 {
			_, lifts[t.ID] = st.lift(c, st.themeTotal[t.ID], pr.Size)
			ids = append(ids, t.ID)
		}
	}
	few := func(id int64) int {
		if pr.ThemeCounts[id] < min(2, pr.Size) {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(ids, func(a, b int64) int {
		return cmp.Or(cmp.Compare(few(a), few(b)), cmp.Compare(lifts[b], lifts[a]),
			cmp.Compare(pr.ThemeCounts[b], pr.ThemeCounts[a]), cmp.Compare(a, b))
	})
	return ids[:min(len(ids), topRingThemes)]
}

// namingPhrases are the labels and key phrases of the themes a persona
// raised, best first: the phrases whose words at least half its members
// said (failing that a quarter, then a tenth; always two or more), by
// their lift over the other buyers (at least nameLift). Scoring the
// phrases on what the members said, not on which theme holds them, keeps
// a persona's name when a re-run regroups the themes a little. nameAll asks for
// them only for personas that have a naming theme (namingThemes), so a
// persona no theme sets apart is named by its attributes alone.
func namingPhrases(pr persona.Profile, ids []int64, themes []persona.Theme, buyers []buyer, said []map[string]bool) []string {
	if len(ids) == 0 || said == nil {
		return nil
	}
	in := map[int64]bool{}
	for _, id := range pr.ParticipantIDs {
		in[id] = true
	}
	byID := map[int64]persona.Theme{}
	for _, t := range themes {
		byID[t.ID] = t
	}
	type cand = namingCand
	labels := themeLabels(ids, byID)
	var cs []cand
	seen := map[string]bool{}
	{ // phrases in alphabetical order, so the first surface of a key set wins
		for _, text := range phraseTexts(ids, byID) {
			var keys []string
			for _, w := range strings.Fields(strings.ToLower(text)) {
				if !functionWords[w] {
					keys = append(keys, normWord(w))
				}
			}
			if seen[samePhrase(keys)] {
				continue
			}
			seen[samePhrase(keys)] = true
			if len(keys) == 0 || (len(keys) == 1 && (loneGeneric[text] || genericNouns[text] || vagueLone(text))) || lightStart(text) {
				continue
			}
			inN, outN := 0, 0
			for b := range buyers {
				if !saidAll(said[b], keys) {
					continue
				}
				if in[buyers[b].p.ID] {
					inN++
				} else {
					outN++
				}
			}
			if inN < min(2, pr.Size) || 10*inN < pr.Size {
				continue
			}
			rest := len(buyers) - pr.Size
			share := float64(inN) / float64(pr.Size)
			lift := share / max(float64(outN)/float64(max(rest, 1)), 1/float64(rest+1))
			if lift >= nameLift {
				cs = append(cs, cand{text, share, lift, len(keys), labels[strings.ToLower(text)]})
			}
		}
	}
	// Like the themes: the most distinctive phrase among those half the
	// members said, failing that a quarter, failing that a tenth.
	for _, floor := range []float64{0.5, 0.25, 0.1} {
		var out []cand
		for _, c := range cs {
			if c.share >= floor {
				out = append(out, c)
			}
		}
		if len(out) == 0 {
			continue
		}
		sortNaming(out)
		texts := make([]string, len(out))
		for i, c := range out {
			texts[i] = c.text
		}
		return texts
	}
	return nil
}

// namingCand is a phrase that may name a persona: the share of its
// members who said it, its lift over the other buyers, its content words.
type namingCand struct {
	text        string
	share, lift float64
	words       int
	label       bool // a theme's label: it passed the label rules
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

// vagueLone reports a lone word that is a vague verb in any inflection
// ("hoping", "helps", "happened"): it names no persona.
func vagueLone(w string) bool {
	vagueStemsOnce.Do(func() {
		vagueStems = map[string]bool{}
		for v := range vagueVerbs {
			vagueStems[normWord(v)] = true
		}
	})
	return vagueVerbs[w] || vagueStems[normWord(w)]
}

var (
	vagueStemsOnce sync.Once
	vagueStems     map[string]bool
)

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

// saidWords are the word keys (normWord) each buyer said.
func saidWords(c *corpus, buyers []buyer) []map[string]bool {
	at := make(map[int64]int, len(buyers))
	out := make([]map[string]bool, len(buyers))
	for i, b := range buyers {
		at[b.p.ID] = i
		out[i] = map[string]bool{}
	}
	for _, q := range c.quotes {
		if i, ok := at[q.ParticipantID]; ok && !c.hidden[c.byID[q.ID]] {
			for _, t := range q.Tokens {
				out[i][normWord(t.Text)] = true
			}
		}
	}
	return out
}

// samePhrase maps a phrase to its words' sorted keys, so "train model"
// and "model training" are one candidate; the alphabetically first
// surface stands for them all, whichever theme offered it.
func samePhrase(keys []string) string {
	k := slices.Clone(keys)
	slices.Sort(k)
	return strings.Join(k, " ")
}

// phraseTexts are the labels and key phrases of themes ids, in
// alphabetical order.
// themeLabels are the lower-cased finding labels of the themes ids.
func themeLabels(ids []int64, byID map[int64]persona.Theme) map[string]bool {
	out := map[string]bool{}
	for _, id := range ids {
		if l := byID[id].Label; !strings.HasPrefix(l, mixedPrefix) {
			out[strings.ToLower(strings.TrimRight(l, " 0123456789"))] = true
		}
	}
	return out
}

func phraseTexts(ids []int64, byID map[int64]persona.Theme) []string {
	var out []string
	for _, id := range ids {
		t := byID[id]
		// A mixed theme's label claims no finding, and a duplicate's
		// number ("collect data 2") is no word anyone said.
		if l := strings.TrimRight(t.Label, " 0123456789"); l != "" && !strings.HasPrefix(l, mixedPrefix) {
			out = append(out, l)
		}
		out = append(out, t.Phrases...)
	}
	slices.Sort(out)
	return out
}

// mostSaid are the labels and key phrases of the recurring themes a
// persona raised, by how many of its members said all their words (then
// the longer phrase): what they share most. Counting on the members' own
// words, as namingPhrases does, keeps the name when a re-run regroups the
// themes; themes of quotes not in English say nothing a name could.
func mostSaid(pr persona.Profile, themes []persona.Theme, buyers []buyer, said []map[string]bool) []string {
	if said == nil {
		return nil
	}
	in := map[int64]bool{}
	for _, id := range pr.ParticipantIDs {
		in[id] = true
	}
	type cand struct {
		text     string
		n, words int
	}
	var cs []cand
	var labels map[string]bool
	seen := map[string]bool{}
	byID := map[int64]persona.Theme{}
	var ids []int64
	for _, t := range themes {
		if t.Recurring && pr.ThemeCounts[t.ID] > 0 && !strings.HasPrefix(t.Label, nonEnglishLabel) {
			byID[t.ID] = t
			ids = append(ids, t.ID)
		}
	}
	labels = themeLabels(ids, byID)
	{
		for _, text := range phraseTexts(ids, byID) {
			l := strings.ToLower(text)
			var keys []string
			for _, w := range strings.Fields(l) {
				if !functionWords[w] {
					keys = append(keys, normWord(w))
				}
			}
			if seen[samePhrase(keys)] {
				continue
			}
			seen[samePhrase(keys)] = true
			if len(keys) == 0 || (len(keys) == 1 && (loneGeneric[l] || genericNouns[l] || vagueLone(l))) || lightStart(l) {
				continue
			}
			n := 0
			for b := range buyers {
				if in[buyers[b].p.ID] && saidAll(said[b], keys) {
					n++
				}
			}
			if n >= min(2, pr.Size) {
				cs = append(cs, cand{text, n, len(keys)})
			}
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(b.words, a.words), cmp.Compare(a.text, b.text))
	})
	cs = phraseOverTopic(cs, func(c cand) (int, int) {
		if !labels[strings.ToLower(c.text)] {
			return c.n, 1 // only a label is a finding phrase
		}
		return c.n, c.words
	})
	out := make([]string, 0, maxNameThemes)
	for _, c := range cs[:min(len(cs), maxNameThemes)] {
		out = append(out, c.text)
	}
	return out
}

// raisedThemes are the recurring themes a persona's members raised.
func raisedThemes(pr persona.Profile, themes []persona.Theme) []int64 {
	var ids []int64
	for _, t := range themes {
		if t.Recurring && pr.ThemeCounts[t.ID] > 0 {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// phraseOverTopic moves to the front the most said phrase of several
// words when at least half as many members said it as said the first
// candidate, a lone word: "emergency wage subsidy" says what they raised,
// "workers" only what they talked about. cs is sorted by how many said
// it; count gives a candidate's members and words.
func phraseOverTopic[T any](cs []T, count func(T) (n, words int)) []T {
	if len(cs) == 0 {
		return cs
	}
	top, words := count(cs[0])
	if words > 1 {
		return cs
	}
	for i, c := range cs {
		n, w := count(c)
		if 2*n < top {
			break
		}
		if w > 1 {
			return append(append([]T{c}, cs[:i]...), cs[i+1:]...)
		}
	}
	return cs
}
