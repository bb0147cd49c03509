package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffRecords is how many records delimiter sniffing reads.
const sniffRecords = 20

// delimiters are the field separators sniffing chooses from.
var delimiters = []rune{',', ';', '\t', '|'}

// parseCSV reads a delimited survey export (comma, semicolon, tab or pipe;
// UTF-8, UTF-16 with a BOM, or Windows-1252).
func parseCSV(name string, data []byte) (*Document, error) {
	text, warnings, err := decodeSurvey(name, data)
	if err != nil {
		return nil, err
	}
	recs, err := readRecords(name, text, sniffDelimiter(text).comma)
	if err != nil {
		return nil, err
	}
	if len(recs) > 0 {
		if w := fixRagged(recs); w != "" {
			warnings = append(warnings, w)
		}
	}
	doc := &Document{Format: FormatCSV, Warnings: warnings}
	if err := surveyDocument(name, recs, doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// decodeSurvey returns data as UTF-8 text without a BOM. UTF-16 needs a
// BOM; data that is not valid UTF-8 is read as Windows-1252, with a
// warning, unless it looks like binary.
func decodeSurvey(name string, data []byte) (string, []string, error) {
	var warnings []string
	switch {
	case isUTF16(data):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", nil, &Error{File: name, Msg: "invalid UTF-16", Err: err}
		}
		data = out
	case !utf8.Valid(data):
		if highBytes(data)*4 > len(data) {
			return "", nil, &Error{File: name, Msg: "binary or garbled content is not a survey export", Err: ErrUnsupported}
		}
		out, _, err := transform.Bytes(charmap.Windows1252.NewDecoder(), data)
		if err != nil {
			return "", nil, &Error{File: name, Msg: "cannot decode as Windows-1252", Err: err}
		}
		data = out
		warnings = append(warnings, "the file is not valid UTF-8; it was read as Windows-1252")
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if looksBinary(data) {
		return "", nil, &Error{File: name, Msg: "binary content is not a survey export", Err: ErrUnsupported}
	}
	return string(data), warnings, nil
}

func highBytes(data []byte) int {
	n := 0
	for _, b := range data {
		if b >= 0x80 {
			n++
		}
	}
	return n
}

// sniffed is one delimiter's result over the first records.
type sniffed struct {
	comma   rune
	fields  int     // most common field count
	records int     // records read
	share   float64 // share of records with that count
}

// sniffDelimiter picks the delimiter whose field counts over the first
// records, read honouring quotes, are the most consistent; ties go to more
// fields. It returns a comma with fields 0 when none splits the records.
func sniffDelimiter(text string) sniffed {
	best := sniffed{comma: ','}
	for _, d := range delimiters {
		s := sniffWith(text, d)
		if s.fields < 2 {
			continue
		}
		if s.share > best.share || (s.share == best.share && s.fields > best.fields) {
			best = s
		}
	}
	return best
}

func sniffWith(text string, comma rune) sniffed {
	r := newCSVReader(text, comma)
	counts := map[int]int{}
	n := 0
	for n < sniffRecords {
		rec, err := r.Read()
		if err != nil {
			break
		}
		counts[len(rec)]++
		n++
	}
	s := sniffed{comma: comma, records: n}
	top := 0
	for f, k := range counts {
		if k > top || (k == top && f > s.fields) {
			s.fields, top = f, k
		}
	}
	if n > 0 {
		s.share = float64(top) / float64(n)
	}
	return s
}

// isDelimited reports text that reads as a table: at least two records
// with the same number (at least 2) of delimited fields in 90% of them. Two
// fields a record is weak evidence (prose has commas too), so it needs five
// records.
func isDelimited(text string) bool {
	s := sniffDelimiter(text)
	return s.fields >= 2 && s.records >= 2 && s.share >= 0.9 && (s.fields >= 3 || s.records >= 5)
}

func newCSVReader(text string, comma rune) *csv.Reader {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = comma
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	return r
}

// readRecords reads every record with its starting line.
func readRecords(name, text string, comma rune) ([]surveyRecord, error) {
	r := newCSVReader(text, comma)
	var recs []surveyRecord
	for {
		cells, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line, err = pe.StartLine, pe.Err
			}
			return nil, &Error{File: name, Line: line, Msg: "malformed CSV", Err: err}
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, surveyRecord{line: line, cells: cells})
	}
}

// fixRagged pads short records and truncates long ones to the first
// record's width, and returns a warning naming the first lines it changed.
func fixRagged(recs []surveyRecord) string {
	width := len(recs[0].cells)
	var lines []string
	for i := range recs {
		c := recs[i].cells
		if len(c) == width {
			continue
		}
		lines = append(lines, strconv.Itoa(recs[i].line))
		if len(c) > width {
			recs[i].cells = c[:width]
		} else {
			recs[i].cells = append(c, make([]string, width-len(c))...)
		}
	}
	if len(lines) == 0 {
		return ""
	}
	n := len(lines)
	if n > 5 {
		lines = append(lines[:5], "...")
	}
	return fmt.Sprintf("%d rows do not have the header's %d fields (lines %s); short rows were padded with empty cells and extra cells dropped",
		n, width, strings.Join(lines, ", "))
}
