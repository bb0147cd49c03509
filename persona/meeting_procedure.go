package persona

import (
	"regexp"
	"slices"
	"strings"
)

// Meeting procedure: what a committee's chair or clerk says to run a
// formal meeting by its rules, naming the business rather than anyone's
// view of it — the standing orders ("In accordance with Standing Order
// 34.19, …", "all other Standing Order requirements … remain in place"),
// the agenda ("Item 3, then, is papers to note.", "We'll move on, then, to
// item 2, which is …"), apologies and substitutions ("We've received
// apologies for absence from …", "… is substituting for Jack today."),
// declarations of interest, the transcript sent to witnesses ("As usual,
// you'll be sent a transcript to check for accuracy following the
// meeting."), motions to meet in private, and a member announcing their
// last question ("My final question, Chair, is: …"). It is the register of
// formal meetings anywhere (parliaments, councils, boards), not the words
// of one. Like the chair's other forms (chairing.go) it stays in the
// analysis and is only never shown as a representative. A buyer's own
// "standing order" for a payment, "item 3 on the invoice" or "we check
// every transcript for accuracy" is none of these.

// procedureHints are substrings one of which every procedural sentence
// holds: the patterns run only on those.
var procedureHints = []string{"standing order", "item", "paper", "apolog", "substitut", "declaration", "transcript",
	"private", "public", "question", "temporary chair", "proceedings"}

var meetingProcedureRE = regexp.MustCompile(`(?i)` +
	// standing orders, always capitalised when they are a legislature's
	`(?-i:\bStanding\s+Orders?\s+(?:\d|requirements\b)|\bStanding\s+Orders\b|\b(?:pursuant\s+to|in\s+accordance\s+with)\s+(?:the\s+)?Standing\s+Order\b)` +
	// the agenda: "Item 3, then, is papers to note.", "Item 4, then.", "Item 2 this morning is our …",
	// "The next item on our agenda …", "We'll move on, then, to item 2", "for item 3 on our agenda"
	`|^(?:(?:okay|ok|so|right|and|now|well|then)[,]?\s+)*(?:item\s+\d+|the\s+(?:next|first|final|last)\s+item)(?:\s+on\s+(?:our|the)\s+agenda)?(?:[,:]?\s*(?:then|this\s+(?:morning|afternoon)|today)[,:]?)*\s*(?:[.:]?\s*$|(?:is|,)\s+(?:for\s+me\s+to|a\s+motion|papers?\s+to\s+note|(?:a|an|our|the)\s+(?:[\w'-]+\s+){0,4}(?:session|scrutiny|inquiry|motion|introductions|apologies))|can\s+i\s+propose)` +
	`|\b(?:move|moving|go|going|turn|turning|come|coming)\s+(?:on\s*)?,?\s*(?:then\s*,?\s*)?(?:now\s+)?to\s+item\s+\d+|\bitem\s+\d+\s+on\s+(?:our|the)\s+agenda|\bpapers?\s+to\s+note\b` +
	// apologies, substitutions, declarations of interest
	`|\bapologies\s+for\s+absence\b|\b(?:we've|I've|we\s+have|I\s+have)\s+received\s+no\s+apologies\s*(?:[.,;]|$)|\b(?:haven't|have\s+not)\s+received\s+any\s+(?:other\s+|further\s+)?apologies\s*(?:[.,;]|$)|^(?:(?:and|so|okay|ok|right|now)[,]?\s+)*(?:any\s+(?:other\s+)?|no\s+)apologies\s*[.?!]?\s*$|\breceived\s+apologies\s+from\s+(?:(?-i:[A-Z][\p{L}'-]+)(?:\s+|,\s*|\s+and\s+)?)+[.]?\s*$|\bis\s+substituting\s+for\b|\bno\s+substitut(?:e|es|ion|ions)\b|\b(?:any|no)\s+declarations?\s+of\s+interest\b|\bI\s+have\s+(?:a|one)\s+declaration\s+of\s+interest\b|\bsubstitutions?,?\s+(?:and\s+)?declarations?\s+of\s+interest\b` +
	// the transcript sent to witnesses to check
	`|\b(?:you(?:'ll|\s+will)?\s+(?:be\s+sent|receive|have|get)|send\s+you)\s+(?:a\s+draft\s+of\s+the\s+transcript\b|(?:a|the)\s+transcript\b[^.?!]*\b(?:accuracy|check)\b)` +
	// the published record: "A record of proceedings will be published as usual."
	`|\brecord\s+of\s+(?:the\s+)?proceedings\b[^.?!]*\bpublished\b` +
	// meeting in private, excluding the public, a temporary chair
	`|\bresolves?\s+to\s+(?:meet\s+in\s+private|exclude\s+the\s+public)|\bexclude\s+the\s+public\s+from\b|\bpublic\s+(?:are|is)\s+excluded\s+from\s+(?:the|this)\s+(?:committee|meeting|remainder)|\binto\s+private\s+session\b|\bnominations\s+for\s+a\s+temporary\s+chair\b` +
	// announcing one's last question: "My final question, Chair, is: …", "Just one final question from me."
	`|^(?:(?-i:[A-Z][\p{L}'-]+),\s+)?(?:(?:and|so|okay|ok|just|yes|now)[,]?\s+)*(?:(?:my|the|one|a|our)\s+)?(?:(?:very|one|more)\s+)?(?:final|last)\s+questions?(?:\s+from\s+me)?(?:\s+(?:on|in)\s+(?:this|that)(?:\s+section)?)?(?:\s*,\s*(?:then|please|chair))*\s*(?:[.:!—–-]|$|,?\s+(?:is\s+(?:from|for)|then|please|chair)\s*(?:[.:!?—–-]|$)|,?\s+is\s+(?:from|for)\b|,\s*chair\s*,\s*is\b)` +
	// a member's own last question, or one "from me": "And my final question is in relation to …", "The final
	// question from me is: …" (a buyer's "the last question is always price" is neither)
	`|^(?:(?-i:[A-Z][\p{L}'-]+),\s+)?(?:(?:and|so|okay|ok|just|yes|now)[,]?\s+)*(?:(?:my|the|one|a|our)\s+)?(?:(?:very|one|more)\s+)?(?:final|last)\s+questions?\s+from\s+me\b` +
	`|^(?:(?:and|so|okay|ok|just|yes|now)[,]?\s+)*(?:my|our)\s+(?:(?:very|one|more)\s+)?(?:final|last)\s+question(?:\s+(?:on|in)\s+(?:this|that)(?:\s+section)?)?(?:\s*,\s*(?:then|please|chair|thank\s+you))*\s*,?\s+is\b`)

// Meeting housekeeping, in any meeting: the talk about this meeting
// itself, its kind, its clock and its running order — "it's our
// conceptual design meeting and it's starting at approximately fourteen
// twenty five", "we have forty minutes for this one", "Let's do the look
// and feel design presentation first.", "This meeting is being recorded.",
// "Can everyone see my screen?", and who speaks first ("Who starts? We
// ought to decide who starts", "Shall we start?", "Who's next?"). A
// buyer's "our weekly meeting goes over the metrics" names a meeting of
// theirs, not this one, and "decide who starts the pilot" their own
// process: neither is housekeeping.
// The hints are every word the pattern needs one of ("shall", "should",
// "begin" and "first" for "Shall we begin?", "Should I go first?").
var housekeepingHints = []string{"meeting", "minutes", "presentation", "screen", "agenda", "who", "start", "begin", "first", "shall", "should"}

var meetingHousekeepingRE = regexp.MustCompile(`(?i)` +
	// this meeting: "it's our conceptual design meeting", "this is the kick-off meeting", "this meeting is…"
	`\b(?:it's|it\s+is|this\s+is)\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}meeting\b|\b(?:this|today's)\s+(?:[\w-]+\s+){0,2}meeting\s+(?:is|will|should|has|was)\b` +
	// its clock: "we have forty minutes for this one", "we've got ten minutes left"
	`|\bwe(?:'ve|\s+have)?\s+(?:got\s+)?(?:about\s+|approximately\s+|only\s+|just\s+)?(?:[\w-]+\s+){1,2}minutes\s+(?:for\s+(?:this|the\s+meeting|today)|left\b|to\s+go\b|of\s+individual\s+work\b)` +
	// the next one: "Now our next meeting starts in thirty minutes."
	`|\b(?:our|the)\s+next\s+meeting\s+(?:starts|begins|is\s+(?:in|at)\s+(?:[\w-]+\s+){0,2}(?:minutes|hours?|o'clock)|will\s+(?:start|begin))\b` +
	// its running order: "Let's do the look and feel design presentation first.", "I'll go through the agenda"
	// (a buyer's own process, "then we'll look at the vendor presentations",
	// "I'll give the board presentation on ROI", is none: looking at is
	// only this meeting's agenda or minutes, giving only one's own talk)
	`|\b(?:let's|let\s+us|we'll|we\s+will|I'll|I\s+will|I'm\s+going\s+to)\s+(?:do|start\s+with|begin\s+with|go\s+through|move\s+on\s+to|go\s+(?:on\s+)?to)\s+(?:the\s+|my\s+|your\s+|our\s+|a\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,4}(?:presentations?|agenda|minutes)\b` +
	`|\b(?:let's|let\s+us|we'll|we\s+will|I'll|I\s+will|I'm\s+going\s+to)\s+look\s+at\s+(?:the\s+|our\s+|today's\s+)?(?:agenda|minutes)\b` +
	`|\b(?:let's|let\s+us|we'll|we\s+will|I'll|I\s+will|I'm\s+going\s+to)\s+give\s+(?:my|your|his|her)\s+(?:[\w-]+\s+){0,3}presentation\b` +
	// the screen shared: "Can everyone see my screen?", "I'll share my screen."
	`|\b(?:see|share|sharing)\s+my\s+screen\b` +
	// who speaks first, as a question of its own or a choice to make ("decide who starts the pilot" names
	// the buyer's own process and goes on past "starts")
	`|(?:^|[.?!]\s+)(?:(?:so|okay|ok|right|well|and|now)[,]?\s+)*(?:who(?:'s|\s+is)\s+(?:first|next|starting)|who\s+(?:starts|begins|goes\s+(?:first|next))|who\s+wants\s+to\s+(?:start|begin|go\s+(?:first|next))|whose\s+turn\s+is\s+it|(?:shall|should)\s+(?:I|we)\s+(?:start|begin|go\s+first))\s*\?` +
	`|\b(?:decide|choose|pick|agree\s+(?:on\s+)?)\s+who\s+(?:starts|begins|goes\s+first|speaks\s+first|presents\s+first)(?:\s+and\s+(?:all\s+that|so\s+on))?\s*(?:[.?!]|$)`)

// IsMeetingProcedure reports a sentence that runs a formal meeting by its
// rules, or keeps any meeting's house (see above): never a buyer's quote.
func IsMeetingProcedure(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || QuoteWords(t) > 60 {
		return false
	}
	l := strings.ToLower(t)
	// The words are checked once and the pattern run once, whichever
	// and however many of them the sentence holds.
	if slices.ContainsFunc(housekeepingHints, func(h string) bool { return strings.Contains(l, h) }) && meetingHousekeepingRE.MatchString(t) {
		return true
	}
	for _, h := range procedureHints {
		if strings.Contains(l, h) {
			return meetingProcedureRE.MatchString(t)
		}
	}
	return false
}
