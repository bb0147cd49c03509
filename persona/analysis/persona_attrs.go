package analysis

import (
	"cmp"
	"maps"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/verbatimhq/verbatim/persona"
)

// attrKind says what an attribute tells about a participant, which
// decides whether it may set personas apart.
type attrKind int

const (
	// attrWho says who the buyer is: a job title or role, an industry, a
	// company size. Marketers segment and name by these: they name a
	// persona whenever they set it apart, and split one when they explain
	// what people raised.
	attrWho attrKind = iota
	// attrAnswer is any other trait, most often a survey answer; it takes
	// part only when it explains which themes people raise.
	attrAnswer
	// attrRecord says how or when the record was made, not who made it:
	// how long the product was used, dates, a data split, a language
	// guess, a parse note. It never sets personas apart.
	attrRecord
)

// trait is one attribute as persona clustering and naming use it: its
// values coarsened (job titles to role families, company sizes to
// bands, rare values dropped) and its weight in the persona distance.
type trait struct {
	key    string
	kind   attrKind
	coarse func(string) string // raw value -> trait value ("" = none)
	// excess is how much more the attribute explains the themes people
	// raised than the same values shuffled (permutation z-score).
	excess float64
	weight float64
}

// Trait ranking.
const (
	// minTraitShare is the smallest share of buyers a coarse value must
	// hold to take part: rarer values name no segment a marketer targets.
	minTraitShare = 0.05
	// traitPerms is how many shuffles the informativeness test compares
	// an attribute with; traitZ the z-score it must reach over them.
	traitPerms = 20
	traitZ     = 3.0
)

// rankTraits chooses the attributes that may set personas apart and
// weighs them: any attribute that explains the themes raised beyond
// chance (informativeness at least traitZ) weighs 1; a who-the-buyer-is
// attribute (role, industry, size) that does not is kept at weight 0, to
// name personas but not split them; records of how or when never take
// part. The result is ordered for naming: who first (role, industry,
// size), then answers by informativeness. Each buyer's coarse values are
// filled in b.traits.
func rankTraits(buyers []buyer, themes []persona.Theme) []trait {
	keys := map[string]int{}
	for _, b := range buyers {
		for k, v := range b.p.Attributes {
			if strings.TrimSpace(v) != "" {
				keys[k]++
			}
		}
	}
	var out []trait
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		if 3*keys[k] < len(buyers) {
			continue
		}
		raw := make([]string, len(buyers))
		for i, b := range buyers {
			raw[i] = strings.TrimSpace(b.p.Attributes[k])
		}
		tr := trait{key: k, kind: kindOf(k, raw)}
		if tr.kind == attrRecord {
			continue
		}
		tr.coarse = coarsener(k, raw, len(buyers))
		vals := make([]string, len(buyers))
		distinct := map[string]bool{}
		for i, v := range raw {
			if v != "" {
				vals[i] = tr.coarse(v)
			}
			if vals[i] != "" {
				distinct[vals[i]] = true
			}
		}
		if len(distinct) < 2 || len(distinct) > maxAttributeValues {
			continue
		}
		tr.excess = informativeness(vals, buyers, themes)
		switch {
		case tr.excess >= traitZ:
			tr.weight = 1
		case tr.kind != attrWho:
			continue
		}
		for i := range buyers {
			if buyers[i].traits == nil {
				buyers[i].traits = map[string]string{}
			}
			if vals[i] != "" {
				buyers[i].traits[k] = vals[i]
			}
		}
		out = append(out, tr)
	}
	slices.SortStableFunc(out, func(a, b trait) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(whoRank(a.key), whoRank(b.key)), cmp.Compare(b.excess, a.excess))
	})
	return out
}

// whoRank orders who-the-buyer-is attributes for naming: role, then
// industry, then company size.
func whoRank(k string) int {
	k = strings.ToLower(k)
	for i, group := range [][]string{{"role", "title", "job", "position", "occupation", "function", "department", "seniority"},
		{"industry", "sector", "vertical"}, {"size", "employees"}} {
		for _, w := range group {
			if strings.Contains(k, w) {
				return i
			}
		}
	}
	return 3
}

// recordWords in a header mark an attribute about the record, not the
// person: when or how long, which split or batch, notes and guesses.
var recordWords = wordSet("time", "used", "usage", "duration", "tenure", "date", "dates", "day", "year", "years",
	"month", "months", "since", "period", "trial", "timestamp", "started", "completed", "submitted", "edt", "utc",
	"split", "fold", "batch", "lang", "language", "locale", "id", "index", "row", "note", "notes", "raw",
	"source", "file", "url", "token", "status", "version", "distribution", "engagement", "panel")

var (
	durationValue = regexp.MustCompile(`(?i)\b(\d+\s*\+?\s*(-|–|to)?\s*\d*\s*\+?\s*(years?|months?|weeks?|days?|yrs?)|less than|more than|free trial)\b`)
	dateValue     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}|^\d{1,2}/\d{1,2}/\d{2,4}`)
)

// kindOf classifies an attribute by its header and, failing that, by its
// values: mostly durations or dates make it a record.
func kindOf(k string, raw []string) attrKind {
	ws := strings.FieldsFunc(strings.ToLower(questionNumber.ReplaceAllString(k, "")), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	if len(ws) <= 3 && slices.ContainsFunc(ws, func(w string) bool { return recordWords[w] }) {
		return attrRecord
	}
	if describesBuyer(k) {
		return attrWho
	}
	n, timed := 0, 0
	for _, v := range raw {
		if v == "" {
			continue
		}
		n++
		if durationValue.MatchString(v) || dateValue.MatchString(v) {
			timed++
		}
	}
	if n > 0 && 2*timed >= n {
		return attrRecord
	}
	return attrAnswer
}

// coarsener maps an attribute's raw values to the values personas are
// told apart by: company sizes to three bands, job titles (when there
// are too many to take part as they are) to role levels, and any value held by fewer than minTraitShare of the buyers
// to none.
func coarsener(k string, raw []string, n int) func(string) string {
	base := func(v string) string { return v }
	switch {
	case whoRank(k) == 2 && sizeBands(raw):
		base = sizeBand
	case whoRank(k) == 0 && distinctValues(raw) > maxAttributeValues:
		// Free-text titles rarely repeat: only their level can group.
		base = roleFamily
	}
	counts := map[string]int{}
	for _, v := range raw {
		if v != "" {
			counts[base(v)]++
		}
	}
	keep := map[string]bool{}
	for v, c := range counts {
		if v != "" && float64(c) >= max(minTraitShare*float64(n), minPersonaSize) {
			keep[v] = true
		}
	}
	return func(v string) string {
		if c := base(v); keep[c] {
			return c
		}
		return ""
	}
}

func distinctValues(raw []string) int {
	seen := map[string]bool{}
	for _, v := range raw {
		if v != "" {
			seen[v] = true
		}
	}
	return len(seen)
}

var number = regexp.MustCompile(`\d[\d,]*`)

// sizeBands reports whether most values of a size attribute are head
// counts ("11-50 employees", "10,001+", "Self-employed").
func sizeBands(raw []string) bool {
	n, ok := 0, 0
	for _, v := range raw {
		if v == "" {
			continue
		}
		n++
		if sizeBand(v) != "" {
			ok++
		}
	}
	return n > 0 && 2*ok > n
}

// sizeBand maps a head count to small (up to 50), mid-size (up to 1,000)
// or enterprise, by the range's upper bound.
func sizeBand(v string) string {
	l := strings.ToLower(v)
	if strings.Contains(l, "self") || strings.Contains(l, "freelance") || strings.Contains(l, "sole") {
		return "small firms"
	}
	ns := number.FindAllString(l, -1)
	if len(ns) == 0 {
		return ""
	}
	hi, err := strconv.Atoi(strings.ReplaceAll(ns[len(ns)-1], ",", ""))
	if err != nil {
		return ""
	}
	switch {
	case hi <= 50:
		return "small firms"
	case hi <= 1000:
		return "mid-size firms"
	default:
		return "enterprises"
	}
}

// Job title words by the level of the role they name.
var (
	executiveTitles = wordSet("ceo", "cto", "cio", "coo", "cfo", "cmo", "chief", "founder", "cofounder", "co-founder",
		"owner", "president", "vp", "partner", "proprietor")
	managerTitles = wordSet("manager", "director", "head", "lead", "leader", "supervisor", "coordinator")
	studentTitles = wordSet("student", "intern", "trainee")
)

// roleFamily reduces a job title to the level of the role it names, the
// line B2B marketers draw between who signs and who uses: "CEO" or
// "Co-Founder" -> "founders & executives", "IT Manager" -> "managers &
// directors", "Student" -> "students", "Senior Software Engineer" ->
// "practitioners". Free-text titles rarely repeat exactly, so the titles
// themselves would set no group apart.
func roleFamily(v string) string {
	ws := strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	switch {
	case len(ws) == 0:
		return ""
	case slices.ContainsFunc(ws, func(w string) bool { return executiveTitles[w] }):
		return "founders & executives"
	case slices.ContainsFunc(ws, func(w string) bool { return managerTitles[w] || managerTitles[strings.TrimSuffix(w, "s")] }):
		return "managers & directors"
	case slices.ContainsFunc(ws, func(w string) bool { return studentTitles[w] }):
		return "students"
	}
	return "practitioners"
}

// informativeness is how far the values explain the recurring themes
// buyers raised beyond chance: the G statistic of value against each
// theme, summed over themes, as a z-score over traitPerms shuffles of
// the values among the buyers who have one. The shuffles use a fixed
// seed: the answer is about the data, not about the run.
func informativeness(vals []string, buyers []buyer, themes []persona.Theme) float64 {
	var who []int
	codes := map[string]int{}
	var code []int
	for i, v := range vals {
		if v == "" {
			continue
		}
		if _, ok := codes[v]; !ok {
			codes[v] = len(codes)
		}
		who = append(who, i)
		code = append(code, codes[v])
	}
	if len(codes) < 2 || len(who) < 2*minPersonaSize {
		return 0
	}
	g := func(code []int) float64 {
		return gStat(code, len(codes), who, buyers, len(themes))
	}
	obs := g(code)
	rng := rand.New(rand.NewPCG(0x7a17, 0x5eed))
	perm := slices.Clone(code)
	var sum, sq float64
	for r := 0; r < traitPerms; r++ {
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		x := g(perm)
		sum += x
		sq += x * x
	}
	mean := sum / traitPerms
	sd := math.Sqrt(max(sq/traitPerms-mean*mean, 1e-9))
	return (obs - mean) / sd
}

// gStat sums, over the recurring themes, the G statistic of the 2-way
// table value x raised-the-theme among buyers who.
func gStat(code []int, k int, who []int, buyers []buyer, nThemes int) float64 {
	perValue := make([]float64, k)
	raised := make([]float64, nThemes)
	joint := make([]float64, k*nThemes)
	for j, i := range who {
		perValue[code[j]]++
		for _, t := range buyers[i].themes {
			raised[t]++
			joint[code[j]*nThemes+t]++
		}
	}
	n := float64(len(who))
	var g float64
	for t := 0; t < nThemes; t++ {
		if raised[t] == 0 || raised[t] == n {
			continue
		}
		for v := 0; v < k; v++ {
			o1 := joint[v*nThemes+t]
			o0 := perValue[v] - o1
			e1 := perValue[v] * raised[t] / n
			e0 := perValue[v] - e1
			if o1 > 0 {
				g += 2 * o1 * math.Log(o1/e1)
			}
			if o0 > 0 {
				g += 2 * o0 * math.Log(o0/e0)
			}
		}
	}
	return g
}
