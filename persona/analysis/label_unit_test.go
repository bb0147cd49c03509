package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestLabelRulesDemo checks every theme label of the demo study against
// the label rules, and that each theme has a headline that is one of its
// quotes.
func TestLabelRulesDemo(t *testing.T) {
	in := themeInput(t)
	a := mustRun(t, in)
	byID := map[int64]persona.Quote{}
	df := map[string]int{}
	for _, q := range in.Quotes {
		byID[q.ID] = q
		seen := map[string]bool{}
		for _, tk := range q.Tokens {
			if k := normWord(tk.Text); !seen[k] {
				seen[k] = true
				df[k]++
			}
		}
	}
	share := func(w string) float64 { return float64(df[normWord(w)]) / float64(len(in.Quotes)) }
	names := nameWords(in.Participants)
	for _, th := range a.Themes {
		var qs []persona.Quote
		for _, id := range th.QuoteIDs {
			qs = append(qs, byID[id])
		}
		// A ring's mixed remarks say the theme has no finding (as in
		// TestLabelRulesRealData): its "(ring)" is no markup.
		if why := labelBreaks(th.Label, qs, names, share); len(why) > 0 && !mixedTheme(th.Label) {
			t.Errorf("theme %d label %q breaks %v", th.ID, th.Label, why)
		}
		if q, ok := byID[th.HeadlineQuoteID]; !ok || q.Text != th.Headline || !slices.Contains(th.QuoteIDs, th.HeadlineQuoteID) {
			t.Errorf("theme %q headline %d %q; want one of its quotes", th.Label, th.HeadlineQuoteID, th.Headline)
		}
	}
}

func TestLabelBreaks(t *testing.T) {
	q := func(text string) persona.Quote {
		var toks []persona.Token
		for _, w := range strings.Fields(strings.ToLower(text)) {
			toks = append(toks, persona.Token{Text: w, Tag: "NN"})
		}
		return persona.Quote{Text: text, Tokens: toks}
	}
	quotes := []persona.Quote{q("the price per seat is steep"), q("price per seat hurts"), q("acme is slow")}
	none := func(string) float64 { return 0 }
	acme := func(w string) float64 {
		if w == "acme" {
			return 0.9
		}
		return 0
	}
	for _, c := range []struct {
		label  string
		share  func(string) float64
		broken bool
	}{
		{"price per seat", none, false},
		{"price per seat · security review", none, true},
		{"one two three four five six seven", none, true},
		{"yeah", none, true},
		{"how", none, true},
		{"Perceived barriers", none, true},
		{"Success factors, 4 quotes", none, true},
		{"example", none, true},
		{"<b>price</b>", none, true},
		{"maria", none, true},
		{"acme", acme, true},
		{"slow", none, true}, // in one quote only
	} {
		why := labelBreaks(c.label, quotes, map[string]bool{"maria": true}, c.share)
		if got := len(why) > 0; got != c.broken {
			t.Errorf("labelBreaks(%q) = %v; want broken %v", c.label, why, c.broken)
		}
	}
}

func TestWholeSentence(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"The price per seat is too high.", true},
		{"Why would we pay twice?", true},
		{"\"It broke again!\"", true},
		{"and then the export failed.", false},
		{"The export failed and", false},
		{"The export failed.\nThen we quit.", false},
		{"", false},
	} {
		if got := wholeSentence(c.text); got != c.want {
			t.Errorf("wholeSentence(%q) = %v; want %v", c.text, got, c.want)
		}
	}
}

func TestLabelWordFilters(t *testing.T) {
	for _, w := range []string{"yeah", "mm-hmm", "mmmm", "uh-huh", "gonna", "okay"} {
		if !fillerWord(w) {
			t.Errorf("fillerWord(%q) = false; want true", w)
		}
	}
	for _, w := range []string{"pricing", "month-end", "so2"} {
		if fillerWord(w) || !plainWord(w) {
			t.Errorf("%q: filler %v plain %v; want a plain, non-filler word", w, fillerWord(w), plainWord(w))
		}
	}
	for _, w := range []string{"<b>", "-", "pm2.5", "'s", "http://x"} {
		if plainWord(w) {
			t.Errorf("plainWord(%q) = true; want false", w)
		}
	}
}

func TestPersonaNameParts(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Q3_AI_affecting_society_feeling", "AI affecting society feeling"},
		{"Q12. Which apps do you use", "Which apps do you use"},
		{"time_used", "time used"},
	} {
		if got := attributeName(c.in); got != c.want {
			t.Errorf("attributeName(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"Strong regulation – Focus on safety and ethics, even if it slows innovation.", "Strong regulation"},
		{"2+ years", "2+ years"},
		{"Mixed effects – Some help, some harm.", "Mixed effects"},
	} {
		if got := shortValue(c.in); got != c.want {
			t.Errorf("shortValue(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"job_title", true}, {"Company size", true}, {"What is your role?", true}, {"How many employees does your company have?", true}, {"industry", true}, {"role", true},
		{"Q4A_Sector_AI_making_a_positive_impact_1", false}, {"Govt role in managing AI", false}, {"time_used", false},
	} {
		if got := describesBuyer(c.in); got != c.want {
			t.Errorf("describesBuyer(%q) = %v; want %v", c.in, got, c.want)
		}
	}
}

func TestKeptShare(t *testing.T) {
	assign := []int{0, 0, 0, 0, 1, 1, 1, 1}
	for _, c := range []struct {
		name      string
		keep, sub []int
		want      float64
	}{
		{"same split", []int{0, 1, 2, 4, 5, 6}, []int{1, 1, 1, 0, 0, 0}, 1},
		{"one moved", []int{0, 1, 2, 3, 4, 5, 6, 7}, []int{0, 0, 0, 1, 1, 1, 1, 1}, 0.75},
		{"merged", []int{0, 1, 4, 5}, []int{0, 0, 0, 0}, 1},
		{"split in half", []int{0, 1, 2, 3}, []int{0, 0, 1, 1}, 0.5},
	} {
		if got := keptShare(assign, c.keep, c.sub); got != c.want {
			t.Errorf("%s: keptShare = %v; want %v", c.name, got, c.want)
		}
	}
}

// TestPersonaNamesUnique: personas of the demo study have unique names
// that start with their defining role and industry and name a theme.
func TestPersonaNamesUnique(t *testing.T) {
	a := mustRun(t, themeInput(t))
	seen := map[string]bool{}
	for _, p := range a.Personas {
		if seen[p.Name] {
			t.Errorf("name %q used twice", p.Name)
		}
		seen[p.Name] = true
		if !strings.Contains(p.Name, " — ") {
			t.Errorf("persona %q names no theme", p.Name)
		}
	}
}
