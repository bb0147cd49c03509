package analysis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

func TestKindOf(t *testing.T) {
	for _, c := range []struct {
		key  string
		raw  []string
		want attrKind
	}{
		{"job_title", []string{"Software Engineer"}, attrWho},
		{"Company size", []string{"11-50 employees"}, attrWho},
		{"What is your role?", []string{"CFO"}, attrWho},
		{"time_used", []string{"2+ years"}, attrRecord},
		{"split", []string{"train", "test"}, attrRecord},
		{"lang_guess", []string{"en"}, attrRecord},
		{"Duration", []string{"6-12 months"}, attrRecord},
		{"Tenure with product", []string{"Less than 6 months", "1-2 years"}, attrRecord},
		{"Q3 How long have you been a customer", []string{"2+ years", "6-12 months", "Less than 6 months"}, attrRecord},
		{"Q3_AI_affecting_society_feeling", []string{"Mixed/neutral", "Positive"}, attrAnswer},
		{"Govt role in managing AI", []string{"Strong regulation"}, attrAnswer},
	} {
		if got := kindOf(c.key, c.raw); got != c.want {
			t.Errorf("kindOf(%q) = %d; want %d", c.key, got, c.want)
		}
	}
}

func TestSizeBandAndRoleFamily(t *testing.T) {
	for v, want := range map[string]string{
		"Self-employed": "small firms", "1-10 employees": "small firms", "11-50 employees": "small firms",
		"51-200 employees": "mid-size firms", "501-1000 employees": "mid-size firms",
		"1001-5000 employees": "enterprises", "10,001+ employees": "enterprises", "Unknown": "",
	} {
		if got := sizeBand(v); got != want {
			t.Errorf("sizeBand(%q) = %q; want %q", v, got, want)
		}
	}
	for v, want := range map[string]string{
		"CEO": "founders & executives", "Co-Founder": "founders & executives", "IT Manager": "managers & directors",
		"Director of Engineering": "managers & directors", "Student": "students",
		"Senior Software Engineer": "practitioners", "": "",
	} {
		if got := roleFamily(v); got != want {
			t.Errorf("roleFamily(%q) = %q; want %q", v, got, want)
		}
	}
}

// traitStudy is n buyers with one attribute "a" of values cycling
// through vals; when tied, a buyer's recurring themes follow the value
// (value j raises themes j and j+1), otherwise they cycle on their own.
func traitStudy(n int, vals []string, tied bool) ([]buyer, []persona.Theme) {
	themes := make([]persona.Theme, len(vals)+1)
	for i := range themes {
		themes[i] = persona.Theme{ID: int64(i + 1), Recurring: true}
	}
	buyers := make([]buyer, n)
	for i := range buyers {
		v := i % len(vals)
		t := v
		if !tied {
			t = (i / len(vals)) % len(vals)
		}
		buyers[i] = buyer{p: persona.Participant{ID: int64(i + 1), Attributes: map[string]string{"a": vals[v], "time_used": "2+ years"}},
			themes: []int{t, t + 1}}
		buyers[i].all = buyers[i].themes
	}
	return buyers, themes
}

func TestRankTraitsInformativeness(t *testing.T) {
	vals := []string{"x", "y", "z"}
	for _, c := range []struct {
		name string
		tied bool
		want bool
	}{
		{"values explain themes", true, true},
		{"values unrelated to themes", false, false},
	} {
		buyers, themes := traitStudy(60, vals, c.tied)
		traits := rankTraits(buyers, themes)
		got := len(traits) == 1 && traits[0].key == "a" && traits[0].weight > 0
		if got != c.want {
			t.Errorf("%s: traits %+v; want attribute a weighed: %v", c.name, traits, c.want)
		}
		for _, tr := range traits {
			if tr.key == "time_used" {
				t.Errorf("%s: a record attribute is a trait", c.name)
			}
		}
	}
}

func TestSegmentByWho(t *testing.T) {
	who := []trait{{key: "role", kind: attrWho, weight: 1, excess: 10}, {key: "size", kind: attrWho, weight: 1, excess: 5}}
	var buyers []buyer
	add := func(n int, role, size string) {
		for i := 0; i < n; i++ {
			b := buyer{traits: map[string]string{}}
			if role != "" {
				b.traits["role"] = role
			}
			if size != "" {
				b.traits["size"] = size
			}
			buyers = append(buyers, b)
		}
	}
	add(30, "engineers", "enterprises")
	add(20, "founders", "small firms")
	add(1, "founders", "enterprises") // a cell too small: joins the founders
	add(1, "", "")                    // nothing known: joins the largest
	groups := segmentByWho(buyers, who)
	if len(groups) != 2 || len(groups[0]) != 31 || len(groups[1]) != 21 {
		t.Fatalf("groups sizes %v; want 31 and 21", sizes(groups))
	}
	if !containsInt(groups[1], 50) || !containsInt(groups[0], 51) {
		t.Errorf("leftovers misplaced: %v", groups)
	}
	// Uninformative who traits never segment.
	for i := range who {
		who[i].excess = 0
	}
	if got := segmentByWho(buyers, who); len(got) != 1 {
		t.Errorf("uninformative traits split into %d groups", len(got))
	}
}

func sizes(groups [][]int) []int {
	out := make([]int, len(groups))
	for i, g := range groups {
		out[i] = len(g)
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestProfilesTellApart(t *testing.T) {
	one := []buyer{{themes: []int{0}}, {themes: []int{1}}, {themes: []int{0, 1}}}
	many := []buyer{{themes: []int{0, 2}}, {themes: []int{1, 2}}, {themes: []int{0}}}
	if profilesTellApart(one) || !profilesTellApart(many) {
		t.Errorf("profilesTellApart: one-answer %v, several %v; want false, true", profilesTellApart(one), profilesTellApart(many))
	}
}

// TestNoDistinctPersonasNamed: a study whose buyers share everything is
// one persona, named as such, never with a "Buyers —" filler.
func TestNoDistinctPersonasNamed(t *testing.T) {
	in := themeInput(t)
	for i := range in.Participants {
		in.Participants[i].Attributes = nil
	}
	// Everyone says the same two things.
	for i := range in.Quotes {
		in.Quotes[i].Text = fmt.Sprintf("The price per seat is too high for us %d.", i%2)
		in.Quotes[i].Tokens = nil
	}
	a := mustRun(t, in)
	for _, p := range a.Personas {
		if strings.HasPrefix(p.Name, "Buyers —") {
			t.Errorf("persona %q named with a filler", p.Name)
		}
	}
	if len(a.Personas) == 1 && !strings.HasPrefix(a.Personas[0].Name, noDistinctPersonas) {
		t.Errorf("the one persona is %q; want it to say there are no distinct personas", a.Personas[0].Name)
	}
}

func TestFindingAndTone(t *testing.T) {
	adj := func(w string) labelToken { return labelToken{surface: w, adj: true} }
	noun := func(w string) labelToken { return labelToken{surface: w} }
	for _, c := range []struct {
		ws   []labelToken
		r    persona.Ring
		want bool
	}{
		{[]labelToken{adj("lousy"), noun("service")}, persona.RingBarriers, true},
		{[]labelToken{adj("lousy"), noun("service")}, persona.RingSuccess, false},
		{[]labelToken{adj("attentive"), noun("service")}, persona.RingCriteria, true},
		{[]labelToken{noun("chicken"), noun("dish")}, persona.RingBarriers, false},
		{[]labelToken{noun("recommend"), noun("place")}, persona.RingJourney, false},
	} {
		if got := finding(c.ws, c.r); got != c.want {
			t.Errorf("finding(%v, %s) = %v; want %v", c.ws, c.r, got, c.want)
		}
	}
	for _, c := range []struct {
		text string
		r    persona.Ring
		want bool
	}{
		{"The chicken was dry and the sauce was terrible.", persona.RingBarriers, false},
		{"Interesting other dishes for a change include lamb in curry sauce.", persona.RingBarriers, true},
		{"We needed EU hosting and several vendors could only offer US.", persona.RingBarriers, false},
		{"The staff were rude and the food was awful.", persona.RingSuccess, false},
		{"The staff were friendly and the food was wonderful.", persona.RingJourney, false},
		// an institution's answer does not head a barrier
		{"They have access to rent relief.", persona.RingBarriers, true},
		{"Small firms still have no access to rent relief.", persona.RingBarriers, false},
		{"They have access to rent relief.", persona.RingCriteria, false},
	} {
		q := persona.Quote{Text: c.text, Tokens: nlp.Shared().Tag(c.text)}
		if got := contradictsRing(&q, c.r); got != c.want {
			t.Errorf("contradictsRing(%q, %s) = %v; want %v", c.text, c.r, got, c.want)
		}
	}
}
