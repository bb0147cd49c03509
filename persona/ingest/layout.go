package ingest

import "strings"

// FormatQDPX is a source taken from a REFI-QDA project.
const FormatQDPX = "qdpx"

// ParseTurnLayout reads text laid out one turn to a paragraph, "Speaker:
// text", paragraphs separated by a blank line: the layout Verbatim writes
// its sources in when it exports a REFI-QDA project, read back turn for
// turn (no label guessing), so an exported study comes back with the same
// turns and quotes. roles gives a speaker's role where the project says it
// (its cases are the buyers); a paragraph without a label continues the
// turn before it.
//
// With survey set, each paragraph is a respondent's answer (the label is
// the respondent) and the Document a survey's.
func ParseTurnLayout(name, text string, roles map[string]string, survey bool) (*Document, error) {
	doc := &Document{Format: FormatQDPX}
	line := 1
	for _, para := range strings.Split(strings.TrimRight(text, "\n"), "\n\n") {
		start := line
		line += strings.Count(para, "\n") + 2
		label, body, ok := strings.Cut(para, ": ")
		if !ok || label == "" || len(label) > 200 || strings.Contains(label, "\n") {
			if n := len(doc.Turns); n > 0 && strings.TrimSpace(para) != "" {
				doc.Turns[n-1].Text += "\n\n" + para
			}
			continue
		}
		role := roles[label]
		if role == "" {
			role = roleOf(label)
		}
		doc.Turns = append(doc.Turns, Turn{Speaker: label, Role: role, StartMS: -1, EndMS: -1, Text: body, Line: start})
	}
	if len(doc.Turns) == 0 {
		return nil, errorf(name, 0, "no \"Speaker: text\" turns found")
	}
	if survey {
		doc.Format = FormatCSV
		for _, t := range doc.Turns {
			n := len(doc.Respondents)
			if n == 0 || doc.Respondents[n-1].ID != t.Speaker {
				doc.Respondents = append(doc.Respondents, Respondent{ID: t.Speaker, Row: t.Line})
				n++
			}
			doc.Respondents[n-1].Answers = append(doc.Respondents[n-1].Answers, Answer{Text: t.Text})
		}
		doc.Turns = nil
	}
	return doc, nil
}
