package ingest

import "strings"

// Closed questions told from their values. Free text is almost never
// written twice word for word; picked options are. A column whose answers
// (or, for a multi-select exported into one cell, whose list items) mostly
// repeat another respondent's answer exactly is a closed question, however
// many options it has and whatever its header says: a long single choice
// ("Head of Finance Operations", 20 roles), a checklist with write-ins
// ("WhatsApp, Telegram, Other: Signal"), a labelled scale ("4 - Agree").

// minRepeatRows is the fewest answers from which repetition is judged.
const minRepeatRows = 10

// repeatedChoices reports a column most of whose answers, or most of whose
// list items, are given word for word by another respondent too. Answers
// that say there is nothing to say ("N/A", "No", "None") are left out: an
// open question often gets many of them.
func repeatedChoices(c *surveyColumn, rows []surveyRecord) bool {
	var values []string
	for _, r := range rows {
		if v := normChoice(c.value(r)); v != "" && !emptyAnswers[v] {
			values = append(values, v)
		}
	}
	if len(values) < minRepeatRows {
		return false
	}
	if mostlyRepeated(values) {
		return true
	}
	var items []string
	lists, words := 0, 0
	for _, v := range values {
		parts := strings.FieldsFunc(v, isListSeparator)
		if len(parts) > 1 {
			lists++
		}
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				items = append(items, p)
				words += len(strings.Fields(p))
			}
		}
	}
	// A checklist: lists on a good share of the rows, of short items
	// (options are names, not clauses), mostly repeated.
	return 4*lists >= len(values) && words <= maxOptionWords*len(items) && mostlyRepeated(items)
}

// maxOptionWords is the most words a checklist's options average; the
// clauses of a sentence split at its commas are longer.
const maxOptionWords = 4

// mostlyRepeated reports whether more than half of vs occur at least twice.
func mostlyRepeated(vs []string) bool {
	count := map[string]int{}
	for _, v := range vs {
		count[v]++
	}
	rep := 0
	for _, v := range vs {
		if count[v] > 1 {
			rep++
		}
	}
	return 2*rep > len(vs)
}

// normChoice lower-cases an answer, folds its white space and drops
// trailing punctuation.
func normChoice(v string) string {
	return strings.TrimRight(strings.Join(strings.Fields(strings.ToLower(v)), " "), ".!")
}

// emptyAnswers say there is nothing to say.
var emptyAnswers = map[string]bool{
	"n/a": true, "na": true, "none": true, "no": true, "nothing": true, "nil": true, "-": true, "no comment": true,
	"no comments": true, "not applicable": true, "idk": true, "i don't know": true, "not sure": true, "nope": true,
}
