package codebook

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Example is one row of an examples file: a code's name and the text of a
// quote the researcher codes with it.
type Example struct {
	Line int
	Code string
	Text string
}

// exampleColumns are the examples file's column aliases (lower-cased,
// spaces and dashes as underscores): Taguette's highlights export has tag
// and content, a spreadsheet code and quote.
var exampleColumns = map[string]string{
	"name": "code", "tag": "code", "code": "code", "code_name": "code", "tag_name": "code",
	"quote": "text", "text": "text", "content": "text", "example": "text", "highlight": "text",
	"excerpt": "text", "segment": "text", "coded_text": "text",
}

// ReadExamplesCSV reads example quotes for codes: a header with a code
// column (code, tag or name) and a text column (quote, text, content,
// highlight, excerpt), other columns ignored, as Taguette's highlights
// export writes them. Separators and encodings as ReadCSV. Rows with an
// empty code or text are errors that name the line.
func ReadExamplesCSV(r io.Reader) ([]Example, error) {
	cr, header, idx, err := readHeader(r, "examples", "a code (or tag) and a quote (or text, content) column",
		func(h string) string { return exampleColumns[headerKey(h)] })
	if err != nil {
		return nil, err
	}
	ci, okC := idx["code"]
	ti, okT := idx["text"]
	if !okC || !okT {
		return nil, &LineError{1, fmt.Sprintf("need a code (or tag) column and a quote (or text, content) column; the header has: %s", strings.Join(header, ", "))}
	}
	var out []Example
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		get := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		ex := Example{Line: line, Code: get(ci), Text: get(ti)}
		switch {
		case ex.Code == "":
			return nil, &LineError{line, "the row has no code"}
		case ex.Text == "":
			return nil, &LineError{line, fmt.Sprintf("the row for code %q has no quote text", ex.Code)}
		}
		out = append(out, ex)
	}
	if len(out) == 0 {
		return nil, &LineError{1, "no examples after the header"}
	}
	return out, nil
}
