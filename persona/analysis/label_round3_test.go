package analysis

import (
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

func TestCodedValues(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"food:positive", true},
		{"food:positive|quality of food:negative|Prix Fixe:neutral", true},
		{"Desserts:None|Tart of the Day:None", true},
		{"The food was great: fresh and hot.", false},
		{"Pros: easy to use", false},
		{"Note:great", true}, // one coded-looking pair is treated as code
		{"", false},
	} {
		if got := codedValues(c.text); got != c.want {
			t.Errorf("codedValues(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// tagged builds tokens from word/TAG pairs.
func tagged(pairs ...string) []persona.Token {
	var out []persona.Token
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, persona.Token{Text: pairs[i], Tag: pairs[i+1]})
	}
	return out
}

func TestPredicateCandidates(t *testing.T) {
	for _, c := range []struct {
		toks []persona.Token
		want string
	}{
		{tagged("it", "PRP", "is", "VBZ", "easy", "JJ", "to", "TO", "use", "VB"), "easy to use"},
		{tagged("the", "DT", "pricing", "NN", "is", "VBZ", "too", "RB", "expensive", "JJ"), "too expensive"},
		{tagged("hard", "JJ", "to", "TO", "set", "VB", "up", "RP"), "hard to set up"},
		{tagged("a", "DT", "steep", "JJ", "learning", "NN", "curve", "NN"), "steep learning curve"},
	} {
		var got []string
		for _, p := range nounPhrases(c.toks) {
			got = append(got, p.surface)
		}
		if !slices.Contains(got, c.want) {
			t.Errorf("nounPhrases(%v) = %q, want it to hold %q", c.toks, got, c.want)
		}
	}
}

func TestHeadOf(t *testing.T) {
	tok := func(keys ...string) []labelToken {
		var out []labelToken
		for _, k := range keys {
			out = append(out, labelToken{key: k})
		}
		return out
	}
	for _, c := range []struct {
		ws   []labelToken
		want string
	}{
		{tok("steep", "learn", "curve"), "curve"},
		{tok("price", "per", "seat"), "price"},
		{tok("loss", "of", "job"), "loss"},
		{tok("collect", "data"), "data"},
		{tok("expensive"), "expensive"},
	} {
		if got := headOf(c.ws); got != c.want {
			t.Errorf("headOf(%v) = %q, want %q", c.ws, got, c.want)
		}
	}
}

func TestSupported(t *testing.T) {
	for _, c := range []struct {
		s    scored
		size int
		want bool
	}{
		{scored{support: 0.25}, 40, true},
		{scored{support: 0.05}, 40, false}, // two of forty quotes: one buyer's aside
		{scored{support: 1}, 2, true},
		{scored{support: 0.5}, 2, false},  // one quote of two
		{scored{support: 0.34}, 3, false}, // one quote of three
		{scored{support: 1}, 1, true},
	} {
		if got := supported(c.s, c.size); got != c.want {
			t.Errorf("supported(%v, %d) = %v, want %v", c.s.support, c.size, got, c.want)
		}
	}
}

func TestSpeakers(t *testing.T) {
	var s speakers
	for _, p := range []int64{7, 7, 7} {
		s = s.add(p)
	}
	if s.n != 1 {
		t.Errorf("one speaker three times: n = %d, want 1", s.n)
	}
	if s = s.add(9); s.n != 2 {
		t.Errorf("a second speaker: n = %d, want 2", s.n)
	}
}

func TestNumberedLabel(t *testing.T) {
	labels := map[string]bool{"quality issue": true, "quality issue 2": true, "f1 score": true,
		"windows server 2019": true, "mixed remarks (success factors)": true}
	for _, c := range []struct {
		label string
		want  bool
	}{
		{"quality issue 2", true},
		{"Mixed remarks (success factors) 2", true},
		{"quality issue", false},
		{"f1 score", false},
		{"windows server 2019", false}, // no "windows server" beside it
		{"Mixed remarks (success factors), 63 quotes", false},
	} {
		if got := numberedLabel(c.label, labels); got != c.want {
			t.Errorf("numberedLabel(%q) = %v, want %v", c.label, got, c.want)
		}
	}
}

func TestHeadWithAdjective(t *testing.T) {
	for _, c := range []struct {
		toks []persona.Token
		want string
		has  bool
	}{
		{tagged("pleasant", "JJ", "helpful", "JJ", "staff", "NN"), "helpful staff", true},
		{tagged("wonderful", "JJ", "caring", "VBG", "staff", "NN"), "caring staff", true},
		{tagged("long", "JJ", "term", "NN", "support", "NN"), "term support", false}, // a compound's tail
		{tagged("steep", "JJ", "learning", "NN", "curve", "NN"), "learning curve", false},
	} {
		var got []string
		for _, p := range nounPhrases(c.toks) {
			got = append(got, p.surface)
		}
		if slices.Contains(got, c.want) != c.has {
			t.Errorf("nounPhrases(%v) = %q; holding %q: want %v", c.toks, got, c.want, c.has)
		}
	}
}
