package persona

import (
	"regexp"
	"slices"
	"strings"
)

// Session talk: what a meeting or an interview says about its own work
// rather than about the product or the problem — planning the rest of the
// session or the next one ("Then we will discuss if we have few ideas and
// we will end by dispatching the different tasks.", "We'll then take a
// decision and define the next task, to be done before the next
// meeting."), handing out work ("So I will ask the Industrial Designer to
// find out more about this."), asking for material for the next session
// ("For next meeting send me your presentation by email."), and breaks
// ("So we come back in five minutes?"). It stays stored, searchable and in
// the grouping; it is only never shown as a buyer's quote (quotable.go).
//
// The test is three general signals of English, none of one data set:
//
//   - an act of planning by the people in the session: a first person
//     ("we", "I", "let's") with a future or modal and, at most two words
//     on ("we'll then t take", "we will uh define"), a verb of running
//     work (discuss, decide, define, dispatch, send, present…), or an
//     imperative to them ("send me …");
//   - a reference to the session's own business: a meeting (the next,
//     the previous one) or "this/next/our session", its agenda or break,
//     the next or one's own tasks, one's own presentation, a file sent to
//     the speaker, a person asked to do something, a return after a
//     break, a meeting in N minutes — or the session named as here and
//     now ("this meeting", "we are here for the design meeting", "so this
//     is the presentation", "next meeting is in thirty minutes"), which
//     needs no act of planning. Words software also names ("the session",
//     "the tasks", "the presentation", "by e-mail") are not enough:
//     "We can assign the tasks to each technician from the phone." is a
//     buyer's workflow;
//   - no evaluation: no word that judges ("expensive", "easy", "problem",
//     "too", "like"…) and no negation ("wouldn't") in the sentence. "We will discuss the price because
//     it is too expensive" plans a discussion of a judgement and stays.
//
// A quote is session talk when one of its sentences is and the others are
// too, or are small talk, or name nothing of their own ("That would be
// easier.": an aside on the plan). A short sentence that names something
// is not an aside: "Procurement killed it." beside "We'll discuss the
// renewal at the next meeting." is the buyer's fact.

// sessionHints are substrings one of which every session sentence holds:
// the patterns run only on those.
var sessionHints = []string{"meeting", "session", "agenda", "task", "break", "presentation", "send me", "ask ", "back in", "back after",
	"mail", "to me", "interview", "here"}

// sessionPlanRE is the act of planning: a first person with a future or a
// modal and a verb of running work, "let's", or an imperative asking for
// material ("send me", "e-mail me").
var sessionPlanRE = regexp.MustCompile(`(?i)\b(?:we|i)(?:'ll|\s+will|\s+shall|'d\s+like\s+to|\s+would\s+like\s+to|\s+(?:are|am)\s+going\s+to|'re\s+going\s+to|'m\s+going\s+to|\s+(?:have|need)\s+to|\s+can|\s+could|\s+should|\s+must)\s+(?:[\w']+\s+){0,2}?` +
	`(?:discuss|talk|decide|take|define|dispatch|assign|distribute|divide|split|ask|send|present|show|go\s+through|review|summari[sz]e|start|begin|end|finish|close|continue|move\s+on|move\s+to|come\s+back|be\s+back|meet|stop|wrap\s+up|check|prepare|see|look\s+at|listen|hear|wait)\b` +
	`|\byou(?:'ll|\s+will|\s+can|\s+could|\s+should)\s+(?:[\w']+\s+){0,2}?(?:send|e-?mail|mail|receive|get|prepare|present|show)\b` +
	`|\bwe\s+(?:come|get)\s+back\b|\blet's\b|\blet\s+us\b|\bsee\s+you\b` +
	`|(?:^|[,.;]\s*|\b(?:so|okay|ok|then|and|please|just)\s+)(?:try|remember|make\s+sure|don't\s+forget)\s+to\b` +
	`|(?:^|[^\p{L}\s']|\b(?:please|maybe|then|so|and|just|now|also|meeting|session|time|week|today|tomorrow|you))\s*(?:send|e-?mail|mail)\s+me\b`)

// sessionRefRE is the session's own business.
var sessionRefRE = regexp.MustCompile(`(?i)\b(?:this|the|our|next|previous|last|today's|following)\s+(?:[\w-]+\s+){0,2}meetings?\b` +
	`|\b(?:this|our|next|previous|last|today's|following)\s+sessions?\b` +
	`|\b(?:for|before|after|until|till|in|at)\s+(?:the\s+)?next\s+(?:meeting|session|one)\b` +
	`|\bagenda\b|\b(?:a|the|short|quick|coffee|lunch)\s+break\b` +
	`|\b(?:next|different|individual|your)\s+(?:[\w-]+\s+)?tasks?\b|\btasks?\s+for\s+(?:each|every|the\s+next)\b` +
	`|\b(?:send|e-?mail|mail|give)\s+me\s+(?:your|the|a|all)\s+(?:[\w-]+\s+){0,2}(?:presentations?|slides?|files?|notes?|documents?)\b` +
	`|\b(?:your|my|our)\s+(?:[\w-]+\s+){0,2}presentations?\b` +
	`|\bI(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to)\s+ask\s+(?:you|(?:the\s+|our\s+)?(?-i:[A-Z][\w-]*)(?:\s+(?-i:[A-Z][\w-]*))*|(?:you\s+)?(?:all|both|everyone|everybody|each\s+of\s+you))\s+to\b` +
	`|\b(?:come|be|get)\s+back\s+(?:in|after)\s+(?:(?:a|an|about|some|[\w-]+)\s+){0,2}(?:minutes?|hours?|break|lunch)\b` +
	`|\b(?:meeting|break)\s+(?:in|at|after)\s+(?:[\w-]+\s+){0,3}(?:minutes?|hours?|o'clock)\b` +
	`|\bsend\s+(?:it|them|this|that)\s+(?:\S+\s+)?to\s+me\b`)

// sessionHereRE is the session itself, named as here and now: "this
// meeting", "today's session" (as the noun of its phrase: "this session
// timeout" names software), "we are here for the detailed design
// meeting", "so this is the presentation", "next meeting is in thirty
// minutes", "we will have a next meeting in thirty minutes". Whatever else such a sentence says is about the session,
// unless it judges something.
var sessionHereRE = regexp.MustCompile(`(?i)\b(?:this|today's)\s+(?:[\w-]+\s+){0,2}(?:meeting|session)` +
	`(?:\s*[.,;:?!]|\s*$|\s+(?:is|are|was|were|will|we|i|you|today|now|and|so|but|to|for|with|about|of|in|into|on|at|has|had|should|started|starts|ends|here|afterwards)\b)` +
	`|\b(?:we\s+are|we're)\s+(?:all\s+)?here\s+(?:for|to)\s+(?:[\w-]+\s+){0,3}(?:meeting|session)\b` +
	`|^(?:(?:so|okay|ok|and|now|well|right)[,]?\s+)*(?:this|here)\s+is\s+(?:the|my|our)\s+(?:[\w-]+\s+){0,2}presentation\s*[.!]?$` +
	`|\b(?:the\s+|our\s+)?next\s+(?:meeting|session)\s+(?:is|starts|begins|will\s+(?:be|start|begin))\s+(?:in|at|after|on|tomorrow)\b` +
	`|\bnext\s+(?:meeting|session)\s+(?:in|at|after)\s+(?:[\w-]+\s+){0,3}(?:minutes?|hours?|o'clock)\b`)

// judgingWords are words that judge in any domain: with one, a sentence
// says what someone thinks, not only what the session will do.
var judgingWords = wordSet(`good bad better best worse worst great nice poor fine awful terrible excellent
easy easier easiest hard harder difficult simple simpler complex complicated confusing clear unclear
cheap cheaper expensive costly affordable pricey fast faster slow slower useful useless helpful important
annoying ugly pretty beautiful fancy cool boring interesting reliable unreliable safe unsafe risky
love hate like liked prefer preferred worry worried afraid concerned problem problems issue issues risk
risks concern concerns trouble pain frustrating frustrated happy unhappy glad sad too very really
shouldn't can't cannot won't don't doesn't not never no nobody nothing none neither nor
painful painfully hated hates loved loves liked likes clunky buggy broken breaks broke fails failed failing crash crashes
crashed mess messy overpriced forever wasted waste slowly quickly easily poorly badly worst`)

// Small talk beside the session: a short sentence that only says whose an
// everyday thing is ("Okay it's your cat.", "That's my pen.", "It's your
// turn."), unless it judges something. A thing of the work ("That's our
// priority.", "It's my favourite.") is a view, so the things are a short
// list of objects on a table. A remark waved off with "but anyway" is not
// hidden: "They raised the price twice in a year, but anyway." is an
// objection (review of quotes12).
var (
	whoseRE = regexp.MustCompile(`(?i)^(?:(?:okay|ok|oh|so|well|ah|right)[,]?\s+)*(?:it's|it\s+is|that's|that\s+is|this\s+is)\s+(?:your|my|his|her|their|our)\s+` +
		`(?:cat|dog|pen|pencil|marker|phone|laptop|mouse|chair|seat|coffee|tea|cup|mug|bag|coat|jacket|turn|name|paper|sheet|drink|lunch)\s*[.!]?$`)
)

// IsSmallTalkAside reports a sentence of small talk beside the session
// (see above).
func IsSmallTalkAside(s string) bool {
	s = strings.TrimSpace(s)
	return whoseRE.MatchString(s) && !judges(s)
}

// IsSessionTalk reports a quote whose sentences talk only about the
// session's own work or are small talk beside it (see above).
func IsSessionTalk(text string) bool {
	if IsSmallTalkAside(text) {
		return true
	}
	l := strings.ToLower(text)
	if !slices.ContainsFunc(sessionHints, func(h string) bool { return strings.Contains(l, h) }) {
		return false
	}
	session := false
	for _, s := range roughSentences(text) {
		switch {
		case sessionSentence(s):
			session = true
		case IsSmallTalk(s) || !namesOwnThing(s):
		default:
			return false
		}
	}
	return session
}

// sessionSentence reports one sentence that plans the session's work and
// judges nothing.
func sessionSentence(s string) bool {
	if !sessionHereRE.MatchString(s) && (!sessionRefRE.MatchString(s) || !sessionPlanRE.MatchString(s)) {
		return false
	}
	return !judges(s)
}

// judges reports a sentence with a judging word or a negation ("we
// wouldn't save a lot"): what someone thinks.
func judges(s string) bool {
	for _, w := range words(s) {
		if judgingWords[w] || strings.HasSuffix(w, "n't") {
			return true
		}
	}
	return false
}

// namesOwnThing reports a sentence with a word of its own beyond pronouns,
// light verbs, fillers and judging words: "That would be easier." names
// nothing and leans on the sentence before it.
func namesOwnThing(s string) bool {
	for _, w := range words(s) {
		switch {
		case fillerWords[w] || smallTalkWords[w] || metaFunctionWords[w] || lightVerbs[w] || notNaming[w] || judgingWords[w]:
		case asideWords[w]:
		default:
			return true
		}
	}
	return false
}

// asideWords are the words of a short aside on the plan ("That would be
// easier for everybody.", "Half an hour.").
var asideWords = wordSet(`for everybody everyone all us then so more much lot a an half one two three four five ten
fifteen twenty thirty minute minutes hour hours later tomorrow today`)
