package app

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// namesSecond is a second interview naming another buyer, so a pass over
// the study has a moment when the first source is rewritten and the
// second not yet.
const namesSecond = `Interviewer: How did the rollout go?
Marcus Bell: I am Marcus Bell and I run finance operations. The rollout was slow because the onboarding was painful and nobody trained us.
Interviewer: What about the price?
Marcus Bell: The price was fair for a team of our size, but renewals kept going up every single year.
`

// Names and labels an analysis built from text that a redaction pass
// removes are not shown once the pass has rewritten the source holding
// it, nor is a persona page cached before: the pass scrubs the stored
// theme labels, headlines, phrases and persona names of what it replaced
// and drops the study's caches after each source, not only at its end.
func TestRedactionPassHidesLabelsBuiltFromWhatItRemoved(t *testing.T) {
	ctx := context.Background()
	a, st, first := namedStudy(t, "labels before redaction")
	if _, err := a.Analyze(ctx, st.ID, nil); err != nil {
		t.Fatal(err)
	}
	// What an analysis may build from the text (labels are phrases of
	// the quotes; names join traits, stated roles and phrases).
	p := plantDerived(t, a, st, persona.Theme{Label: "calls with dana ortiz", Phrases: []string{"dana ortiz", "onboarding"}, Headline: "Ask Dana Ortiz."},
		"Support heads — Ortiz's onboarding · Marcus Bell", map[string][]persona.Count{"contact": {{Value: "dana.ortiz@example.com", N: 1}}})
	page, err := a.CachedPersonaJSON(ctx, p.ID)
	if err != nil || !strings.Contains(strings.ToLower(string(page)), "ortiz") {
		t.Fatalf("the page before the pass does not name her (%v); the test proves nothing", err)
	}
	redactOn(t, a, st.ID)
	named := func(when string, words ...string) {
		t.Helper()
		page, err := a.CachedPersonaJSON(ctx, p.ID)
		if err != nil {
			t.Fatalf("%s: persona page: %v", when, err)
		}
		shown := []string{string(page)}
		themes, err := a.Themes(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, th := range themes {
			shown = append(shown, th.Label, th.Headline, strings.Join(th.Phrases, " "))
		}
		ps, err := a.Personas(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			shown = append(shown, p.Name)
			for _, cs := range p.Attributes {
				for _, c := range cs {
					shown = append(shown, c.Value)
				}
			}
		}
		rep, err := a.Report(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range rep.Personas {
			shown = append(shown, p.Name)
		}
		all := strings.ToLower(strings.Join(shown, "\n"))
		for _, w := range words {
			if strings.Contains(all, w) {
				t.Errorf("%s: %q is still shown", when, w)
			}
		}
	}
	checked := false
	a.redacting.afterSource = func(_, sourceID int64) {
		if sourceID == first {
			named("after the first source's rewrite", "ortiz", "dana", "example.com")
			checked = true
		}
	}
	if _, err := a.RedactStored(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	if !checked {
		t.Fatal("the pass never finished the first source")
	}
	named("when the pass ends", "ortiz", "dana", "example.com", "marcus", "bell")
	a.WaitAnalyses()
	named("after the re-analysis", "ortiz", "dana", "example.com", "marcus", "bell")
	scrubLeavesNoOriginal(t, a, st)
}

// A persona page cached before a redaction pass shows quotes and speakers
// of every source; once the pass has rewritten a source, the page no
// longer shows what it removed there, while the pass goes on.
func TestRedactionPassDropsCachedPagesAfterEachSource(t *testing.T) {
	ctx := context.Background()
	a, st, first := namedStudy(t, "pages during a pass")
	if _, err := a.Analyze(ctx, st.ID, nil); err != nil {
		t.Fatal(err)
	}
	ps, err := a.store.Personas(ctx, st.ID)
	if err != nil || len(ps) == 0 {
		t.Fatalf("personas %v, %v; the test needs one", ps, err)
	}
	page, err := a.CachedPersonaJSON(ctx, ps[0].ID)
	if err != nil || !strings.Contains(string(page), "Ortiz") {
		t.Fatalf("the page before the pass does not show her (%v); the test proves nothing", err)
	}
	redactOn(t, a, st.ID)
	checked := false
	a.redacting.afterSource = func(_, sourceID int64) {
		if sourceID != first {
			return
		}
		checked = true
		page, err := a.CachedPersonaJSON(ctx, ps[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"Ortiz", "Dana", "7946"} {
			if strings.Contains(string(page), w) {
				t.Errorf("after the first source's rewrite the persona page still shows %q", w)
			}
		}
	}
	if _, err := a.RedactStored(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	if !checked {
		t.Fatal("the pass never finished the first source")
	}
}
