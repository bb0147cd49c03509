package analysis

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/verbatimhq/verbatim/persona"
)

// Quotes that may not speak for a theme: nil answers ("nothing bad to
// say", "no cons so far", "none") say nothing about any theme, and text
// not in English cannot give an English label or headline.

var (
	// nilWhole matches a whole answer that says nothing.
	nilWhole = regexp.MustCompile(`^(none|nothing|nil|nope|no|n ?a|not applicable|no comments?|` +
		`(no|zero) (cons|complaints?|negatives?|issues?|problems?|dislikes?)|nothing (really|much|yet|else|at all)|` +
		`none (really|yet|at all)|nothing to (add|say|report|complain about)|not really|nothing comes to mind)` +
		`( (so far|yet|at all|for now|at the moment|really|that i can think of|i can think of))*$`)
	// nilPhrase matches a short answer that only says there is no
	// complaint ("I don't know if there is anything bad I can say").
	nilPhrase = regexp.MustCompile(`\b(nothing (bad|negative|wrong|to complain|i dislike|i don ?t like|that i dislike)|` +
		`(anything|something) (bad|negative) (i|to) (can )?say|` +
		`(can ?t|cannot|can not|couldn ?t) think of (any|anything|a single)|` +
		`no (cons|complaints?|negatives?|dislikes?)\b|` +
		`(don ?t|do not|haven ?t|have not|never) (have|had|found|encountered|experienced|faced|seen) (any |a single )?(cons|complaints?|negatives?|issues?|problems?|dislikes?)|` +
		`(i|we) have no (cons|complaints?|issues?|problems?|dislikes?)|` +
		`nothing (so far|yet|really)$)`)
	// nilTurn marks an answer that goes on to a complaint after all.
	nilTurn = regexp.MustCompile(`\b(but|except|however|although|though|only|apart from|other than|besides)\b`)
)

// saysNothing reports a quote that only says the speaker has nothing to
// add or no complaint.
func saysNothing(text string) bool {
	low := strings.ToLower(strings.ReplaceAll(text, "'", " "))
	if !maySayNothing(low) {
		return false
	}
	norm := strings.Join(splitWords(low), " ")
	norm = strings.ReplaceAll(norm, "’", " ")
	// Every nilWhole answer starts with "n" or "z", and every nilPhrase
	// holds one of nilPhraseWords: checking those first spares most quotes
	// the regular expressions (a large study has a million).
	if norm != "" && (norm[0] == 'n' || norm[0] == 'z') && nilWhole.MatchString(norm) {
		return true
	}
	return len(strings.Fields(norm)) <= 20 && mayBeNilPhrase(norm) && nilPhrase.MatchString(norm) && !nilTurn.MatchString(norm)
}

// maySayNothing checks saysNothing's preconditions on the lowered text,
// before it is split into words: the first word starts with the text's
// first letter or digit, and a word holding one of nilPhraseWords is a
// stretch of its letters. Most quotes fail both and are spared splitting.
func maySayNothing(low string) bool {
	if mayBeNilPhrase(low) {
		return true
	}
	for _, r := range low {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r == 'n' || r == 'z'
		}
	}
	return false
}

// nilPhraseWords are the substrings one of which every match of nilPhrase
// contains ("thing" for nothing, anything and something).
var nilPhraseWords = []string{"thing", "think", "cons", "complaint", "negative", "issue", "problem", "dislike"}

func mayBeNilPhrase(norm string) bool {
	for _, w := range nilPhraseWords {
		if strings.Contains(norm, w) {
			return true
		}
	}
	return false
}

// Closed-class words tell languages apart without a model: English text
// of a few words nearly always holds some of englishWords, text in
// Spanish, Portuguese, French, German or Italian holds foreignWords
// (chosen so none is also an English word).
var (
	englishWords = wordSet("the", "and", "to", "of", "is", "it", "i", "we", "you", "that", "this", "for",
		"with", "are", "was", "be", "have", "has", "not", "but", "they", "my", "our", "on", "at", "if",
		"or", "so", "its", "their", "from", "an", "as", "by", "all", "can", "will", "would", "there",
		"very", "which", "what", "your", "been", "do", "does", "it's", "i'm", "don't")
	foreignWords = wordSet("de", "la", "que", "el", "en", "los", "las", "del", "por", "para", "una",
		"es", "lo", "se", "su", "al", "como", "más", "mas", "pero", "muy", "nos", "les", "des", "et",
		"est", "une", "pour", "dans", "qui", "pas", "avec", "sur", "der", "und", "das", "ist", "nicht",
		"mit", "ein", "eine", "zu", "den", "sich", "não", "uma", "em", "os", "ao", "il", "di", "che",
		"non", "della", "sono", "y", "le", "du", "ou", "o", "da", "do", "on", "à", "très", "tout", "faut", "também", "muito", "você", "sehr", "auch")
)

// nonEnglish reports text whose closed-class words are mostly not
// English: at least two foreign ones and more than twice the English.
func nonEnglish(text string) bool {
	en, fr := 0, 0
	eachWord(strings.ToLower(text), func(w string) {
		switch {
		case englishWords[w] && !foreignWords[w]:
			en++
		case foreignWords[w] && !englishWords[w]:
			fr++
		}
	})
	return fr >= 2 && fr > 2*en
}

// NotEnglish is nonEnglish for the app: a quote shown beyond a theme's
// top quotes is judged as the analysis judges them (quote_show.go).
func NotEnglish(text string) bool { return nonEnglish(text) }

// codedPart is one "name:value" pair of a coded cell ("food:positive").
var codedPart = regexp.MustCompile(`^[^:|]{1,80}:[A-Za-z]+$`)

// codedValues reports text that is a list of coded values, not what a
// buyer wrote: "food:positive|service:negative" (an annotation column a
// spreadsheet export carried along).
func codedValues(text string) bool {
	text = strings.TrimSpace(text)
	// Every coded part holds a colon: text without one is spared the
	// splitting and the regular expression.
	if text == "" || !strings.Contains(text, ":") || strings.Contains(text, ": ") {
		return false
	}
	for _, p := range strings.Split(text, "|") {
		if !codedPart.MatchString(strings.TrimSpace(p)) {
			return false
		}
	}
	return true
}

// mute reports quotes that may not give a label or headline: nil
// answers, text not in English, coded values, and in a transcript a
// formal meeting's procedure ("Item 3, then, is papers to note.", "you'll
// be sent a transcript to check for accuracy"), which names the
// meeting's business, never a finding: a theme of it was labelled "sent
// transcript" or "standing order requirements".
func mute(q persona.Quote) bool {
	return saysNothing(q.Text) || nonEnglish(q.Text) || codedValues(q.Text) || meetingProcedure(q)
}

// meetingProcedure reports a transcript quote that runs a formal meeting
// by its rules (persona.IsMeetingProcedure) or is the chair moving the
// talk on (persona.IsChairing: "…then we're going to take one final
// question from Suzy on emergency legislation." gave a theme the label
// "final question").
func meetingProcedure(q persona.Quote) bool {
	return q.Kind == persona.KindTranscript && (persona.IsMeetingProcedure(q.Text) || persona.IsChairing(q.Text, q.Tokens))
}

// procedureLabel names a theme most of whose quotes are a meeting's
// procedure.
const procedureLabel = "Meeting procedure"

// isProcedureLabel reports the label muteLabel gives a procedure theme
// (with a duplicate's number), not a phrase label that begins the same:
// buyers of meeting software talk of "meeting procedures".
func isProcedureLabel(l string) bool {
	bare, _, _ := strings.Cut(l, ",") // "Meeting procedure, 7 quotes"
	return strings.TrimRight(bare, " 0123456789") == procedureLabel
}

// codedLabel names a theme whose quotes are mostly coded values.
const codedLabel = "Coded values"

// muteLabel names a theme most of whose quotes may not label it: "Coded
// values (‹ring›)" when most of those are coded values, "Meeting
// procedure" when most are a meeting's procedure, else "Non-English
// ‹ring›".
func muteLabel(c *corpus, w *work) string {
	coded, foreign, procedure := 0, 0, 0
	for _, i := range w.members {
		switch t := c.quotes[i].Text; {
		case codedValues(t):
			coded++
		case nonEnglish(t):
			foreign++
		case meetingProcedure(c.quotes[i]):
			procedure++
		}
	}
	ring := strings.ToLower(w.ring.Title())
	if procedure > coded && procedure > foreign {
		return procedureLabel
	}
	if coded > foreign {
		return codedLabel + " (" + ring + ")"
	}
	return nonEnglishLabel + " " + ring
}

// withoutNilAnswers drops nil answers and coded values from a theme:
// "nothing bad to say" is not a barrier (nor any other finding), a cell of
// "food:positive|service:negative" is no buyer's words, and a theme of
// them must not form at all.
func withoutNilAnswers(c *corpus, members []int) []int {
	out := members[:0:0]
	for _, i := range members {
		if t := c.quotes[i].Text; !saysNothing(t) && !codedValues(t) {
			out = append(out, i)
		}
	}
	return out
}
