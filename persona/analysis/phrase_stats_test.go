package analysis

import (
	"reflect"
	"strings"
	"testing"
)

// sequentialPhraseStats is newPhraseStats as it was before the themes
// were counted on all cores: one theme after another, the words of a
// phrase taken from its first quote.
func sequentialPhraseStats(c *corpus, ws []*work) *phraseStats {
	st := &phraseStats{c: c, ws: ws, df: map[string]int{}, words: map[string][]labelToken{},
		surface: map[string]map[string]int{}, names: c.names, proper: map[string]int{}, noun: map[string]int{},
		centres: newThemeCentres(c, ws)}
	for _, w := range ws {
		tc := &themeCounts{df: st.df, proper: st.proper, noun: st.noun,
			tdf: map[string]int{}, pdf: map[string]int{}, cov: map[string]float64{}, who: map[string]speakers{},
			words: st.words, surface: st.surface}
		parts := map[int64]bool{}
		weights, total := centralWeights(c, w.members)
		for j, i := range w.members {
			st.n++
			muted := mute(c.quotes[i])
			if !muted {
				tc.size++
			}
			seen := map[string]bool{}
			for _, tk := range c.quotes[i].Tokens {
				if k := normWord(tk.Text); !seen[k] {
					seen[k] = true
					st.df[k]++
					if strings.HasPrefix(tk.Tag, "NNP") {
						st.proper[k]++
					} else if isNoun(tk.Tag) {
						st.noun[k]++
					}
					if !muted {
						tc.tdf[k]++
						tc.cov[k] += weights[j] / total
					}
				}
			}
			if muted {
				continue
			}
			pid := c.quotes[i].ParticipantID
			parts[pid] = true
			seenP := map[string]bool{}
			for _, p := range tc.candidates(c.quotes[i].Tokens) {
				if !seenP[p.key] {
					seenP[p.key] = true
					tc.pdf[p.key]++
					tc.who[p.key] = tc.who[p.key].add(pid)
				}
			}
		}
		st.speakers, st.parts = append(st.speakers, tc.who), append(st.parts, len(parts))
		st.themeDF, st.weightOf, st.phraseDF = append(st.themeDF, tc.tdf), append(st.weightOf, tc.cov), append(st.phraseDF, tc.pdf)
		st.size = append(st.size, tc.size)
	}
	return st
}

// The phrase statistics counted theme by theme on all cores equal those
// counted one theme after another, field for field, including which
// quote's words a phrase keeps (generated quotes tag the same phrase
// differently in different quotes).
func TestPhraseStatsMatchSequential(t *testing.T) {
	in := generate(3_000, 60, 7)
	c, err := newCorpus(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := classifyAll(c, func(string, int, int) {}); err != nil {
		t.Fatal(err)
	}
	ws := buildThemes(c, 1)
	_, ws = finishThemes(c, ws, 2, 1)
	if len(ws) < 4 {
		t.Fatalf("%d themes; the test needs several", len(ws))
	}
	got, want := newPhraseStats(c, ws), sequentialPhraseStats(c, ws)
	if got.n != want.n || len(got.words) != len(want.words) {
		t.Fatalf("n %d, %d phrases; want %d, %d", got.n, len(got.words), want.n, len(want.words))
	}
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"df", got.df, want.df}, {"themeDF", got.themeDF, want.themeDF}, {"weightOf", got.weightOf, want.weightOf},
		{"phraseDF", got.phraseDF, want.phraseDF}, {"words", got.words, want.words}, {"surface", got.surface, want.surface},
		{"size", got.size, want.size}, {"proper", got.proper, want.proper}, {"noun", got.noun, want.noun},
		{"speakers", got.speakers, want.speakers}, {"parts", got.parts, want.parts},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("%s differs", f.name)
		}
	}
}
