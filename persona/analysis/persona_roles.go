package analysis

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// Roles people state about themselves. Interviews rarely come with a
// role attribute, but most interviewees introduce themselves ("I'm a data
// scientist at …", "I work as an ML engineer", "my role is AI delivery
// manager"). Such a statement, in the participant's own turn (quotes are
// only ever a participant's words, never the interviewer's), is evidence
// of who they are: the persona page shows it with the quote, and a
// persona may be named by a role when most of its members say so.

// statedRole is the role a participant states, normalized ("data
// scientist" from "a lead data scientist"), with the quote saying it.
type statedRole struct {
	role  string
	quote int64
}

var (
	// roleLead is a present-tense first-person self-description up to
	// where the role starts: "I'm (currently) (a)", "I've been (working
	// as) a", "I work (for X) as a", "my (current) role/position/title
	// (at X) is (that of) a". The past ("I was a …") says who they were.
	roleLead = regexp.MustCompile(`(?i)(?:^|[^\pL'’])(?:(?:i['’]m|i am|i['’]ve been|i have been)(?: (?:currently|now|also))?(?: (?:working|employed) as)?|i (?:currently |now )?work (?:for [^,.;]{1,40} )?as|my (?:current |main |actual )?(?:role|position|title|job title)(?: at [^,.;]{1,40})? is(?: that of)?)(?: (?:an?|the))? `)
	// roleFiller are spoken fillers dropped before matching, with the
	// comma around them: "I am currently, uh, machine learning engineer".
	roleFiller = regexp.MustCompile(`(?i),?\s*\b(?:uh|um|er|erm|ah|hmm)\b,?`)
	// reportedLead marks a statement that is not the speaker's own: a
	// hypothesis or someone else's words ("if I'm a data scientist…",
	// "everybody will say, I am a data scientist").
	reportedLead = regexp.MustCompile(`(?i)\b(?:if|say|says|said|saying|pretend|imagine|suppose)\b[^.!?]{0,12}$`)
)

// roleHeads are the nouns a job title ends with: a general list of
// occupations, not of any one study's.
var roleHeads = wordSet("scientist", "engineer", "manager", "developer", "analyst", "architect", "consultant",
	"professor", "student", "researcher", "lead", "director", "designer", "statistician", "founder", "cofounder",
	"co-founder", "owner", "officer", "specialist", "administrator", "admin", "programmer", "expert", "associate",
	"lecturer", "teacher", "marketer", "executive", "ceo", "cto", "cfo", "coo", "cio", "cmo", "vp", "head",
	"intern", "freelancer", "contractor", "accountant", "controller", "recruiter", "strategist", "coordinator",
	"representative", "rep", "salesperson", "nurse", "doctor", "physician", "postdoc", "technician", "advisor",
	"adviser", "entrepreneur", "president", "partner", "buyer", "operator", "editor", "writer", "economist",
	"mathematician", "physicist", "biologist", "chemist", "auditor", "lawyer", "clerk", "supervisor", "planner",
	"scrum-master", "practitioner")

// seniorityWords are dropped from a stated role so "lead data scientist"
// and "data scientist" are one role; a role of only these ("the lead")
// keeps its word.
var seniorityWords = wordSet("senior", "junior", "lead", "chief", "principal", "staff", "mid-level", "midlevel",
	"associate", "full", "assistant", "head", "main", "only", "sole", "current")

// roleStops end a role's words: a possessive or demonstrative starts
// someone else's noun ("I'm afraid his expert opinion is wrong"), and an
// intensifier a judgement ("I'm so glad").
var roleStops = wordSet("his", "her", "their", "my", "our", "your", "its", "this", "that", "these", "those",
	"very", "so", "too", "really", "pretty", "quite")

// maxRoleWords is the most words a stated role may have before its head.
const maxRoleWords = 4

// extractRole finds a stated role in one quote's text.
func extractRole(text string) (string, bool) {
	text = roleFiller.ReplaceAllString(text, "")
	// Leads may overlap ("I am, I work as a …"): search again from just
	// after each one's start.
	for start := 0; start < len(text); {
		loc := roleLead.FindStringIndex(text[start:])
		if loc == nil {
			break
		}
		at, end := start+loc[0], start+loc[1]
		start = at + 1
		if reportedLead.MatchString(text[:at+1]) || negated.MatchString(text[end:]) {
			continue
		}
		if r := roleWords(text[end:]); r != "" {
			return r, true
		}
	}
	return "", false
}

// negated marks a role denied: "I'm not data scientist".
var negated = regexp.MustCompile(`(?i)^(?:not|no|never)\b`)

// roleWords reads a role from the text after a self-description's lead:
// up to maxRoleWords words and a head noun, stopped by punctuation or a
// word that is not part of a title; the longest such span ending on a
// head wins ("machine learning engineer", not "machine").
func roleWords(rest string) string {
	var ws []string
	for _, f := range strings.Fields(strings.ReplaceAll(rest, "’", "'")) {
		raw := strings.TrimRight(f, ",.;:!?)\"”")
		w := strings.ToLower(raw)
		if w == "" || functionWords[w] || roleStops[w] || strings.ContainsAny(w, "0123456789") {
			break
		}
		if len(raw) >= 2 && raw == strings.ToUpper(raw) && w != raw {
			w = raw // an acronym keeps its capitals: "AI delivery manager", "IT director"
		}
		ws = append(ws, w)
		if len(ws) > maxRoleWords || raw != f {
			break // punctuation ends a title
		}
	}
	end := -1
	for i, w := range ws {
		if i > maxRoleWords {
			break
		}
		if l := strings.ToLower(w); roleHeads[l] || roleHeads[strings.TrimSuffix(l, "s")] {
			end = i
		}
	}
	if end < 0 {
		return ""
	}
	role := slices.Clone(ws[:end+1])
	// A word broken off and said whole at once is a false start: "the pr
	// project manager" is "project manager".
	for i := len(role) - 2; i >= 0; i-- {
		if next := role[i+1]; len(role[i]) < len(next) && strings.HasPrefix(next, role[i]) {
			role = slices.Delete(role, i, i+1)
		}
	}
	for i := len(role) - 1; i > 0; i-- {
		if j := slices.Index(role[:i], role[i]); j >= 0 {
			// A false start said again: "web development, web
			// developer" is "web developer".
			role = role[i:]
			break
		}
	}
	kept := slices.DeleteFunc(slices.Clone(role), func(w string) bool { return seniorityWords[strings.ToLower(w)] })
	if len(kept) == 0 {
		kept = role[len(role)-1:]
	}
	return strings.Join(kept, " ")
}

// statedRoles finds, per buyer, the first role they state about
// themselves in a visible quote (quotes in the order they were said).
func statedRoles(c *corpus, buyers []buyer) []statedRole {
	out := make([]statedRole, len(buyers))
	if c == nil {
		return out
	}
	owner := make(map[int64]int, len(buyers))
	for i, b := range buyers {
		owner[b.p.ID] = i
	}
	for q, quote := range c.quotes {
		b, ok := owner[quote.ParticipantID]
		if !ok || c.hidden[q] || out[b].role != "" {
			continue
		}
		if r, ok := extractRole(quote.Text); ok {
			out[b] = statedRole{role: r, quote: quote.ID}
		}
	}
	return out
}

// roleCounts are the roles a persona's members state, most stated first,
// each with the quotes saying it (one per member).
func roleCounts(buyers []buyer, members []int) []persona.StatedRole {
	by := map[string][]int64{}
	for _, m := range members {
		if s := buyers[m].said; s.role != "" {
			by[s.role] = append(by[s.role], s.quote)
		}
	}
	out := make([]persona.StatedRole, 0, len(by))
	for _, r := range slices.Sorted(maps.Keys(by)) {
		ids := by[r]
		slices.Sort(ids)
		out = append(out, persona.StatedRole{Role: r, N: len(ids), QuoteIDs: ids})
	}
	slices.SortStableFunc(out, func(a, b persona.StatedRole) int { return cmp.Compare(b.N, a.N) })
	return out
}

// statedWho is the who-part a persona's stated roles give its name, or
// "": a role that holds for most of its members, as far as what they say
// of themselves tells. A role is known only for the members who state one
// (the others are unknown, not counter-evidence), so the rule asks that
// most members state a role (at least half), that one role is a strict
// majority of the roles they state, and that it sets them apart (a lift
// of nameLift over the rest of the study, or four fifths of the persona),
// stated by at least max(minTraitShare of the study, minPersonaSize)
// people study-wide, as a coarse attribute value must be. The exact role
// is tried first ("Data scientists"), then its family (roleFamily, the
// line Capterra's job titles are drawn at: "Practitioners", "Managers &
// directors"), since free-text titles rarely repeat exactly. Half is no
// tuned value: a plural naming a group says what most of it is. Nobody
// is given a role they did not state.
func statedWho(members []buyer, all []buyer) string {
	if r := statedWhoBy(members, all, func(r string) string { return r }); r != "" {
		return plural(r)
	}
	return statedWhoBy(members, all, roleFamily)
}

// statedWhoBy is statedWho over roles grouped by group.
func statedWhoBy(members []buyer, all []buyer, group func(string) string) string {
	n := map[string]int{}
	stated := 0
	for _, m := range members {
		if r := m.said.role; r != "" {
			n[group(r)]++
			stated++
		}
	}
	if stated == 0 || 2*stated < len(members) {
		return ""
	}
	top := slices.MaxFunc(slices.Sorted(maps.Keys(n)), func(a, b string) int { return cmp.Compare(n[a], n[b]) })
	total := 0
	for _, b := range all {
		if b.said.role != "" && group(b.said.role) == top {
			total++
		}
	}
	if float64(total) < max(minTraitShare*float64(len(all)), minPersonaSize) || 2*n[top] <= stated {
		return ""
	}
	st := personaStats{n: len(all)}
	if share, l := st.lift(n[top], total, len(members)); l < nameLift && share < 0.8 {
		return ""
	}
	return top
}

// plural is a role's plural for a persona's name: "data scientists",
// "analysts", "coaches", "secretaries".
func plural(role string) string {
	switch {
	case strings.HasSuffix(role, "s") || strings.HasSuffix(role, "sh") || strings.HasSuffix(role, "ch") || strings.HasSuffix(role, "x"):
		return role + "es"
	case strings.HasSuffix(role, "y") && len(role) > 1 && !strings.ContainsRune("aeiou", rune(role[len(role)-2])):
		return role[:len(role)-1] + "ies"
	}
	return role + "s"
}

// StatedRole is the role a quote's text states ("data scientist" from
// "I'm a lead data scientist"), as the analysis tells it; ok is false
// when it states none. Pages tell a stored role anew from the text they
// show, which a redaction pass may have rewritten since the analysis.
func StatedRole(text string) (role string, ok bool) { return extractRole(text) }
