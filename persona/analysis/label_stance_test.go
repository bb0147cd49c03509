package analysis

import (
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

func TestStanceWord(t *testing.T) {
	for _, c := range []struct {
		w, tag string
		want   bool
	}{
		{"slow", "JJ", true},           // VADER -1.6
		{"expensive", "JJ", true},      // VADER -2
		{"hard", "JJ", true},           // stanceWords: VADER rates it -0.4
		{"steep", "JJ", true},          // stanceWords: not in VADER
		{"lack", "NN", true},           // a stance noun
		{"faster", "JJR", true},        // a comparative says an outcome
		{"more", "JJR", false},         // only measures
		{"excellent", "JJ", false},     // sheer praise: judges anything
		{"awesome", "JJ", false},       // sheer praise
		{"problem", "NN", false},       // nouns only from stanceWords
		{"create", "VB", false},        // a verb judges only clearly (1.1)
		{"fail", "VB", true},           // -2.5: blame a reader acts on
		{"improve", "VB", true},        // 1.9
		{"based", "VBN", false},        // Pattern's -2.8 is not VADER's
		{"large", "JJ", false},         // Pattern only
		{"like", "IN", false},          // filler
		{"thank", "VB", false},         // a courtesy
		{"Expensive", "NNP", false},    // a name never
		{"frustrating", "JJ", true},    // VADER -1.9
		{"easy", "JJ", true},           // VADER 1.9
		{"struggling", "VBG", true},    // stanceWords
		{"good", "JJ", false},          // a weak adjective
		{"complicated", "JJ", true},    // VADER -2
		{"deploy", "VB", false},        // a topic
		{"reliable", "JJ", true},       // stanceWords
		{"unclear", "JJ", true},        // VADER -1.x
		{"cheap", "JJ", true},          // VADER 1.6 (Pattern fills nothing here)
		{"quick", "JJ", true},          // VADER 2
		{"wonderful", "JJ", false},     // sheer praise
		{"terrible", "JJ", true},       // -2.1: blame of a kind a reader acts on
		{"worst", "JJS", false},        // sheer blame
		{"helpful", "JJ", true},        // 1.8
		{"ok", "JJ", false},            // a filler
		{"sure", "JJ", false},          // a weak adjective
		{"interesting", "JJ", false},   // says the talk's interest, not a finding
		{"missing", "VBG", true},       // stanceWords
		{"limited", "JJ", true},        // stanceWords
		{"manual", "JJ", true},         // stanceWords
		{"data", "NNS", false},         // a topic
		{"cost", "NN", false},          // a topic
		{"price", "NN", false},         // a topic
		{"painful", "JJ", true},        // VADER -1.9
		{"confusing", "JJ", true},      // stance by VADER? listed below if not
		{"", "JJ", false},              // nothing
		{"unintuitive", "JJ", true},    // stanceWords
		{"time-consuming", "JJ", true}, // stanceWords
	} {
		if c.w == "confusing" {
			if v, ok := vaderValence()[c.w]; !ok || v > -1 {
				continue // VADER rates it weakly: not asserted
			}
		}
		if got := stanceWord(c.w, c.tag); got != c.want {
			t.Errorf("stanceWord(%q, %s) = %v, want %v", c.w, c.tag, got, c.want)
		}
	}
}

// TestFindingCandidates: the candidate phrases that say what of a topic
// are made from the tagged words, and a negated judgement is not.
func TestFindingCandidates(t *testing.T) {
	for _, c := range []struct {
		text string
		want string
		has  bool
	}{
		{"It is hard to deploy models.", "hard to deploy models", true},
		{"It was easy to track the costs.", "easy to track costs", true},
		{"It is not easy to deploy models.", "easy to deploy models", false},
		{"It is not easy to use.", "easy to use", false},
		{"The deployment was slow.", "slow deployment", true},
		{"The pricing is too expensive.", "too expensive pricing", true},
		{"The pricing is not expensive.", "expensive pricing", false},
		{"There is a lack of labelled data.", "lack of labelled data", true},
		{"The setup was easy to use.", "easy setup", false}, // said of the using, not the setup
		{"It costs too much.", "too much", false},
		// what is missing or cannot be done, spelled as said
		{"We can't export the data.", "can't export data", true},
		{"We cannot export reports.", "can't export reports", true},
		{"It does not scale at all.", "doesn't scale", true},
		{"There is no audit trail.", "no audit trail", true},
		{"I don't know.", "don't know", false},                            // a light verb
		{"We don't build models ourselves.", "don't build models", false}, // a practice
		{"The dashboard doesn't load reports.", "doesn't load reports", true},
		{"It just doesn't work.", "doesn't work", false}, // a failing of nothing named
		{"There's no way to do it.", "no way", false},
		{"We had no support from the vendor.", "no support", true},
		{"You cannot only predict the end product.", "can't predict end product", false}, // not enough, not unable
		{"We can't just retrain the model.", "can't retrain model", false},
		{"We can't really retrain the model.", "can't retrain model", true},
		{"No opinion.", "no opinion", false},                               // an answer, not a lack
		{"They should have no more input than others.", "no input", false}, // a quantity
	} {
		var got []string
		for _, p := range nounPhrases(nlp.Shared().Tag(c.text)) {
			got = append(got, p.surface)
		}
		if slices.Contains(got, c.want) != c.has {
			t.Errorf("nounPhrases(%q) = %q; holding %q: want %v", c.text, got, c.want, c.has)
		}
	}
}

// TestPhraseWordsKeys: each word of a candidate keeps its own key, not
// the one at its place in the sorted phrase key.
func TestPhraseWordsKeys(t *testing.T) {
	toks := nlp.Shared().Tag("We had missing data.")
	var ws []labelToken
	for _, p := range nounPhrases(toks) {
		if p.surface == "missing data" {
			ws = phraseWords(p, toks)
		}
	}
	if len(ws) != 2 || ws[0].key != normWord("missing") || ws[1].key != normWord("data") || !ws[0].stance || ws[1].stance {
		t.Fatalf("phraseWords(missing data) = %+v; want missing (stance) then data, each with its own key", ws)
	}
	if got := headOf(ws); got != normWord("data") {
		t.Errorf("headOf(missing data) = %q, want the noun", got)
	}
}

// elabStudy is a two-theme study: theme 0 about deploying models, where
// two buyers say deploying them is hard, and theme 1 about something else.
func elabStudy(t *testing.T, texts0 []string, ring persona.Ring) *phraseStats {
	t.Helper()
	c := &corpus{names: map[string]bool{}}
	add := func(s string, p int64) int {
		c.quotes = append(c.quotes, persona.Quote{ID: int64(len(c.quotes) + 1), ParticipantID: p, Kind: persona.KindTranscript, Text: s, Tokens: nlp.Shared().Tag(s)})
		c.ring = append(c.ring, ring)
		c.hidden, c.pinned = append(c.hidden, false), append(c.pinned, false)
		c.central = append(c.central, 0.5)
		c.doc, c.space = append(c.doc, -1), append(c.space, nil)
		return len(c.quotes) - 1
	}
	w0, w1 := &work{ring: ring}, &work{ring: ring}
	for i, s := range texts0 {
		w0.members = append(w0.members, add(s, int64(i+1)))
	}
	for i, s := range []string{"The weather was cold in March.", "Our office moved to a new building.",
		"The team grew to ten people last year.", "Lunch was served at noon every day.", "We hired two analysts in spring."} {
		w1.members = append(w1.members, add(s, int64(i+10)))
	}
	return newPhraseStats(c, []*work{w0, w1})
}

func TestElaborate(t *testing.T) {
	shared := []string{"It is hard to deploy models.", "Deploying models was hard for our team.",
		"We deploy models every week.", "We deploy models on a cluster."}
	for _, c := range []struct {
		name  string
		texts []string
		ring  persona.Ring
		label string
		used  []string
		want  string
	}{
		{"two buyers say it is hard", shared, persona.RingBarriers, "deploy models", nil, "hard to deploy models"},
		{"taken by another theme: the next", shared, persona.RingBarriers, "deploy models", []string{"hard to deploy models"}, "hard to deploy"},
		{"both taken", shared, persona.RingBarriers, "deploy models", []string{"hard to deploy models", "hard to deploy"}, ""},
		{"one buyer says it is hard", []string{"It is hard to deploy models.", "We deploy models every week.",
			"We deploy models on a cluster.", "They deploy models at night."}, persona.RingBarriers, "deploy models", nil, ""},
		{"the label judges already", shared, persona.RingBarriers, "hard to deploy models", nil, ""},
		{"a mixed theme is left alone", shared, persona.RingBarriers, mixedPrefix + " on models", nil, ""},
		{"praise never names a barrier", []string{"It is easy to deploy models.", "Deploying models was easy for our team.",
			"We deploy models every week.", "We deploy models on a cluster."}, persona.RingBarriers, "deploy models", nil, ""},
		{"praise names a success factor", []string{"It is easy to deploy models.", "Deploying models was easy for our team.",
			"We deploy models every week.", "We deploy models on a cluster."}, persona.RingSuccess, "deploy models", nil, "easy to deploy models"},
	} {
		st := elabStudy(t, c.texts, c.ring)
		used := map[string]bool{}
		for _, u := range c.used {
			used[u] = true
		}
		if got := st.elaborate(0, c.label, used); got != c.want {
			t.Errorf("%s: elaborate(%q) = %q, want %q", c.name, c.label, got, c.want)
		}
	}
}

// TestHeadlineSpeaksForTheme: a slide sentence that says neither the
// label's words nor the theme's telling words does not head the theme,
// even when it is the most central; one that says a telling word does.
func TestHeadlineSpeaksForTheme(t *testing.T) {
	texts := []string{"I think that would be quite fun for everyone.", "The production cost of the case was too high for us.",
		"We compared the titanium case with the rubber one."}
	c := &corpus{}
	for i, s := range texts {
		c.quotes = append(c.quotes, persona.Quote{ID: int64(i + 1), Kind: persona.KindTranscript, Text: s, Tokens: nlp.Shared().Tag(s)})
		c.ring = append(c.ring, persona.RingBarriers)
		c.hidden, c.pinned = append(c.hidden, false), append(c.pinned, false)
	}
	c.central = []float64{0.9, 0.5, 0.6}
	for _, tc := range []struct {
		name     string
		label    string
		distinct []string
		members  []int
		want     int
	}{
		{"says the label", "cost", nil, []int{0, 1, 2}, 1},
		{"says a telling word", mixedPrefix + " (perceived barriers)", []string{normWord("titanium")}, []int{0, 1, 2}, 2},
		{"none speaks: still one", "cost", nil, []int{0, 2}, 0},
	} {
		if got := headline(c, tc.members, tc.label, tc.distinct); got != tc.want {
			t.Errorf("%s: headline = %d (%q), want %d (%q)", tc.name, got, texts[max(got, 0)], tc.want, texts[tc.want])
		}
	}
}

// TestNumberAloneIsNoCandidate: a number says no finding on its own
// (QMSum ES2013 was labelled "twelve" from "twelve and a half Euros"),
// while a number with what it counts may be a label.
func TestNumberAloneIsNoCandidate(t *testing.T) {
	for _, tc := range []struct {
		text string
		keep string // a phrase that stays a candidate, or ""
	}{
		{"Okay, so, are they under twelve fifty?", ""},
		{"Now if they cost twelve and a half, you're making twelve and a half Euros each.", ""},
		{"Um and the total cost has been calculated as nine Pounds twenty out of the twelve and a half we were allowed.", ""},
		{"We sold 25 and then 40.", ""},
		// A number with its unit is a quantity too (labels11): "twenty
		// five Euros" named no finding of an untuned meeting.
		{"It costs twelve euros.", ""},
		{"We lost twelve customers last year.", "twelve customers"},
	} {
		toks := nlp.Shared().Tag(tc.text)
		kept := false
		for _, p := range nounPhrases(toks) {
			ws := phraseWords(p, toks)
			if ws == nil {
				continue
			}
			kept = kept || p.surface == tc.keep
			allNumbers := true
			for _, w := range ws {
				allNumbers = allNumbers && (numberWord(w.surface) || functionWords[w.surface])
			}
			if allNumbers {
				t.Errorf("%q: %q is a candidate; a number alone is none", tc.text, p.surface)
			}
		}
		if tc.keep != "" && !kept {
			t.Errorf("%q: %q is no candidate; a number with what it counts may be", tc.text, tc.keep)
		}
	}
}
