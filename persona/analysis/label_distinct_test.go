package analysis

import (
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// Every theme of a generated study has its own label, and none is another
// theme's label with a number after it.
func TestLabelsUniqueUnnumbered(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		in := generate(3_000, 60, uint64(seed))
		c, err := newCorpus(in)
		if err != nil {
			t.Fatal(err)
		}
		if err := classifyAll(c, func(string, int, int) {}); err != nil {
			t.Fatal(err)
		}
		themes, _ := finishThemes(c, buildThemes(c, seed), 2, 1)
		labels := map[string]bool{}
		for _, th := range themes {
			l := strings.ToLower(th.Label)
			if labels[l] {
				t.Errorf("seed %d: label %q twice", seed, th.Label)
			}
			labels[l] = true
		}
		for _, th := range themes {
			if numberedLabel(th.Label, labels) {
				t.Errorf("seed %d: numbered label %q", seed, th.Label)
			}
		}
	}
}

func TestCountedLabel(t *testing.T) {
	c := &corpus{quotes: []persona.Quote{{ParticipantID: 1}, {ParticipantID: 1}, {ParticipantID: 2}}}
	st := &phraseStats{c: c, ws: []*work{{members: []int{0, 1, 2}}}}
	const l = "Mixed remarks (success factors)"
	for _, cse := range []struct {
		used []string
		want string
	}{
		{nil, l},
		{[]string{l}, l + ", 3 quotes"},
		{[]string{l, l + ", 3 quotes"}, l + ", 3 quotes from 2 people"},
	} {
		used := map[string]bool{}
		for _, u := range cse.used {
			used[strings.ToLower(u)] = true
		}
		if got := st.countedLabel(l, 0, used); got != cse.want {
			t.Errorf("countedLabel with %q used = %q, want %q", cse.used, got, cse.want)
		}
	}
}

func TestModifies(t *testing.T) {
	tok := func(key string, noun, adj bool) labelToken { return labelToken{key: key, noun: noun, adj: adj} }
	for _, c := range []struct {
		name string
		ws   []labelToken
		key  string
		want bool
	}{
		{"adjective + noun", []labelToken{tok("soft", true, true), tok("rubber", true, false)}, "rubber", true},
		{"verb + object", []labelToken{tok("run", false, false), tok("pipelin", true, false)}, "pipelin", true},
		{"nouns side by side", []labelToken{tok("reliabl", true, false), tok("scalabl", true, false)}, "scalabl", false},
		{"judging word and its noun", []labelToken{tok("help", true, true), tok("staff", true, false)}, "help", true},
	} {
		if got := modifies(c.ws, c.key); got != c.want {
			t.Errorf("%s: modifies = %v, want %v", c.name, got, c.want)
		}
	}
}
