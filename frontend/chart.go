package frontend

import (
	"fmt"
	"math"
	"unicode/utf8"
)

// Charts are inline SVG drawn on the server: the geometry is computed here
// and the templates only place it.

// BarChart is a horizontal bar chart, laid out twice: labels beside the
// bars (Width × Height) and, for phones, labels above them (NarrowWidth ×
// NarrowHeight), drawn at about its own size on a 390 px screen so the
// text stays ~13 px instead of shrinking to 5.
type BarChart struct {
	Width, Height             int
	NarrowWidth, NarrowHeight int
	Bars                      []Bar
}

// Bar is one bar with its label and geometry in both layouts (N*: narrow).
type Bar struct {
	Label, Full, Href, Note string
	Value                   int
	Y, W, TextY, ValueX     int
	NLabelY, NY, NW, NTextY int
	NValueX                 int
}

// BarItem is one value to chart.
type BarItem struct {
	Label, Href, Note string
	Value             int
}

const (
	barLabelW = 300
	barAreaW  = 300
	barRowH   = 30

	narrowW     = 340 // about a phone's content width, in px
	narrowAreaW = 290 // the bar, leaving room for its value
	narrowRowH  = 42
)

// NewBarChart lays out items as bars scaled to the largest value.
func NewBarChart(items []BarItem) BarChart {
	c := BarChart{Width: barLabelW + barAreaW + 90, Height: len(items)*barRowH + 4,
		NarrowWidth: narrowW, NarrowHeight: len(items)*narrowRowH + 4}
	top := 1
	for _, it := range items {
		top = max(top, it.Value)
	}
	for i, it := range items {
		w := max(2, it.Value*barAreaW/top)
		y := i*barRowH + 4
		ny, nw := i*narrowRowH+4, max(2, it.Value*narrowAreaW/top)
		c.Bars = append(c.Bars, Bar{Label: clip(it.Label, 42), Full: it.Label, Href: it.Href, Note: it.Note,
			Value: it.Value, Y: y, W: w, TextY: y + 15, ValueX: barLabelW + w + 8,
			NLabelY: ny + 13, NY: ny + 19, NW: nw, NTextY: ny + 32, NValueX: nw + 6})
	}
	return c
}

// Heatmap is a grid of shares, e.g. personas × themes.
type Heatmap struct {
	Width, Height int
	Cols          []Axis
	Rows          []HeatRow
}

// Axis is a row or column heading.
type Axis struct {
	Label, Full, Href string
	X, Y              int
}

// HeatRow is a row heading and its cells.
type HeatRow struct {
	Axis
	Cells []HeatCell
}

// HeatCell is one cell: its share as a colour and a percentage.
type HeatCell struct {
	X, Y, W, H     int
	TX, TY         int
	Fill, TextFill string
	Text, Title    string
}

const (
	heatLabelW = 300
	heatColW   = 84
	heatRowH   = 30
	heatHeadH  = 120
)

// NewHeatmap lays out share(r, c) in [0,1] for every row and column.
func NewHeatmap(rows, cols []Axis, share func(r, c int) float64) Heatmap {
	h := Heatmap{Width: heatLabelW + len(cols)*heatColW + 130, Height: heatHeadH + len(rows)*heatRowH + 4}
	for j, col := range cols {
		col.Full, col.Label = col.Label, clip(col.Label, 24)
		col.X = heatLabelW + j*heatColW + heatColW/2 - 4
		col.Y = heatHeadH - 10
		h.Cols = append(h.Cols, col)
	}
	for i, row := range rows {
		y := heatHeadH + i*heatRowH
		row.Full, row.Label = row.Label, clip(row.Label, 42)
		row.X, row.Y = heatLabelW-10, y+19
		hr := HeatRow{Axis: row}
		for j := range cols {
			s := share(i, j)
			x := heatLabelW + j*heatColW
			fill, text := heatColor(s)
			hr.Cells = append(hr.Cells, HeatCell{X: x + 2, Y: y + 2, W: heatColW - 4, H: heatRowH - 4,
				TX: x + heatColW/2, TY: y + 19, Fill: fill, TextFill: text,
				Text:  fmt.Sprintf("%d%%", int(s*100+0.5)),
				Title: fmt.Sprintf("%s — %s: %d%%", cols[j].Label, rows[i].Label, int(s*100+0.5))})
		}
		h.Rows = append(h.Rows, hr)
	}
	return h
}

// heatColor blends from a pale to a deep indigo; text flips to white on
// dark cells so it keeps a 4.5:1 contrast.
func heatColor(s float64) (fill, text string) {
	s = min(1, max(0, s))
	// Stretch: most shares are small, so use a square-root scale.
	t := math.Sqrt(s)
	from := [3]float64{0xee, 0xf2, 0xff}
	to := [3]float64{0x31, 0x2e, 0x81}
	var c [3]int
	for i := range c {
		c[i] = int(from[i] + (to[i]-from[i])*t + 0.5)
	}
	text = "#1e1b4b"
	if t > 0.55 {
		text = "#ffffff"
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]), text
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
