package analysis

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/verbatimhq/verbatim/persona"
)

// The label rules of issue 11, checked from outside the labeller: a
// label is one readable phrase of at most six words, grounded in the
// theme's quotes, and never filler, a name, a question word, a ring name,
// markup, a lone generic word, or the study's own product.
var (
	ruleFiller   = wordSet("yeah", "yes", "gonna", "okay", "ok", "kinda", "um", "uh", "hmm", "wanna", "gotta", "yep", "mhm", "like", "right", "sorta", "oh", "well")
	ruleQuestion = wordSet("what", "why", "how", "when", "where", "who", "which", "whom", "whose")
	ruleGeneric  = wordSet("project", "projects", "example", "examples", "work", "thing", "things", "stuff",
		"lot", "way", "time", "people", "problem", "problems", "issue", "issues", "question", "something", "kind", "part")
)

// labelBreaks lists the rules label breaks. quotes are the theme's quotes;
// names are participant labels; studyShare gives a word's share of the
// study's quotes.
func labelBreaks(label string, quotes []persona.Quote, names map[string]bool, studyShare func(string) float64) []string {
	var out []string
	words := strings.Fields(strings.ToLower(label))
	if len(words) == 0 || len(words) > 6 {
		out = append(out, fmt.Sprintf("%d words", len(words)))
	}
	if strings.ContainsAny(label, "·|;<>[]{}*#_=/\\\"") || strings.Contains(label, "http") {
		out = append(out, "markup or list")
	}
	for _, r := range persona.Rings {
		if strings.EqualFold(label, r.Title()) {
			out = append(out, "ring name")
		}
	}
	if len(words) == 1 && ruleGeneric[strings.Trim(words[0], ".,")] {
		out = append(out, "lone generic word")
	}
	grounded := len(quotes) < 2
	for _, w := range words {
		w = strings.Trim(w, ".,!?:'’")
		switch {
		case ruleFiller[w]:
			out = append(out, "filler "+w)
		case ruleQuestion[w]:
			out = append(out, "question word "+w)
		case names[w]:
			out = append(out, "name "+w)
		case studyShare(w) > 0.5:
			out = append(out, "study-wide word "+w)
		case strings.ContainsFunc(w, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '’'
		}):
			out = append(out, "markup "+w)
		}
		if stopWord(w) || grounded {
			continue
		}
		n := 0
		for _, q := range quotes {
			for _, t := range q.Tokens {
				if t.Text == w || normWord(t.Text) == normWord(w) {
					n++
					break
				}
			}
		}
		grounded = n >= 2
	}
	if !grounded {
		out = append(out, "not grounded")
	}
	return out
}

// stopWord reports function words that do not ground a label.
func stopWord(w string) bool {
	return labelStop[w]
}

var labelStop = wordSet("a", "an", "the", "of", "per", "to", "for", "in", "on", "and", "or", "with", "by", "at", "from", "about", "into")

// studyLabelBreaks runs the real analysis on st and checks every theme's
// label, returning the number of labels and of labels breaking a rule.
func studyLabelBreaks(t *testing.T, st *realStudy) (labels, broken int) {
	t.Helper()
	a, err := Run(st.in)
	if err != nil {
		t.Fatalf("%s: run: %v", st.name, err)
	}
	byID := map[int64]persona.Quote{}
	df := map[string]int{}
	for _, q := range st.in.Quotes {
		byID[q.ID] = q
		seen := map[string]bool{}
		for _, tk := range q.Tokens {
			if k := normWord(tk.Text); !seen[k] {
				seen[k] = true
				df[k]++
			}
		}
	}
	share := func(w string) float64 { return float64(df[normWord(w)]) / float64(max(1, len(st.in.Quotes))) }
	names := map[string]bool{}
	for _, p := range st.all {
		for _, w := range strings.FieldsFunc(strings.ToLower(p.Label), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) > 2 {
				names[w] = true
			}
		}
	}
	for _, th := range a.Themes {
		qs := make([]persona.Quote, 0, len(th.QuoteIDs))
		for _, id := range th.QuoteIDs {
			qs = append(qs, byID[id])
		}
		labels++
		why := labelBreaks(th.Label, qs, names, share)
		if len(why) > 0 {
			broken++
		}
		t.Logf("%s: %-40q %-20s %3dq %2dp headline=%q breaks=%v", st.name, th.Label, th.Ring, th.Quotes, th.Participants, headlineOf(th, byID), why)
	}
	return labels, broken
}

func headlineOf(th persona.Theme, byID map[int64]persona.Quote) string {
	return byID[th.HeadlineQuoteID].Text
}

// devStudies are the dev interviews and surveys the label and persona
// rules are checked on.
func devStudies(t *testing.T) []*realStudy {
	return []*realStudy{
		loadRealStudy(t, "ml_practitioner_interviews", globFiles(t, "ml_practitioner_interviews/Interview_*.txt"), oneGroup),
		loadRealStudy(t, "serdif", globFiles(t, "serdif_usability_study/transcripts/*.txt"), oneGroup),
		loadRealStudy(t, "bc_ai_survey", []string{"bc_ai_survey/bc_ai_survey_2025.csv"}, oneGroup),
		loadRealStudy(t, "capterra", []string{"capterra_azure_reviews/capterra_azure_reviews.csv"}, oneGroup),
	}
}

func TestLabelRulesRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	studies := devStudies(t)
	for _, seed := range []int64{1, 2, 3} {
		var labels, broken int
		for _, st := range studies {
			st.in.Options.Seed = seed
			l, b := studyLabelBreaks(t, st)
			t.Logf("seed %d, %s: %d of %d labels break a rule", seed, st.name, b, l)
			labels, broken = labels+l, broken+b
		}
		rate := float64(broken) / float64(max(labels, 1))
		t.Logf("seed %d, all: %d of %d labels break a rule (%.1f%%)", seed, broken, labels, 100*rate)
		if rate > 0.05 {
			t.Errorf("seed %d: %.1f%% of labels break a rule; want at most 5%%", seed, 100*rate)
		}
	}
}
