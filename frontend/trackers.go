package frontend

import "fmt"

// WeekChart is a column chart of counts per week, oldest on the left.
type WeekChart struct {
	Width, Height int
	BaseY         int
	Top           int
	Bars          []WeekBar
}

// WeekBar is one week's column.
type WeekBar struct {
	X, Y, W, H    int
	TextX, TextY  int
	LabelY        int
	Count         int
	Label, Title  string
	ShowLabel     bool
	LabelRotateAt string
}

// WeekItem is one week to chart: its Monday (YYYY-MM-DD) and count.
type WeekItem struct {
	Week  string
	Count int
}

const (
	weekColW   = 26
	weekGap    = 6
	weekArea   = 110
	weekTopPad = 18
	weekLabelH = 56
	weekLeft   = 40 // room for the first rotated label
)

// NewWeekChart lays out weeks as columns scaled to the largest count; every
// other week is labelled (all of them when few).
func NewWeekChart(items []WeekItem) WeekChart {
	c := WeekChart{Width: max(300, weekLeft+len(items)*(weekColW+weekGap)+weekGap), Height: weekTopPad + weekArea + weekLabelH}
	c.BaseY = weekTopPad + weekArea
	top := 1
	for _, it := range items {
		top = max(top, it.Count)
	}
	c.Top = top
	step := 1
	if len(items) > 12 {
		step = 2
	}
	for i, it := range items {
		h := it.Count * weekArea / top
		if it.Count > 0 {
			h = max(h, 2)
		}
		x := weekLeft + i*(weekColW+weekGap)
		label := it.Week
		if len(label) == 10 {
			label = label[5:] // MM-DD
		}
		b := WeekBar{X: x, Y: c.BaseY - h, W: weekColW, H: h, TextX: x + weekColW/2, TextY: c.BaseY - h - 4,
			LabelY: c.BaseY + 14, Count: it.Count, Label: label, ShowLabel: (len(items)-1-i)%step == 0,
			Title: fmt.Sprintf("Week of %s: %d", it.Week, it.Count)}
		b.LabelRotateAt = fmt.Sprintf("rotate(-45 %d %d)", b.TextX, b.LabelY)
		c.Bars = append(c.Bars, b)
	}
	return c
}
