package analysis

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// nameRuleStudies are the dev studies persona names are checked on:
// interviews (ML practitioners, SERDIF), meetings (QMSum product design
// ES2004a-d, one academic set, one committee set), a survey, reviews
// and one-comment feedback. Small studies are run on the app's seed (0)
// and seeds 1-3, large ones on the app's seed.
func nameRuleStudies(t *testing.T) (small, large []*realStudy) {
	small = []*realStudy{
		loadRealStudy(t, "ml_practitioner_interviews", realFiles(t, "ml_practitioner_interviews/Interview_*.txt"), oneGroup),
		loadRealStudy(t, "serdif", realFiles(t, "serdif_usability_study/transcripts/*.txt"), oneGroup),
		loadRealStudy(t, "qmsum ES2004", realFiles(t, "qmsum_meetings/Product/ES2004?.json"), oneGroup),
		loadRealStudy(t, "qmsum Bed00x", realFiles(t, "qmsum_meetings/Academic/Bed00*.json"), oneGroup),
	}
	large = []*realStudy{
		loadRealStudy(t, "qmsum covid", realFiles(t, "qmsum_meetings/Committee/covid_*.json"), oneGroup),
		loadRealStudy(t, "capterra", []string{"capterra_azure_reviews/capterra_azure_reviews.csv"}, oneGroup),
		loadRealStudy(t, "bc_ai_survey", []string{"bc_ai_survey/bc_ai_survey_2025.csv"}, oneGroup),
		loadRealStudy(t, "nhs", []string{"nhs_patient_feedback/v6framework_230831.csv"}, oneGroup),
	}
	return small, large
}

// TestPersonaNameRulesRealData checks, from outside the namer, that
// persona names read as personas a marketer would brief on: unique in a
// study, never numbered, and every finding-part (after " — ", or a name
// that names no attribute value of its persona) a phrase of two content
// words or more, without filler, that two or more of the persona's
// members said in one quote. Names are logged for the docs.
func TestPersonaNameRulesRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	small, large := nameRuleStudies(t)
	var names, broken int
	check := func(st *realStudy, seed int64) {
		a := sharedRun(t, st, seed)
		for _, p := range a.Personas {
			t.Logf("%s seed %d: %-70q %4d", st.name, seed, p.Name, p.Size)
		}
		for _, msg := range personaNameBreaks(st, a) {
			broken++
			t.Errorf("%s seed %d: %s", st.name, seed, msg)
		}
		names += len(a.Personas)
	}
	for _, st := range small {
		for _, seed := range []int64{0, 1, 2, 3} {
			check(st, seed)
		}
	}
	for _, st := range large {
		check(st, 0)
	}
	t.Logf("persona names: %d, breaking a rule: %d", names, broken)
}

var numberedName = regexp.MustCompile(`\(\d+\)$`)

// personaNameBreaks lists the naming rules a run's personas break.
func personaNameBreaks(st *realStudy, a *persona.Analysis) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range a.Personas {
		if seen[p.Name] {
			out = append(out, "name used twice: "+p.Name)
		}
		seen[p.Name] = true
		if numberedName.MatchString(p.Name) {
			out = append(out, "numbered name: "+p.Name)
		}
		if msg := statedWhoBreak(p); msg != "" {
			out = append(out, p.Name+": "+msg)
		}
		for _, f := range findingParts(p) {
			if msg := findingBreak(f, st, p); msg != "" {
				out = append(out, p.Name+": "+msg)
			}
		}
	}
	return out
}

// findingParts are the phrases of a persona's name that claim a finding:
// those after " — " (or after "Mostly raised:" or "Focus:"), joined by " · "; a name
// without them is a finding-part itself unless it names one of its
// persona's attribute values or says there are no distinct personas.
func findingParts(p persona.Profile) []string {
	name := p.Name
	if _, tail, ok := strings.Cut(name, " — "); ok {
		return strings.Split(tail, " · ")
	}
	for _, prefix := range []string{"Mostly raised: ", "Focus: "} {
		if tail, ok := strings.CutPrefix(name, prefix); ok {
			return strings.Split(tail, " · ")
		}
	}
	if name == "No distinct personas" || name == "Other participants" {
		return nil
	}
	lower := strings.ToLower(name)
	for _, r := range p.Roles {
		if strings.HasPrefix(lower, plural(r.Role)) {
			return nil
		}
	}
	for _, cs := range p.Attributes {
		for _, c := range cs {
			if v := strings.ToLower(shortValue(c.Value)); v != "" && strings.Contains(lower, v) {
				return nil
			}
		}
	}
	return strings.Split(name, " · ")
}

// statedWhoBreak says why a who-part taken from the roles members state
// is not theirs, or "": at least half the persona must state a role, and
// the role (or its family: roleFamily) must be a strict majority of the
// roles stated.
func statedWhoBreak(p persona.Profile) string {
	who, _, _ := strings.Cut(strings.ToLower(p.Name), " — ")
	stated := 0
	family := map[string]int{}
	for _, r := range p.Roles {
		stated += r.N
		family[roleFamily(r.Role)] += r.N
	}
	for _, r := range p.Roles {
		if len(r.QuoteIDs) != r.N {
			return fmt.Sprintf("stated role %q has %d quotes for %d members", r.Role, len(r.QuoteIDs), r.N)
		}
		if who == plural(r.Role) && (2*r.N <= stated || 2*stated < p.Size) {
			return fmt.Sprintf("named by stated role %q, said by %d of %d members (%d state a role)", r.Role, r.N, p.Size, stated)
		}
	}
	if n, ok := family[who]; ok && !namesAttribute(p, who) && (2*n <= stated || 2*stated < p.Size) {
		return fmt.Sprintf("named by role family %q, said by %d of %d members (%d state a role)", who, n, p.Size, stated)
	}
	return ""
}

// namesAttribute reports a who-part that a role attribute of the persona
// gives (Capterra's "practitioners" from its job-title column: the
// members' titles of that family are half the persona or more), not the
// roles members state.
func namesAttribute(p persona.Profile, who string) bool {
	for k, cs := range p.Attributes {
		if whoRank(k) != 0 {
			continue
		}
		n := 0
		for _, c := range cs {
			if strings.EqualFold(c.Value, who) || roleFamily(c.Value) == who {
				n += c.N
			}
		}
		if 2*n >= p.Size {
			return true
		}
	}
	return false
}

// saysTogether reports whether tokens say every word of content with at
// most three other words among them: a phrase is said when its words are
// said together, not one early in an answer and one at its end.
func saysTogether(toks []persona.Token, content []string) bool {
	for start := range toks {
		left := map[string]bool{}
		for _, w := range content {
			left[normWord(w)] = true
		}
		for j := start; j < len(toks) && j < start+len(content)+3; j++ {
			delete(left, normWord(toks[j].Text))
			if len(left) == 0 {
				return true
			}
		}
	}
	return false
}

// findingBreak says why a finding-part breaks the rules, or "".
func findingBreak(f string, st *realStudy, p persona.Profile) string {
	var content []string
	for _, w := range strings.Fields(strings.ToLower(f)) {
		w = strings.Trim(w, ".,!?:'’")
		switch {
		case ruleFiller[w]:
			return "filler in " + f
		case ruleQuestion[w]:
			return "question word in " + f
		case labelStop[w]:
			continue
		}
		content = append(content, w)
	}
	if len(content) < 2 {
		return "finding-part is a lone word: " + f
	}
	members := map[int64]bool{}
	for _, id := range p.ParticipantIDs {
		members[id] = true
	}
	said := map[int64]bool{}
	for _, q := range st.in.Quotes {
		if !members[q.ParticipantID] || said[q.ParticipantID] {
			continue
		}
		said[q.ParticipantID] = saysTogether(q.Tokens, content)
	}
	n := 0
	for _, ok := range said {
		if ok {
			n++
		}
	}
	if n < min(2, p.Size) {
		return fmt.Sprintf("finding-part said in one quote by %d members: %s", n, f)
	}
	return ""
}
