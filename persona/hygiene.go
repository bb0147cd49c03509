package persona

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote hygiene: what a sentence is before it may become a quote. A quote
// is a buyer's own words, so small talk, questions put to someone else and
// pieces of sentences are left in the stored turn (the source view keeps
// every word) but never quoted.

// MinSpokenWords is the fewest words a quote from speech may have; a
// shorter answer ("Not really.") says nothing without its question.
const MinSpokenWords = 3

// smallTalkWords are the words of greetings, thanks and acknowledgements.
var smallTalkWords = wordSet(`yes yeah yep yup yea ya no nope nah ok okay k kay alright allright right sure cool
great good nice fine perfect awesome excellent brilliant lovely wonderful fantastic super true exactly absolutely
definitely totally certainly indeed correct agreed fair enough gotcha got it i see understood interesting wow oh ah
uh um umm uhm hmm hm mm mmm mhm mm-hmm mmhmm uh-huh uh-hum huh ha haha hah lol so well and thanks thank you very
much lot a cheers hi hello hey bye goodbye welcome pleasure my morning afternoon evening day later soon too that
that's thats makes sense sounds of course sorry pardon really is was all the for your time yes.`)

// courtesyWords anchor a longer small-talk sentence: "Thank you so much
// for your time", "My pleasure :)".
var courtesyWords = wordSet(`thanks thank pleasure welcome hi hello hey bye goodbye cheers sorry`)

// fillerWords are not counted as words of a quote.
var fillerWords = wordSet(`uh um umm uhm uhh er erm hmm hm mm mmm mhm ah`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// words lower-cases s and splits it into words of letters, digits,
// apostrophes and inner hyphens; emoticons and punctuation are dropped.
func words(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
	})
	out := f[:0]
	for _, w := range f {
		w = strings.Trim(strings.ReplaceAll(w, "’", "'"), "'-")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// QuoteWords counts the words of s that are not fillers.
func QuoteWords(s string) int {
	n := 0
	for _, w := range words(s) {
		if !fillerWords[w] {
			n++
		}
	}
	return n
}

// thanksRE is a sentence that only thanks or greets: "Thanks for taking
// the time", "Nice to meet you", "Have a great day".
var thanksRE = regexp.MustCompile(`(?i)^(ok(ay)?,? |great,? |well,? |and )?(thanks?( you)?( (so|very) much)?( again)? for (your time|taking the time|having me|joining|talking|the (chat|call|interview|conversation|opportunity)|doing this|coming|participating|sharing)|(it was )?(nice|good|great|lovely) (to (meet|see|talk to) you|talking (to|with) you|meeting you)|have a (good|great|nice|lovely) (day|one|weekend|evening)|you'?re (very )?welcome|no (problem|worries))\b[^.?!]{0,25}[.?!]*$`)

// IsSmallTalk reports a sentence (or turn) that is only greetings, thanks
// or acknowledgement: "Thanks!", "My pleasure :)", "Mm-hmm.", "Okay, got
// it.", "Yeah, that makes sense.", "Oh I see, I see." — only words of that
// kind (at most eight; a longer run is speech that happens to use them), or
// any number when it thanks or greets. A sentence with no words at all
// (":)") is small talk too.
func IsSmallTalk(s string) bool {
	ws := words(s)
	courtesy := false
	for _, w := range ws {
		if !smallTalkWords[w] {
			return len(ws) <= 14 && thanksRE.MatchString(strings.TrimSpace(s))
		}
		courtesy = courtesy || courtesyWords[w]
	}
	return len(ws) <= 8 || courtesy
}

// youRE finds the second person in a question.
var youRE = regexp.MustCompile(`(?i)\b(you|your|yours|yourself|yourselves|you're|youre|you've|you'd|you'll|y'all|ya)\b`)

// promptRE is a request put to someone else even without a question mark:
// "Can you tell me about…", "Walk me through…", "Tell us more".
var promptRE = regexp.MustCompile(`(?i)^(so,? |and,? |okay,? |ok,? |now,? |um,? |uh,? |great,? )*(can|could|would|will) you (please )?(tell|walk|describe|explain|share|give|talk|elaborate|expand|say|go|speak|think|take|show|help)\b|^(so,? |and,? |okay,? |ok,? |now,? )*(please )?(tell|walk|take) (me|us)\b|^(so,? |and,? |okay,? |ok,? |now,? )*(please )?(describe|explain) (your|how|what|the)\b`)

// IsYouQuestion reports a question put to someone else: a sentence ending
// in "?" that speaks to "you" ("Would you ever need something like that?",
// "Have you tried X?"), or a prompt ("Can you tell me about your role.").
// It is never a buyer quote, whoever says it; it is the question the next
// quote answers.
func IsYouQuestion(s string) bool {
	t := strings.TrimRight(strings.TrimSpace(s), `"'”’)] `)
	if !mayAsk(t) {
		return false
	}
	if strings.HasSuffix(t, "?") {
		return youRE.MatchString(t) && !tagRE.MatchString(t)
	}
	return promptRE.MatchString(t) || youAskRE.MatchString(t)
}

// mayAsk is a cheap test that lets IsYouQuestion skip its expressions on
// most sentences: each needs "you" or a prompt verb.
func mayAsk(t string) bool {
	l := strings.ToLower(t)
	for _, w := range []string{"you", "tell ", "walk ", "take ", "describe ", "explain "} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// youAskRE is a question to "you" whose question mark the transcriber left
// out: "Have you ever measured the quality of your data", "So what tools
// do you use".
var youAskRE = regexp.MustCompile(`(?i)^((so|and|but|okay|ok|uh|um|right|yeah|alright|all right|now|then|also),? )*` +
	`((do|did|have|are|were|would|could|can|will|should) you|(what|how|why|when|where|which|who)( \w+){0,3} (do|did|does|are|were|would|could|can|will|should|have) you)\b`)

// tagRE is a statement with a tag question: "…if you're in finance you
// need that, right?"
var tagRE = regexp.MustCompile(`(?i)[,\s](right|okay|ok|yeah|no|correct|you know|isn't it|huh|eh|true)\?$`)

// introRE is an interviewer introducing the interview: "we're working on a
// class project", "we're students at…", "we're doing some research on…".
var introRE = regexp.MustCompile(`(?i)\b(class|school|course|university|college|student|research|capstone|startup) project\b|\bwe('re| are) (a (group|team) of )?(students|researchers|interviewing|conducting|doing (some )?(research|interviews|customer discovery))\b|\bcustomer discovery\b|\b(i'm|i am|we're|we are) (doing|conducting) (some )?(research|interviews|a study)\b|\bthank(s| you) for (taking the time|agreeing|joining|having)`)

// mayIntroduce is a cheap test that lets Asks skip introRE: each of its
// branches needs one of these words.
func mayIntroduce(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"project", "student", "research", "discovery", "interview", "conducting", "doing", "thank"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// Asks reports whether a turn asks, prompts or introduces the interview: its
// last sentence is a question (not a tag such as "right?"), it is a prompt,
// it puts a question to "you", it presents the project, or it gives the
// floor as a meeting's chair or a panel's host does ("We'll now go to Ms.
// Shin.").
func Asks(text string) bool {
	t := strings.TrimSpace(text)
	if h := head(t, 600); mayIntroduce(h) && introRE.MatchString(h) { // introductions open a turn
		return true
	}
	sents := roughSentences(t)
	for i := len(sents) - 1; i >= 0; i-- {
		s := sents[i]
		if IsSmallTalk(s) {
			continue // "…what did you do next? Okay."
		}
		if strings.HasSuffix(s, "?") && QuoteWords(s) > 2 {
			return true
		}
		break
	}
	for _, s := range sents {
		if IsYouQuestion(s) && !checkRE.MatchString(s) || leadRE.MatchString(s) || GivesFloor(s) {
			return true
		}
	}
	return false
}

// leadRE is an interviewer leading the conversation without a question:
// "I'd love to hear about…", "Let's move on to pricing.", "My last
// question is…". It marks a turn as asking but does not keep a buyer's
// sentence out of the quotes.
var leadRE = regexp.MustCompile(`(?i)^((so|and|okay|ok|great|cool|alright|all right|now|then),? )*` +
	`(i'?d (like|love) to (hear|know|ask|understand|learn)|i (want|wanted) to ask|let'?s (talk|move on|go back|switch|turn)|` +
	`(my|the|our) (next|last|final|first) (question|topic)|moving on to|next,? (i|let'?s))\b`)

// checkRE is a speaker checking they are understood ("Does that answer your
// question?", "…you know what I mean?"): the buyer's habit, not an
// interviewer's question.
var checkRE = regexp.MustCompile(`(?i)\b(does|did|do|would) (that|this|it) (make sense|answer|help|work for)|\bknow what i mean|\bknow what i'?m saying|\bif that makes sense|\bcan you (hear|see) (me|my)|\bam i making sense|\bdo you want (more|me to)|\byou want more|\bsee what i mean`)

// roughSentences splits text after ".", "?", "!" and "…" followed by a
// space: enough to find questions without a language model.
func roughSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != '.' && r != '?' && r != '!' && r != '…' && r != '\n' {
			continue
		}
		if i < len(text) && text[i] != ' ' && text[i] != '\n' {
			continue
		}
		if s := strings.TrimSpace(text[start:i]); s != "" {
			out = append(out, s)
		}
		start = i
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// endsSentence reports text ending in sentence punctuation, perhaps inside
// closing quotes or brackets.
func endsSentence(s string) bool {
	t := strings.TrimRight(strings.TrimSpace(s), `"'”’)]* `)
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == '.' || r == '?' || r == '!' || r == '…'
}

// startsLower reports text starting with a lower-case letter: the rest of
// a sentence ("and then we…"), not its start. The pronoun "i" is how some
// transcribers write "I".
func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsLower(r) {
				return false
			}
			rest := strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
			return !(strings.HasPrefix(rest, "i ") || strings.HasPrefix(rest, "i'"))
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}

// BrokenOff reports a quote the speaker broke off: it does not end in
// sentence punctuation. Quote.Text stays an exact substring of the turn, so
// pages derive the "…" they show from this.
func (q Quote) BrokenOff() bool { return !endsSentence(q.Text) }

// head is the first n bytes of s, cut at a rune boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
