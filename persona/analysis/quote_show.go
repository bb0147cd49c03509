package analysis

import (
	"slices"

	"github.com/verbatimhq/verbatim/persona"
)

// What a theme shows: its headline and its top quotes are chosen among
// the quotes that may be shown as representative (persona.WhyUnquotable:
// whole sentences that name something, no courtesy, no broken run, not
// the interviewer's part). The grouping, the labels and the personas
// still use every quote: a courtesy or a fragment stays in its theme, it
// only never leads. A pinned quote is the researcher's choice and is
// always shown. When no quote of a theme may be shown, the theme has no
// headline and fewer top quotes rather than a fragment.

// showable holds, per quote index, whether its form lets it be shown
// (persona.UnquotableForm, judged once); the costlier talk patterns are
// checked only for the quotes that would be chosen.
type showable struct {
	c    *corpus
	form map[int]bool
	talk map[int]bool
}

// newShowable judges the form of a theme's members.
func newShowable(c *corpus, members []int) *showable {
	s := &showable{c: c, form: make(map[int]bool, len(members)), talk: map[int]bool{}}
	for _, i := range members {
		// The grammar of text not in English is not judged: a theme of
		// it is labelled so and shows its quotes as they are.
		s.form[i] = c.pinned[i] || persona.UnquotableForm(c.quotes[i]) == "" || nonEnglish(c.quotes[i].Text)
	}
	return s
}

// formOK are the members whose form lets them be shown.
func (s *showable) formOK(members []int) []int {
	return slices.DeleteFunc(slices.Clone(members), func(i int) bool { return !s.form[i] })
}

// ok reports a quote that may be shown: its form, then the talk patterns.
func (s *showable) ok(i int) bool {
	if s.c.pinned[i] {
		return true
	}
	if !s.form[i] {
		return false
	}
	v, seen := s.talk[i]
	if !seen {
		if s.c.restated(i) {
			s.talk[i] = false
			return false
		}
		if s.c.muted != nil && !s.c.muted[i] {
			// labelThemes found it no meeting procedure nor chairing
			// (mute): those patterns need not run again.
			v = persona.UnquotableTalkNotProcedure(s.c.quotes[i]) == ""
		} else {
			v = persona.UnquotableTalk(s.c.quotes[i]) == ""
		}
		s.talk[i] = v
	}
	return v
}

// restatedReach is how far around a quote, in the corpus's order (by id,
// so a turn's quotes stand together), the quotes of its turn are looked
// for.
const restatedReach = 8

// restated reports a quote that a later quote of its turn says again
// whole (persona.RestatedBy): only the restatement is shown.
func (c *corpus) restated(i int) bool {
	q := c.quotes[i]
	lo, hi := i, i+1
	for lo > 0 && i-lo < restatedReach && sameTurn(c.quotes[lo-1], q) {
		lo--
	}
	for hi < len(c.quotes) && hi-i <= restatedReach && sameTurn(c.quotes[hi], q) {
		hi++
	}
	if hi-lo < 2 {
		return false
	}
	return persona.RestatedBy(q, c.quotes[lo:hi])
}

func sameTurn(a, b persona.Quote) bool { return a.SourceID == b.SourceID && a.TurnID == b.TurnID }

// maxHeadlineTries bounds how many leading quotes a theme's headline may
// pass over for their talk (a courtesy whose form is whole) before the
// theme is left without one.
const maxHeadlineTries = 20

// shownHeadline is the theme's headline (headline's ranking) among the
// quotes that may be shown, or -1. A headline is a slide sentence: when
// the best quotable quote is not even a near one (slideLevel 0: too short
// or long, opening on "So," or "Okay,", thick with fillers), the theme
// shows its top quotes without a headline.
func shownHeadline(c *corpus, w *work, s *showable) int {
	if isProcedureLabel(w.label) {
		return -1 // its business is never quoted, and another member would misstate it
	}
	members := s.formOK(w.members)
	cent := headlineCentrality(c, w.members, w.telling)
	keys, levels := labelKeys(w.label), map[int]int{}
	for range maxHeadlineTries {
		h := headlineBy(c, members, w.label, w.distinct, cent, levels)
		if h >= 0 && !c.pinned[h] && !nonEnglish(c.quotes[h].Text) {
			if l, _ := headlineLevel(c, h, keys, levels); l == 0 {
				return -1
			}
		}
		if h < 0 || s.ok(h) {
			return h
		}
		members = slices.DeleteFunc(members, func(i int) bool { return i == h })
	}
	return -1
}
