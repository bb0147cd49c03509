package persona

import (
	"regexp"
	"strings"
)

// Chairing: what a meeting's chair or an interviewer says to move the talk
// along, in forms the procedure patterns (procedure.go) do not hold because
// they carry the subject's words: announcing who asks next and on what
// ("We've got a couple more questions now on vulnerable learners.",
// "Siân Gwenllian now has some questions on secondary schools causing
// concern."), inviting a last word ("Huw, I don't know if there's anything
// you want to add."), handing the floor by a bare name at the end ("…
// sharp focused questions and concise answers? Janet.") and the trouble of
// a call ("We've lost Janet. We'll come back to her."). Such a sentence
// names the subject but is nobody's view of it, so it is never shown as a
// representative. It stays in the analysis (see quotable.go): only what is
// shown is judged here.

// questionsOnRE announces questions to come: a quantity of questions "now"
// on a topic, or from a named person ("We've got a couple more questions
// now on vulnerable learners.", "…one final question from Suzy…", "Siân
// Gwenllian now has some questions on…"), or moving the talk on to
// questions from a person named in full ("We're going to talk now about
// schools causing concern with questions from Huw Irranca-Davies."). A
// buyer's "We have some questions about security" has neither and stays,
// as do "we (now) have more questions (now) about…" (a chair says "we've
// got" or names who "has" them) and questions "from IT" (a name is not
// all capitals).
var questionsOnRE = regexp.MustCompile(`(?i)\b(?:(?:has|'ve got|have got|got|take|taking|move on to|turn to|come to|go to)\s+` + someQuestions + `\s+now\s+(?:on|around|about|from|in relation to)\b|(?:has|have|'ve got|have got|got|take|taking|move on to|turn to|come to|go to)\s+` + someQuestions + `[^.?!;]{0,20}?\sfrom\s+(?-i:\p{Lu}\p{Ll})|(?-i:\p{Lu}\p{Ll}[\p{L}'-]*)\s+now\s+has\s+` + someQuestions + `\s+(?:on|around|about|from|in relation to)\b|\b(?:go|going|move|moving|turn|turning|come|coming|talk|talking)\b[^.?!;]{0,60}\bquestions?\b[^.?!;]{0,80}\bfrom\s+(?-i:[A-Z][\p{L}'-]+\s+[A-Z][\p{L}'-]+))`)

// someQuestions is a quantity of questions: "a couple more questions",
// "one final question", "some questions".
const someQuestions = `(?:a\s+)?(?:couple(?:\s+of)?|few|some|several|two|three|one|final|last|next|more|further|other)\s+(?:(?:more|further|final|last|quick|brief|short|other)\s+)*questions?`

// addRE invites a last word: "anything (else) (you want) to add".
var addRE = regexp.MustCompile(`(?i)\b(?:anything|something)\s+(?:else\s+|more\s+|further\s+)?(?:(?:that\s+)?you\s+(?:'d\s+|would\s+|might\s+)?(?:want|wanted|wish|wished|like|care|need|needed)\s+)?to\s+add\b`)

// callTroubleRE is the trouble of a remote meeting: someone dropped, muted
// or frozen, to be come back to. The clause ends there: "we've lost
// Salesforce data", "Salesforce is frozen half the time" are a buyer's.
var callTroubleRE = regexp.MustCompile(`(?i)^(?:(?:oh|ah|okay|ok|right|so|sorry|i think|it seems)[,]?\s+)*(?:we(?:'ve| have)\s+(?:just\s+)?lost\s+(?:you|him|her|them|(?-i:[A-Z][\p{L}'-]+))|(?:you(?:'re| are)|(?-i:[A-Z][\p{L}'-]+)(?:'s| is))\s+(?:still\s+)?(?:on mute|muted|frozen|breaking up)(?:\s+(?:a bit|a little|there))?)\s*(?:[.,;:!?…]|$)`)

// chairTimeRE is the chair keeping time and order in the chair's own
// words: calling the last question ("Siân, this will need to be the last
// question, I'm afraid."), the end of the time ("We've come to the end of
// our time."), bringing a named member in ("Darren, I've got to bring Llyr
// in now."), taking supplementary questions ("I've got a couple of
// supplementaries.") and going to questions ("…so if it's okay we'll go
// straight into questions."). A buyer's "we'll bring Deloitte in next
// year" or "that was the last question on the RFP" is none.
var chairTimeRE = regexp.MustCompile(`(?i)\b(?:this|that|it)(?:'s|\s+is|\s+will\s+(?:need|have)\s+to\s+be|'ll\s+(?:need|have)\s+to\s+be)\s+(?:the|our|your)\s+(?:very\s+)?(?:last|final)\s+question\s*(?:[.,!—–]|$)` +
	`|\b(?:we've|we\s+have)\s+(?:now\s+)?(?:(?:come\s+to|reached)\s+the\s+end\s+of\s+(?:our|the)\s+time\b|run\s+out\s+of\s+(?:our|the)\s+time\s*(?:[.,!]|$))` +
	`|\b(?:I(?:'ve|\s+have)\s+got\s+to|I(?:'ll|\s+will|'m\s+going\s+to|\s+want\s+to|\s+need\s+to)|can\s+I|let\s+me|before\s+I)\s+(?:just\s+)?bring\s+(?-i:[A-Z][\p{L}'-]+)(?:\s+(?-i:[A-Z][\p{L}'-]+))?\s+in(?:\s+(?:now|here|next|first|briefly|on\s+this|at\s+this\s+point))?\s*(?:[.,!—–]|$)` +
	`|\b(?:got|have|take|taking)\s+(?:a\s+couple\s+of\s+|a\s+few\s+|some\s+|one\s+|two\s+|three\s+)?(?:supplementaries|supplementary\s+questions?)\b` +
	`|\b(?:we'll|we\s+will|let's|let\s+us|shall\s+we|can\s+we|I'll|I\s+will)\s+(?:go|move|come|turn)\s+(?:straight\s+into|on\s+to|onto)\s+(?:the\s+|our\s+)?questions\s*(?:[.,;!]|$|now\b|from\b)` +
	// asking the room for brevity: "I'm going to appeal for brief questions and brief answers so that…"
	`|\b(?:appeal|ask)\s+(?:you\s+(?:all\s+)?|everyone\s+)?for\s+(?:brief|short|concise|succinct|focused)\s+(?:questions|answers)\b` +
	// thanking witnesses for coming, whatever it adds: "…and we appreciate your attendance."
	`|\bwe\s+(?:really\s+|do\s+|very\s+much\s+|all\s+)?appreciate\s+(?:your\s+(?:attendance|attending|time\s+(?:today|this\s+(?:morning|afternoon)))|you\s+(?:attending|coming\s+(?:in|along|here|today)|being\s+(?:here|with\s+us)|joining\s+us))\b`)

// IsChairing reports a sentence that runs the talk while naming its
// subject: announcing questions on a topic, inviting a last word, giving
// the floor by a bare name after a question, or the trouble of a call. toks are
// the sentence's stored tags (a trailing name must be tagged a proper
// noun: "I love it. Totally." ends on an adverb).
func IsChairing(text string, toks []Token) bool {
	t := strings.TrimSpace(text)
	if t == "" || QuoteWords(t) > 40 || !mayChair(strings.ToLower(t)) {
		return false
	}
	return questionsOnRE.MatchString(t) || addRE.MatchString(t) || callTroubleRE.MatchString(t) ||
		chairTimeRE.MatchString(t) || endsOnBareName(t, toks)
}

// endsOnBareName reports text whose last sentence is only a name or two —
// "…concise answers? Janet." — said to hand over the floor. The name must
// follow a question of the same quote, and every word of it be tagged a
// proper noun.
func endsOnBareName(t string, toks []Token) bool {
	body := strings.TrimRight(t, ".!… ")
	// After a question only: "…concise answers? Janet." A name after a
	// statement is as often an afterthought ("…into production. Oops.").
	cut := strings.LastIndexAny(body, ".?!")
	if cut < 0 || body[cut] != '?' {
		return false
	}
	tail := strings.Fields(body[cut+1:])
	if len(tail) == 0 || len(tail) > 2 || len(strings.Fields(body[:cut])) < 3 {
		return false
	}
	found := 0
	for _, w := range tail {
		if !isProperNoun(w, toks) {
			return false
		}
		found++
	}
	return found == len(tail)
}

// isProperNoun reports a capitalised word the tagger called a proper noun
// somewhere in toks (stored tokens are lower-cased).
func isProperNoun(w string, toks []Token) bool {
	if w == "" || strings.ToUpper(w[:1]) != w[:1] || strings.ToLower(w) == w {
		return false
	}
	for _, tk := range toks {
		if strings.EqualFold(tk.Text, w) {
			return tk.Tag == "NNP" || tk.Tag == "NNPS"
		}
	}
	return false
}

// chairHints are substrings one of which every chairing sentence holds
// (a question mark for the bare name after a question): the patterns run
// only on those.
var chairHints = []string{"question", "add", "lost", "mute", "frozen", "breaking", "bring", "supplementar", "time", "?",
	"appeal", "brief", "appreciate"}

func mayChair(l string) bool {
	for _, h := range chairHints {
		if strings.Contains(l, h) {
			return true
		}
	}
	return false
}
