package analysis

import (
	"fmt"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// shownTally counts what a study shows as representative — each theme's
// headline and first three top quotes — against quotability: by
// persona.WhyUnquotable (the rule the analysis applies; any hit means the
// choice ignored it) and by plainFragment, a rule written here apart from
// it (a sentence ending on a comma or a word that needs what follows, or
// a thank-you of a few words).
type shownTally struct {
	shown, unquotable, plain int
	why                      map[string]int
}

func (a *shownTally) add(b shownTally) {
	a.shown, a.unquotable, a.plain = a.shown+b.shown, a.unquotable+b.unquotable, a.plain+b.plain
	for k, v := range b.why {
		if a.why == nil {
			a.why = map[string]int{}
		}
		a.why[k] += v
	}
}

func (a shownTally) String() string {
	return fmt.Sprintf("shown %d, unquotable %d %v, plain fragments/thanks %d", a.shown, a.unquotable, a.why, a.plain)
}

// countShown tallies the headline and first three top quotes of every
// theme (quotes by id, with their tags) that are in English.
func countShown(an persona.Analysis, byID map[int64]persona.Quote) (st shownTally, bad []string) {
	see := func(q persona.Quote) {
		if nonEnglish(q.Text) {
			return // not judged by English grammar (quote_show.go)
		}
		st.shown++
		if why := persona.WhyUnquotable(q); why != "" {
			st.unquotable++
			if st.why == nil {
				st.why = map[string]int{}
			}
			st.why[why]++
			bad = append(bad, why+": "+q.Text)
		}
		if plainFragment(q.Text, q.Kind == persona.KindTranscript) {
			st.plain++
			bad = append(bad, "plain: "+q.Text)
		}
	}
	for _, th := range an.Themes {
		if th.HeadlineQuoteID != 0 {
			see(byID[th.HeadlineQuoteID])
		}
		for i, id := range th.TopQuoteIDs {
			if i == 3 {
				break
			}
			see(byID[id])
		}
	}
	return st, bad
}

// plainFragment: a sentence ending on a comma, a dash or an article or
// conjunction, or, in speech, a thank-you of at most eight words.
func plainFragment(text string, speech bool) bool {
	t := strings.TrimSpace(text)
	if strings.HasSuffix(t, ",") || strings.HasSuffix(t, "-") || strings.HasSuffix(t, "—") {
		return true
	}
	ws := strings.Fields(strings.ToLower(strings.TrimRight(t, ".!?\"')")))
	if len(ws) == 0 {
		return true
	}
	switch ws[len(ws)-1] {
	case "a", "an", "the", "and", "or", "but":
		return true
	}
	return speech && len(ws) <= 8 && strings.Contains(strings.ToLower(t), "thank")
}
