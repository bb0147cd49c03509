// Package codebook reads and writes codebooks in the formats qualitative
// researchers exchange them in: CSV (as Taguette writes it: a name, tag or
// path column and an optional description) and REFI-QDA .qdc. It knows
// nothing of storage: codes come and go as persona.Code without ids.
package codebook

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// LineError is a problem at one line of an imported file.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Human is the message for people (the API shows it as is).
func (e *LineError) Human() string { return e.Error() }

// Unwrap makes a LineError a persona.ErrInvalid.
func (e *LineError) Unwrap() error { return persona.ErrInvalid }

// column aliases, lower-cased, spaces and dashes as underscores.
var columns = map[string]string{
	"name": "name", "tag": "name", "path": "path", "code": "name", "code_name": "name", "tag_name": "name",
	"description": "definition", "definition": "definition", "memo": "definition",
	"ring":        "ring",
	"when_to_use": "when", "inclusion": "when", "inclusion_criteria": "when",
	"when_not_to_use": "whennot", "exclusion": "whennot", "exclusion_criteria": "whennot",
}

func columnKey(h string) string { return columns[headerKey(h)] }

// headerKey is a header cell as the column tables spell it: lower case,
// spaces and hyphens as underscores ("When to use" -> when_to_use).
func headerKey(h string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(h)))
}

// readHeader opens a codebook-like CSV (what names it in errors): a
// byte-order mark dropped, the separator guessed, an empty file an error
// that says what header it wants (want). It returns the reader past the
// header, the header, and the first column of each key that key gives.
func readHeader(r io.Reader, what, want string, key func(string) string) (*csv.Reader, []string, map[string]int, error) {
	data, err := io.ReadAll(io.LimitReader(r, 16<<20))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read %s: %w", what, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, nil, &LineError{1, "the file is empty: expected a header with " + want}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = delimiter(data)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, nil, nil, csvError(err)
	}
	idx := map[string]int{}
	for i, h := range header {
		if k := key(h); k != "" {
			if _, dup := idx[k]; !dup {
				idx[k] = i
			}
		}
	}
	return cr, header, idx, nil
}

// delimiter guesses the separator from the header line: a comma unless
// the line has more semicolons or tabs (spreadsheets in some locales).
func delimiter(data []byte) rune {
	head, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', bytes.Count(head, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(head, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

// ReadCSV reads a codebook CSV: a header with a name, tag or path column
// (Taguette's tag export, QualCoder's, a spreadsheet) and optionally
// description (or definition), ring, when_to_use, when_not_to_use in any
// order; other columns (Taguette's "number of highlights") are ignored.
// A byte-order mark, CRLF line ends and semicolon or tab separators are
// accepted. A path "Ring/Name" or "Parent/Name" puts the code in the ring
// its first segment names. Errors name the line.
func ReadCSV(r io.Reader) ([]persona.Code, error) {
	cr, header, idx, err := readHeader(r, "codebook", "a name, tag or path column", columnKey)
	if err != nil {
		return nil, err
	}
	_, hasName := idx["name"]
	_, hasPath := idx["path"]
	if !hasName && !hasPath {
		return nil, &LineError{1, fmt.Sprintf("no name, tag or path column (the header has: %s)", strings.Join(header, ", "))}
	}
	var out []persona.Code
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		get := func(k string) string {
			if i, ok := idx[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		c := persona.Code{Name: get("name"), Definition: get("definition"), WhenToUse: get("when"), WhenNotToUse: get("whennot")}
		if p := get("path"); p != "" && c.Name == "" {
			c.Name, c.Ring = fromPath(p)
		}
		if s := get("ring"); s != "" {
			r, ok := persona.ParseRing(s)
			if !ok {
				return nil, &LineError{line, fmt.Sprintf("ring %q is none of the five rings (priority initiative, success factors, perceived barriers, buyer's journey, decision criteria)", s)}
			}
			c.Ring = r
		}
		if c.Name == "" {
			return nil, &LineError{line, "the code has no name"}
		}
		c, err = c.Clean()
		if err != nil {
			return nil, &LineError{line, strings.TrimSuffix(err.Error(), ": "+persona.ErrInvalid.Error())}
		}
		key := strings.ToLower(c.Name)
		if first, dup := seen[key]; dup {
			return nil, &LineError{line, fmt.Sprintf("code %q repeats line %d", c.Name, first)}
		}
		seen[key] = line
		if len(out) == persona.MaxCodes {
			return nil, &LineError{line, fmt.Sprintf("more than %d codes", persona.MaxCodes)}
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, &LineError{1, "a header but no codes"}
	}
	return out, nil
}

// fromPath reads a hierarchical tag path: a first segment naming a ring
// sets the ring; the last segment is the name.
func fromPath(p string) (string, persona.Ring) {
	parts := strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '>' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) == 0 {
		return "", persona.RingNone
	}
	ring := persona.RingNone
	if r, ok := persona.ParseRing(parts[0]); ok && len(parts) > 1 {
		ring = r
	}
	return parts[len(parts)-1], ring
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &LineError{pe.Line, "not valid CSV: " + pe.Err.Error()}
	}
	return fmt.Errorf("read codebook: %w", err)
}

// CSVHeader is the header WriteCSV writes: Taguette reads its first two
// columns.
var CSVHeader = []string{"name", "description", "ring", "when_to_use", "when_not_to_use"}

// WriteCSV writes codes as CSV with CSVHeader (ReadCSV reads it back).
// Cells starting with = + - @ are prefixed with ' so spreadsheets do not
// run them as formulas.
func WriteCSV(w io.Writer, codes []persona.Code) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write codebook: %w", err)
	}
	for _, c := range codes {
		rec := []string{c.Name, c.Definition, string(c.Ring), c.WhenToUse, c.WhenNotToUse}
		for i, s := range rec {
			if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
				rec[i] = "'" + s
			}
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write codebook: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write codebook: %w", err)
	}
	return nil
}
