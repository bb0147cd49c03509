package analysis

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/verbatimhq/verbatim/persona"
)

// definingValues describe a persona by at most two of its traits
// (rankTraits order, so role before industry before size): for
// who-the-buyer-is traits the value at least half its members hold (a
// plural naming a group says what most of it is: "Finance leads" for a
// persona two fifths of whom lead finance says too much), when it sets
// them apart (lift of at least nameLift) or nearly all hold it; failing
// two of those, one answer trait's value at least half hold with a lift
// of at least nameLift, phrased through its question. It returns the who
// phrase ("Engineers at enterprises") and the answer ("AI affecting
// society: Mixed"), either possibly empty.
func definingValues(members []buyer, traits []trait, st personaStats) (who, answer string) {
	var role, industry, size, other []string
	for _, tr := range traits {
		cs := traitCounts(members, tr.key)
		if len(cs) == 0 {
			continue
		}
		share, l := st.lift(cs[0].N, st.attrTotal[[2]string{tr.key, cs[0].Value}], len(members))
		if tr.kind == attrWho {
			if len(role)+len(industry)+len(size)+len(other) < 2 && 2*cs[0].N >= len(members) && (l >= nameLift || share >= 0.8) {
				v := shortValue(cs[0].Value)
				switch whoRank(tr.key) {
				case 0:
					role = append(role, v)
				case 1:
					industry = append(industry, v)
				case 2:
					size = append(size, v)
				default:
					other = append(other, v)
				}
			}
			continue
		}
		if answer == "" && len(role)+len(industry)+len(size)+len(other) < 2 && share >= 0.5 && l >= nameLift {
			answer = attributeName(tr.key) + ": " + shortValue(cs[0].Value)
		}
	}
	return whoPhrase(role, industry, size, other), answer
}

// whoPhrase joins who-the-buyer-is values into a subject: "Engineers in
// Computer Software at enterprises", "Buyers at small firms".
func whoPhrase(role, industry, size, other []string) string {
	if len(role)+len(industry)+len(size)+len(other) == 0 {
		return ""
	}
	subject := "Buyers"
	if len(role) > 0 {
		subject = upperFirst(role[0])
	}
	if len(other) > 0 {
		subject += ", " + other[0]
	}
	if len(industry) > 0 {
		subject += " in " + industry[0]
	}
	if len(size) > 0 {
		subject += " at " + size[0]
	}
	return subject
}

func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// traitCounts are one trait's value counts among members, most frequent
// first.
func traitCounts(members []buyer, key string) []persona.Count {
	n := map[string]int{}
	for _, b := range members {
		if v := b.traits[key]; v != "" {
			n[v]++
		}
	}
	out := make([]persona.Count, 0, len(n))
	for v, c := range n {
		out = append(out, persona.Count{Value: v, N: c})
	}
	slices.SortFunc(out, func(a, b persona.Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Value, b.Value)) })
	return out
}

// describesBuyer reports attributes whose values say who a buyer is: a
// short header naming a job title, role, industry or company size
// ("job_title", "Company size", "What is your role?"), not a question
// that mentions one ("Govt role in managing AI").
func describesBuyer(k string) bool {
	ws := strings.FieldsFunc(strings.ToLower(questionNumber.ReplaceAllString(k, "")), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	ws = slices.DeleteFunc(ws, func(w string) bool { return askWords[w] || functionWords[w] })
	if len(ws) == 0 || len(ws) > 3 {
		return false
	}
	return slices.ContainsFunc(ws, func(w string) bool { return buyerWords[w] })
}

// askWords are the words a question wraps around its subject.
var askWords = wordSet("what", "which", "how", "many", "is", "are", "was", "your", "you", "do", "does",
	"did", "have", "has", "work", "works", "current", "currently", "best", "describes")

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
