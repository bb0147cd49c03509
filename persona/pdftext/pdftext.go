// Package pdftext reads the text layer of a PDF in reading order: glyphs
// gathered into lines by their baseline, lines top to bottom, words left to
// right, with running headers, footers and page numbers removed. It is pure
// Go (github.com/ledongthuc/pdf underneath) and knows nothing of
// transcripts: ingest reads PDF transcripts with it, and anything else that
// wants the words of a PDF (collateral, reports) can too.
package pdftext

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// ErrNoText is returned for a PDF whose pages carry no text layer (a scan,
// or pages of images).
var ErrNoText = errors.New("no text layer")

// ErrInvalid wraps a file that is no readable PDF (truncated, corrupt,
// encrypted).
var ErrInvalid = errors.New("not a readable PDF")

// MaxPages bounds how many pages Extract reads.
const MaxPages = 2000

// Extract returns the text of the PDF in r (size bytes long): one line per
// text line, a blank line between pages, running headers, footers and page
// numbers removed. A PDF without a text layer returns ErrNoText; an
// unreadable one an error wrapping ErrInvalid.
func Extract(r io.ReaderAt, size int64) (string, error) {
	pages, err := Pages(r, size)
	if err != nil {
		return "", err
	}
	return strings.Join(pages, "\n\n"), nil
}

// Pages is Extract page by page: each page's lines joined by "\n", after
// running headers, footers and page numbers are removed.
func Pages(r io.ReaderAt, size int64) (out []string, err error) {
	raw, err := readLines(r, size)
	if err != nil {
		return nil, err
	}
	raw = dropRunning(raw)
	out = make([]string, len(raw))
	for i, p := range raw {
		texts := make([]string, 0, len(p))
		for j, ln := range p {
			if j > 0 && p[j-1].y-ln.y > paragraphGap*math.Max(ln.size, p[j-1].size) {
				texts = append(texts, "") // a blank line's worth of space: a new paragraph
			}
			texts = append(texts, ln.text)
		}
		out[i] = strings.Join(texts, "\n")
	}
	return out, nil
}

// paragraphGap is the distance between baselines, in font sizes, past
// which two lines are taken to be in separate paragraphs.
const paragraphGap = 1.8

// line is one text line on a page: its words and where it sits.
type line struct {
	text string
	y    float64 // baseline, points from the page's bottom
	size float64 // font size
}

// readLines opens the PDF and lays each page's glyphs out as lines.
func readLines(r io.ReaderAt, size int64) (pages [][]line, err error) {
	defer func() {
		if p := recover(); p != nil { // the library panics on malformed content
			pages, err = nil, fmt.Errorf("%w: %v", ErrInvalid, p)
		}
	}()
	rd, err := pdf.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	n := rd.NumPage()
	if n == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrInvalid)
	}
	if n > MaxPages {
		return nil, fmt.Errorf("%w: %d pages, more than the %d read", ErrInvalid, n, MaxPages)
	}
	glyphs := 0
	for i := 1; i <= n; i++ {
		p := rd.Page(i)
		if p.V.IsNull() {
			pages = append(pages, nil)
			continue
		}
		gs := pageGlyphs(p)
		glyphs += len(gs)
		pages = append(pages, layout(gs))
	}
	if glyphs == 0 || !hasWords(pages) {
		return nil, ErrNoText
	}
	return pages, nil
}

func hasWords(pages [][]line) bool {
	for _, p := range pages {
		for _, ln := range p {
			for _, r := range ln.text {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					return true
				}
			}
		}
	}
	return false
}

// glyph is one drawn character (or ligature) placed in user space:
// baseline origin, advance width and size in points; seq is the order
// the content stream draws it in.
type glyph struct {
	X, Y, W, FontSize float64
	S                 string
	seq               int
}

// layout groups glyphs into lines: glyphs whose baselines are within a
// third of the font size share a line; lines run top to bottom and glyphs
// left to right (stream order where widths are unknown).
func layout(all []glyph) []line {
	gs := make([]glyph, 0, len(all))
	for _, g := range all {
		if s := strings.TrimFunc(g.S, unicode.IsControl); s != "" {
			g.S = ligatures.Replace(s)
			gs = append(gs, g)
		}
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Y > gs[j].Y })
	var lines []line
	for start := 0; start < len(gs); {
		end := start + 1
		tol := math.Max(gs[start].FontSize/3, 1)
		for end < len(gs) && gs[start].Y-gs[end].Y <= tol {
			end++
		}
		row := gs[start:end]
		sort.SliceStable(row, func(i, j int) bool {
			if math.Abs(row[i].X-row[j].X) < 0.01 {
				return row[i].seq < row[j].seq
			}
			return row[i].X < row[j].X
		})
		if text := joinGlyphs(row); text != "" {
			lines = append(lines, line{text: text, y: row[0].Y, size: row[0].FontSize})
		}
		start = end
	}
	return lines
}

// ligatures spells out the ligature glyphs typesetters draw ("ﬁnance").
var ligatures = strings.NewReplacer("\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl", "\uFB05", "st", "\uFB06", "st")

// joinGlyphs writes a line's glyphs, putting a space where the gap between
// two glyphs is a word gap (a quarter of the font size) and two where it is
// a column gap (two font sizes), as between a speaker and a time stamp.
func joinGlyphs(row []glyph) string {
	var b strings.Builder
	for i, g := range row {
		if i > 0 {
			prev := row[i-1]
			gap := g.X - (prev.X + prev.W)
			fs := math.Max(g.FontSize, 1)
			switch {
			case prev.W <= 0 || g.S == " " || prev.S == " ":
			case gap > 2*fs:
				b.WriteString("  ")
			case gap > fs/4:
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.S)
	}
	return collapseSpaces(strings.TrimSpace(b.String()))
}

// collapseSpaces keeps single and double spaces (a double space sets a
// speaker apart from a time stamp) and folds longer runs into two.
func collapseSpaces(s string) string {
	var b strings.Builder
	run := 0
	for _, r := range s {
		if r == ' ' || r == '\u00a0' || r == '\t' {
			run++
			if run <= 2 {
				b.WriteByte(' ')
			}
			continue
		}
		run = 0
		b.WriteRune(r)
	}
	return b.String()
}
