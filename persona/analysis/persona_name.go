package analysis

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

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
	attrTotal  map[[2]string]int // attribute, value -> buyers
}

func newPersonaStats(themes []persona.Theme, buyers []buyer, attrs []string) personaStats {
	st := personaStats{n: len(buyers), themeTotal: map[int64]int{}, attrTotal: map[[2]string]int{}}
	for _, b := range buyers {
		for _, t := range b.all {
			st.themeTotal[themes[t].ID]++
		}
		for _, k := range attrs {
			if v := strings.TrimSpace(b.p.Attributes[k]); v != "" {
				st.attrTotal[[2]string{k, v}]++
			}
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

// definingValues are the attribute values that describe a persona: for
// role, industry and size attributes the value at least 40% hold; for
// any other attribute a value at least half hold with a lift of at least
// nameLift. Each is phrased through its attribute unless the attribute
// names who the buyer is (a job title, an industry, a company size).
func definingValues(pr persona.Profile, attrs []string, st personaStats) []string {
	var out []string
	answered := false
	for _, k := range nameAttributes(attrs) {
		cs := pr.Attributes[k]
		if len(cs) == 0 || len(out) == 2 {
			continue
		}
		share, l := st.lift(cs[0].N, st.attrTotal[[2]string{k, cs[0].Value}], pr.Size)
		if describesBuyer(k) {
			if 5*cs[0].N >= 2*pr.Size && (l >= nameLift || share >= 0.8) {
				out = append(out, shortValue(cs[0].Value))
			}
			continue
		}
		if share >= 0.5 && l >= nameLift && !answered {
			out = append(out, attributeName(k)+": "+shortValue(cs[0].Value))
			answered = true // one answer is as much as a name can carry
		}
	}
	return out
}

// describesBuyer reports attributes whose values say who a buyer is: a
// short header naming a job title, role, industry or company size
// ("job_title", "Company size"), not a question that mentions one.
func describesBuyer(k string) bool {
	ws := strings.FieldsFunc(strings.ToLower(questionNumber.ReplaceAllString(k, "")), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	if len(ws) == 0 || len(ws) > 3 {
		return false
	}
	return slices.ContainsFunc(ws, func(w string) bool { return buyerWords[w] })
}

var buyerWords = wordSet("role", "title", "job", "position", "occupation", "industry", "sector",
	"vertical", "size", "employees", "seniority", "department", "function")

var (
	questionNumber = regexp.MustCompile(`^(?i)(q\d+[a-z]?|s\d+|\d+)[\s._:)-]+`)
	separators     = regexp.MustCompile(`[_\s]+`)
)

// attributeName turns a column header into words: "Q3_AI_affecting_society"
// -> "AI affecting society"; at most six words.
func attributeName(k string) string {
	k = separators.ReplaceAllString(questionNumber.ReplaceAllString(strings.TrimSpace(k), ""), " ")
	ws := strings.Fields(k)
	if len(ws) > 6 {
		ws = append(ws[:6], "…")
	}
	return strings.Join(ws, " ")
}

// shortValue keeps an answer's head: "Strong regulation – Focus on
// safety" -> "Strong regulation"; at most six words.
func shortValue(v string) string {
	for _, sep := range []string{" – ", " — ", " - ", ": ", " (", "; "} {
		if head, _, ok := strings.Cut(v, sep); ok && strings.TrimSpace(head) != "" {
			v = head
		}
	}
	ws := strings.Fields(strings.TrimRight(v, ".,"))
	if len(ws) > 6 {
		ws = append(ws[:6], "…")
	}
	return strings.Join(ws, " ")
}

// nameAll names every persona by its defining attribute values and the
// labels of its most distinctive themes ("Finance lead, mid-size — slow
// month-end close"), adding a second theme, then a number, when two
// personas would share a name.
func nameAll(out []persona.Profile, themes []persona.Theme, buyers []buyer, attrs []string) {
	st := newPersonaStats(themes, buyers, attrs)
	label := map[int64]string{}
	for _, t := range themes {
		label[t.ID] = t.Label
	}
	cands := make([][]int64, len(out))
	subject := make([]string, len(out))
	for i := range out {
		cands[i] = namingThemes(out[i], themes, st)
		subject[i] = strings.Join(definingValues(out[i], attrs, st), ", ")
		if subject[i] == "" {
			subject[i] = "Buyers"
		}
	}
	name := func(i, n int) string {
		var ls []string
		for _, id := range cands[i][:min(n, len(cands[i]))] {
			ls = append(ls, label[id])
		}
		if len(ls) == 0 {
			return subject[i]
		}
		return subject[i] + " — " + strings.Join(ls, " · ")
	}
	used := map[string]int{}
	for i := range out {
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
