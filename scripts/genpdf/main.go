// Command genpdf writes the PDF fixtures of persona/ingest and
// persona/pdftext: transcripts laid out as Word, Zoom and Otter print them
// (running header, footer, "Page N of M", text wrapped across pages), a
// scanned page with no text layer, and a truncated file. It uses no PDF
// library so the fixtures show the constructs real writers use: Type1
// fonts with widths, Flate-compressed content streams, TJ arrays with
// kerning instead of space glyphs, a header drawn after the body.
//
//	go run ./scripts/genpdf
package main

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

const (
	pageW, pageH = 420.0, 400.0
	margin       = 50.0
	fontSize     = 10.0
	leading      = 14.0
	wrapChars    = 62
)

func main() {
	ingest := "persona/ingest/testdata/transcripts"
	pdftext := "persona/pdftext/testdata"
	must(os.MkdirAll(pdftext, 0o755))

	word := layoutWord(wordTurns)
	must(os.WriteFile(filepath.Join(ingest, "word.pdf"), render(word, style{
		header: "Buyer interview: Dana Whitfield, Northwind Freight", footer: "Confidential: research use only",
		pageNumbers: "Page %d of %d", compress: true,
	}), 0o644))

	zoom := layoutZoom(zoomTurns)
	must(os.WriteFile(filepath.Join(ingest, "zoom_transcript.pdf"), render(zoom, style{
		header: "Discovery call - Harbor Health - Transcript", pageNumbers: "%d", kerned: true, headerLast: true,
	}), 0o644))

	var brochure []textLine
	for _, w := range wrap(brochureText) {
		brochure = append(brochure, textLine{text: w})
	}
	must(os.WriteFile(filepath.Join(pdftext, "brochure.pdf"), render(brochure, style{compress: true, footer: "northwind.example"}), 0o644))
	must(os.WriteFile(filepath.Join(pdftext, "scanned.pdf"), scanned(), 0o644))
	full := render(word, style{header: "Buyer interview", pageNumbers: "Page %d of %d"})
	must(os.WriteFile(filepath.Join(pdftext, "truncated.pdf"), full[:len(full)/3], 0o644))
	must(os.WriteFile(filepath.Join(pdftext, "running.pdf"), render(layoutWord(wordTurns), style{
		header: "Northwind Freight - 12 March 2026", footer: "Confidential", pageNumbers: "- %d -",
	}), 0o644))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// textLine is one line of the body: its words, and a right-aligned
// time stamp (Zoom/Otter headers) or "" .
type textLine struct {
	text, stamp string
	bold        bool
}

type turn struct{ who, stamp, text string }

// layoutWord lays turns out as Word prints "Name: text", wrapped.
func layoutWord(turns []turn) []textLine {
	var out []textLine
	for _, t := range turns {
		for _, w := range wrap(t.who + ": " + t.text) {
			out = append(out, textLine{text: w})
		}
		out = append(out, textLine{})
	}
	return out
}

// layoutZoom lays turns out as Zoom and Otter print them: the speaker in
// bold with the time stamp beside it, the speech below.
func layoutZoom(turns []turn) []textLine {
	var out []textLine
	for _, t := range turns {
		out = append(out, textLine{text: t.who, stamp: t.stamp, bold: true})
		for _, w := range wrap(t.text) {
			out = append(out, textLine{text: w})
		}
		out = append(out, textLine{})
	}
	return out
}

func wrap(s string) []string {
	var lines []string
	var cur strings.Builder
	for _, w := range strings.Fields(s) {
		if cur.Len() > 0 && cur.Len()+1+len(w) > wrapChars {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

type style struct {
	header, footer, pageNumbers  string
	compress, kerned, headerLast bool
}

// render paginates the lines and writes the PDF.
func render(lines []textLine, st style) []byte {
	avail := pageH - 2*margin
	perPage := int(avail / leading)
	var pages [][]textLine
	for len(lines) > 0 {
		n := min(perPage, len(lines))
		pages = append(pages, lines[:n])
		lines = lines[n:]
	}
	var w pdfWriter
	w.begin()
	fontR := w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths " + widthsArray() + " >>")
	fontB := w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths " + widthsArray() + " >>")
	pagesID := w.reserve()
	var kids []string
	for i, p := range pages {
		content := pageContent(p, st, i+1, len(pages))
		stream := w.stream(content, st.compress)
		kids = append(kids, fmt.Sprintf("%d 0 R", w.add(fmt.Sprintf(
			"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>",
			pagesID, pageW, pageH, fontR, fontB, stream))))
	}
	w.set(pagesID, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	return w.finish(w.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesID)))
}

func pageContent(lines []textLine, st style, page, pages int) []byte {
	var b bytes.Buffer
	header := func() {
		if st.header != "" {
			fmt.Fprintf(&b, "BT /F1 8 Tf %g %g Td %s Tj ET\n", margin, pageH-30, pdfString(st.header))
		}
	}
	if !st.headerLast {
		header()
	}
	y := pageH - margin - fontSize
	for _, ln := range lines {
		if ln.text != "" {
			font := "/F1"
			if ln.bold {
				font = "/F2"
			}
			fmt.Fprintf(&b, "BT %s %g Tf %g %g Td ", font, fontSize, margin, y)
			if st.kerned {
				b.WriteString(kernedTJ(ln.text))
			} else {
				b.WriteString(pdfString(ln.text) + " Tj")
			}
			b.WriteString(" ET\n")
			if ln.stamp != "" {
				fmt.Fprintf(&b, "BT /F1 %g Tf %g %g Td %s Tj ET\n", fontSize, pageW-margin-45, y, pdfString(ln.stamp))
			}
		}
		y -= leading
	}
	if st.footer != "" {
		fmt.Fprintf(&b, "BT /F1 8 Tf %g 22 Td %s Tj ET\n", margin, pdfString(st.footer))
	}
	if st.pageNumbers != "" {
		num := fmt.Sprintf(st.pageNumbers, page, pages)
		if !strings.Contains(st.pageNumbers, "of") {
			num = fmt.Sprintf(st.pageNumbers, page)
		}
		fmt.Fprintf(&b, "BT /F1 8 Tf %g 34 Td %s Tj ET\n", pageW/2-15, pdfString(num))
	}
	if st.headerLast {
		header()
	}
	return b.Bytes()
}

// kernedTJ draws words as TJ strings with the word gap as a displacement,
// as pdfTeX and browsers print: no space glyph in the stream.
func kernedTJ(s string) string {
	parts := strings.Fields(s)
	for i, p := range parts {
		parts[i] = pdfString(p)
	}
	return "[" + strings.Join(parts, " -300 ") + "] TJ"
}

func pdfString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`, "’", `\222`, "—", `\227`, "–", `\226`)
	return "(" + r.Replace(s) + ")"
}

// widthsArray gives Helvetica-like advance widths for codes 32-126.
func widthsArray() string {
	var ws []string
	for c := 32; c <= 126; c++ {
		w := 556
		switch {
		case c == ' ' || c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == 'i' || c == 'l' || c == 'j' || c == '\'':
			w = 278
		case c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '-':
			w = 333
		case c == 'm' || c == 'M' || c == 'W':
			w = 833
		case c == 'w':
			w = 722
		case c >= 'A' && c <= 'Z':
			w = 667
		}
		ws = append(ws, fmt.Sprint(w))
	}
	return "[" + strings.Join(ws, " ") + "]"
}

// scanned is a page that only paints an image, as a scanner writes it.
func scanned() []byte {
	var w pdfWriter
	w.begin()
	img := w.addStream("<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 255, 255, 0})
	content := w.stream([]byte("q 400 0 0 380 10 10 cm /Im1 Do Q\n"), true)
	pagesID := w.reserve()
	page := w.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>", pagesID, pageW, pageH, img, content))
	w.set(pagesID, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page))
	return w.finish(w.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesID)))
}

// pdfWriter writes numbered objects and the cross-reference table.
type pdfWriter struct {
	objs [][]byte
}

func (w *pdfWriter) begin() {}

func (w *pdfWriter) reserve() int {
	w.objs = append(w.objs, nil)
	return len(w.objs)
}

func (w *pdfWriter) set(id int, body string) { w.objs[id-1] = []byte(body) }

func (w *pdfWriter) add(body string) int {
	id := w.reserve()
	w.set(id, body)
	return id
}

func (w *pdfWriter) addStream(dict string, data []byte) int {
	id := w.reserve()
	w.objs[id-1] = append([]byte(fmt.Sprintf("%s /Length %d >>\nstream\n", dict, len(data))), append(data, []byte("\nendstream")...)...)
	return id
}

func (w *pdfWriter) stream(data []byte, compress bool) int {
	if !compress {
		return w.addStream("<<", data)
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write(data)
	_ = zw.Close()
	return w.addStream("<< /Filter /FlateDecode", z.Bytes())
}

func (w *pdfWriter) finish(root int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(w.objs))
	for i, o := range w.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(w.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(w.objs)+1, root, xref)
	return b.Bytes()
}
