package ingest

import (
	"regexp"
	"strings"
)

// Markdown in speech. Transcripts pasted from notes apps and exports of
// AI-led interviews carry Markdown: **bold**, _italics_, [links](url),
// escaped \# and table pipes. Build strips it from each turn's text before
// the turn is stored, so quotes (exact substrings of their turn), search
// and the labels derived from quotes never see it, and the source view
// shows the words as they were said. The raw file is not stored (only its
// checksum), so nothing else needs to agree with the original bytes.
//
// The rules are conservative: a marker is removed only where it is Markdown
// (paired emphasis around words, a bracketed link, a backslash before
// punctuation, a table row, a rule line); "snake_case", "5 * 3", "C#" and
// prices stay.

var (
	imageRE    = regexp.MustCompile(`!\[([^\]\n]*)\]\([^)\s]*\)`)
	linkRE     = regexp.MustCompile(`\[([^\]\n]+)\]\((https?://|mailto:|/|#|www\.)[^)\s]*\)`)
	escapeRE   = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|>~])`)
	strongRE   = regexp.MustCompile(`(\*\*\*?|__)(\S(?:[^\n]*?\S)?)(\*\*\*?|__)`)
	emStarRE   = regexp.MustCompile(`(^|[\s(\["'“])\*(\S(?:[^*\n]*?\S)?)\*($|[\s)\]"'”.,;:!?…])`)
	emUnderRE  = regexp.MustCompile(`(^|[\s(\["'“])_(\S(?:[^_\n]*?\S)?)_($|[\s)\]"'”.,;:!?…])`)
	codeRE     = regexp.MustCompile("`([^`\n]+)`")
	ruleLineRE = regexp.MustCompile(`^\s*([-*_=]\s*){3,}$`)
	tableSepRE = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)
	headingRE2 = regexp.MustCompile(`^\s{0,3}#{1,6}\s+`)
	quoteRE    = regexp.MustCompile(`^\s{0,3}(>\s?)+`)
	bulletRE   = regexp.MustCompile(`^\s{0,3}([-*+]|\d{1,3}[.)])\s+`)
	htmlTagRE  = regexp.MustCompile(`</?(b|i|u|em|strong|br|p|span|font|mark|s|del|sup|sub)\b[^>]*>`)
)

// cleanMarkup returns text without Markdown markup, line by line.
func cleanMarkup(text string) string {
	if !mayHaveMarkup(text) {
		return text
	}
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		if ruleLineRE.MatchString(l) || tableSepRE.MatchString(l) && strings.Contains(l, "|") {
			continue
		}
		if l = cleanLine(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func cleanLine(l string) string {
	l = headingRE2.ReplaceAllString(l, "")
	l = quoteRE.ReplaceAllString(l, "")
	l = bulletRE.ReplaceAllString(l, "")
	l = tableRow(l)
	l = imageRE.ReplaceAllString(l, "$1")
	l = linkRE.ReplaceAllString(l, "$1")
	l = htmlTagRE.ReplaceAllString(l, "")
	l = codeRE.ReplaceAllString(l, "$1")
	for i := 0; i < 2; i++ { // ***both*** and nested **_x_**
		l = strongRE.ReplaceAllString(l, "$2")
		l = emStarRE.ReplaceAllString(l, "$1$2$3")
		l = emUnderRE.ReplaceAllString(l, "$1$2$3")
	}
	l = strings.ReplaceAll(l, "**", "")
	l = escapeRE.ReplaceAllString(l, "$1")
	return strings.TrimSpace(l)
}

// tableRow turns "| We use Excel | every week |" into its cells' words.
func tableRow(l string) string {
	t := strings.TrimSpace(l)
	if len(t) < 2 || t[0] != '|' || t[len(t)-1] != '|' {
		return l
	}
	var cells []string
	for _, c := range strings.Split(t[1:len(t)-1], "|") {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	return strings.Join(cells, " ")
}

// mayHaveMarkup is a cheap test that spares most speech the expressions:
// markers, or a line starting like a list item, quote or rule.
func mayHaveMarkup(text string) bool {
	if strings.ContainsAny(text, "*_[\\|`#<") || strings.Contains(text, "---") || strings.Contains(text, "===") {
		return true
	}
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimLeft(l, " ")
		if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "+ ") || strings.HasPrefix(l, ">") || bulletRE.MatchString(l) {
			return true
		}
	}
	return false
}
