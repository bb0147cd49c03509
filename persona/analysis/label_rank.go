package analysis

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
)

// What makes a candidate phrase a finding of its theme rather than a few
// words one quote happened to say:
const (
	// minSupport is the share of a theme's quotes that must say a label's
	// head word (at least two quotes): a label names what the theme's
	// quotes share, not what one of them mentions.
	minSupport = 0.10
	// minCloseness is how much nearer a label must mean the theme's centre
	// than its ring's centre in the word-vector space (cosine difference):
	// at or below it, the phrase means what any quote of the ring means, or
	// something else ("open hood" in a theme about starting projects).
	minCloseness = 0.0
)

// scored is a candidate label of a theme.
type scored struct {
	key     string
	score   float64
	support float64 // share of the theme's quotes saying its head word
}

// rank scores theme t's candidate phrases, best first. A phrase must be
// grounded (a content word in at least two of the theme's quotes when it
// has two), may not be a lone generic word, a ring's name, or hold a name
// or a word most of the study's quotes use (the product itself). A phrase
// of several words must be said whole by two participants (two quotes in a
// one-person theme): a phrase one buyer said once is that buyer's words,
// not the theme's. When the word vectors are there, a phrase must mean
// what the theme is about more than what its ring is about (closeness),
// and the nearer it is to the theme's centre, the higher it scores.
func (st *phraseStats) rank(t int, strict bool) []scored {
	size := st.size[t]
	// One content word of a label is said in at least two of the theme's
	// quotes and, when strict, every one in a thirtieth of them.
	minDF := 0
	if strict {
		minDF = (size + 29) / 30
	}
	// In a transcript the conversation's own event ("missed meeting",
	// "end meeting") is its logistics, not what the theme says.
	talk := st.transcriptTheme(t) && !st.loose
	var out []scored
	for key, pf := range st.phraseDF[t] {
		ws := st.words[key]
		var sum, top float64
		content, grounded, every := 0, size < 2, true
		lone := mostFrequent(st.surface[key])
		// A word alone is a noun in most of the study's quotes that say it
		// (the tagger calls "went" a noun now and then) or a judging
		// adjective.
		ok := !(len(ws) == 1 && (!ws[0].noun || (!ws[0].adj && 2*(st.noun[key]+st.proper[key]) <= st.df[key]) || genericKeys()[key] || loneGeneric[lone] || vagueVerbs[lone] || timeAdverbs[lone] ||
			float64(st.themeDF[t][key]) < minSupport*float64(size) ||
			(ws[0].adj && (4*st.themeDF[t][key] < size || !evaluative(ws))))) && (len(ws) < 4 || pf >= 2)
		for _, w := range ws {
			if functionWords[w.key] || negatedWords[w.key] {
				continue // "no", "can't" negate the words that are counted
			}
			if st.names[w.key] || 2*st.df[w.key] > st.n || st.product(w.key) {
				ok = false
				break
			}
			content++
			grounded = grounded || st.themeDF[t][w.key] >= max(2, minDF)
			every = every && st.themeDF[t][w.key] >= minDF
			ws := st.wordScore(t, w.key)
			sum, top = sum+ws, max(top, ws)
		}
		for _, r := range persona.Rings {
			ok = ok && !strings.EqualFold(lone, r.Title())
		}
		ok = ok && !st.name(ws) && !aboutTheTalk(ws) && !(talk && theConversation(ws))
		// A negated phrase ("no data", "can't predict") scores by the
		// words it negates alone, so it would outrank what the quotes say
		// of the same topic ("too low accuracy"): it names a theme only
		// in place of a topic (centralFinding, from the key phrases).
		ok = ok && (st.loose || len(ws) == 0 || !negatedWords[ws[0].key])
		if content > 1 && !st.loose && (pf < 2 || (st.parts[t] >= 2 && st.speakers[t][key].n < 2)) {
			ok = false // said whole by one buyer only
		}
		if !ok || !grounded || !every || content == 0 || sum <= 0 {
			continue
		}
		// The phrase's best word carries it; each other word adds half
		// its own score and a little for saying more ("losing deals"
		// over "deals"), and a phrase said whole in several quotes more.
		extra := float64(min(content-1, 2))
		// A phrase of several words that many quotes share whole keeps
		// gaining; a lone word's count is capped (it is shared trivially).
		said := float64(min(pf-1, 2))
		if content > 1 {
			said = max(said, math.Log2(float64(pf)))
		}
		s := (top + 0.5*(sum-top) + 0.1*top*extra) * (1 + 0.5*said)
		switch {
		case content > 1 && finding(ws, st.ws[t].ring):
			// A judgement in the ring's direction ("lousy service" for a
			// barrier, "reasonable prices" for a success factor) is a
			// finding; the bare topic ("service") is not.
			s *= findingBoost
		case content > 1 && evaluative(ws):
			s *= 1.25 // "steep learning curve": a judgement, not a topic
		}
		if len(ws) == 1 && 20*st.df[key] >= st.n {
			// A lone word a twentieth of the study says is its domain
			// ("restaurant", "food"), not what sets a theme apart.
			s /= 2
		}
		if c, measured := st.centres.closeness(t, strings.Fields(strings.ToLower(lone))); measured && !st.loose {
			if c <= minCloseness {
				continue
			}
			s *= 1 + c
		}
		out = append(out, scored{key, s, float64(st.themeDF[t][headOf(ws)]) / float64(max(size, 1))})
	}
	slices.SortFunc(out, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.key, b.key))
	})
	return out
}

// transcriptTheme reports a theme most of whose quotes were said in a
// recorded conversation.
func (st *phraseStats) transcriptTheme(t int) bool {
	n := 0
	for _, i := range st.ws[t].members {
		if st.c.quotes[i].Kind == persona.KindTranscript {
			n++
		}
	}
	return 2*n > len(st.ws[t].members)
}

// theConversation reports a phrase whose head names a conversation
// ("meeting", "call") that no noun says the kind of: "missed meeting",
// "next meeting", "meeting" itself, in a transcript the recorded one; a
// "board meeting" or "call notes" is a subject.
func theConversation(ws []labelToken) bool {
	head := headOf(ws)
	if !conversationWords[head] {
		return false
	}
	for _, w := range ws {
		if w.key != head && isNoun(w.tag) && !w.adj {
			return false
		}
	}
	return true
}

// talkWords are the words a conversation uses about itself: whom it
// addresses and what its speakers do to each other (thank, ask, answer).
var talkWords = wordSet("member", "members", "colleague", "colleagues", "chair", "madam", "speaker", "sir",
	"thank", "thanks", "assure", "reassure", "remind", "ask", "asked", "asking", "answer", "answers", "answered",
	"question", "questions", "agree", "congratulate", "welcome", "appreciate", "tell", "told", "respond", "response")

// aboutTheTalk reports a phrase made only of talk words ("thank member",
// "ask questions"): the conversation's manners, not its subject.
func aboutTheTalk(ws []labelToken) bool {
	for _, w := range ws {
		if !functionWords[w.key] && !talkWords[strings.ToLower(w.surface)] {
			return false
		}
	}
	return true
}

// headOf is the key of a phrase's head word: the last content word, or
// the one before "of" or "per" ("price per seat").
func headOf(ws []labelToken) string {
	head := ""
	for _, w := range ws {
		if w.key == "of" || w.key == "per" {
			if head != "" {
				return head
			}
			continue
		}
		if !functionWords[w.key] {
			head = w.key
		}
	}
	return head
}

// evaluative reports a phrase with a word that judges ("slow", "steep",
// "lousy", "reasonable"): one the sentiment lexicons give a clear valence
// short of sheer praise or blame ("excellent", "awesome" judge anything
// and say nothing of what), or a stance word.
func evaluative(ws []labelToken) bool {
	for _, w := range ws {
		if v, ok := WordValence(w.surface); ok && math.Abs(v) >= 1 && math.Abs(v) <= sheerValence || w.stance {
			return true
		}
	}
	return false
}

// speakers counts the participants who said a phrase, up to two.
type speakers struct {
	first int64
	n     int
}

func (s speakers) add(p int64) speakers {
	switch {
	case s.n == 0:
		return speakers{p, 1}
	case s.n == 1 && p != s.first:
		return speakers{s.first, 2}
	}
	return s
}

// genericKeys are the word keys of the generic nouns: "timing" shares the
// key of "time" and would take its count, so it may not stand alone either.
var genericKeys = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, set := range []map[string]bool{genericNouns, loneGeneric} {
		for w := range set {
			out[w], out[normWord(w)] = true, true
		}
	}
	return out
})
