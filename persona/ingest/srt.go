package ingest

import (
	"fmt"
	"strings"
)

// srtScanLines bounds how far isSRT looks for a cue timing line.
const srtScanLines = 30

// isSRT reports an SRT cue timing line ("00:00:01,000 --> 00:00:02,000")
// near the top.
func isSRT(text string) bool {
	for i := 0; i < srtScanLines && text != ""; i++ {
		var ln string
		ln, text, _ = strings.Cut(text, "\n")
		if _, _, ok := parseTiming(strings.TrimSpace(ln)); ok {
			return true
		}
	}
	return false
}

// parseSRT parses SubRip: index numbers optional, comma or dot before the
// milliseconds, "Name:", "SPEAKER_00:" or "[SPEAKER_01]" speaker prefixes.
// Turn.Line is the cue's timing line.
func parseSRT(name string, data []byte) (*Document, error) {
	lines, err := splitLines(name, data)
	if err != nil {
		return nil, err
	}
	var cues []cue
	var payload []string
	var cur *cue
	skipped := 0
	flush := func() {
		if cur != nil {
			cur.segs = cueSegments(payload)
			cues = append(cues, *cur)
		}
		payload = nil
	}
	for i, l := range lines {
		s := strings.TrimSpace(l.text)
		if start, end, ok := parseTiming(s); ok {
			flush()
			cur = &cue{no: l.no, start: start, end: end}
			continue
		}
		if s == "" || (allASCIIDigits(s) && nextIsTiming(lines[i+1:])) {
			continue
		}
		if cur == nil {
			skipped++
			continue
		}
		payload = append(payload, s)
	}
	flush()
	if len(cues) == 0 {
		return nil, errorf(name, 1, "no SRT cue timing (00:00:01,000 --> 00:00:02,000) found")
	}
	turns, warn := cueTurns(cues)
	if skipped > 0 {
		warn = append(warn, fmt.Sprintf("skipped %d line(s) before the first cue", skipped))
	}
	return &Document{Turns: turns, Warnings: warn}, nil
}

// nextIsTiming reports whether the next non-blank line is a timing line,
// so that a bare number before it is the cue index.
func nextIsTiming(lines []srcLine) bool {
	for _, l := range lines {
		if s := strings.TrimSpace(l.text); s != "" {
			_, _, ok := parseTiming(s)
			return ok
		}
	}
	return false
}
