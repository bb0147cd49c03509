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
		// "Success factors, 4 quotes" is the ring's name with a count.
		if strings.EqualFold(label, r.Title()) || strings.HasPrefix(strings.ToLower(label), strings.ToLower(r.Title())+",") {
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

// labelTally counts a study's labels and headlines against the rules.
type labelTally struct {
	labels, broken    int        // issue 11 rules (labelBreaks)
	quality           int        // labels breaking the marketer's rules (labelQualityBreaks)
	coverage          float64    // sum over labels of their coverage
	headlines, filler int        // headlines and those breaking headlineBreaks
	nilBarriers       int        // barrier themes headed by a nil answer
	mixed             int        // themes labelled as having no shared finding
	headSays          int        // finding labels whose headline says the label's last content word
	supported         int        // finding labels whose words one in ten of the theme's quotes say
	numbered          int        // labels that are another theme's label with a number after it
	lone              int        // labels of one word
	ringMixed         int        // ring catch-alls beyond one a ring ("Mixed remarks (‹ring›)", counted or not)
	shown             shownTally // headlines and top quotes against quotability (quote_show_rules_test.go)
}

func (a *labelTally) add(b labelTally) {
	a.labels, a.broken, a.quality = a.labels+b.labels, a.broken+b.broken, a.quality+b.quality
	a.coverage, a.headlines, a.filler = a.coverage+b.coverage, a.headlines+b.headlines, a.filler+b.filler
	a.nilBarriers += b.nilBarriers
	a.mixed, a.headSays, a.supported = a.mixed+b.mixed, a.headSays+b.headSays, a.supported+b.supported
	a.numbered, a.lone, a.ringMixed = a.numbered+b.numbered, a.lone+b.lone, a.ringMixed+b.ringMixed
	a.shown.add(b.shown)
}

func (a labelTally) String() string {
	l := float64(max(a.labels, 1))
	f := float64(max(a.labels-a.mixed, 1))
	return fmt.Sprintf("rules %d/%d (%.1f%%), marketer rules %d (%.1f%%), mean coverage %.2f, headline breaks %d/%d (%.1f%%), nil barrier headlines %d; "+
		"mixed %d (%.1f%%), finding labels supported %d (%.1f%%), said in their headline %d (%.1f%%); numbered %d, lone words %d (%.1f%%), extra ring catch-alls %d",
		a.broken, a.labels, 100*float64(a.broken)/l, a.quality, 100*float64(a.quality)/l, a.coverage/l,
		a.filler, a.headlines, 100*float64(a.filler)/float64(max(a.headlines, 1)), a.nilBarriers,
		a.mixed, 100*float64(a.mixed)/l, a.supported, 100*float64(a.supported)/f, a.headSays, 100*float64(a.headSays)/f,
		a.numbered, a.lone, 100*float64(a.lone)/l, a.ringMixed) +
		"; " + a.shown.String()
}

// mixedTheme reports a label that says its theme has no shared finding
// ("Mixed remarks (perceived barriers)", "Mixed remarks on clients"): it
// claims no finding, so the finding rules do not apply to it; the share
// of such themes is bounded on its own.
func mixedTheme(label string) bool { return strings.HasPrefix(label, "Mixed remarks") }

// numberedLabel reports a label that is another label of the study with a
// number after it ("quality issue 2" beside "quality issue"): it tells a
// reader only that the grouping found one topic twice.
func numberedLabel(label string, labels map[string]bool) bool {
	i := strings.LastIndexByte(label, ' ')
	if i < 0 || strings.Trim(label[i+1:], "0123456789") != "" {
		return false
	}
	base := strings.ToLower(label[:i])
	return labels[base] || labels[base+" 2"] && label[i+1:] != "2"
}

// labelSupport reports whether one in ten of the quotes (and two) say the
// label's last content word, and whether the headline says it.
func labelSupport(label, headline string, quotes []persona.Quote) (supported, inHeadline bool) {
	words := strings.Fields(strings.ToLower(label))
	head := ""
	for i := len(words) - 1; i >= 0 && head == ""; i-- {
		if w := strings.Trim(words[i], ".,"); !labelStop[w] && strings.Trim(w, "0123456789") != "" {
			head = normWord(w)
		}
	}
	if head == "" {
		return false, false
	}
	n := 0
	for _, q := range quotes {
		for _, t := range q.Tokens {
			if normWord(t.Text) == head {
				n++
				break
			}
		}
	}
	for _, w := range strings.Fields(headline) {
		if normWord(w) == head {
			inHeadline = true
		}
	}
	return 10*n >= len(quotes) && (n >= 2 || len(quotes) < 2), inHeadline
}

// studyLabelBreaks runs the real analysis on st and checks every theme's
// label and headline.
func studyLabelBreaks(t *testing.T, st *realStudy) (tl labelTally) {
	t.Helper()
	a := sharedRun(t, st, st.in.Options.Seed)
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
	var bad []string
	tl.shown, bad = countShown(*a, byID)
	for _, b := range bad {
		t.Logf("%s: shown but %s", st.name, b)
	}
	labels := map[string]bool{}
	catchAlls := map[persona.Ring]int{}
	for _, th := range a.Themes {
		labels[strings.ToLower(th.Label)] = true
		if ringMixed(th.Label, th.Ring) {
			if catchAlls[th.Ring]++; catchAlls[th.Ring] > 1 {
				tl.ringMixed++
			}
		}
	}
	for _, th := range a.Themes {
		qs := make([]persona.Quote, 0, len(th.QuoteIDs))
		for _, id := range th.QuoteIDs {
			qs = append(qs, byID[id])
		}
		tl.labels++
		tl.numbered += b2i(numberedLabel(th.Label, labels))
		tl.lone += b2i(len(strings.Fields(th.Label)) == 1)
		mixed := mixedTheme(th.Label)
		why := labelBreaks(th.Label, qs, names, share)
		if len(why) > 0 && !mixed && !(strings.HasPrefix(th.Label, nonEnglishLabel) && (mostlyNonEnglish(qs) || halfNonEnglish(qs))) {
			tl.broken++
		}
		qwhy, cov := labelQualityBreaks(th.Label, qs)
		if len(qwhy) > 0 && !mixed && !strings.HasPrefix(th.Label, nonEnglishLabel) {
			tl.quality++
		}
		if mixed {
			tl.mixed++
		} else {
			sup, inH := labelSupport(th.Label, th.Headline, qs)
			tl.supported += b2i(sup)
			tl.headSays += b2i(inH)
		}
		tl.coverage += cov
		h := headlineOf(th, byID)
		// Judged as the reader sees it: every page and the CLI show a
		// headline in clean verbatim (no "uh", no opening "So, um,").
		hwhy := headlineBreaks(persona.CleanVerbatim(h))
		if h != "" && !mostlyNonEnglish(qs) {
			tl.headlines++
			if len(hwhy) > 0 {
				tl.filler++
			}
		}
		if th.Ring == persona.RingBarriers && saysNothingRule(h) {
			tl.nilBarriers++
		}
		t.Logf("%s: %-40q %-20s %3dq %2dp cov=%.2f headline=%q breaks=%v %v %v", st.name, th.Label, th.Ring, th.Quotes, th.Participants, cov, h, why, qwhy, hwhy)
	}
	return tl
}

// halfNonEnglish reports whether half the quotes are not English by the
// labeller's own test (checked on its own in TestSaysNothing).
func halfNonEnglish(qs []persona.Quote) bool {
	n := 0
	for _, q := range qs {
		if nonEnglish(q.Text) {
			n++
		}
	}
	return 2*n >= len(qs)
}

// mostlyNonEnglish reports whether most quotes hold more Spanish, French,
// Portuguese, German or Italian function words than English ones.
func mostlyNonEnglish(qs []persona.Quote) bool {
	n := 0
	for _, q := range qs {
		en, fr := 0, 0
		for _, w := range strings.Fields(strings.ToLower(q.Text)) {
			switch w {
			case "the", "and", "is", "to", "of", "it", "i", "we", "you", "for", "with":
				en++
			case "de", "la", "que", "el", "en", "los", "para", "une", "est", "pas", "não", "und", "der", "die", "o", "do", "da", "um", "uma", "com", "et", "le", "il":
				fr++
			}
		}
		if fr > en {
			n++
		}
	}
	return 2*n > len(qs)
}

func headlineOf(th persona.Theme, byID map[int64]persona.Quote) string {
	return byID[th.HeadlineQuoteID].Text
}

// devStudies are the dev interviews and surveys the label and persona
// rules are checked on.
func devStudies(t *testing.T) []*realStudy {
	return []*realStudy{
		loadRealStudy(t, "ml_practitioner_interviews", realFiles(t, "ml_practitioner_interviews/Interview_*.txt"), oneGroup),
		loadRealStudy(t, "serdif", realFiles(t, "serdif_usability_study/transcripts/*.txt"), oneGroup),
		loadRealStudy(t, "bc_ai_survey", []string{"bc_ai_survey/bc_ai_survey_2025.csv"}, oneGroup),
		loadRealStudy(t, "capterra", []string{"capterra_azure_reviews/capterra_azure_reviews.csv"}, oneGroup),
	}
}

func TestLabelRulesRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	studies := devStudies(t)
	for _, seed := range []int64{1, 2, 3} {
		var all labelTally
		for _, st := range studies {
			st.in.Options.Seed = seed
			tl := studyLabelBreaks(t, st)
			t.Logf("seed %d, %s: %v", seed, st.name, tl)
			all.add(tl)
		}
		t.Logf("seed %d, all: %v", seed, all)
		if rate := float64(all.broken) / float64(max(all.labels, 1)); rate > 0.05 {
			t.Errorf("seed %d: %.1f%% of labels break a rule; want at most 5%%", seed, 100*rate)
		}
		if rate := float64(all.quality) / float64(max(all.labels, 1)); rate > 0.10 {
			t.Errorf("seed %d: %.1f%% of labels break a marketer's rule; want at most 10%%", seed, 100*rate)
		}
		if rate := float64(all.filler) / float64(max(all.headlines, 1)); rate > 0.10 {
			t.Errorf("seed %d: %.1f%% of headlines are no slide sentence; want at most 10%%", seed, 100*rate)
		}
		// A guard against a labeller that gives up, not a target: measured
		// 16.8-19.1% over seeds 1-3 (the ML interviews 21-25%).
		if rate := float64(all.mixed) / float64(max(all.labels, 1)); rate > 0.25 {
			t.Errorf("seed %d: %.1f%% of themes are labelled mixed; want at most 25%%", seed, 100*rate)
		}
		if all.ringMixed > 0 {
			t.Errorf("seed %d: %d \"Mixed remarks (‹ring›)\" themes beyond one a ring; want one a ring at most", seed, all.ringMixed)
		}
		if all.numbered > 0 {
			t.Errorf("seed %d: %d labels are another theme's label with a number; want none", seed, all.numbered)
		}
		if rate := float64(all.lone) / float64(max(all.labels, 1)); rate > loneWordBar {
			t.Errorf("seed %d: %.1f%% of labels are one word; want at most %.0f%%", seed, 100*rate, 100*loneWordBar)
		}
		if all.shown.unquotable > 0 {
			t.Errorf("seed %d: %d of %d headlines and top quotes shown are not quotable: %v", seed, all.shown.unquotable, all.shown.shown, all.shown.why)
		}
		if all.nilBarriers > 0 {
			t.Errorf("seed %d: %d barrier themes headed by a nil answer", seed, all.nilBarriers)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// loneWordBar bounds the share of one-word labels. The rules allow a lone
// word that is no generic one ("documentation", "scalability"), and a
// theme whose quotes share no phrase has nothing better, but a lone topic
// word is no finding: the bar is a guard against a labeller that falls
// back to them more, set above what seeds 1-3 measured (see docs/LABELS.md,
// "Session labels5"), not a target.
const loneWordBar = 0.30
