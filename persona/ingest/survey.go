package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Survey exports (CSV and XLSX) share this pipeline: find the header layout
// (survey_layout.go), classify every column by its header and its values,
// then turn each data row into a Respondent.
//
// Column classification, in order:
//
//  1. empty columns are dropped;
//  2. a layout hint wins (SurveyMonkey's "Open-Ended Response" sub-header
//     marks an open question, "Response" a closed one);
//  3. metadata by header name: the respondent id ("Respondent ID",
//     "ResponseId", "participant_id", Typeform's "#") becomes Respondent.ID;
//     the submission time ("Timestamp", "Submit Date (UTC)", "End Date",
//     "RecordedDate", "..._completed_...") becomes the attribute
//     "Submitted"; other tool metadata (IP address, e-mail, names, start
//     dates, durations, Progress, Finished, Status, Network ID, any short
//     "... id" header) is dropped;
//  4. metadata by content: date-times, and columns of distinct single-token
//     values on every row (tokens, and numbers only when they run 1..N)
//     once there are enough rows to tell, are dropped;
//  5. open-ended: text (not numbers or dates) averaging at least 25
//     characters, not a few values repeated (see closedValues), nor lists
//     of a few options (Google Forms checkboxes: "Jira, Notion"), nor
//     answers or list items most of which repeat another respondent's word
//     for word (repeatedChoices: a long option list, write-ins aside), answered
//     by at least 10% of respondents, and not an "Other (please specify)"
//     follow-up; its values become Answers;
//  6. everything else is closed (choices, ratings, numbers such as age or
//     scores, sparse follow-ups) and becomes a participant attribute.
//
// Values are trimmed of surrounding white space and otherwise kept verbatim:
// cells such as "=SUM(A1)" stay data (exports escape them later).

// surveyRecord is one row of a survey file with its 1-based line (CSV) or
// sheet row (XLSX).
type surveyRecord struct {
	line  int
	cells []string
}

// colKind is what a column's values become.
type colKind int

const (
	kindUnknown   colKind = iota
	kindSkip              // empty, or metadata not worth keeping
	kindID                // Respondent.ID
	kindSubmitted         // attribute "Submitted"
	kindClosed            // attribute (column title -> value)
	kindOpen              // Answer
)

// submittedKey is the attribute holding the submission time.
const submittedKey = "Submitted"

// minOpenLen is the least average length, in characters, of an open-ended
// answer; closed answers and labels are shorter.
const minOpenLen = 25

// surveyColumn is one logical column: usually one cell per record, several
// for a multi-select question spread over columns (values joined by "; ").
type surveyColumn struct {
	title string   // question text or header; the attribute key
	id    string   // short id when the layout has one (Qualtrics' first row)
	src   []int    // cell indexes
	subs  []string // SurveyMonkey sub-header of each cell
	hint  colKind  // set by the layout, else kindUnknown
	kind  colKind
}

func (c *surveyColumn) value(r surveyRecord) string {
	if len(c.src) == 1 {
		return cellAt(r, c.src[0])
	}
	var parts []string
	for _, i := range c.src {
		if v := cellAt(r, i); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, "; ")
}

func cellAt(r surveyRecord, i int) string {
	if i < len(r.cells) {
		return strings.TrimSpace(r.cells[i])
	}
	return ""
}

// surveyDocument fills doc from the records of one file or sheet.
func surveyDocument(name string, recs []surveyRecord, doc *Document) error {
	clearSpreadsheetErrors(recs)
	recs = dropBlankRecords(recs)
	if len(recs) == 0 {
		return errorf(name, 0, "no header row")
	}
	cols, n := surveyHeader(recs)
	rows := recs[n:]
	if len(rows) == 0 {
		return errorf(name, recs[n-1].line, "no responses: the file has only header rows")
	}
	cols = splitMatrix(cols, rows)
	cols = groupNumbered(cols, rows)
	uniqueTitles(cols)
	classifyColumns(cols, rows)
	doc.Respondents = respondents(cols, rows)
	for _, c := range cols {
		if c.kind == kindOpen {
			doc.Questions = append(doc.Questions, c.title)
		}
	}
	return nil
}

// spreadsheetErrors are the error values Excel, Google Sheets and
// LibreOffice write into a cell whose formula failed ("#NAME?" when an
// answer beginning with "=" or "+" was read as a formula). They are no
// one's words: such a cell is empty.
var spreadsheetErrors = map[string]bool{
	"#NAME?": true, "#VALUE!": true, "#REF!": true, "#DIV/0!": true, "#N/A": true,
	"#NUM!": true, "#NULL!": true, "#ERROR!": true, "#SPILL!": true, "#CALC!": true,
}

// clearSpreadsheetErrors empties the cells that hold a spreadsheet error
// value.
func clearSpreadsheetErrors(recs []surveyRecord) {
	for _, r := range recs {
		for i, c := range r.cells {
			if len(c) > 0 && spreadsheetErrors[strings.ToUpper(strings.TrimSpace(c))] {
				r.cells[i] = ""
			}
		}
	}
}

func dropBlankRecords(recs []surveyRecord) []surveyRecord {
	out := recs[:0:0]
	for _, r := range recs {
		for _, c := range r.cells {
			if strings.TrimSpace(c) != "" {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// uniqueTitles makes titles distinct ("Other", "Other (2)") so that no
// attribute overwrites another.
func uniqueTitles(cols []surveyColumn) {
	used := map[string]bool{submittedKey: true}
	for i := range cols {
		t := cols[i].title
		for k := 2; used[t]; k++ {
			t = fmt.Sprintf("%s (%d)", cols[i].title, k)
		}
		used[t] = true
		cols[i].title = t
	}
}

func respondents(cols []surveyColumn, rows []surveyRecord) []Respondent {
	attrs := 0
	for _, c := range cols {
		if c.kind == kindClosed || c.kind == kindSubmitted {
			attrs++
		}
	}
	out := make([]Respondent, 0, len(rows))
	for _, r := range rows {
		resp := Respondent{Row: r.line, Attributes: make(map[string]string, min(attrs, 64))}
		for i := range cols {
			c := &cols[i]
			v := c.value(r)
			if v == "" {
				continue
			}
			switch c.kind {
			case kindID:
				resp.ID = v
			case kindSubmitted:
				resp.Attributes[submittedKey] = v
			case kindClosed:
				resp.Attributes[c.title] = v
			case kindOpen:
				resp.Answers = append(resp.Answers, Answer{Question: c.title, Text: v})
			}
		}
		if resp.ID == "" {
			resp.ID = "row " + strconv.Itoa(r.line)
		}
		out = append(out, resp)
	}
	return out
}

// colStats summarises a column's non-empty values.
type colStats struct {
	filled, distinct int
	avgLen           float64 // in characters
	numeric          bool    // every value is a number
	times            bool    // every value is a date with a time of day
	dates            bool    // every value is a date (with or without time)
	tokens           bool    // no value contains white space
	lo, hi           int64   // range of the values when all are integers
	ints             bool    // every value is an integer
}

// isSerial reports a running number 1..N or N..M: distinct consecutive
// integers.
func (st colStats) isSerial() bool {
	return st.ints && st.distinct == st.filled && st.hi-st.lo == int64(st.filled-1)
}

func columnStats(c *surveyColumn, rows []surveyRecord) colStats {
	st := colStats{numeric: true, times: true, dates: true, tokens: true, ints: true}
	seen := map[string]bool{}
	total := 0
	for _, r := range rows {
		v := c.value(r)
		if v == "" {
			continue
		}
		st.filled++
		seen[v] = true
		total += utf8.RuneCountInString(v)
		st.numeric = st.numeric && isNumber(v)
		d, t := dateKind(v)
		st.dates = st.dates && d
		st.times = st.times && t
		st.tokens = st.tokens && !strings.ContainsAny(v, " \t\r\n")
		st.addInt(v)
	}
	st.distinct = len(seen)
	if st.filled > 0 {
		st.avgLen = float64(total) / float64(st.filled)
	}
	return st
}

func (st *colStats) addInt(v string) {
	if !st.ints {
		return
	}
	n, err := strconv.ParseInt(v, 10, 64)
	switch {
	case err != nil:
		st.ints = false
	case st.filled == 1:
		st.lo, st.hi = n, n
	default:
		st.lo, st.hi = min(st.lo, n), max(st.hi, n)
	}
}

func isNumber(v string) bool {
	_, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
	return err == nil
}

// classifyColumns sets every column's kind; the first id and submission
// columns win, later ones are dropped.
func classifyColumns(cols []surveyColumn, rows []surveyRecord) {
	haveID, haveSubmitted := false, false
	for i := range cols {
		c := &cols[i]
		c.kind = classifyColumn(c, columnStats(c, rows), rows)
		switch {
		case c.kind == kindID && haveID, c.kind == kindSubmitted && haveSubmitted:
			c.kind = kindSkip
		case c.kind == kindID:
			haveID = true
		case c.kind == kindSubmitted:
			haveSubmitted = true
		}
	}
}

func classifyColumn(c *surveyColumn, st colStats, recs []surveyRecord) colKind {
	rows := len(recs)
	if st.filled == 0 {
		return kindSkip
	}
	if c.hint != kindUnknown {
		return c.hint
	}
	if k := metadataByName(c, st, rows); k != kindUnknown {
		return k
	}
	switch {
	case st.times:
		return kindSkip
	case rows >= 10 && st.filled == rows && st.distinct == rows && st.tokens && (!st.numeric || st.isSerial()):
		return kindSkip // serial numbers, tokens
	case isOpenEnded(c, st, rows) && !isOptionList(c, recs) && !repeatedChoices(c, recs):
		return kindOpen
	}
	return kindClosed
}

// closedValues reports a column of a few values repeated: at most
// max(12, 5% of the answers) distinct values, each used twice on average.
func closedValues(st colStats) bool {
	few := st.distinct <= max(12, st.filled/20)
	return few && st.distinct*2 <= st.filled
}

func isOpenEnded(c *surveyColumn, st colStats, rows int) bool {
	return !st.numeric && !st.dates && st.avgLen >= minOpenLen &&
		!closedValues(st) && st.filled*10 >= rows && !isOtherFollowUp(c)
}

// isOptionList reports values that are lists ("A, B", "A;B") of a few
// options used again and again: a multi-select question in one column.
func isOptionList(c *surveyColumn, rows []surveyRecord) bool {
	seen := map[string]bool{}
	parts := 0
	for _, r := range rows {
		for _, p := range strings.FieldsFunc(c.value(r), isListSeparator) {
			if p = strings.TrimSpace(p); p != "" {
				seen[p] = true
				parts++
			}
		}
	}
	return closedValues(colStats{filled: parts, distinct: len(seen)})
}

func isListSeparator(r rune) bool { return r == ',' || r == ';' }
