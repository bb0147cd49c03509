package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/verbatimhq/verbatim/persona/pdftext"
)

// Collateral is marketing material (a brochure, a web page, a one-pager)
// checked against what buyers say. Unlike a transcript it has no
// speakers: only its text matters.

// Collateral formats.
const (
	CollateralPlain    = "text"
	CollateralMarkdown = "markdown"
	CollateralHTML     = "html"
	CollateralDOCX     = "docx"
	CollateralPDF      = "pdf"
)

// CollateralText returns the plain text of a collateral document, one
// paragraph (or heading, or list item) per line, and its format. The
// format is told from the content first and the file name second.
func CollateralText(name string, data []byte) (text, format string, err error) {
	if int64(len(data)) > MaxFileSize {
		return "", "", errorf(name, 0, "file is larger than the %d MB limit", MaxFileSize>>20)
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")) || ext == ".pdf":
		text, err = pdftext.Extract(bytes.NewReader(data), int64(len(data)))
		switch {
		case errors.Is(err, pdftext.ErrNoText):
			return "", CollateralPDF, &Error{File: name, Msg: "the PDF has no text layer (a scan?); save the document as .docx, .html, .md or .txt", Err: ErrUnsupported}
		case err != nil:
			return "", CollateralPDF, &Error{File: name, Msg: fmt.Sprintf("cannot read the PDF's text: %v", err), Err: ErrUnsupported}
		}
		format = CollateralPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		text, err = docxText(name, data)
		format = CollateralDOCX
	case looksBinary(data) || !utf8.Valid(data):
		return "", "", &Error{File: name, Msg: "binary content is not a document this check reads (.docx, .html, .md, .txt)", Err: ErrUnsupported}
	case ext == ".html" || ext == ".htm" || looksHTML(data):
		text, err = htmlText(data)
		format = CollateralHTML
	case ext == ".md" || ext == ".markdown":
		text, format = cleanMarkup(string(data)), CollateralMarkdown
	default:
		text, format = string(data), CollateralPlain
	}
	if err != nil {
		return "", format, err
	}
	text = strings.TrimSpace(strings.TrimPrefix(strings.ReplaceAll(text, "\r\n", "\n"), "\uFEFF"))
	if text == "" {
		return "", format, errorf(name, 0, "the document has no text")
	}
	return text, format, nil
}

// docxText is a Word document's paragraphs, one per line.
func docxText(name string, data []byte) (string, error) {
	zr, err := openZip(name, data)
	if err != nil {
		return "", err
	}
	for _, f := range zr.File {
		if f.Name == docxBody {
			paras, err := readParagraphs(name, f)
			if err != nil {
				return "", err
			}
			return strings.Join(paras, "\n"), nil
		}
	}
	return "", &Error{File: name, Msg: "this zip archive is not a .docx document", Err: ErrUnsupported}
}

func looksHTML(data []byte) bool {
	head := strings.ToLower(string(data[:min(len(data), 512)]))
	head = strings.TrimSpace(strings.TrimPrefix(head, "\uFEFF"))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.Contains(head, "<body")
}

// htmlText is the visible text of an HTML page: scripts, styles and
// templates dropped, a line break after every block element.
func htmlText(data []byte) (string, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "template", "head", "svg", "iframe":
				return
			case "br":
				b.WriteByte('\n')
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(strings.Join(strings.Fields(n.Data), " "))
			if strings.HasSuffix(n.Data, " ") || strings.HasSuffix(n.Data, "\n") {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockElement[n.Data] {
			b.WriteByte('\n')
		}
	}
	walk(doc)
	lines := strings.Split(b.String(), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n"), nil
}

var blockElement = map[string]bool{
	"p": true, "div": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"section": true, "article": true, "header": true, "footer": true, "blockquote": true, "tr": true,
	"td": true, "th": true, "dt": true, "dd": true, "figcaption": true, "pre": true, "ul": true, "ol": true,
	"table": true, "main": true, "aside": true, "nav": true, "title": true,
}
