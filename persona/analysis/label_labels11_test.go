package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestHeadlineSaysTheLabel: a theme's headline says its label when a quote
// does that is a slide sentence but for the "So" or "And" it opens on and
// its hums; one that opens plainly comes first; a quote that stutters or
// restarts as said does not lead, and then the slide sentence about the
// theme's other words stays.
func TestHeadlineSaysTheLabel(t *testing.T) {
	offLabel := "Third is the conceptual design and then the desired design."
	for _, tc := range []struct {
		name  string
		texts []string // the first is offLabel, the most central
		want  int
	}{
		{"an opening So and a hum", []string{offLabel, "So, uh, the production cost doubled after the plastic case redesign."}, 1},
		{"an opening And", []string{offLabel, "And the production cost ended at twelve Euros per rubber case."}, 1},
		{"a plain one first", []string{offLabel, "So the production cost doubled after the plastic case redesign.", "The production cost doubled after the rubber case redesign."}, 2},
		{"a stutter as said", []string{offLabel, "So the the production cost cost doubled after the plastic case redesign."}, 0},
		{"a question", []string{offLabel, "So, uh, did the production cost double after the plastic case redesign?"}, 0},
	} {
		c := &corpus{}
		for i, s := range tc.texts {
			c.quotes = append(c.quotes, persona.Quote{ID: int64(i + 1), Kind: persona.KindTranscript, Text: s, Tokens: nlp.Shared().Tag(s)})
			c.ring = append(c.ring, persona.RingBarriers)
			c.hidden, c.pinned = append(c.hidden, false), append(c.pinned, false)
			c.central = append(c.central, 0.9-0.1*float64(i))
		}
		members := indexes(len(tc.texts))
		got := headlineBy(c, members, "cost", []string{normWord("design")}, themeCentrality(c, members), map[int]int{})
		if got != tc.want {
			t.Errorf("%s: headline = %q, want %q", tc.name, tc.texts[max(got, 0)], tc.texts[tc.want])
		}
	}
}

// TestQuantityIsNoLabel: a number, alone or with what it counts in
// ("ten percent", "twenty five euros"), is no label candidate nor a
// catch-all's topic; a number with a thing it counts ("ten users") may be.
func TestQuantityIsNoLabel(t *testing.T) {
	for _, tc := range []struct {
		sentence, phrase string
		ok               bool
	}{
		{"They said ten percent would switch.", "ten percent", false},
		{"We could sell it at twenty five euros.", "twenty five euros", false},
		{"It takes five minutes to set up.", "five minutes", false},
		{"We need thirty of them.", "thirty", false},
		{"We lost ten users last month.", "ten users", true},
		{"The price per seat is too high.", "price per seat", true},
	} {
		ws := strings.Fields(tc.phrase)
		keys := make([]string, len(ws))
		for i, w := range ws {
			keys[i] = normWord(w)
		}
		slices.Sort(keys)
		p := phrase{key: strings.Join(keys, " "), surface: tc.phrase}
		if got := phraseWords(p, nlp.Shared().Tag(tc.sentence)) != nil; got != tc.ok {
			t.Errorf("%q in %q: candidate %v, want %v", tc.phrase, tc.sentence, got, tc.ok)
		}
	}
	st := &phraseStats{n: 100, df: map[string]int{}, names: map[string]bool{}, proper: map[string]int{}}
	for _, tk := range []persona.Token{{Text: "thirty", Tag: "NN"}, {Text: "twelve", Tag: "CD"}, {Text: "2024", Tag: "CD"}} {
		if st.labelWord(tk) {
			t.Errorf("labelWord(%q/%s): a number may name a catch-all", tk.Text, tk.Tag)
		}
	}
	if !st.labelWord(persona.Token{Text: "wheel", Tag: "NN"}) {
		t.Error("labelWord(wheel): a plain noun may not name a catch-all")
	}
}

// TestOneQuoteThemeIsMixed: a theme of one quote recurs in nothing: it is
// one of its ring's mixed remarks (and joins them), not a theme named
// after its words; a researcher's one-quote theme keeps its label.
func TestOneQuoteThemeIsMixed(t *testing.T) {
	texts := []string{
		"The pricing per seat doubled when we renewed the contract.",
		"Pricing per seat was the first thing procurement questioned.",
		"We compared pricing per seat across three vendors.",
		"Support answered our tickets within the hour every time.",
		"Support was slow to answer our tickets at first.",
		"My wrist hurts after a day at the keyboard.",
		"The onboarding checklist confused our new hires.",
	}
	c := &corpus{names: map[string]bool{}}
	for i, s := range texts {
		c.quotes = append(c.quotes, persona.Quote{ID: int64(i + 1), ParticipantID: int64(i%3 + 1), Kind: persona.KindTranscript, Text: s, Tokens: nlp.Shared().Tag(s)})
		c.ring = append(c.ring, persona.RingBarriers)
		c.hidden, c.pinned = append(c.hidden, false), append(c.pinned, false)
		c.central = append(c.central, 0.5)
		c.space, c.doc = append(c.space, nil), append(c.doc, -1) // no word vectors
	}
	ws := []*work{
		{ring: persona.RingBarriers, members: []int{0, 1, 2}},
		{ring: persona.RingBarriers, members: []int{3, 4}},
		{ring: persona.RingBarriers, members: []int{5}},
		{ring: persona.RingBarriers, members: []int{6}, label: "onboarding", labelSet: true},
	}
	labelThemes(c, ws)
	if got := ws[2].label; !ringMixed(got, persona.RingBarriers) {
		t.Errorf("one-quote theme labelled %q, want its ring's mixed remarks", got)
	}
	if got := ws[3].label; got != "onboarding" {
		t.Errorf("a researcher's one-quote theme relabelled %q", got)
	}
	for _, w := range ws[:2] {
		if ringMixed(w.label, persona.RingBarriers) {
			t.Errorf("theme %v labelled %q: a theme of several quotes has its own label here", w.members, w.label)
		}
	}
}
