package analysis

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestLabelFindingsRealData measures the share of theme labels that are
// findings (say what about a topic: phraseFinding) on every dev study of
// interviews, meetings and surveys, seeds 1-3 (FINDING_SEEDS to change),
// and fails when more than 5% of the labels counted as findings break a
// label rule (labelBreaks), the bar for all labels. Each label's words are tagged as a quote of its theme
// said them together (in order, side by side), else by each word's most
// frequent tag in the theme's quotes. Fallback labels ("Mixed remarks…",
// "Non-English…", "Coded values…", "Meeting procedure…") count as themes
// and never as findings; nor does a label whose quotes do not bear out
// the finding its words read as (findingSupported). Every label is logged with its kind, for reading.
func TestLabelFindingsRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	seeds := []int64{1, 2, 3}
	if s := os.Getenv("FINDING_SEEDS"); s != "" {
		seeds = nil
		for _, f := range strings.Split(s, ",") {
			n, _ := strconv.ParseInt(f, 10, 64)
			seeds = append(seeds, n)
		}
	}
	talk := append(devStudies(t)[:2],
		loadRealStudy(t, "qprod", realFiles(t, "qmsum_meetings/Product/ES2004?.json"), oneGroup),
		loadRealStudy(t, "qcomm", []string{"qmsum_meetings/Committee/covid_0.json", "qmsum_meetings/Committee/covid_1.json",
			"qmsum_meetings/Committee/covid_2.json", "qmsum_meetings/Committee/covid_3.json"}, oneGroup),
		loadRealStudy(t, "qacad", []string{"qmsum_meetings/Academic/Bmr003.json", "qmsum_meetings/Academic/Bmr005.json",
			"qmsum_meetings/Academic/Bmr006.json", "qmsum_meetings/Academic/Bmr007.json"}, oneGroup),
		loadDemoStudy(t))
	surveys := append(devStudies(t)[2:], loadRealStudy(t, "nhs", []string{"nhs_patient_feedback/single_label.csv"}, oneGroup))
	for _, seed := range seeds {
		for _, group := range []struct {
			name    string
			studies []*realStudy
		}{{"interviews and meetings", talk}, {"surveys and reviews", surveys}} {
			var all findingTally
			for _, st := range group.studies {
				st.in.Options.Seed = seed
				ft := studyFindings(t, st)
				t.Logf("seed %d, %s: %v", seed, st.name, ft)
				all.add(ft)
			}
			t.Logf("seed %d, %s: %v", seed, group.name, all)
			if f := all.themes - all.fallback - all.kinds[notFinding]; 20*all.broken > f {
				t.Errorf("seed %d, %s: %d of %d findings break a label rule; want at most 5%%", seed, group.name, all.broken, f)
			}
		}
	}
}

// findingTally counts a study's labels by what they say.
type findingTally struct {
	themes, fallback int
	kinds            [5]int // by findingKind
	broken           int    // findings breaking a label rule
}

func (a *findingTally) add(b findingTally) {
	a.themes, a.fallback, a.broken = a.themes+b.themes, a.fallback+b.fallback, a.broken+b.broken
	for i := range a.kinds {
		a.kinds[i] += b.kinds[i]
	}
}

func (a findingTally) String() string {
	f := a.themes - a.fallback - a.kinds[notFinding]
	return fmt.Sprintf("themes %d, findings %d (%.1f%%; judgement %d, problem %d, change %d, need %d), topics %d, fallback %d",
		a.themes, f, 100*float64(f)/float64(max(a.themes, 1)), a.kinds[kindJudgement], a.kinds[kindProblem],
		a.kinds[kindChange], a.kinds[kindNeed], a.kinds[notFinding], a.fallback)
}

// fallbackLabel reports a label that claims no finding of its theme.
func fallbackLabel(l string) bool {
	for _, p := range []string{mixedPrefix, nonEnglishLabel, codedLabel, "Meeting procedure"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// studyFindings runs the analysis on st and sorts its labels by kind.
func studyFindings(t *testing.T, st *realStudy) (ft findingTally) {
	t.Helper()
	a := sharedRun(t, st, st.in.Options.Seed)
	byID := make(map[int64]persona.Quote, len(st.in.Quotes))
	for _, q := range st.in.Quotes {
		byID[q.ID] = q
	}
	for _, th := range a.Themes {
		ft.themes++
		if fallbackLabel(th.Label) {
			ft.fallback++
			continue
		}
		qs := make([]persona.Quote, 0, len(th.QuoteIDs))
		for _, id := range th.QuoteIDs {
			qs = append(qs, byID[id])
		}
		words := strings.Fields(th.Label)
		k := phraseFinding(words, labelTags(words, qs))
		ptrs := make([]*persona.Quote, len(qs))
		for i := range qs {
			ptrs[i] = &qs[i]
		}
		if k != notFinding && !findingSupported(words, ptrs) {
			// Read as a finding by its words, but its quotes mean
			// another sense (the meeting's logistics, a scale, a
			// trouble word's other sense): a topic.
			t.Logf("%s: %q reads as a %v its quotes do not bear out", st.name, th.Label, k)
			k = notFinding
		}
		ft.kinds[k]++
		if k != notFinding {
			if why := labelBreaks(th.Label, qs, map[string]bool{}, func(string) float64 { return 0 }); len(why) > 0 {
				ft.broken++
				t.Logf("%s: finding %q breaks %v", st.name, th.Label, why)
			}
		}
		t.Logf("%s: %-9s %-36q %-18s %3dq", st.name, k, th.Label, th.Ring, th.Quotes)
	}
	return ft
}

// labelTags tags a label's words as one of the quotes said them side by
// side, else each by its most frequent tag in the quotes.
func labelTags(words []string, qs []persona.Quote) []string {
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = normWord(w)
	}
	for _, q := range qs {
		for i := 0; i+len(keys) <= len(q.Tokens); i++ {
			j := 0
			for j < len(keys) && normWord(q.Tokens[i+j].Text) == keys[j] {
				j++
			}
			if j == len(keys) {
				tags := make([]string, len(keys))
				for j := range keys {
					tags[j] = q.Tokens[i+j].Tag
				}
				return tags
			}
		}
	}
	tags := make([]string, len(words))
	for i, k := range keys {
		n := map[string]int{}
		for _, q := range qs {
			for _, tk := range q.Tokens {
				if normWord(tk.Text) == k {
					n[tk.Tag]++
				}
			}
		}
		tags[i] = mostFrequent(n)
	}
	return tags
}
