package app

import (
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// Quotes shown as representative — a persona page's quotes under each
// theme, a theme page's top quotes, an objection answer's quotes and the
// quote of each theme in its "what they value instead" panel — are
// quotable (persona.WhyUnquotable): whole sentences that name something,
// no courtesy, no broken run, not the interviewer's part. Which quotes
// count (who raises a theme, how many match) is unchanged: a courtesy
// still counts, it is only never shown as the representative.
//
// A theme's top quotes (persona.Theme.TopQuoteIDs) were chosen quotable by
// the analysis, a researcher's pins among them, and are shown as they are;
// the quotes a page falls back to beyond them are checked here.

// quotable reports a quote that may be shown as a representative. Quotes
// loaded for display carry no tags, so its text is tagged first (a
// sentence takes well under a millisecond).
func (a *App) quotable(q persona.Quote) bool {
	if len(q.Tokens) == 0 && a.Lang != nil {
		q.Tokens = a.Lang.Tag(q.Text)
	}
	// As the analysis judges a theme's members (newShowable): the grammar
	// of text not in English is not judged, its talk is.
	return persona.UnquotableTalk(q) == "" && (persona.UnquotableForm(q) == "" || analysis.NotEnglish(q.Text))
}
