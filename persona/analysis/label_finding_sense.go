package analysis

import (
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// A phrase can read as a finding by its words and still not be one in
// its theme: the word that judges or names the trouble may be meant in
// another sense there. findingSupported checks, from the theme's own
// quotes, the two ways a word list cannot:
//
//   - the conversation itself: in a transcript, a finding about a
//     "meeting" or "agenda" (its head) is about the conversation
//     being recorded, so "missed meeting" is its logistics (who came),
//     not a buyer's problem ("board meeting" or "call notes" is no
//     finding about a meeting, and not checked here);
//   - a trouble word's other sense: a noun VADER rates as a trouble
//     ("pressure" -1.2, "attack", "fire") is one only when two of the
//     theme's quotes that say it say some other trouble with it (another
//     word VADER rates at most -1, a problem noun, a negation or "too");
//     "temperature, pressure, humidity" is weather data. The problem nouns
//     of problemNouns are trouble in any sense and need no such support.
//
// The word lists are general English, written before any label they
// change was read: the words naming a conversation.

// conversationWords name a recorded conversation as an event.
// ("call" and "session" are left out: a sales call, a phone call, an API
// call, a user session are what buyers talk about).
var conversationWords = keySet("meeting", "agenda", "interview", "conversation",
	"discussion", "presentation", "hearing", "briefing", "workshop", "standup")

// findingSupported reports whether the theme whose quotes are qs bears
// out the finding that words (a phrase found to be one by phraseFinding)
// reads as: not the conversation's logistics, not a trouble word in
// another sense.
func findingSupported(words []string, qs []*persona.Quote) bool {
	transcripts := 0
	for _, q := range qs {
		if q.Kind == persona.KindTranscript {
			transcripts++
		}
	}
	head := findingHead(words, contentIndexes(words))
	if head >= 0 && 2*transcripts > len(qs) && conversationWords[normWord(words[head])] {
		return false // "missed meeting": the recorded meeting's logistics
	}
	if head >= 0 {
		lw := strings.ToLower(words[head])
		if k := normWord(lw); vaderNegative(lw) && !problemNouns[k] && !negatedWords[strings.ToLower(words[0])] {
			n := 0
			for _, q := range qs {
				if saysTrouble(q.Tokens, k) && saysOtherTrouble(q.Tokens, k) {
					n++
				}
			}
			if n < 2 {
				return false
			}
		}
	}
	return true
}

// contentIndexes are the indexes of words that are no function words.
func contentIndexes(words []string) []int {
	var out []int
	for i, w := range words {
		if lw := strings.ToLower(w); !functionWords[lw] && lw != "too" {
			out = append(out, i)
		}
	}
	return out
}

// saysTrouble reports toks saying the word keyed key.
func saysTrouble(toks []persona.Token, key string) bool {
	for _, t := range toks {
		if normWord(t.Text) == key {
			return true
		}
	}
	return false
}

// saysOtherTrouble reports toks saying a trouble other than the word
// keyed key: a word VADER rates at most -1, a problem noun, a negation or
// "too".
func saysOtherTrouble(toks []persona.Token, key string) bool {
	for _, t := range toks {
		lw := strings.ToLower(t.Text)
		k := normWord(lw)
		if k == key {
			continue
		}
		if vaderNegative(lw) || problemNouns[k] || negations[lw] || lw == "too" {
			return true
		}
	}
	return false
}
