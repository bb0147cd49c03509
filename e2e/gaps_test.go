package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// checkDocument uploads one demo collateral document through the gaps
// page's form and returns the report page's path and each persona's
// coverage (percent) by persona name.
func (b *browser) checkDocument(file string) (string, map[string]int) {
	b.t.Helper()
	b.open(fmt.Sprintf("/studies/%d/gaps", env.study))
	b.expect("form#gap-upload input#gap-file[type=file]")
	path, err := filepath.Abs(filepath.Join("..", "samples", "collateral", file))
	if err != nil {
		b.t.Fatal(err)
	}
	b.markPage()
	b.do("choose "+file, chromedp.SetUploadFiles(chromedp.CSS("input#gap-file"), []string{path}))
	b.do("submit the check", chromedp.Click(chromedp.CSS("form#gap-upload button[type=submit]")))
	report, err := poll[string](b, fmt.Sprintf(`window.__e2eMark !== %d && /^\/collateral\/\d+$/.test(location.pathname) && document.readyState === "complete" && location.pathname`, b.marks), stepTimeout)
	if err != nil {
		b.t.Fatalf("no report page after uploading %s (at %s): %v", file, b.location(), err)
	}
	b.expect("h1#gap-title")
	cov := eval[map[string]string](b, `Object.fromEntries([...document.querySelectorAll("section.gap-persona")].map(s =>
		[s.querySelector("h2").textContent.trim(), s.querySelector(".coverage-score").textContent]))`)
	out := map[string]int{}
	for name, v := range cov {
		n, err := strconv.Atoi(v[:len(v)-1])
		if err != nil {
			b.t.Fatalf("coverage %q of %s: %v", v, name, err)
		}
		out[name] = n
	}
	if len(out) == 0 {
		b.t.Fatalf("%s: no persona coverage on %s", file, report)
	}
	return report, out
}

// TestMarketerChecksCollateral: a marketer checks the demo's vendor-speak
// page and its buyers'-words one-pager; the second covers more of every
// persona's top themes, its matches sit beside buyer quotes that link to
// their source, the vendor page's clichés are named, and the one-page view
// prints on one page.
func TestMarketerChecksCollateral(t *testing.T) {
	b := newBrowser(t)
	b.signIn(marketer)
	b.open(fmt.Sprintf("/studies/%d/gaps", env.study))
	if n := b.count("ul.gap-docs a.gap-doc[href^='/collateral/']"); n < 2 {
		t.Errorf("the demo study lists %d checked documents; want its two collateral documents", n)
	}
	b.shot("gaps")
	vendorPath, vendor := b.checkDocument("fieldnote-vendor-speak.html")
	phrases := eval[[]string](b, `[...document.querySelectorAll("#vendor-phrases li.phrase")].map(e => e.firstChild.textContent.trim())`)
	for _, w := range []string{"seamless", "best-in-class", "synergy"} {
		if !contains(phrases, w) {
			t.Errorf("vendor page: %q not among the vendor phrases %q", w, phrases)
		}
	}
	b.shot("gap-vendor")

	buyersPath, buyers := b.checkDocument("fieldnote-in-buyers-words.md")
	for name, cv := range vendor {
		if buyers[name] <= cv {
			t.Errorf("persona %q: buyers'-words coverage %d%% not above vendor-speak %d%%", name, buyers[name], cv)
		}
	}
	if vendorPath == buyersPath {
		t.Fatalf("both documents at %s", buyersPath)
	}
	b.expect(".gap-theme.addressed blockquote.passage")
	b.shot("gap-report")
	quote := b.attr(".gap-theme.addressed .gap-buyer-side a.quote-link[href^='/sources/']", "href")
	b.markPage()
	b.do("follow a buyer quote beside a matched passage", chromedp.Click(chromedp.CSS(fmt.Sprintf(`.gap-theme.addressed a.quote-link[href=%s]`, cssString(quote)))))
	src := regexp.MustCompile(`^/sources/\d+`).FindString(quote)
	b.waitNewPage(src)
	b.expect("#" + quote[len(src)+1:])

	b.open(buyersPath + "/print")
	b.expect(".gp-persona")
	var buf []byte
	b.do("print the one-page view", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PrintBackground: ptr(true)})
		buf = res.Data
		return err
	}))
	if pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(buf, -1)); pages != 1 {
		t.Errorf("one-page view prints as %d pages", pages)
	}
}

// TestSurveyFigureTracesToAnswers follows a persona page's survey figure
// to the survey answers it counts.
func TestSurveyFigureTracesToAnswers(t *testing.T) {
	b := newBrowser(t)
	b.signIn(sales)
	b.open(fmt.Sprintf("/studies/%d/personas", env.study))
	b.open(b.attr(`a.persona-card[href^="/personas/"]`, "href"))
	figures := eval[[]string](b, `[...document.querySelectorAll("p.survey-size a")].map(a => a.textContent + "|" + a.getAttribute("href") + "|" + a.title)`)
	// Other tests upload more interviews and surveys into the demo study:
	// the counts are read, not assumed.
	re := regexp.MustCompile(`^Study-wide: raised by \d+ of \d+ interviewees; \d+% ± \d+% of (\d+) surveyed\|(/themes/\d+/survey)\|(\d+) of (\d+) respondents`)
	var link string
	var k int
	for _, f := range figures {
		if m := re.FindStringSubmatch(f); m != nil && m[1] == m[4] {
			if n, _ := strconv.Atoi(m[3]); n > 0 {
				link, k = m[2], n
				break
			}
		}
	}
	if link == "" {
		t.Fatalf("no survey figure with answers on the persona page: %q", figures)
	}
	b.shot("persona-survey")
	b.markPage()
	b.do("follow the survey figure", chromedp.Click(chromedp.CSS(fmt.Sprintf(`p.survey-size a[href=%s]`, cssString(link)))))
	b.waitNewPage(link)
	if n := b.count("blockquote.quote a.quote-link[href^='/sources/']"); n != k {
		t.Errorf("%s lists %d answers linked to their source; the figure counts %d", link, n, k)
	}
	if _, err := poll[bool](b, `document.querySelector("#survey-figure")`, 5*time.Second); err != nil {
		t.Errorf("no #survey-figure on %s", link)
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}
