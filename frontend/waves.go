package frontend

import "fmt"

// WaveChart is a small-multiples chart: one panel per theme, one bar per
// research wave, every panel on the same scale so panels compare.
type WaveChart struct {
	Width, Height int
	// Top is the share at the top of every panel's scale, in percent.
	Top    int
	Panels []WavePanel
}

// WavePanel is one theme's panel.
type WavePanel struct {
	X, Y         int
	TX           int // where the panel's text starts
	Label, Full  string
	LabelY       int
	BaseY, BaseW int
	// Trend is "rising", "falling" or ""; TrendText says it with the p-value.
	Trend, TrendText string
	TrendY           int
	Bars             []WaveBar
}

// WaveBar is one wave's bar in a panel.
type WaveBar struct {
	X, Y, W, H   int
	TextX, TextY int
	LabelY       int
	Wave, Text   string
	Title        string
}

// WaveSeries is one theme's shares to chart.
type WaveSeries struct {
	Label string
	// Trend and P describe the change into the latest wave.
	Trend  string
	P      float64
	Points []WavePoint
}

// WavePoint is one wave's count.
type WavePoint struct {
	Wave       string
	Raised, Of int
}

const (
	wavePanelW   = 230
	wavePanelH   = 176
	waveCols     = 3
	waveBarArea  = 84 // bar height at Top
	waveBarTop   = 50 // from the panel's top
	waveInnerW   = 200
	waveMaxBarW  = 44
	waveGap      = 8
	waveLabelLen = 30
	wavePad      = 12
)

// NewWaveChart lays out series as panels, three to a row.
func NewWaveChart(series []WaveSeries) WaveChart {
	rows := (len(series) + waveCols - 1) / waveCols
	c := WaveChart{Width: waveCols * wavePanelW, Height: rows * wavePanelH}
	top := 0.1
	for _, s := range series {
		for _, p := range s.Points {
			if p.Of > 0 {
				top = max(top, float64(p.Raised)/float64(p.Of))
			}
		}
	}
	// Round the scale up to a multiple of 10%.
	c.Top = min(100, int(top*10+0.999)*10)
	for i, s := range series {
		x, y := (i%waveCols)*wavePanelW, (i/waveCols)*wavePanelH
		p := WavePanel{X: x, Y: y, TX: x + wavePad, Label: clip(s.Label, waveLabelLen), Full: s.Label, LabelY: y + 18,
			BaseY: y + waveBarTop + waveBarArea, BaseW: waveInnerW + wavePad, Trend: s.Trend, TrendY: y + 36}
		switch s.Trend {
		case "rising":
			p.TrendText = fmt.Sprintf("▲ rising (p = %s)", pValue(s.P))
		case "falling":
			p.TrendText = fmt.Sprintf("▼ falling (p = %s)", pValue(s.P))
		}
		n := max(1, len(s.Points))
		w := min(waveMaxBarW, (waveInnerW-waveGap*(n-1))/n)
		for j, pt := range s.Points {
			share := 0.0
			if pt.Of > 0 {
				share = float64(pt.Raised) / float64(pt.Of)
			}
			h := int(share/(float64(c.Top)/100)*waveBarArea + 0.5)
			if pt.Raised > 0 {
				h = max(h, 2)
			}
			bx := x + wavePad + j*(w+waveGap)
			pctv := pct(pt.Raised, pt.Of)
			p.Bars = append(p.Bars, WaveBar{X: bx, Y: p.BaseY - h, W: w, H: h, TextX: bx + w/2, TextY: p.BaseY - h - 4,
				LabelY: p.BaseY + 16, Wave: clip(pt.Wave, max(3, w/7)), Text: fmt.Sprintf("%d%%", pctv),
				Title: fmt.Sprintf("%s — %s: %d of %d buyers (%d%%)", s.Label, pt.Wave, pt.Raised, pt.Of, pctv)})
		}
		c.Panels = append(c.Panels, p)
	}
	return c
}

// pValue writes a p-value for a reader: two significant digits, "< 0.001"
// when tiny.
func pValue(p float64) string {
	if p < 0.001 {
		return "< 0.001"
	}
	return fmt.Sprintf("%.2g", p)
}

// PValue is pValue for the view models built elsewhere.
func PValue(p float64) string { return pValue(p) }
