package ingest

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Speaker labels, roles, clock times and the turn builder shared by the
// transcript parsers.

// maxLabelLen and maxLabelWords bound what can be a speaker label, so that
// prose such as "The thing I keep running into is: ..." is never one.
const (
	maxLabelLen   = 40
	maxLabelWords = 4
)

// unknownSpeaker names speech whose speaker the file does not say.
const unknownSpeaker = "Unknown Speaker"

// srcLine is one line of source text and its 1-based number (the paragraph
// number for DOCX).
type srcLine struct {
	no   int
	text string
}

// splitLines splits data on CRLF, CR and LF after dropping a UTF-8 BOM. It
// rejects invalid UTF-8, naming the line.
func splitLines(name string, data []byte) ([]srcLine, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	var out []srcLine
	for no := 1; len(data) > 0; no++ {
		i := bytes.IndexAny(data, "\r\n")
		seg := data
		next := len(data)
		if i >= 0 {
			seg, next = data[:i], i+1
			if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				next++
			}
		}
		if !utf8.Valid(seg) {
			return nil, errorf(name, no, "invalid UTF-8; save the file with UTF-8 encoding")
		}
		out = append(out, srcLine{no: no, text: string(seg)})
		data = data[next:]
	}
	return out, nil
}

var interviewerWords = map[string]bool{
	"interviewer": true, "moderator": true, "facilitator": true, "researcher": true,
	"host": true, "i": true, "q": true, "int": true, "interviewers": true,
}

var participantWords = map[string]bool{
	"interviewee": true, "participant": true, "respondent": true, "user": true,
	"customer": true, "p": true, "a": true, "r": true, "candidate": true, "resp": true,
}

// roleWordsInName are role words that also declare a role inside a longer
// label such as "Jane (Moderator)" or "UX Researcher".
var roleWordsInName = map[string]string{
	"interviewer": RoleInterviewer, "moderator": RoleInterviewer, "facilitator": RoleInterviewer,
	"researcher": RoleInterviewer, "interviewee": RoleParticipant, "participant": RoleParticipant,
	"respondent": RoleParticipant,
}

// roleOf is the role a label declares, or "". "AI" is handled by
// resolveAIRole since it interviews only when paired with "User".
func roleOf(label string) string {
	lower := strings.ToLower(label)
	base := strings.TrimRight(lower, "0123456789 #._-")
	base = strings.Trim(base, "[]() ")
	switch {
	case interviewerWords[base]:
		return RoleInterviewer
	case participantWords[base]:
		return RoleParticipant
	}
	role := ""
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if r, ok := roleWordsInName[w]; ok {
			if role != "" && role != r {
				return ""
			}
			role = r
		}
	}
	return role
}

// notLabels are words that start lines as "Word:" without naming a speaker.
var notLabels = map[string]bool{
	"note": true, "notes": true, "example": true, "examples": true, "edit": true, "update": true,
	"source": true, "tip": true, "warning": true, "important": true, "summary": true,
	"answer": true, "question": true, "disclaimer": true, "ps": true, "nb": true, "re": true,
	"subject": true, "date": true, "time": true, "location": true, "attendees": true,
	"title": true, "agenda": true, "action items": true, "next steps": true, "duration": true,
	"http": true, "https": true, "mailto": true, "transcript": true, "recording": true,
}

// nameParticles may be lower case inside a title-case name.
var nameParticles = map[string]bool{
	"de": true, "da": true, "van": true, "von": true, "der": true, "la": true, "le": true,
	"du": true, "del": true, "di": true, "bin": true, "al": true, "y": true, "dos": true,
}

// labelShaped reports whether s could be a speaker label: short, starting
// with a letter, no sentence punctuation. With titleCase, every word but
// name particles must start upper case or with a digit, unless the label
// declares a role ("interviewer", "p1").
func labelShaped(s string, titleCase bool) bool {
	if s == "" || len(s) > maxLabelLen || notLabels[strings.ToLower(s)] {
		return false
	}
	words := strings.Fields(s)
	if len(words) > maxLabelWords {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(first) || strings.ContainsAny(s, "?!,;\"“”:/\\<>{}|=+") {
		return false
	}
	if !titleCase || roleOf(s) != "" || strings.EqualFold(s, "ai") {
		return true
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !nameParticles[w] {
			return false
		}
	}
	return true
}

// splitLabel splits "Name: text", "**Name:** text" or "Name : text" into
// the label and the rest. It only checks the label's shape.
func splitLabel(s string, titleCase bool) (label, rest string, ok bool) {
	s = strings.TrimSpace(s)
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", "", false
	}
	label = strings.TrimSpace(strings.Trim(strings.TrimSpace(s[:i]), "*_"))
	rest = strings.TrimSpace(strings.TrimLeft(s[i+1:], "*_ \t"))
	if label == "" {
		return "", "", false
	}
	if strings.HasPrefix(rest, "//") || (rest != "" && isASCIIDigit(rest[0]) && isASCIIDigit(label[len(label)-1])) {
		return "", "", false // a URL or a clock time
	}
	if !labelShaped(label, titleCase) {
		return "", "", false
	}
	return label, rest, true
}

// speakerKey identifies a speaker across spelling variants such as
// "Interviewer 1" / "interviewer1".
func speakerKey(label string) string {
	return strings.ToLower(strings.Join(strings.Fields(label), ""))
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

// parseClock reads "h:mm:ss", "mm:ss" with an optional ".mmm" or ",mmm"
// fraction, returning milliseconds.
func parseClock(s string) (int64, bool) {
	frac := int64(0)
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		f := s[i+1:]
		if f == "" || len(f) > 3 || !allASCIIDigits(f) {
			return 0, false
		}
		v, _ := strconv.Atoi((f + "00")[:3])
		frac, s = int64(v), s[:i]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var ms int64
	for i, p := range parts {
		limit := 2
		if i == 0 && len(parts) == 3 {
			limit = 5
		}
		if p == "" || len(p) > limit || !allASCIIDigits(p) {
			return 0, false
		}
		v, _ := strconv.ParseInt(p, 10, 64)
		if i > 0 && v > 59 {
			return 0, false
		}
		ms = ms*60 + v
	}
	return ms*1000 + frac, true
}

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return true
}

// turnBuilder collects turns, merging consecutive turns of one speaker. sep
// joins the merged pieces. Texts are joined once, in done, so that long
// turns cost linear time.
type turnBuilder struct {
	turns []Turn
	parts [][]string
	sep   string
	split bool // the next turn must not merge into the last
}

// add appends speech; an empty text is dropped.
func (b *turnBuilder) add(t Turn) {
	t.Text = strings.TrimSpace(t.Text)
	if t.Text == "" {
		return
	}
	split := b.split
	b.split = false
	if n := len(b.turns); n > 0 && !split && b.turns[n-1].Speaker == t.Speaker {
		last := &b.turns[n-1]
		b.parts[n-1] = append(b.parts[n-1], t.Text)
		if t.EndMS >= 0 {
			last.EndMS = t.EndMS
		}
		if last.StartMS < 0 {
			last.StartMS = t.StartMS
		}
		return
	}
	b.turns = append(b.turns, t)
	b.parts = append(b.parts, []string{t.Text})
}

// done returns the turns with their texts joined.
func (b *turnBuilder) done() []Turn {
	for i := range b.turns {
		b.turns[i].Text = strings.Join(b.parts[i], b.sep)
	}
	resolveAIRole(b.turns)
	return b.turns
}

// resolveAIRole marks "AI" as the interviewer when the transcript pairs it
// with "User" (an AI-moderated interview).
func resolveAIRole(turns []Turn) {
	user := false
	for _, t := range turns {
		if strings.EqualFold(t.Speaker, "user") {
			user = true
		}
	}
	if !user {
		return
	}
	for i := range turns {
		if strings.EqualFold(turns[i].Speaker, "ai") {
			turns[i].Role = RoleInterviewer
		}
	}
}
