package ingest

import (
	"fmt"
	"strings"
)

// isVTT reports a "WEBVTT" header on the first line.
func isVTT(text string) bool {
	text = strings.TrimPrefix(text, "\uFEFF")
	if !strings.HasPrefix(text, "WEBVTT") {
		return false
	}
	rest := text[len("WEBVTT"):]
	return rest == "" || strings.ContainsRune(" \t\r\n", rune(rest[0]))
}

// parseVTT parses WebVTT: Zoom cues ("Name: text"), Teams voice tags
// (<v Name>text</v>), NOTE, STYLE and REGION blocks skipped, cue settings
// ignored, cues sorted by start time. Turn.Line is the cue's timing line.
func parseVTT(name string, data []byte) (*Document, error) {
	lines, err := splitLines(name, data)
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 || !isVTT(lines[0].text) {
		return nil, errorf(name, 1, `missing "WEBVTT" header on the first line`)
	}
	var cues []cue
	var warn []string
	for _, block := range vttBlocks(lines[1:]) {
		c, ok, err := vttCue(name, block)
		if err != nil {
			return nil, err
		}
		if !ok {
			warn = append(warn, fmt.Sprintf("line %d: skipped a block that is not a cue", block[0].no))
			continue
		}
		cues = append(cues, c)
	}
	turns, w := cueTurns(cues)
	return &Document{Turns: turns, Warnings: append(warn, w...)}, nil
}

// vttBlocks splits lines into blank-line separated blocks, dropping the
// rest of the header block and NOTE, STYLE and REGION blocks.
func vttBlocks(lines []srcLine) [][]srcLine {
	var blocks [][]srcLine
	var cur []srcLine
	header := true
	for _, l := range append(lines, srcLine{}) {
		if strings.TrimSpace(l.text) != "" {
			if header && strings.Contains(l.text, "-->") {
				header = false
			}
			if !header {
				cur = append(cur, l)
			}
			continue
		}
		header = false
		if len(cur) > 0 && !isVTTMeta(cur[0].text) {
			blocks = append(blocks, cur)
		}
		cur = nil
	}
	return blocks
}

func isVTTMeta(s string) bool {
	for _, kw := range []string{"NOTE", "STYLE", "REGION"} {
		if s == kw || strings.HasPrefix(s, kw+" ") || strings.HasPrefix(s, kw+"\t") {
			return true
		}
	}
	return false
}

// vttCue reads one block: an optional identifier line, the timing line,
// then the payload. ok is false for a block without timing.
func vttCue(name string, block []srcLine) (c cue, ok bool, err error) {
	ti := 0
	if !strings.Contains(block[0].text, "-->") {
		if len(block) < 2 || !strings.Contains(block[1].text, "-->") {
			return cue{}, false, nil
		}
		ti = 1
	}
	start, end, valid := parseTiming(block[ti].text)
	if !valid {
		return cue{}, false, errorf(name, block[ti].no, "bad cue timing %q", clip(block[ti].text))
	}
	payload := make([]string, 0, len(block)-ti-1)
	for _, l := range block[ti+1:] {
		payload = append(payload, l.text)
	}
	return cue{no: block[ti].no, start: start, end: end, segs: cueSegments(payload)}, true, nil
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	i := 60
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}
