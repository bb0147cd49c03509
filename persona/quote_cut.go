package persona

import (
	"regexp"
	"strings"
)

// sentence is one segmented sentence of a speech and what it is.
type sentence struct {
	lo, hi int
	text   string
	words  int
	small  bool // small talk
	ask    bool // a question or prompt put to someone else
}

// cutSpeech cuts one speech into quotes of whole sentences:
//
//   - a question put to someone else ("Would you ever need that?") is never
//     quoted: it becomes the Question of the quotes after it, and a short
//     question right after it ("Anything?") goes with it;
//   - small talk ("Thanks!", "Yeah.", "My pleasure :)") never starts or ends
//     a quote and is never a quote alone;
//   - a sentence starting in lower case continues the one before it (the
//     segmenter cut it), and a fragment under MinQuoteWords words joins its
//     neighbour (the previous sentence, or the next when it comes first);
//   - a short piece the speaker broke off at the end of the turn ("… and
//     just get off. I") is trimmed off, and so is a word cut off at the
//     end of spoken words ("…curious ab"); a long unfinished sentence is
//     kept and reports BrokenOff;
//   - in speech, a turn's first sentence starting in lower case is the rest
//     of a sentence begun before the turn and is skipped when the sentence
//     was left open (Continues), is short or is unfinished. Written answers
//     (surveys, field notes) often start in lower case and end without a
//     full stop: "too expensive for what it does" is kept whole;
//   - a spoken quote needs MinSpokenWords words; a non-answer ("N/A",
//     "Not sure"; in writing any answer IsNonAnswer sets aside: "Can't
//     think of anything") is never a quote.
//
// It returns the quotes and the question the speech ends on, if it ends on
// one (it carries to the next speaker's answer).
func cutSpeech(s Speech, spans [][2]int) ([]Quote, string) {
	if strings.ContainsAny(s.Text, ":;") {
		spans = splitAtEmoticons(s.Text, spans)
	}
	procedural := IsProcedural
	if s.Spoken && s.Meeting {
		procedural = IsProceduralSpeech
	}
	sents := make([]sentence, len(spans))
	for i, sp := range spans {
		t := s.Text[sp[0]:sp[1]]
		sents[i] = sentence{lo: sp[0], hi: sp[1], text: t, words: QuoteWords(t), small: IsSmallTalk(t) || procedural(t), ask: IsYouQuestion(t)}
	}
	var out []Quote
	question, endsOnQuestion := s.Question, false
	var cur []sentence
	flush := func() {
		// A courtesy the segmenter cut at an abbreviation ("I thank the
		// hon. | member for the question.") is judged whole.
		if lo, hi, ok := finish(s.Text, cur, s.Spoken); ok && (len(cur) == 1 || !procedural(s.Text[lo:hi])) {
			out = append(out, Quote{TurnID: int64(s.Turn), Text: s.Text[lo:hi], Start: lo, End: hi,
				Question: question, AtMS: interpolate(s, lo)})
		}
		cur = cur[:0]
	}
	for i, st := range sents {
		afterAsk := i > 0 && sents[i-1].ask
		if st.ask || (afterAsk && strings.HasSuffix(st.text, "?") && st.words < MinQuoteWords) {
			flush()
			if afterAsk {
				question = s.Text[sents[i-1].lo:st.hi]
			} else {
				question = st.text
			}
			sents[i].ask, endsOnQuestion = true, true
			continue
		}
		if !st.small {
			endsOnQuestion = false
		}
		if i == 0 && s.Spoken && startsLower(st.text) && (s.Continues || st.words < MinQuoteWords || !endsSentence(st.text)) {
			continue // the rest of a sentence begun before this turn
		}
		switch {
		case len(cur) == 0 && st.small:
			// small talk never starts a quote
		case len(cur) == 0, startsLower(st.text), contentWords(cur) < MinQuoteWords, st.words < MinQuoteWords:
			cur = append(cur, st)
		default:
			flush()
			cur = append(cur, st)
		}
	}
	flush()
	if endsOnQuestion {
		return out, question
	}
	return out, ""
}

// contentWords counts the words of a group's sentences that are not small
// talk.
func contentWords(group []sentence) int {
	n := 0
	for _, st := range group {
		if !st.small {
			n += st.words
		}
	}
	return n
}

// finish trims a group of sentences to its quote: no small talk at either
// end, no short broken-off piece at the end; ok is false when nothing worth
// quoting is left.
func finish(text string, group []sentence, spoken bool) (lo, hi int, ok bool) {
	for len(group) > 0 && group[0].small {
		group = group[1:]
	}
	for len(group) > 0 && group[len(group)-1].small {
		group = group[:len(group)-1]
	}
	if n := len(group); (n > 1 || spoken && n > 0) && !endsSentence(group[n-1].text) && group[n-1].words < MinQuoteWords {
		group = group[:n-1] // "… and just get off. I"
		for len(group) > 0 && group[len(group)-1].small {
			group = group[:len(group)-1]
		}
	}
	least := 1
	if spoken {
		least = MinSpokenWords
	}
	if len(group) == 0 || contentWords(group) < least {
		return 0, 0, false
	}
	lo, hi = group[0].lo, group[len(group)-1].hi
	if !spoken && IsNonAnswer(text[lo:hi]) || spoken && len(group) == 1 && spokenNonAnswer[strings.Join(words(group[0].text), " ")] {
		return 0, 0, false
	}
	if spoken && !endsSentence(text[lo:hi]) {
		hi = lo + trimCutWord(text[lo:hi])
	}
	return lo, hi, true
}

// trimCutWord returns the length of an unfinished quote without a last
// word the speaker cut off ("…I'm curious ab", "…the s-"): a word ending in
// a hyphen, or of one or two letters that is no English word.
func trimCutWord(q string) int {
	i := strings.LastIndexAny(q, " \t\n")
	if i < 0 {
		return len(q)
	}
	last := strings.ToLower(strings.TrimRight(q[i+1:], ",;:"))
	if !strings.HasSuffix(last, "-") && (len(last) > 2 || shortWords[last] || strings.ContainsAny(last, "0123456789")) {
		return len(q)
	}
	return len(strings.TrimRight(q[:i], " \t\n,;:-–—"))
}

// shortWords are the English words of one or two letters (and the fillers
// transcribers write), which end an unfinished quote whole.
var shortWords = wordSet(`a i an am as at be by do go he if in is it me my no of oh ok on or so to up us we ye ya
	ah eh uh um mm hm ha ho hi`)

// spokenNonAnswer are the spoken answers that say there is nothing to say.
// IsNonAnswer judges written answers only: in speech "you know", "all" and
// "idea" carry content ("We know we need to do better", "That's a good
// idea").
var spokenNonAnswer = map[string]bool{
	"n a": true, "na": true, "none": true, "nothing": true, "nil": true, "no comment": true, "no comments": true,
	"not applicable": true, "idk": true, "i don't know": true, "nothing else": true, "not sure": true, "no idea": true,
	"none so far": true, "nothing to add": true, "no other comments": true,
}

// emoticonEnd is an emoticon that ends a sentence the segmenter did not
// cut: "My pleasure :) So we…".
var emoticonEnd = regexp.MustCompile(`(^|\s)[:;]-?[)(DP](\s+)\p{Lu}`)

// splitAtEmoticons cuts sentences after an emoticon followed by a capital.
func splitAtEmoticons(text string, spans [][2]int) [][2]int {
	var out [][2]int
	for _, sp := range spans {
		for {
			m := emoticonEnd.FindStringSubmatchIndex(text[sp[0]:sp[1]])
			if m == nil {
				break
			}
			end, next := sp[0]+m[4], sp[0]+m[5]
			out = append(out, [2]int{sp[0], end})
			sp[0] = next
		}
		out = append(out, sp)
	}
	return out
}
