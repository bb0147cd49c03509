package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestPersonaPrintsOnOnePage prints a persona page to PDF the way a
// browser's "Save as PDF" does (A4, print stylesheet) and counts its pages.
func TestPersonaPrintsOnOnePage(t *testing.T) {
	b := newBrowser(t)
	b.signIn(marketer)
	b.open(fmt.Sprintf("/studies/%d/personas", env.study))
	persona := b.attr(`a.persona-card[href^="/personas/"]`, "href")
	b.open(persona)
	b.waitVisible("h1#persona-name")
	var buf []byte
	b.do("print to PDF", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PrintBackground: ptr(true)})
		buf = res.Data
		return err
	}))
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(buf, -1))
	if os.Getenv("VERBATIM_SCREENSHOTS") == "1" {
		os.WriteFile("screenshots/persona.pdf", buf, 0o644)
	}
	if !bytes.HasPrefix(buf, []byte("%PDF")) || pages != 1 {
		t.Errorf("persona %s prints as %d pages (%d bytes); want one page", persona, pages, len(buf))
	}
}

// TestPagesFitAPhone opens the sales rep's and marketer's pages at a
// phone's width (390 px) and checks nothing overflows sideways.
func TestPagesFitAPhone(t *testing.T) {
	b := newBrowser(t)
	b.signIn(sales)
	b.do("emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	b.open(fmt.Sprintf("/studies/%d/personas", env.study))
	persona := b.attr(`a.persona-card[href^="/personas/"]`, "href")
	for _, path := range []string{"/search?q=price", persona, fmt.Sprintf("/studies/%d/personas", env.study)} {
		b.open(path)
		width := eval[float64](b, `document.documentElement.scrollWidth`)
		inner := eval[float64](b, `window.innerWidth`)
		if inner > 400 || width > inner+1 {
			t.Errorf("%s at a %v px viewport is %v px wide; want no sideways scrolling", path, inner, width)
		}
	}
}
