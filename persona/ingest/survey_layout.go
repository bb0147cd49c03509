package ingest

import (
	"regexp"
	"strconv"
	"strings"
)

// Header layouts of the common survey tools:
//
//   - Qualtrics: three header rows — ids (QID1, Q1, StartDate), question
//     text, then ImportId JSON ({"ImportId":"QID1"}); the text row names
//     the columns and the JSON row is skipped.
//   - SurveyMonkey: two header rows — question text, then a sub-header
//     ("Response", "Open-Ended Response", or option names). A multi-select
//     question spans several columns: its text is only above the first, and
//     the sub-header names the options.
//   - Google Forms (Timestamp first), Typeform (#, Submit Date (UTC),
//     Network ID) and any other export: one header row.

// surveyHeader returns the columns and the number of header records.
func surveyHeader(recs []surveyRecord) ([]surveyColumn, int) {
	switch {
	case len(recs) >= 3 && isImportIDRow(recs[2].cells):
		return qualtricsColumns(recs[0].cells, recs[1].cells), 3
	case len(recs) >= 2 && isSubHeaderRow(recs[1].cells):
		return monkeyColumns(recs[0].cells, recs[1].cells), 2
	}
	return plainColumns(recs[0].cells), 1
}

// isImportIDRow reports Qualtrics' third header row: most non-empty cells
// are {"ImportId": ...} JSON.
func isImportIDRow(cells []string) bool {
	filled, json := 0, 0
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		filled++
		if strings.HasPrefix(c, `{"ImportId"`) {
			json++
		}
	}
	return json > 0 && json*2 >= filled
}

// isSubHeaderRow reports SurveyMonkey's second header row.
func isSubHeaderRow(cells []string) bool {
	for _, c := range cells {
		switch strings.ToLower(strings.TrimSpace(c)) {
		case "response", "open-ended response":
			return true
		}
	}
	return false
}

func plainColumns(header []string) []surveyColumn {
	cols := make([]surveyColumn, len(header))
	for i, h := range header {
		cols[i] = surveyColumn{title: columnTitle(h, i), src: []int{i}}
	}
	return cols
}

// columnTitle is the trimmed header, or "Column N" for a blank one.
func columnTitle(h string, i int) string {
	if h = strings.TrimSpace(h); h != "" {
		return h
	}
	return "Column " + strconv.Itoa(i+1)
}

func qualtricsColumns(ids, texts []string) []surveyColumn {
	cols := make([]surveyColumn, len(ids))
	for i, id := range ids {
		text := ""
		if i < len(texts) {
			text = texts[i]
		}
		if strings.TrimSpace(text) == "" {
			text = id
		}
		cols[i] = surveyColumn{title: columnTitle(text, i), id: strings.TrimSpace(id), src: []int{i}}
	}
	return cols
}

// monkeyColumns groups each question with the following columns that have
// a sub-header but no question text of their own.
func monkeyColumns(questions, subs []string) []surveyColumn {
	var cols []surveyColumn
	for i, q := range questions {
		sub := ""
		if i < len(subs) {
			sub = strings.TrimSpace(subs[i])
		}
		if strings.TrimSpace(q) == "" && sub != "" && len(cols) > 0 {
			last := &cols[len(cols)-1]
			last.src = append(last.src, i)
			last.subs = append(last.subs, sub)
			last.hint = kindUnknown
			continue
		}
		c := surveyColumn{title: columnTitle(q, i), src: []int{i}, subs: []string{sub}}
		switch strings.ToLower(sub) {
		case "open-ended response":
			c.hint = kindOpen
		case "response":
			c.hint = kindClosed
		}
		cols = append(cols, c)
	}
	return cols
}

// splitMatrix splits a grouped column whose cells hold more than one
// distinct value each (a SurveyMonkey matrix: one rating per row item) into
// one column per cell titled "Question - item". Groups whose cells each
// hold one option stay joined (multi-select) and are closed questions.
func splitMatrix(cols []surveyColumn, rows []surveyRecord) []surveyColumn {
	out := make([]surveyColumn, 0, len(cols))
	for _, c := range cols {
		if len(c.src) < 2 || isMultiSelect(c, rows) {
			if len(c.src) > 1 {
				c.hint = kindClosed
			}
			out = append(out, c)
			continue
		}
		for k, i := range c.src {
			title := c.title
			if sub := c.subs[k]; sub != "" && !strings.EqualFold(sub, "response") {
				title += " - " + sub
			}
			out = append(out, surveyColumn{title: title, src: []int{i}})
		}
	}
	return out
}

// isMultiSelect reports a group whose cells each hold at most one distinct
// value (the option's name); an "Other (please specify)" cell may vary.
func isMultiSelect(c surveyColumn, rows []surveyRecord) bool {
	for k, i := range c.src {
		if k < len(c.subs) && otherName.MatchString(normHeader(c.subs[k])) {
			continue
		}
		first := ""
		for _, r := range rows {
			v := cellAt(r, i)
			if v == "" {
				continue
			}
			if first == "" {
				first = v
			} else if v != first {
				return false
			}
		}
	}
	return true
}

var numberedSuffix = regexp.MustCompile(`[_ .-]+\d+$`)

// groupNumbered joins runs of adjacent columns named "Q4_1", "Q4_2", ...
// that each hold one option (multi-select exported one column per option)
// into one closed column "Q4". Other runs (a matrix) stay apart.
func groupNumbered(cols []surveyColumn, rows []surveyRecord) []surveyColumn {
	out := make([]surveyColumn, 0, len(cols))
	for i := 0; i < len(cols); {
		key := numberedKey(cols[i])
		j := i + 1
		for key != "" && j < len(cols) && numberedKey(cols[j]) == key {
			j++
		}
		g := surveyColumn{title: groupTitle(cols[i], key), id: key, src: sources(cols[i:j]), hint: kindClosed}
		if j-i > 1 && isMultiSelect(g, rows) {
			out = append(out, g)
		} else {
			out = append(out, cols[i:j]...)
		}
		i = j
	}
	return out
}

func numberedKey(c surveyColumn) string {
	name := c.id
	if name == "" {
		name = c.title
	}
	if len(c.src) != 1 || c.hint != kindUnknown || !numberedSuffix.MatchString(name) {
		return ""
	}
	return numberedSuffix.ReplaceAllString(name, "")
}

// groupTitle is the key for one-row headers; for Qualtrics it is the
// question text before " - option".
func groupTitle(first surveyColumn, key string) string {
	if first.id == "" {
		return key
	}
	if i := strings.LastIndex(first.title, " - "); i > 0 {
		return first.title[:i]
	}
	return key
}

func sources(cols []surveyColumn) []int {
	var src []int
	for _, c := range cols {
		src = append(src, c.src...)
	}
	return src
}
