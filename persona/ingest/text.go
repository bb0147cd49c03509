package ingest

import (
	"fmt"
	"regexp"
	"strings"
)

// parseText parses a plain-text transcript with speaker labels ("Name:",
// "Interviewer 1:", "**Participant**" on its own line, "[00:01:23] Name:").
// Lines without a label continue the current turn, joined with "\n".
func parseText(name string, data []byte) (*Document, error) {
	lines, err := splitLines(name, data)
	if err != nil {
		return nil, err
	}
	return parseLabelled(name, markdownLines(lines))
}

type lineKind int

const (
	lineBlank lineKind = iota
	linePlain          // speech without a label
	lineLabel          // a speaker label, maybe followed by speech
	lineStamp          // a timestamp alone ("00:00:11")
	lineSkip           // a heading, stage direction or separator
)

// textLine is a classified line. plain is the line as speech, should its
// label turn out not to be one.
type textLine struct {
	no    int
	kind  lineKind
	label string
	rest  string
	plain string
	ms    int64
}

var (
	headingRE  = regexp.MustCompile(`^(\d{1,2}(\.[0-9a-z]{1,3})*\.?|[a-z]{1,2}\.[ivx]{1,4})\s+\p{Lu}`)
	ownLabelRE = regexp.MustCompile(`^\*{2,3}([^*]+?):?\*{2,3}:?$`)
	anonRE     = regexp.MustCompile(`^(?i:unknown speaker|speaker ?\d{1,3})$`)
)

// implicitSpeaker takes unlabelled lines when only the interviewer is
// labelled (e.g. "MODERATOR:" lines between a participant's think-aloud).
const implicitSpeaker = "Participant"

func classifyLine(l srcLine) textLine {
	s := strings.TrimSpace(l.text)
	t := textLine{no: l.no, kind: linePlain, ms: -1, plain: s}
	if s == "" {
		t.kind = lineBlank
		return t
	}
	ms, rest, bracketed, ok := cutTimestamp(s)
	if ok {
		t.ms = ms
		if rest == "" {
			t.kind = lineStamp
			return t
		}
		if bracketed {
			t.plain = rest
		}
		s = rest
	}
	if m := ownLabelRE.FindStringSubmatch(s); m != nil && labelShaped(strings.TrimSpace(m[1]), true) {
		t.kind, t.label = lineLabel, strings.TrimSpace(m[1])
		return t
	}
	if anonRE.MatchString(s) {
		t.kind, t.label = lineLabel, s
		return t
	}
	if label, rest, ok := splitLabel(s, true); ok {
		t.kind, t.label, t.rest = lineLabel, label, rest
		return t
	}
	if isNonSpeech(t.plain) {
		t.kind = lineSkip
	}
	return t
}

// isNonSpeech reports lines that are no one's speech: "(The participant
// reads the task)", "[crosstalk]", "=== Connection lost ===", task
// headings such as "1.a Was the information enough?" and "# Title".
func isNonSpeech(s string) bool {
	switch {
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"),
		strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"),
		strings.HasPrefix(s, "==="), strings.HasPrefix(s, "---"),
		strings.HasPrefix(s, "***"), strings.HasPrefix(s, "___"),
		headingRE2.MatchString(s):
		return true
	}
	return headingRE.MatchString(s)
}

// cutTimestamp removes a leading "[00:01:23]", "(01:23)" or "00:01:23 ".
// A bare timestamp counts only when what follows is a label or nothing.
func cutTimestamp(s string) (ms int64, rest string, bracketed, ok bool) {
	if s[0] == '[' || s[0] == '(' {
		end := strings.IndexAny(s, "])")
		if end < 0 {
			return 0, "", false, false
		}
		ms, ok = parseClock(strings.TrimSpace(s[1:end]))
		return ms, strings.TrimSpace(s[end+1:]), true, ok
	}
	tok, rest, _ := strings.Cut(s, " ")
	ms, ok = parseClock(strings.TrimRight(tok, "-–"))
	if !ok {
		return 0, "", false, false
	}
	rest = strings.TrimSpace(strings.TrimLeft(rest, " -–"))
	if _, _, isLabel := splitLabel(rest, true); rest != "" && !isLabel {
		return 0, "", false, false
	}
	return ms, rest, false, true
}

// parseLabelled turns classified lines into turns. Labels must recur in
// the file, declare a role, or be Otter's "Speaker 1"/"Unknown Speaker"
// to count, so a one-off "Heat map:" stays speech.
func parseLabelled(name string, lines []srcLine) (*Document, error) {
	tls := make([]textLine, len(lines))
	counts := map[string]int{}
	for i, l := range lines {
		tls[i] = classifyLine(l)
		if tls[i].kind == lineLabel {
			counts[speakerKey(tls[i].label)]++
		}
	}
	names := map[string]string{}
	onlyInterviewers, plain := true, false
	for i := range tls {
		t := &tls[i]
		if t.kind == lineLabel && counts[speakerKey(t.label)] < 2 && roleOf(t.label) == "" && !anonRE.MatchString(t.label) {
			t.kind = linePlain
			if isNonSpeech(t.plain) {
				t.kind = lineSkip
			}
		}
		switch t.kind {
		case lineLabel:
			key := speakerKey(t.label)
			if _, ok := names[key]; !ok {
				names[key] = t.label
			}
			onlyInterviewers = onlyInterviewers && roleOf(t.label) == RoleInterviewer
		case linePlain:
			plain = true
		}
	}
	if len(names) == 0 {
		return parseUnlabelled(name, tls)
	}
	if len(names) == 1 {
		if doc := oneLabel(name, tls, names); doc != nil {
			return doc, nil
		}
	}
	a := assembler{names: names, implicit: onlyInterviewers && plain, b: turnBuilder{sep: "\n"}, pendingMS: -1}
	for _, t := range tls {
		a.line(t)
	}
	a.flush()
	doc := &Document{Turns: a.b.done(), Warnings: a.warnings()}
	if n := numberedQuestions(names); n >= 3 && n*2 >= len(names) {
		doc.NotTranscript = fmt.Sprintf("looks like an interview guide: %d numbered questions (Q1, Q2, …)", n)
	}
	return doc, nil
}

// oneLabel splits the speech of a file whose one label is not the
// interviewer's ("Participant:" once, then questions and answers typed
// together) by question form, or returns nil when its questions are not
// answered in it.
func oneLabel(name string, tls []textLine, names map[string]string) *Document {
	var label string
	for _, l := range names {
		label = l
	}
	if roleOf(label) == RoleInterviewer {
		return nil
	}
	plain := make([]textLine, len(tls))
	for i, t := range tls {
		plain[i] = t
		if t.kind == lineLabel {
			plain[i].kind, plain[i].plain = linePlain, t.rest
			if t.rest == "" {
				plain[i].kind = lineBlank
			}
		}
	}
	doc, err := splitUnlabelled(name, plain, label, true)
	if err != nil {
		return nil
	}
	return doc
}

// numberedQuestions counts interviewer labels numbered once each: "Q1:",
// "Q2:", … in a guide or questionnaire, where a transcript's "Q:" recurs.
func numberedQuestions(names map[string]string) int {
	n := 0
	for _, l := range names {
		if roleOf(l) == RoleInterviewer && strings.ContainsAny(l, "0123456789") && strings.HasPrefix(strings.ToLower(l), "q") {
			n++
		}
	}
	return n
}

// assembler builds turns line by line.
type assembler struct {
	names     map[string]string
	implicit  bool
	b         turnBuilder
	cur       *Turn
	lines     []string // the current turn's text lines
	pendingMS int64
	// counts and first line numbers of skipped lines
	preamble, skipped, firstPre, firstSkip int
}

func (a *assembler) line(t textLine) {
	switch t.kind {
	case lineStamp:
		a.pendingMS = t.ms
	case lineSkip:
		if a.implicit {
			a.flush()
			a.b.split = true
		}
		if a.skipped++; a.firstSkip == 0 {
			a.firstSkip = t.no
		}
	case lineLabel:
		a.flush()
		sp := a.names[speakerKey(t.label)]
		a.cur = &Turn{Speaker: sp, Role: roleOf(sp), StartMS: a.stamp(t.ms), EndMS: -1, Line: t.no}
		a.lines = append(a.lines[:0], t.rest)
		if a.implicit {
			a.flush()
		}
	case linePlain:
		a.plain(t)
	}
}

func (a *assembler) plain(t textLine) {
	if a.cur == nil && a.implicit {
		a.cur = &Turn{Speaker: implicitSpeaker, Role: RoleParticipant, StartMS: a.stamp(t.ms), EndMS: -1, Line: t.no}
		a.lines = a.lines[:0]
	}
	if a.cur == nil {
		if a.preamble++; a.firstPre == 0 {
			a.firstPre = t.no
		}
		return
	}
	a.lines = append(a.lines, t.plain)
}

// stamp is the line's own timestamp, else the last timestamp-only line.
func (a *assembler) stamp(ms int64) int64 {
	if ms < 0 {
		ms = a.pendingMS
	}
	a.pendingMS = -1
	return ms
}

func (a *assembler) flush() {
	if a.cur != nil {
		a.cur.Text = joinLines(a.lines)
		a.b.add(*a.cur)
		a.cur, a.lines = nil, a.lines[:0]
	}
}

func (a *assembler) warnings() []string {
	var w []string
	if a.preamble > 0 {
		w = append(w, fmt.Sprintf("line %d: skipped %d line(s) before the first speaker label", a.firstPre, a.preamble))
	}
	if a.skipped > 0 {
		w = append(w, fmt.Sprintf("line %d: skipped %d heading, stage-direction or separator line(s)", a.firstSkip, a.skipped))
	}
	if a.implicit {
		w = append(w, fmt.Sprintf("only the interviewer is labelled; unlabelled lines are attributed to %q", implicitSpeaker))
	}
	return w
}

// joinLines joins a turn's lines with "\n", skipping empty ones.
func joinLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}
