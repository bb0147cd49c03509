package analysis

import (
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestShownQuotesAreQuotable: the most central quote of a theme heads it
// and leads its top quotes only when it may be shown as representative;
// a fragment, a disfluent run, a courtesy or the interviewer's question
// from the dev sets never does, and the buyer's whole sentence next to it
// takes its place. Sentences are from the ML-practitioner interviews, the
// QMSum product meetings and SERDIF.
func TestShownQuotesAreQuotable(t *testing.T) {
	buyer := "We could not deploy the model because the servers belonged to another team."
	tests := []struct {
		name  string
		first string // the most central quote
		shown bool   // whether it may head the theme
	}{
		{"fragment ending on a comma", "Although we had our separate tasks,", false},
		{"broken run", "It's a bi i it's like a g it's a gadget, it's a", false},
		{"fillers and a restart", "So like, yeah, I see it as a big point and big point.", false},
		{"names nothing", "You like it, you want to use it.", false},
		{"courtesy in an interview", "I hope you guys thank you so much.", false},
		{"praise of the question", "That's a really good question.", false},
		{"interviewer's question", "What kind of tools do you use for monitoring the models?", false},
		{"a dangling subordinate clause", "Because we didn't have the infrastructure.", false},
		{"a whole sentence leads", "It was a very complex tree model with hundreds of features.", true},
		{"a finding with a subordinate clause", "Although we had our separate tasks, we talked every day about the remote.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testShowCorpus([]string{tt.first, buyer}, []float64{0.9, 0.5}, nil)
			w := &work{ring: persona.RingBarriers, members: []int{0, 1}}
			show := newShowable(c, w.members)
			want := 1
			if tt.shown {
				want = 0
			}
			if got := shownHeadline(c, w, show); got != want {
				t.Errorf("headline = %d; want %d (%q)", got, want, []string{tt.first, buyer}[want])
			}
			top := topQuoteIDs(c, w, show)
			if len(top) == 0 || top[0] != int64(want+1) {
				t.Errorf("top quotes = %v; want quote %d first", top, want+1)
			}
			if !tt.shown && slices.Contains(top, 1) {
				t.Errorf("top quotes %v hold the unquotable %q", top, tt.first)
			}
		})
	}
}

// TestShownQuotesFallBack: a theme with no quotable quote has no headline
// and no top quotes rather than a fragment; a pinned quote is the
// researcher's choice and is shown whatever its form.
func TestShownQuotesFallBack(t *testing.T) {
	texts := []string{"Although we had our separate tasks,", "I hope you guys thank you so much."}
	c := testShowCorpus(texts, []float64{0.9, 0.5}, nil)
	w := &work{ring: persona.RingSuccess, members: []int{0, 1}}
	show := newShowable(c, w.members)
	if h := shownHeadline(c, w, show); h != -1 {
		t.Errorf("headline = %q; want none", texts[h])
	}
	if top := topQuoteIDs(c, w, show); len(top) != 0 {
		t.Errorf("top quotes = %v; want none", top)
	}
	c = testShowCorpus(texts, []float64{0.9, 0.5}, []bool{true, false})
	show = newShowable(c, w.members)
	if h := shownHeadline(c, w, show); h != 0 {
		t.Errorf("headline = %d; want the pinned quote 0", h)
	}
	if top := topQuoteIDs(c, w, show); !slices.Equal(top, []int64{1}) {
		t.Errorf("top quotes = %v; want the pinned quote only", top)
	}
}

// TestShownHeadlineIsASlideSentence: when the only quotable quotes are
// no slide sentences (too short, opening on "So,"), the theme has no
// headline; its top quotes still show them.
func TestShownHeadlineIsASlideSentence(t *testing.T) {
	texts := []string{"Although we had our separate tasks,", "So, that's the task completed.", "It's easy to use."}
	c := testShowCorpus(texts, []float64{0.9, 0.5, 0.4}, nil)
	w := &work{ring: persona.RingSuccess, members: []int{0, 1, 2}}
	show := newShowable(c, w.members)
	if h := shownHeadline(c, w, show); h != -1 {
		t.Errorf("headline = %q; want none", texts[h])
	}
	if top := topQuoteIDs(c, w, show); len(top) == 0 || slices.Contains(top, 1) {
		t.Errorf("top quotes = %v; want the quotable ones, not the fragment", top)
	}
}

// testShowCorpus is a corpus of spoken quotes, each by its own participant.
func testShowCorpus(texts []string, central []float64, pinned []bool) *corpus {
	c := &corpus{central: central}
	for i, s := range texts {
		c.quotes = append(c.quotes, persona.Quote{ID: int64(i + 1), ParticipantID: int64(i + 1), Kind: persona.KindTranscript,
			Text: s, Tokens: nlp.Shared().Tag(s)})
		c.ring = append(c.ring, persona.RingBarriers)
		c.hidden = append(c.hidden, false)
		c.pinned = append(c.pinned, pinned != nil && pinned[i])
		c.doc = append(c.doc, -1)
		c.space = append(c.space, nil)
	}
	return c
}

// TestShownQuotesOtherScripts: a theme of spoken quotes in another script
// shows its quotes as they are (the grammar tests are English ones);
// before, every one was a "fragment" and the theme showed none.
func TestShownQuotesOtherScripts(t *testing.T) {
	texts := []string{"这个遥控器太贵了，我们不会买。", "Этот пульт слишком дорогой, мы его не купим.", "電池の寿命が短すぎると思います。"}
	c := testShowCorpus(texts, []float64{0.9, 0.5, 0.4}, nil)
	w := &work{ring: persona.RingBarriers, members: []int{0, 1, 2}}
	show := newShowable(c, w.members)
	if top := topQuoteIDs(c, w, show); len(top) != len(texts) {
		t.Errorf("top quotes = %v; want all %d", top, len(texts))
	}
}

// TestShownQuotesRestated: of a remark said twice in one turn (QMSum
// IS1001b line 133), the garbled saying neither heads the theme nor is
// among its top quotes, even when more central; the fluent one is shown.
func TestShownQuotesRestated(t *testing.T) {
	texts := []string{
		"Eighty hundred per cent of users would spend more money when the remote control would look oh to it's not good.",
		"Eighty per cents of users would spend more money when the remote control would look fancy.",
	}
	c := testShowCorpus(texts, []float64{0.9, 0.5}, nil)
	for i, start := range []int{279, 188} {
		c.quotes[i].TurnID, c.quotes[i].SourceID, c.quotes[i].Start, c.quotes[i].ParticipantID = 7, 1, start, 1
	}
	w := &work{ring: persona.RingBarriers, members: []int{0, 1}}
	show := newShowable(c, w.members)
	if top := topQuoteIDs(c, w, show); !slices.Equal(top, []int64{2}) {
		t.Errorf("top quotes = %v; want the fluent saying 2 only", top)
	}
	if h := shownHeadline(c, w, show); h == 0 {
		t.Errorf("headline is the garbled saying %q", texts[0])
	}
}
