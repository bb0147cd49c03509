package ingest

import (
	"regexp"
	"strings"
)

// Markdown transcripts: Word transcripts converted by pandoc (or exported
// by ATLAS.ti) put the speaker in bold on its own line ending in a hard
// break ("**Interviewer**\" then the turn on the next line), notes apps
// write "**Name:** text", and tables hold a speaker column. markdownLines
// rewrites those lines so the label parser reads them; the markup left in
// the speech is stripped at Build by cleanMarkup.

var (
	mdHeadingRE = regexp.MustCompile(`^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$`)
	mdListRE    = regexp.MustCompile(`^\s{0,3}([-*+]|\d{1,3}[.)])\s+`)
	// mdEmphRE is a line that is all bold or all italic: "**How?**",
	// "*How?*", "__How?__", "***How?***", maybe followed by ":".
	// boldStampRE is a bold label followed by its time: "**Jane** (00:01:02)".
	boldStampRE = regexp.MustCompile(`^(\*{2,3}[^*]+\*{2,3}:?)\s*[\[(]?(\d{1,2}:\d{2}(?::\d{2})?)[\])]?$`)
	mdEmphRE    = regexp.MustCompile(`^(\*{1,3}|_{1,3})([^*_\s](?:.*?[^*_\s])?)(\*{1,3}|_{1,3}):?$`)
)

// markdownLines drops hard breaks and block-quote markers and turns the
// rows of a table with a speaker column into "Speaker: text" lines.
func markdownLines(lines []srcLine) []srcLine {
	out := make([]srcLine, len(lines))
	for i, l := range lines {
		s := strings.TrimRight(l.text, " \t")
		if strings.HasSuffix(s, `\`) && !strings.HasSuffix(s, `\\`) {
			s = strings.TrimRight(s[:len(s)-1], " \t") // a hard break
		}
		s = strings.TrimLeft(quoteRE.ReplaceAllString(s, ""), " \t")
		if m := mdListRE.FindString(s); m != "" && (strings.HasPrefix(s[len(m):], "**") || strings.HasPrefix(s[len(m):], "__")) {
			s = s[len(m):] // "- **Name:** text"
		}
		if m := boldStampRE.FindStringSubmatch(s); m != nil {
			s = "[" + m[2] + "] " + m[1] // "**Name** (00:01:02)" -> "[00:01:02] **Name**"
		}
		out[i] = srcLine{no: l.no, text: s}
	}
	for i := 0; i < len(out); {
		j := i
		for j < len(out) && isTableRow(out[j].text) {
			j++
		}
		if j == i {
			i++
			continue
		}
		speakerTable(out[i:j])
		i = j
	}
	return out
}

func isTableRow(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) >= 2 && s[0] == '|' && s[len(s)-1] == '|'
}

func tableCells(s string) []string {
	s = strings.ReplaceAll(strings.TrimSpace(s), `\|`, "\x00") // an escaped pipe
	cells := strings.Split(s[1:len(s)-1], "|")
	for i := range cells {
		cells[i] = strings.ReplaceAll(strings.TrimSpace(cells[i]), "\x00", `\|`)
	}
	return cells
}

// speakerHeaders head a table's speaker column.
var speakerHeaders = map[string]bool{"speaker": true, "speaker name": true, "who": true, "name": true}

// speakerTable rewrites a table block in place when it is a transcript: a
// speaker column (optionally after a time column) whose values recur or
// declare a role, and a text column. Other tables are left as they are.
func speakerTable(rows []srcLine) {
	type row struct {
		i           int
		stamp, name string
		text        string
	}
	var data []row
	counts := map[string]int{}
	speakerHeader := false
	for i, r := range rows {
		if tableSepRE.MatchString(r.text) {
			continue
		}
		if i+1 < len(rows) && tableSepRE.MatchString(rows[i+1].text) {
			for _, c := range tableCells(r.text) {
				speakerHeader = speakerHeader || speakerHeaders[strings.ToLower(strings.Trim(c, "*_ "))]
			}
			continue // the header
		}
		cells := tableCells(r.text)
		stamp := ""
		if len(cells) >= 3 {
			if _, ok := parseClock(strings.Trim(cells[0], "[]()")); ok {
				stamp, cells = cells[0], cells[1:]
			}
		}
		if len(cells) < 2 {
			return
		}
		name := strings.TrimSpace(strings.Trim(cells[0], "*_"))
		if !labelShaped(name, true) {
			return
		}
		counts[speakerKey(name)]++
		data = append(data, row{i: i, stamp: stamp, name: name, text: strings.Join(cells[1:], " ")})
	}
	if len(data) < 2 {
		return
	}
	// A speaker column: headed so, or its names recur (two rows a name on
	// average); a summary table has one row per participant.
	if !speakerHeader && len(counts)*2 > len(data) {
		return
	}
	for _, d := range data {
		if counts[speakerKey(d.name)] < 2 && roleOf(d.name) == "" {
			return
		}
	}
	for i := range rows {
		rows[i].text = ""
	}
	for _, d := range data {
		s := d.name + ": " + d.text
		if d.stamp != "" {
			s = "[" + strings.Trim(d.stamp, "[]()") + "] " + s
		}
		rows[d.i].text = s
	}
}

// emphasized returns the words of a line that is all bold or italic (after
// a list marker), as questions in Q&A notes are written.
func emphasized(s string) (string, bool) {
	s = strings.TrimSpace(mdListRE.ReplaceAllString(s, ""))
	m := mdEmphRE.FindStringSubmatch(s)
	if m == nil || len(m[1]) != len(m[3]) || m[1][0] != m[3][0] {
		return "", false
	}
	inner := m[2]
	if strings.Contains(inner, m[1]) { // "**a** and **b**": two spans
		return "", false
	}
	return inner, true
}

// heading returns the words of a Markdown heading line.
func heading(s string) (string, bool) {
	m := mdHeadingRE.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return m[1], true
}
