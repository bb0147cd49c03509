package ingest

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// Files without speaker labels. Q&A notes write the questions in bold (or
// italics, or as headings) and the buyer's answers as plain text; typed
// notes of one voice mix the interviewer's questions with the answers.
// Both are split by form: the questions become the interviewer's turns,
// the rest the participant's. Files that are no transcript at all — an
// interview guide, third-person notes, a summary table — are marked on
// Document.NotTranscript so that Parse can skip them.

// Speakers of unlabelled files.
const (
	unlabelledInterviewer = "Interviewer"
	unlabelledParticipant = implicitSpeaker
)

// Warnings for unlabelled files.
const (
	warnEmphasis  = "no speaker labels; bold, italic or heading questions treated as the interviewer's, plain text as the participant's"
	warnQuestions = "no speaker labels; questions treated as the interviewer's"
	warnOneVoice  = "no speaker labels; all text attributed to %q (forced in)"
)

// reportRE is a line that reports what someone said rather than quoting
// them: "She said they export to Excel", "P3 mentioned pricing".
var reportRE = regexp.MustCompile(`(?i)\b(she|he|they|participant|interviewee|customer|user|buyer|respondent|p\d{1,3})\s+(said|says|mentioned|mentions|noted|notes|explained|explains|told|tells|described|describes|complained|complains|reported|reports|stated|states|thinks|thought|feels|felt|wants|wanted|believes|believed|shared|shares|added|adds|expressed|expresses|emphasi[sz]ed|highlighted|admitted|agreed)\b`)

// firstPersonRE is a line in the speaker's own voice.
var firstPersonRE = regexp.MustCompile(`(?i)(^|[\s"“(])(i|i'm|i’m|i've|i’ve|i'd|i’d|we|we're|we’re|my|our|me|us)\b`)

// uline is a line of an unlabelled file, as Q&A splitting sees it.
type uline struct {
	no       int
	text     string // the line as written
	words    string // without markup, for the tests
	emph     bool   // all bold or italic
	head     bool   // a Markdown heading
	rule     bool   // a separator, stage direction or table border
	table    bool   // a table row
	question bool
}

func unlabelledLines(tls []textLine) []uline {
	var out []uline
	for i, t := range tls {
		if t.kind == lineBlank || t.kind == lineStamp {
			continue
		}
		header := i+1 < len(tls) && isTableRow(tls[i+1].plain) && tableSepRE.MatchString(tls[i+1].plain)
		u := uline{no: t.no, text: t.plain}
		if inner, ok := heading(t.plain); ok {
			u.head, u.words = true, cleanMarkup(inner)
		} else if inner, ok := emphasized(t.plain); ok {
			u.emph, u.words = true, cleanMarkup(inner)
		} else if isTableRow(t.plain) {
			u.table = !tableSepRE.MatchString(t.plain) && !header
			u.rule = !u.table
			u.words = cleanMarkup(t.plain)
		} else {
			// A numbered line ("3. How do you…?") is content here.
			u.rule = t.kind == lineSkip && !headingRE.MatchString(t.plain)
			u.words = cleanMarkup(t.plain)
		}
		if u.words == "" {
			u.rule = true
		}
		u.question = !u.rule && persona.Asks(u.words)
		out = append(out, u)
	}
	return out
}

// parseUnlabelled splits a file without speaker labels into the
// interviewer's questions and the participant's answers, and says whether
// it looks like no transcript.
func parseUnlabelled(name string, tls []textLine) (*Document, error) {
	return splitUnlabelled(name, tls, unlabelledParticipant, false)
}

// splitUnlabelled is parseUnlabelled with the participant's label; with
// mustSplit it fails unless the questions are answered in the file.
func splitUnlabelled(name string, tls []textLine, participant string, mustSplit bool) (*Document, error) {
	ls := unlabelledLines(tls)
	doc := &Document{NotTranscript: notTranscript(ls)}
	isQ, warn := questionSplit(ls)
	if isQ == nil && doc.NotTranscript == "" {
		doc.NotTranscript = documentLike(ls)
	}
	oneVoice := false
	switch {
	case isQ != nil:
	case doc.NotTranscript == "" || mustSplit:
		return nil, errorf(name, 0, `no speaker labels found; expected lines such as "Interviewer: ..." or "Name: ..."`)
	case hasQuestion(ls): // taken in only if forced: a guide's questions stay the interviewer's
		isQ, warn = func(u uline) bool { return u.question }, warnQuestions
	default:
		oneVoice, warn = true, fmt.Sprintf(warnOneVoice, participant)
		isQ = func(uline) bool { return false }
	}
	b := turnBuilder{sep: "\n"}
	started := false // lines before the first question are the interviewer's intro
	for _, u := range ls {
		if u.rule || u.head && !isQ(u) {
			b.split = true
			continue
		}
		q := isQ(u)
		started = started || q
		t := Turn{Speaker: participant, Role: roleOf(participant), StartMS: -1, EndMS: -1, Text: u.text, Line: u.no}
		if q || !started && !oneVoice {
			t.Speaker, t.Role = unlabelledInterviewer, RoleInterviewer
			if q {
				b.split = true // each question its own turn
			}
		}
		b.add(t)
		if q {
			b.split = true
		}
	}
	doc.Turns = b.done()
	if mustSplit {
		warn = fmt.Sprintf("only one speaker labelled (%q); questions treated as the interviewer's", participant)
	}
	doc.Warnings = []string{warn}
	return doc, nil
}

// minQuestionShare: in an interview at least one line in this many asks.
const minQuestionShare = 6

// questionSplit picks how questions are told from answers: by emphasis
// when the emphasized lines ask and plain lines answer them, else by
// question form. It returns nil when no question is answered.
func questionSplit(ls []uline) (func(uline) bool, string) {
	emphQ, plainQ := 0, 0
	for _, u := range ls {
		switch {
		case u.emph && u.question || u.head && u.question:
			emphQ++
		case u.question && !u.rule:
			plainQ++
		}
	}
	// Questions must be answered, and recur through the file: notes with
	// an odd question among fifty lines are no interview.
	content := 0
	for _, u := range ls {
		if !u.rule {
			content++
		}
	}
	byEmph := func(u uline) bool { return u.emph || u.head && u.question }
	byForm := func(u uline) bool { return u.question }
	switch {
	case emphQ >= 2 && emphQ >= plainQ && emphQ*minQuestionShare >= content && answered(ls, byEmph) >= 2:
		return byEmph, warnEmphasis
	case emphQ+plainQ >= 2 && (emphQ+plainQ)*minQuestionShare >= content && answered(ls, byForm) >= 2:
		return byForm, warnQuestions
	}
	return nil, ""
}

// answered counts questions followed by a line that is not one.
func answered(ls []uline, isQ func(uline) bool) int {
	n := 0
	for i, u := range ls {
		if !isQ(u) || u.rule {
			continue
		}
		for _, next := range ls[i+1:] {
			if next.rule && !next.table {
				continue
			}
			if !isQ(next) && !next.head {
				n++
			}
			break
		}
	}
	return n
}

// notTranscript says why the lines look like no transcript, or "".
func notTranscript(ls []uline) string {
	content, tables, reports, own, questions := 0, 0, 0, 0, 0
	for _, u := range ls {
		if u.rule && !u.table {
			continue
		}
		content++
		switch {
		case u.table:
			tables++
		case u.question:
			questions++
		case reportRE.MatchString(u.words) && !strings.Contains(u.words, `"`) && !strings.Contains(u.words, "“"):
			reports++
		}
		if firstPersonRE.MatchString(u.words) && !u.question {
			own++
		}
	}
	switch {
	case tables >= 3 && tables*2 >= content:
		return fmt.Sprintf("looks like a summary table: %d rows, no speaker column", tables)
	case reports >= 3 && reports*5 >= content*2 && own < reports:
		return fmt.Sprintf("looks like third-person notes: %d of %d lines report what someone said (\"she said…\"), not their own words", reports, content)
	case questions >= 3:
		isQ := func(u uline) bool { return u.question }
		if a := answered(ls, isQ); a*3 < questions {
			if a == 0 {
				return fmt.Sprintf("looks like an interview guide: %d questions, no answers", questions)
			}
			return fmt.Sprintf("looks like an interview guide: %d questions, %d answered", questions, a)
		}
	}
	return ""
}

// documentLike says why lines that no question split can take apart read
// as a document (a README, a licence, observation notes) rather than
// anyone's own words: few questions and few lines in the first person.
// It is "" for a first-person monologue, which stays an error.
func documentLike(ls []uline) string {
	content, own, questions := 0, 0, 0
	for _, u := range ls {
		if u.rule && !u.table {
			continue
		}
		content++
		if u.question {
			questions++
		} else if firstPersonRE.MatchString(u.words) {
			own++
		}
	}
	if content < 3 || own*5 >= content || questions*5 >= content {
		return ""
	}
	return fmt.Sprintf("looks like a document or notes, not a transcript: no speaker labels; of %d lines, %d are questions and %d in the first person", content, questions, own)
}

func hasQuestion(ls []uline) bool {
	for _, u := range ls {
		if u.question {
			return true
		}
	}
	return false
}
