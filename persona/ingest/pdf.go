package ingest

import (
	"bytes"
	"errors"
	"strings"

	"github.com/verbatimhq/verbatim/persona/pdftext"
)

// FormatPDF is a transcript printed to PDF (Word, Zoom, Otter): its text
// layer is read in reading order and then parsed like a text export.
const FormatPDF = "pdf"

// parsePDF extracts the text layer (running headers, footers and page
// numbers removed) and reads it as an Otter-style or labelled text
// transcript. Line numbers count lines of the extracted text.
func parsePDF(name string, data []byte) (*Document, error) {
	text, err := pdftext.Extract(bytes.NewReader(data), int64(len(data)))
	switch {
	case errors.Is(err, pdftext.ErrNoText):
		return nil, &Error{File: name, Msg: "no text layer (a scanned PDF?): export the transcript as text", Err: ErrUnsupported}
	case err != nil:
		return nil, &Error{File: name, Msg: "unreadable PDF (truncated, corrupt or encrypted)", Err: err}
	}
	parse := parseText
	if isOtter(text) {
		parse = parseOtter
	}
	doc, err := parse(name, []byte(text))
	if err != nil {
		return nil, err
	}
	for i := range doc.Turns {
		doc.Turns[i].Text = unwrapLines(doc.Turns[i].Text)
	}
	return doc, nil
}

// unwrapLines joins the lines a page width broke, keeping paragraph
// breaks: "could\nyou" becomes "could you", "No-\nshows" "No-shows".
func unwrapLines(s string) string {
	paras := strings.Split(s, "\n\n")
	for i, p := range paras {
		lines := strings.Split(p, "\n")
		var b strings.Builder
		for j, ln := range lines {
			ln = strings.TrimSpace(ln)
			if j > 0 && ln != "" && b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte(' ')
			}
			b.WriteString(ln)
		}
		paras[i] = b.String()
	}
	// A page break inside a sentence is no paragraph break.
	var out strings.Builder
	for i, p := range paras {
		if i > 0 {
			if prev := paras[i-1]; prev != "" && !strings.ContainsAny(prev[len(prev)-1:], ".?!:\"')…”") {
				out.WriteByte(' ')
			} else {
				out.WriteString("\n\n")
			}
		}
		out.WriteString(p)
	}
	return out.String()
}
