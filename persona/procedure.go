package persona

import (
	"regexp"
	"strings"
)

// Procedural speech: what a meeting's chair, a panel's host or any speaker
// says to run the conversation rather than about its subject — giving the
// floor ("We'll now go to Ms. Shin.", "Go ahead, Mr. Viersen."), keeping
// time ("You have 40 seconds."), opening and closing ("I call this meeting
// to order.") and the courtesies that frame an answer ("I thank my
// colleague for his important question.", "Thank you, Mr. Chair."). None
// of it is a buyer's view. The expressions describe speech acts (a first
// person thanking someone for a contribution, a host handing over to a
// titled or named person), not the phrases of one meeting.

// titleWords address someone by role in a vocative or when handing over.
const titleWords = `(?:mr|mrs|ms|miss|madam|madame|mister|dr|sir|chair|chairman|chairwoman|chairperson|speaker|president|minister|member|members|senator|commissioner|professor|prof|councillor|councilor|colleague|colleagues|panel|panelists)`

// address names someone by role: "Mr. Chair", "Madam Speaker", "the
// honourable minister", "Minister Hajdu".
const address = `(?:the\s+)?(?:right\s+)?(?:hon\.?\s*|honourable\s+|honorable\s+)?` + titleWords + `\.?\s*(?:` + titleWords + `|(?-i:[A-Z][\w'-]+))?`

// vocative is an address opening a sentence, with its comma: "Mr.
// Chair,", "Madam Speaker,".
const vocative = `(?:` + address + `\s*,\s*)`

// floorRE is a speaker giving the floor, keeping time or opening and
// closing the meeting.
var floorRE = regexp.MustCompile(`(?i)^` + vocative + `?(?:(?:and|so|okay|ok|now|then|right|all right|alright|thank you|thanks|order)[,.]?\s+)*(?:` +
	// "We'll now go to Ms. Shin.", "Let's turn to Karen.", "I'll pass it over to the minister."
	`(?:(?:we(?:'ll| will| shall)?|let'?s|let us|i(?:'ll| will)?)\s+(?:now\s+|then\s+|next\s+)*(?:go|move|turn|come|pass|hand|return|proceed|carry on|get|continue)\s+(?:it\s+)?(?:back\s+|over\s+|now\s+|on\s+)*(?:to|with)|it(?:'s| is) (?:now )?over to)\s+(?:you\b|the\s+(?:next\s+(?:speaker|questioner|member|person|question|round)|right\s+hon|hon\.?|honourable|honorable)\b|` + titleWords + `\b|(?-i:[A-Z][a-z]+(?:\s+[A-Z][\w'-]+)?)\s*[.!]?$)` +
	// "Go ahead, Mr. Viersen." / "Over to you." / "The floor is yours."
	`|go ahead\b[^?!]{0,60}$|just a (?:moment|second|minute)[.!]?$|order[.!]?$|over to you\b|.{0,100}?\bthe floor is (?:yours|now yours)|.{0,100}?\b(?:has|have|take|takes|give|given|yield)\s+(?:\w+\s+)?the floor\b` +
	// "The next question goes to Mrs. Kusie.", "Next is Mr. Saroya."
	`|(?:our |the )?next (?:question|questioner|speaker|round|petition|intervention|statement)s? (?:goes|go|will go|is|comes|will come) (?:to|from)\b|next (?:is|up is|up)\s+(?:` + titleWords + `|(?-i:[A-Z]))` +
	// "You have 40 seconds.", "The hon. minister has 10 seconds."
	`|.{0,40}?\b(?:have|has) (?:about |only |just |roughly )?(?:\d+|a|one|two|three|four|five|ten|fifteen|twenty|thirty) ?(?:-?\s?(?:second|minute)s?)\b(?:\s+(?:left|remaining|for (?:a|your|the) (?:question|answer|reply|statement)))?[.!]?$|(?:the|your) (?:\w+ )?(?:seconds|minutes) (?:are|is) (?:up|over|finished)|(?:you're|you are) (?:down to|out of) (?:about )?(?:the )?(?:last )?(?:\d+ )?(?:time|seconds|minutes)` +
	// "Five minutes to end of meeting.", "Two minutes left.", "Ten more minutes."
	// (a bare "45 minutes." answers a question: it stays)
	`|(?:about |only |just |roughly )?(?:\d+|a|one|two|three|four|five|ten|fifteen|twenty|thirty)(?:(?: more)? (?:seconds?|minutes?|mins) (?:left|remaining|to go)|(?: more)? (?:seconds?|minutes?|mins) (?:to|until|till|before) (?:the )?end(?: of (?:the |this )?(?:meeting|session|call|hearing|round))?| more (?:seconds?|minutes?|mins))[.!]?$` +
	// opening, closing, order
	`|i (?:now )?call (?:this|the) meeting to order|(?:this |the )?(?:meeting|committee|session|house|sitting) (?:is|stands) (?:now )?(?:adjourned|suspended|resumed)|we (?:will|shall|'ll) (?:now )?(?:suspend|adjourn|resume)\b|(?:on a )?point of order\b|order,? please\b` +
	// "I would remind members to …"
	`|i (?:would |just )?(?:like to |want to |wish to )?remind (?:all )?(?:the )?(?:hon\.?|honourable|honorable)?\s*(?:members|colleagues|everyone|participants|witnesses)\b` +
	`)`)

// contribution is what a courtesy thanks someone for, or whom: a
// sentence that thanks ends on one.
const contribution = `(?:you|everyone|everybody|all|members?|colleagues?|ministers?|chair|speaker|witness|witnesses|panel|guests?|question|questions|comments?|remarks|intervention|work|efforts|leadership|advocacy|testimony|presentation|opportunity|invitation|time|service|answer|answers|support|patience|interpreters)`

// clauseRE is a clause that makes a thanking sentence say more than thanks:
// "I appreciate that the export saves time."
var clauseRE = regexp.MustCompile(`(?i)\b(?:because|but|when|if|how|which|since|although|while|whether)\b|\bthat\s+(?:the|a|an|it|we|i|you|they|he|she|this|our|my|there|his|her|their)\b`)

// courtesyRE is a sentence that only thanks, greets or addresses: "I want
// to thank the honourable member for the question.", "Thank you, Madam
// Chair.", "I appreciate the question from the member opposite.",
// "Madam Chair." A thanking clause followed by more ("I thank the member,
// because this matters to us") is speech and stays.
var courtesyRE = regexp.MustCompile(`(?i)^` + vocative + `?(?:(?:and|again|first|firstly|also|well|so)[,]?\s+)*(?:` +
	// first person thanking someone for their contribution
	`(?:i|we)(?:'d)?(?:\s+(?:also|again|like to (?:begin|start) by|(?:want|wish|would like) to (?:begin|start) by|really|sincerely|certainly|truly|do|would|just|too))*(?:\s+(?:want|wish|like|would like|also like)\s+to)?(?:\s+(?:also|again|sincerely|first))?\s+(?:thank|thanking|appreciate|congratulate|commend|acknowledge|recognize|recognise|welcome|(?:\w+\s+)?agree with)\b[^,;:.?!]{0,80}\b` + contribution + `(?:\s+(?:opposite|here|today|again|as well|too))?` +
	// "Thank you (very much) (for the question), Mr. Chair."
	`|(?:thank you|thanks)(?:\s+(?:very|so) much)?(?:\s+(?:again|all|both|everyone))?(?:,?\s+for\s+(?:the|your|that|this|his|her|their|my colleague's|the member's|the honourable member's|all)\s+(?:\w+\s+){0,3}(?:question|questions|comment|comments|remarks|intervention|work|presentation|testimony|invitation|opportunity|update|advocacy|leadership|efforts|service|time|answer|answers))?` +
	// a bare address: "Madam Chair.", "The honourable minister."
	`|` + address + `(?:\s+(?:of|for)\s+(?-i:[A-Z][\w'-]*)(?:\s+(?:and\s+|the\s+)?(?-i:[A-Z][\w'-]*))*)?` +
	`)\s*(?:,\s*` + address + `)?[.!]*$`)

// abbrevRE is the period of a title's abbreviation ("Mr.Chair", "the
// hon. member"), which is not a sentence's end.
var abbrevRE = regexp.MustCompile(`(?i)\b(mr|mrs|ms|dr|hon|st|prof)\.\s*`)

// IsProcedural reports a sentence that runs the meeting or only observes a
// courtesy: never a buyer's quote, whoever says it.
func IsProcedural(s string) bool {
	t := abbrevRE.ReplaceAllString(strings.TrimSpace(s), "$1 ")
	if t == "" || QuoteWords(t) > 30 {
		return false
	}
	return floorRE.MatchString(t) || courtesyRE.MatchString(t) && !clauseRE.MatchString(t)
}

// IsProceduralSpeech is IsProcedural for a sentence said in a
// conversation, where talk about the talk (IsMetaTalk: "That's a good
// question.", "I'm grateful for the opportunity to clarify.") frames an
// answer too. A written answer is left to IsProcedural: there "Response
// time" or "Thank you everyone, you are excellent" is the respondent's
// view of the service.
func IsProceduralSpeech(s string) bool {
	return IsProcedural(s) || IsMetaTalk(abbrevRE.ReplaceAllString(strings.TrimSpace(s), "$1 "))
}

// GivesFloor reports a sentence that hands over the floor, keeps time or
// opens or closes the meeting: the host's part, which Asks counts as
// leading the conversation.
func GivesFloor(s string) bool {
	t := abbrevRE.ReplaceAllString(strings.TrimSpace(s), "$1 ")
	return t != "" && QuoteWords(t) <= 30 && floorRE.MatchString(t)
}
