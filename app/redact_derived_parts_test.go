package app

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// The scrub of derived text takes originals of two letters, every
// name-like part of a person's name (also after a hyphen), and a
// company's name without its legal form, while short common words stay.
// Before, "Li", "Jo", "Wu" and "Acme" (of "Acme Corp.") stayed in labels.
func TestScrubTakesShortNamesAndPartsOfCompanies(t *testing.T) {
	originals := []persona.Original{
		{Label: "[Person 1]", Original: "Li Wei"},
		{Label: "[Person 2]", Original: "Jo"},
		{Label: "[Company 1]", Original: "Acme Corp."},
		{Label: "[Person 3]", Original: "An Nguyen"},
		{Label: "[Person 4]", Original: "Anne-Marie de la Cruz"},
		{Label: "[Email 1]", Original: "wu@example.com"},
		{Label: "[Company 2]", Original: "Global Data Systems"},
		{Label: "[Company 3]", Original: "The Home Depot"},
		{Label: "[Person 5]", Original: "Will Young"},
	}
	s := newScrub(originals, commonWord(analysis.EmbeddedVectors()))
	for _, c := range []struct{ in, want string }{
		{"calls with li", "calls with [Person 1]"},
		{"Wei's onboarding", "[Person 1]'s onboarding"},
		{"jo on pricing", "[Person 2] on pricing"},
		{"acme pricing", "[Company 1] pricing"},
		{"corporate pricing", "corporate pricing"},
		{"ACME CORP. renewals", "[Company 1] renewals"},
		{"an onboarding issue", "an onboarding issue"},
		{"An said nguyen", "[Person 3] said [Person 3]"},
		{"marie and cruz", "[Person 4] and [Person 4]"},
		{"de la mode", "de la mode"},
		{"write to wu@example.com", "write to [Email 1]"},
		{"lithium wei-based", "lithium [Person 1]-based"},
		// a part that is a common word is taken only as written (review:
		// "Global Data Systems" made "data quality" "[Company 2] quality")
		{"data quality", "data quality"},
		{"Data Systems outage", "[Company 2] [Company 2] outage"},
		{"global data systems renewals", "[Company 2] renewals"},
		{"home office setup", "home office setup"},
		{"depot returns", "[Company 3] returns"},
		{"will pay more", "will pay more"},
		{"Will said so", "[Person 5] said so"},
	} {
		if got := s.text(c.in); got != c.want {
			t.Errorf("scrub(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

// scrubLeavesNoOriginal checks, on an analysed study, that what an
// analysis built from text a redaction pass removes (theme labels,
// phrases, headlines, persona names and attribute values) holds none of
// the originals once scrubbed, where the study shows it: themes, personas,
// the report, the quotes export and the persona page. Short names and a
// company without its legal form included (before, "li", "jo" and "acme"
// stayed). TestRedactionPassHidesLabelsBuiltFromWhatItRemoved runs it last,
// on its study (one analysis for both).
func scrubLeavesNoOriginal(t *testing.T, a *App, st persona.Study) {
	t.Helper()
	ctx := context.Background()
	p := plantDerived(t, a, st, persona.Theme{Label: "li wei on acme pricing", Phrases: []string{"acme", "jo"}, Headline: "Jo said Acme was slow."},
		"Acme buyers — Li's team", map[string][]persona.Count{"company": {{Value: "Acme", N: 1}}})
	originals := []persona.Original{{Label: "[Person 1]", Original: "Li Wei"}, {Label: "[Person 2]", Original: "Jo"},
		{Label: "[Company 1]", Original: "Acme Corp."}}
	if err := a.scrubDerived(ctx, st.ID, originals); err != nil {
		t.Fatal(err)
	}
	var shown []string
	themes, err := a.Themes(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, th := range themes {
		shown = append(shown, th.Label, th.Headline, strings.Join(th.Phrases, " "))
	}
	rep, err := a.Report(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Personas {
		shown = append(shown, p.Name)
	}
	err = a.ExportQuotes(ctx, st.ID, func(q ExportQuote) error {
		shown = append(shown, q.Theme, q.Persona)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	page, err := a.CachedPersonaJSON(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	shown = append(shown, string(page))
	all := strings.Join(shown, "\n")
	for _, w := range []string{"li", "wei", "jo", "acme"} {
		if m := regexp.MustCompile(`(?i)(^|[^\p{L}])` + w + `([^\p{L}]|$)`).FindString(all); m != "" {
			t.Errorf("%q is still shown after the scrub (%q)", w, m)
		}
	}
	if !strings.Contains(all, "[Company 1] pricing") || !strings.Contains(all, "[Person 1]") {
		t.Errorf("the scrubbed label does not read as its pseudonyms: %q", themes[0].Label)
	}
}

// plantDerived gives the study's first theme the label, phrases and
// headline of want and its first persona name and attributes, as an
// analysis may build them from text a redaction pass removes, and
// reports the change. It returns the persona as saved.
func plantDerived(t *testing.T, a *App, st persona.Study, want persona.Theme, name string, attrs map[string][]persona.Count) persona.Profile {
	t.Helper()
	ctx := context.Background()
	themes, err := a.store.Themes(ctx, st.ID)
	if err != nil || len(themes) == 0 {
		t.Fatalf("themes %v, %v; the test needs one", themes, err)
	}
	ps, err := a.store.Personas(ctx, st.ID)
	if err != nil || len(ps) == 0 {
		t.Fatalf("personas %v, %v; the test needs one", ps, err)
	}
	th := themes[0]
	th.Label, th.Phrases, th.Headline = want.Label, want.Phrases, want.Headline
	if err := a.store.SaveTheme(ctx, th); err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	p.Name, p.Attributes = name, attrs
	if err := a.store.SavePersona(ctx, p); err != nil {
		t.Fatal(err)
	}
	a.changed(st.ID, ChangeAnalysis)
	return p
}
