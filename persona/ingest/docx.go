package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
)

// Zip-bomb limits, checked on the sizes the archive declares before
// anything is decompressed, and again while reading.
const (
	maxZipEntries  = 1000
	maxZipTotal    = 200 << 20
	maxDocumentXML = 100 << 20
)

const docxBody = "word/document.xml"

// detectZip tells a Word document (word/document.xml) from an Excel
// workbook (xl/workbook.xml), rejecting unsafe archives first.
func detectZip(name string, data []byte) (string, error) {
	zr, err := openZip(name, data)
	if err != nil {
		return "", err
	}
	for _, f := range zr.File {
		switch f.Name {
		case docxBody:
			return FormatDOCX, nil
		case "xl/workbook.xml":
			return FormatXLSX, nil
		case "project.qde":
			return "", &Error{File: name, Msg: "this is a REFI-QDA project (.qdpx): import it as a whole (verbatim ingest FILE.qdpx, or the upload page), not as one transcript", Err: ErrUnsupported}
		}
	}
	return "", &Error{File: name, Msg: "this zip archive is neither a .docx nor a .xlsx file", Err: ErrUnsupported}
}

// openZip opens an archive and enforces the entry count, the declared
// uncompressed sizes and safe entry names.
func openZip(name string, data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, &Error{File: name, Msg: "not a readable .docx/.xlsx archive", Err: err}
	}
	if len(zr.File) > maxZipEntries {
		return nil, errorf(name, 0, "archive has %d entries, over the limit of %d", len(zr.File), maxZipEntries)
	}
	var total uint64
	for _, f := range zr.File {
		if unsafeEntryName(f.Name) {
			return nil, errorf(name, 0, "archive entry %q points outside the archive", f.Name)
		}
		size := f.UncompressedSize64
		if f.Name == docxBody && size > maxDocumentXML {
			return nil, errorf(name, 0, "archive entry %q declares %d MB uncompressed, over the %d MB limit", f.Name, size>>20, maxDocumentXML>>20)
		}
		if size > maxZipTotal || total+size > maxZipTotal {
			return nil, errorf(name, 0, "archive entry %q takes the uncompressed size over the %d MB limit", f.Name, maxZipTotal>>20)
		}
		total += size
	}
	return zr, nil
}

// unsafeEntryName reports absolute paths and ".." components.
func unsafeEntryName(n string) bool {
	n = strings.ReplaceAll(n, `\`, "/")
	if strings.HasPrefix(n, "/") || (len(n) >= 2 && n[1] == ':') {
		return true
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return true
		}
	}
	return false
}

// parseDOCX parses a Word document: a Google Meet export (only the part
// after the "Transcript" heading is speech), a Teams export ("Name   0:04"
// then speech paragraphs), else speaker labels as in plain text.
// Turn.Line is the paragraph number.
func parseDOCX(name string, data []byte) (*Document, error) {
	zr, err := openZip(name, data)
	if err != nil {
		return nil, err
	}
	var body *zip.File
	for _, f := range zr.File {
		if f.Name == docxBody {
			body = f
		}
	}
	if body == nil {
		return nil, errorf(name, 0, "no %s in this archive; is it a Word document?", docxBody)
	}
	paras, err := readParagraphs(name, body)
	if err != nil {
		return nil, err
	}
	return docxTurns(name, paragraphLines(paras))
}

func readParagraphs(name string, f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{File: name, Msg: "cannot open " + docxBody, Err: err}
	}
	defer rc.Close()
	paras, err := docxParagraphs(&capReader{r: rc, left: maxDocumentXML})
	if errors.Is(err, errTooBig) {
		return nil, errorf(name, 0, "archive entry %q is over the %d MB limit when uncompressed", docxBody, maxDocumentXML>>20)
	}
	var syntax *xml.SyntaxError
	if errors.As(err, &syntax) {
		return nil, &Error{File: name, Msg: docxBody + " is not valid XML", Err: err}
	}
	if err != nil {
		return nil, &Error{File: name, Msg: "cannot read " + docxBody + " (damaged archive?)", Err: err}
	}
	return paras, nil
}

var errTooBig = errors.New("entry too large")

// capReader fails once more than left bytes are read, whatever the
// archive declared.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, errTooBig
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// docxParagraphs returns the text of each w:p, with w:br as "\n" and
// w:tab as "\t".
func docxParagraphs(r io.Reader) ([]string, error) {
	d := xml.NewDecoder(r)
	var paras []string
	var b strings.Builder
	depth, runs, inText := 0, 0, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return paras, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !isWordML(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "p":
				if depth++; depth == 1 {
					b.Reset()
				}
			case "r":
				runs++
			case "t":
				inText = true
			case "br", "cr":
				if runs > 0 {
					b.WriteByte('\n')
				}
			case "tab":
				if runs > 0 {
					b.WriteByte('\t')
				}
			}
		case xml.EndElement:
			if !isWordML(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "p":
				if depth--; depth == 0 {
					paras = append(paras, b.String())
				}
				depth = max(depth, 0)
			case "r":
				runs = max(runs-1, 0)
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
}

func isWordML(n xml.Name) bool {
	return strings.HasSuffix(n.Space, "wordprocessingml/2006/main") || strings.HasSuffix(n.Space, "wordprocessingml/main")
}

// paragraphLines splits paragraphs at line breaks; every line keeps its
// paragraph's number.
func paragraphLines(paras []string) []srcLine {
	var lines []srcLine
	for i, p := range paras {
		for _, s := range strings.Split(p, "\n") {
			lines = append(lines, srcLine{no: i + 1, text: s})
		}
	}
	return lines
}

func docxTurns(name string, lines []srcLine) (*Document, error) {
	if start, end, ok := meetTranscript(lines); ok {
		doc, err := parseLabelled(name, lines[start:end])
		if err != nil {
			return nil, err
		}
		if start > 0 {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("skipped %d paragraph(s) of meeting notes before the transcript", lines[start].no-1))
		}
		return doc, nil
	}
	headers := 0
	for _, l := range lines {
		if _, _, ok := otterHeader(strings.TrimSpace(l.text)); ok {
			headers++
		}
	}
	if headers >= 2 {
		return parseOtterLines(lines), nil
	}
	return parseLabelled(name, lines)
}

var meetStampRE = regexp.MustCompile(`^\d{2}:\d{2}:\d{2}$`)

// meetTranscript finds a Google Meet transcript: a "Transcript" heading
// followed within ten lines by a "00:00:00" timestamp line. It ends at
// "Transcription ended after ...".
func meetTranscript(lines []srcLine) (start, end int, ok bool) {
	for i, l := range lines {
		heading := strings.TrimFunc(l.text, func(r rune) bool { return !unicode.IsLetter(r) })
		if !strings.EqualFold(heading, "transcript") {
			continue
		}
		for j := i + 1; j < len(lines) && j <= i+10; j++ {
			if meetStampRE.MatchString(strings.TrimSpace(lines[j].text)) {
				return j, meetEnd(lines, j), true
			}
		}
	}
	return 0, 0, false
}

func meetEnd(lines []srcLine, from int) int {
	for k := from; k < len(lines); k++ {
		if strings.HasPrefix(strings.TrimSpace(lines[k].text), "Transcription ended after") {
			return k
		}
	}
	return len(lines)
}
