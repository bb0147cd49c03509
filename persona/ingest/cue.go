package ingest

import (
	"fmt"
	"html"
	"regexp"
	"sort"
	"strings"
)

// Timed cues shared by WebVTT and SRT: timing lines, voice tags, speaker
// prefixes, and turning cues into turns. Caption lines are line-wrapped
// speech, so they are joined with a space (text documents keep "\n").

// cue is one timed caption; no is the line of its timing line.
type cue struct {
	no         int
	start, end int64
	segs       []cueSeg
}

// cueSeg is one speaker's part of a cue. A speaker taken from a "Name:"
// prefix is provisional (prefixed) until the name recurs in the file.
type cueSeg struct {
	speaker  string
	text     string
	raw      string // the text with its prefix, should the prefix not be a name
	prefixed bool
	more     []string // continuation lines, joined by nonEmptySegs
}

// parseTiming reads "00:00:01.000 --> 00:00:02.500 align:start".
func parseTiming(s string) (start, end int64, ok bool) {
	left, right, found := strings.Cut(s, "-->")
	if !found {
		return 0, 0, false
	}
	fields := strings.Fields(right)
	if len(fields) == 0 {
		return 0, 0, false
	}
	start, ok1 := parseClock(strings.TrimSpace(left))
	end, ok2 := parseClock(fields[0])
	return start, end, ok1 && ok2
}

var (
	bracketLabelRE = regexp.MustCompile(`^\[([^\]]{1,40})\]\s*:?\s*(.*)$`)
	assTagRE       = regexp.MustCompile(`\{\\[^}]*\}`)
)

// cueSegments splits a cue's payload into speaker segments: WebVTT voice
// tags (<v Name>, closed or not), else "Name:", "[SPEAKER_01]" prefixes at
// the start of a line. Other tags are dropped and entities decoded.
func cueSegments(payload []string) []cueSeg {
	var segs []cueSeg
	for _, ch := range voiceChunks(assTagRE.ReplaceAllString(strings.Join(payload, "\n"), "")) {
		if ch.voiced {
			segs = append(segs, cueSeg{speaker: ch.voice, text: cleanCueText(ch.text)})
			continue
		}
		open := false
		for _, ln := range strings.Split(ch.text, "\n") {
			if s, ok := prefixSeg(ln); ok {
				segs, open = append(segs, s), true
				continue
			}
			if !open {
				segs, open = append(segs, cueSeg{}), true
			}
			appendSeg(&segs[len(segs)-1], cleanCueText(ln))
		}
	}
	return nonEmptySegs(segs)
}

// voiceChunk is payload text inside one <v> voice span, or outside any.
type voiceChunk struct {
	voice  string
	voiced bool
	text   string
}

// voiceChunks cuts text at <v Name> and </v>, dropping every other tag.
// A voice without </v> lasts until the next voice or the cue's end.
func voiceChunks(text string) []voiceChunk {
	var out []voiceChunk
	var cur voiceChunk
	var b strings.Builder
	emit := func(next voiceChunk) {
		cur.text = b.String()
		out = append(out, cur)
		b.Reset()
		cur = next
	}
	for text != "" {
		i := strings.IndexByte(text, '<')
		j := strings.IndexByte(text[max(i, 0):], '>')
		if i < 0 || j < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:i])
		tag := text[i+1 : i+j]
		text = text[i+j+1:]
		switch {
		case tag == "v" || strings.HasPrefix(tag, "v ") || strings.HasPrefix(tag, "v."):
			_, who, _ := strings.Cut(tag, " ")
			emit(voiceChunk{voice: strings.TrimSpace(html.UnescapeString(who)), voiced: true})
		case tag == "/v":
			emit(voiceChunk{})
		}
	}
	emit(voiceChunk{})
	return out
}

// prefixSeg reads a line that starts with a speaker prefix.
func prefixSeg(ln string) (cueSeg, bool) {
	s := strings.TrimSpace(ln)
	s = strings.TrimSpace(strings.TrimPrefix(s, "- "))
	if m := bracketLabelRE.FindStringSubmatch(s); m != nil && labelShaped(m[1], false) {
		return cueSeg{speaker: m[1], text: cleanCueText(m[2]), raw: cleanCueText(s), prefixed: true}, true
	}
	label, rest, ok := splitLabel(html.UnescapeString(s), false)
	if !ok {
		return cueSeg{}, false
	}
	return cueSeg{speaker: label, text: cleanCueText(rest), raw: cleanCueText(s), prefixed: true}, true
}

func cleanCueText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

func appendSeg(s *cueSeg, text string) {
	if text != "" {
		s.more = append(s.more, text)
	}
}

// nonEmptySegs joins each segment's lines and drops empty segments.
func nonEmptySegs(segs []cueSeg) []cueSeg {
	out := segs[:0]
	for _, s := range segs {
		if len(s.more) > 0 {
			more := strings.Join(s.more, " ")
			s.text = strings.TrimSpace(s.text + " " + more)
			s.raw = strings.TrimSpace(s.raw + " " + more)
			s.more = nil
		}
		if s.raw == "" {
			s.raw = s.text
		}
		if s.raw != "" {
			out = append(out, s)
		}
	}
	return out
}

// cueTurns sorts cues by start time (stable), confirms prefix speakers
// that recur or declare a role, and merges consecutive cues of one
// speaker into a turn (start of the first, end of the last).
func cueTurns(cues []cue) ([]Turn, []string) {
	sort.SliceStable(cues, func(i, j int) bool { return cues[i].start < cues[j].start })
	counts := map[string]int{}
	for _, c := range cues {
		for _, s := range c.segs {
			if s.prefixed {
				counts[speakerKey(s.speaker)]++
			}
		}
	}
	names := map[string]string{}
	b := turnBuilder{sep: " "}
	unknown := 0
	for _, c := range cues {
		for _, s := range c.segs {
			if s.prefixed && counts[speakerKey(s.speaker)] < 2 && roleOf(s.speaker) == "" {
				s.speaker, s.text = "", s.raw
			}
			if s.speaker == "" {
				s.speaker = unknownSpeaker
				unknown++
			}
			key := speakerKey(s.speaker)
			if _, ok := names[key]; !ok {
				names[key] = s.speaker
			}
			sp := names[key]
			b.add(Turn{Speaker: sp, Role: roleOf(sp), StartMS: c.start, EndMS: c.end, Text: s.text, Line: c.no})
		}
	}
	var warn []string
	if unknown > 0 {
		warn = append(warn, fmt.Sprintf("%d cue part(s) name no speaker; attributed to %q", unknown, unknownSpeaker))
	}
	return b.done(), warn
}
