package analysis

import (
	"fmt"
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestShownAttributes: a persona is described by who its buyers are, not
// by records of the review (time used), and a job title with too many
// values to count shows as the role level the persona is named by.
func TestShownAttributes(t *testing.T) {
	buyers := make([]buyer, 40)
	for i := range buyers {
		buyers[i].p = persona.Participant{ID: int64(i + 1), Attributes: map[string]string{
			"Time used":    []string{"Less than 6 months", "2+ years"}[i%2],
			"Company size": []string{"11-50 employees", "1,001-5,000 employees"}[i%2],
			"Job title":    fmt.Sprintf("Title %d", i),
		}}
		buyers[i].traits = map[string]string{"Job title": []string{"Managers & directors", "Practitioners"}[i%2]}
	}
	usable := []string{"Company size", "Time used"} // the job title has too many values
	traits := []trait{{key: "Job title", kind: attrWho}, {key: "Company size", kind: attrWho}}
	keys := shownAttributes(buyers, usable, traits)
	if want := []string{"Company size", "Job title"}; !slices.Equal(keys, want) {
		t.Fatalf("shown attributes = %q; want %q (no record of time used, the title as role level)", keys, want)
	}
	if got := buyers[2].shown["Job title"]; got != "Managers & directors" {
		t.Errorf("buyer 3's shown job title = %q; want its role level", got)
	}
	if got := buyers[3].shown["Company size"]; got != "1,001-5,000 employees" {
		t.Errorf("buyer 4's shown company size = %q; want the raw value", got)
	}
	pr := describe(nil, buyers, keys, []int{0, 2, 4}, 1)
	if cs := pr.Attributes["Job title"]; len(cs) != 1 || cs[0] != (persona.Count{Value: "Managers & directors", N: 3}) {
		t.Errorf("profile job title counts = %+v; want 3 Managers & directors", cs)
	}
	if _, ok := pr.Attributes["Time used"]; ok {
		t.Errorf("profile lists time used, a record: %+v", pr.Attributes)
	}
}
