package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// phone makes the tab a 390 × 844 phone screen.
func (b *browser) phone() {
	b.t.Helper()
	b.do("emulate a 390 px phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
}

// On a 390 px phone every menu link is on screen, chart text stays
// legible, nothing but a chart scrolls sideways, and search results start
// above the fold with the filters folded behind a button.
func TestPhoneLayout(t *testing.T) {
	b := newBrowser(t)
	b.phone()
	b.signIn(admin)
	study := fmt.Sprintf("/studies/%d", env.study)
	b.open(study)

	offscreen := eval[[]string](b, `[...document.querySelectorAll(".mainnav a")].filter(a => {
		const r = a.getBoundingClientRect();
		return r.width === 0 || r.left < 0 || r.right > innerWidth;
	}).map(a => a.textContent.trim())`)
	if len(offscreen) > 0 {
		t.Errorf("menu links off screen at 390 px: %q", offscreen)
	}
	for _, link := range []string{"Objection search", "Admin"} {
		if n := eval[int](b, fmt.Sprintf(`[...document.querySelectorAll(".mainnav a")].filter(a => a.textContent.trim() === %s).length`, jsString(link))); n != 1 {
			t.Errorf("menu has %d %q links; want 1", n, link)
		}
	}
	// The rendered size of chart text: its font size times the SVG's scale.
	sizes := eval[map[string]float64](b, `(() => {
		const px = sel => {
			const t = [...document.querySelectorAll(sel)].find(e => e.getBoundingClientRect().width > 0);
			if (!t) return 0;
			const svg = t.ownerSVGElement;
			const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
			return parseFloat(getComputedStyle(t).fontSize) * scale;
		};
		return {bar: px(".chart .bar-label"), heat: px("#heatmap .heat-label")};
	})()`)
	for chart, px := range sizes {
		if px < 10 {
			t.Errorf("%s chart text renders at %.1f px at 390 px; want at least 10", chart, px)
		}
	}
	if w := eval[float64](b, `document.documentElement.scrollWidth - innerWidth`); w > 1 {
		t.Errorf("the study page scrolls sideways by %.0f px at 390 px", w)
	}

	b.open("/search?q=price")
	b.expect("li.hit")
	top := eval[float64](b, `document.querySelector("section.objection-theme, li.hit").getBoundingClientRect().top`)
	// Its heading and first lines on the first screen (it was at 748 px,
	// below 10 filter groups).
	if top > 600 {
		t.Errorf("first search result starts at %.0f px on an 844 px screen; want it at 600 px or above", top)
	}
	b.expect("button.facets-toggle[aria-expanded=false]")
	if n := eval[int](b, `[...document.querySelectorAll(".facet-group")].filter(g => g.getBoundingClientRect().height > 0).length`); n != 0 {
		t.Errorf("%d filter groups shown before the filters are opened", n)
	}
	b.do("open the filters", chromedp.Click(chromedp.CSS("button.facets-toggle")))
	b.waitFor("filter groups to show", `[...document.querySelectorAll(".facet-group")].some(g => g.getBoundingClientRect().height > 0)`)
}

// The themes page holds no quote editors until a theme is opened; opening
// one loads its quotes, and their buttons work.
func TestThemesLoadQuotesOnDemand(t *testing.T) {
	b := newBrowser(t)
	b.signIn(researcher)
	b.open(fmt.Sprintf("/studies/%d/themes", env.study))
	b.expect("details.theme-quotes[data-src]")
	if n := b.count("li.tq"); n != 0 {
		t.Errorf("themes page has %d quote editors before any theme is opened; want 0", n)
	}
	if n := b.count("input, select, button, textarea"); n > 500 {
		t.Errorf("themes page has %d controls; want them loaded per theme", n)
	}
	first := b.attr("details.theme-quotes[data-src]", "data-src")
	sel := fmt.Sprintf(`details.theme-quotes[data-src=%s]`, cssString(first))
	b.do("open the first theme", chromedp.Click(chromedp.CSS(sel+" summary")))
	b.waitFor("the theme's quotes to load", fmt.Sprintf(`document.querySelectorAll(%s).length > 0`, jsString(sel+" li.tq")))
	b.expect(sel + " form.split-theme")
	hide := sel + " button.hide-quote"
	before := b.attr(hide, "data-hidden")
	b.do("hide a loaded quote", chromedp.Click(chromedp.CSS(hide)))
	b.waitFor("the hide button to answer", fmt.Sprintf(`document.querySelector(%s).dataset.hidden !== %s`, jsString(hide), jsString(before)))
	b.do("undo", chromedp.Click(chromedp.CSS(hide)))
	b.waitFor("the quote to be shown again", fmt.Sprintf(`document.querySelector(%s).dataset.hidden === %s`, jsString(hide), jsString(before)))
	if n := b.count("li.tq"); n == 0 || n > 5 {
		t.Errorf("%d quote editors after opening one theme; want 1-5", n)
	}
}
