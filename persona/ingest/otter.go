package ingest

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// otterHeaderRE matches "Jane Doe  0:05" and "Speaker 1  1:02:03": a name,
// then the turn's start time at the end of the line. Teams DOCX exports
// use the same layout.
var otterHeaderRE = regexp.MustCompile(`^(.{0,60}?)(\s*)\b((?:\d{1,3}:)?\d{1,2}:\d{2})$`)

// otterScanLines bounds how far isOtter looks for turn headers.
const otterScanLines = 40

// isOtter reports an Otter.ai text export: at least two "Name  0:05"
// header lines near the top, the first within the first three non-blank
// lines, each followed by speech.
func isOtter(text string) bool {
	headers, nonBlank, firstHeader := 0, 0, -1
	prevHeader := false
	for i := 0; i < otterScanLines && text != ""; i++ {
		var ln string
		ln, text, _ = strings.Cut(text, "\n")
		s := strings.TrimSpace(ln)
		if s == "" {
			continue
		}
		nonBlank++
		_, _, ok := otterHeader(s)
		if ok && firstHeader < 0 {
			firstHeader = nonBlank
		}
		if ok && !prevHeader {
			headers++
		}
		prevHeader = ok
	}
	return headers >= 2 && firstHeader >= 1 && firstHeader <= 3
}

// otterHeader reads a "Name  0:05" line; the name is "" when the export
// has no speaker names.
func otterHeader(s string) (speaker string, ms int64, ok bool) {
	if s == "" || !isASCIIDigit(s[len(s)-1]) || len(s) > 80 {
		return "", 0, false
	}
	m := otterHeaderRE.FindStringSubmatch(s)
	if m == nil {
		return "", 0, false
	}
	speaker = strings.TrimSpace(m[1])
	wide := len(m[2]) >= 2 || strings.Contains(m[2], "\t")
	if speaker != "" && !otterName(speaker, wide) {
		return "", 0, false
	}
	ms, ok = parseClock(m[3])
	return speaker, ms, ok
}

// otterName accepts display names ("Jane O'Neil", "Speaker 2",
// "Dr. Jane Doe (ACME)"): up to six words, starting with a letter, no
// sentence punctuation. Unless the name is set off from the time by a
// tab or two spaces (wide), it must be a title-case label, so that "We
// met at 10:30" stays speech.
func otterName(s string, wide bool) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) || len(strings.Fields(s)) > 6 || strings.ContainsAny(s, "?!,;:\"“”") {
		return false
	}
	return wide || labelShaped(s, true)
}

// parseOtter parses an Otter.ai text export: a "Name  0:05" line, the
// speech, a blank line; the "Transcribed by https://otter.ai" footer is
// dropped.
func parseOtter(name string, data []byte) (*Document, error) {
	lines, err := splitLines(name, data)
	if err != nil {
		return nil, err
	}
	return parseOtterLines(lines), nil
}

// parseOtterLines turns header + speech lines into turns; paragraphs of a
// turn are joined with "\n".
func parseOtterLines(lines []srcLine) *Document {
	b := turnBuilder{sep: "\n"}
	names := map[string]string{}
	var cur *Turn
	var text []string
	preamble := 0
	for _, l := range lines {
		s := strings.TrimSpace(l.text)
		if sp, ms, ok := otterHeader(s); ok {
			if cur != nil {
				cur.Text = joinLines(text)
				b.add(*cur)
			}
			text = text[:0]
			sp = canonical(names, sp)
			cur = &Turn{Speaker: sp, Role: roleOf(sp), StartMS: ms, EndMS: -1, Line: l.no}
			continue
		}
		switch {
		case s == "" || isOtterFooter(s):
		case cur == nil:
			preamble++
		default:
			text = append(text, s)
		}
	}
	if cur != nil {
		cur.Text = joinLines(text)
		b.add(*cur)
	}
	doc := &Document{Turns: b.done()}
	if preamble > 0 {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("skipped %d line(s) before the first speaker", preamble))
	}
	return doc
}

// canonical maps spelling variants of a speaker to the first one seen;
// an empty name is unknownSpeaker.
func canonical(names map[string]string, sp string) string {
	if sp == "" {
		sp = unknownSpeaker
	}
	key := speakerKey(sp)
	if first, ok := names[key]; ok {
		return first
	}
	names[key] = sp
	return sp
}

func isOtterFooter(s string) bool {
	return strings.HasPrefix(strings.ToLower(s), "transcribed by") && strings.Contains(strings.ToLower(s), "otter.ai")
}
