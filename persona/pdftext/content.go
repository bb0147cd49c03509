package pdftext

import (
	"math"

	"github.com/ledongthuc/pdf"
)

// The library's Page.Content places glyphs without the word spacing (Tw)
// that justified text sets, so in a justified line every glyph after a
// space drifts left and a gap opens inside the next word ("w orking").
// pageGlyphs interprets the content stream itself, with the full text
// state (Tc, Tw, Tz, TL, Ts, Tm, CTM) and two-byte CID fonts (Word's and
// browsers' Type0 fonts, widths from W and DW).

// mat is a PDF matrix [a b c d e f]; a point maps as [x y 1] × m.
type mat [6]float64

var identity = mat{1, 0, 0, 1, 0, 0}

func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(x, y float64) mat { return mat{1, 0, 0, 1, x, y} }

// font is what placing glyphs needs of a font.
type font struct {
	enc     pdf.TextEncoding
	twoByte bool
	width   func(code int) float64 // glyph space, 1/1000 of the size
}

// defaultWidth stands in for a simple font without widths (the standard
// 14 fonts may omit them): about an average Latin glyph.
const defaultWidth = 500

func loadFont(p pdf.Page, name string) *font {
	f := p.Font(name)
	ft := &font{enc: f.Encoder()}
	if f.V.Key("Subtype").Name() == "Type0" {
		ft.twoByte = true
		desc := f.V.Key("DescendantFonts").Index(0)
		dw := 1000.0
		if v := desc.Key("DW"); v.Kind() == pdf.Integer || v.Kind() == pdf.Real {
			dw = v.Float64()
		}
		widths := cidWidths(desc.Key("W"))
		ft.width = func(code int) float64 {
			if w, ok := widths[code]; ok {
				return w
			}
			return dw
		}
		return ft
	}
	hasWidths := f.V.Key("Widths").Len() > 0
	ft.width = func(code int) float64 {
		if !hasWidths {
			return defaultWidth
		}
		return f.Width(code)
	}
	return ft
}

// cidWidths reads a CID font's W array: "c [w1 w2 …]" and "cFirst cLast w".
func cidWidths(w pdf.Value) map[int]float64 {
	out := map[int]float64{}
	n := w.Len()
	for i := 0; i < n && len(out) < 1<<16; {
		first := int(w.Index(i).Int64())
		if i+1 < n && w.Index(i+1).Kind() == pdf.Array {
			arr := w.Index(i + 1)
			for j := 0; j < arr.Len() && j < 1<<16; j++ {
				out[first+j] = arr.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last, width := int(w.Index(i+1).Int64()), w.Index(i+2).Float64()
		for c := first; c <= last && c-first < 1<<16; c++ {
			out[c] = width
		}
		i += 3
	}
	return out
}

type textState struct {
	tc, tw, th, tl, fs, rise float64
	font                     *font
	tm, tlm, ctm             mat
}

// pageGlyphs returns the page's glyphs in drawing order, placed in user
// space.
func pageGlyphs(p pdf.Page) []glyph {
	contents := p.V.Key("Contents")
	if contents.Kind() == pdf.Null {
		return nil
	}
	fonts := map[string]*font{}
	g := textState{th: 1, ctm: identity, tm: identity, tlm: identity}
	var stack []textState
	var out []glyph
	show := func(raw string) {
		if g.font == nil {
			g.font = &font{enc: nopEncoding{}, width: func(int) float64 { return defaultWidth }}
		}
		step := 1
		if g.font.twoByte {
			step = 2
		}
		for i := 0; i+step <= len(raw); i += step {
			code := int(raw[i])
			if step == 2 {
				code = code<<8 | int(raw[i+1])
			}
			w0 := g.font.width(code)
			trm := mat{g.fs * g.th, 0, 0, g.fs, 0, g.rise}.mul(g.tm).mul(g.ctm)
			s := g.font.enc.Decode(raw[i : i+step])
			size := math.Hypot(trm[2], trm[3])
			out = append(out, glyph{X: trm[4], Y: trm[5], W: w0 / 1000 * trm[0], FontSize: size, S: s, seq: len(out)})
			tx := w0/1000*g.fs + g.tc
			if step == 1 && code == ' ' {
				tx += g.tw
			}
			g.tm = translate(tx*g.th, 0).mul(g.tm)
		}
	}
	nextLine := func() {
		g.tlm = translate(0, -g.tl).mul(g.tlm)
		g.tm = g.tlm
	}
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 { return args[i].Float64() }
		switch {
		case op == "q":
			if len(stack) < 1000 {
				stack = append(stack, g)
			}
		case op == "Q":
			if len(stack) > 0 {
				g, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
		case op == "cm" && n == 6:
			g.ctm = mat{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
		case op == "BT":
			g.tm, g.tlm = identity, identity
		case op == "Tc" && n == 1:
			g.tc = num(0)
		case op == "Tw" && n == 1:
			g.tw = num(0)
		case op == "Tz" && n == 1:
			g.th = num(0) / 100
		case op == "TL" && n == 1:
			g.tl = num(0)
		case op == "Ts" && n == 1:
			g.rise = num(0)
		case op == "Tf" && n == 2:
			name := args[0].Name()
			if fonts[name] == nil {
				fonts[name] = loadFont(p, name)
			}
			g.font, g.fs = fonts[name], num(1)
		case (op == "Td" || op == "TD") && n == 2:
			if op == "TD" {
				g.tl = -num(1)
			}
			g.tlm = translate(num(0), num(1)).mul(g.tlm)
			g.tm = g.tlm
		case op == "Tm" && n == 6:
			g.tlm = mat{num(0), num(1), num(2), num(3), num(4), num(5)}
			g.tm = g.tlm
		case op == "T*":
			nextLine()
		case op == "Tj" && n == 1:
			show(args[0].RawString())
		case op == "'" && n == 1:
			nextLine()
			show(args[0].RawString())
		case op == "\"" && n == 3:
			g.tw, g.tc = num(0), num(1)
			nextLine()
			show(args[2].RawString())
		case op == "TJ" && n == 1:
			arr := args[0]
			for i := 0; i < arr.Len(); i++ {
				if v := arr.Index(i); v.Kind() == pdf.String {
					show(v.RawString())
				} else {
					g.tm = translate(-v.Float64()/1000*g.fs*g.th, 0).mul(g.tm)
				}
			}
		}
	})
	return out
}

// nopEncoding passes bytes through, for text shown before any font is set.
type nopEncoding struct{}

func (nopEncoding) Decode(raw string) string { return raw }
