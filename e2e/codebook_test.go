package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// personaQuote finds a persona and one of its supporting quotes.
func personaQuote(t *testing.T) (persona, quote int64) {
	t.Helper()
	var list struct {
		Personas []struct {
			ID int64 `json:"id"`
		} `json:"personas"`
	}
	if err := env.api.do("GET", fmt.Sprintf("/api/v1/studies/%d/personas", env.study), nil, &list); err != nil {
		t.Fatal(err)
	}
	for _, p := range list.Personas {
		var page struct {
			Rings []struct {
				Themes []struct {
					Quotes []struct {
						ID int64 `json:"id"`
					} `json:"quotes"`
				} `json:"themes"`
			} `json:"rings"`
		}
		if err := env.api.do("GET", fmt.Sprintf("/api/v1/personas/%d", p.ID), nil, &page); err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Rings {
			for _, th := range r.Themes {
				if len(th.Quotes) > 0 {
					return p.ID, th.Quotes[0].ID
				}
			}
		}
	}
	t.Fatal("no persona page has a supporting quote")
	return 0, 0
}

// A researcher imports a codebook CSV on the codebook page, codes a
// buyer's quote with one of its codes, and a marketer sees the code with
// the quote in the persona page's Codes block. Markup in the imported
// names stays text.
func TestResearcherImportsCodebookAndCodesQuote(t *testing.T) {
	name := "Sign-off chain " + scriptText
	csv := "\xEF\xBB\xBFtag,description,number of highlights\r\n" +
		fmt.Sprintf("%q,%q,0\r\n", name, "Who must approve "+strings.ReplaceAll(imgText, `"`, `'`)) +
		"Integration effort,Work to connect existing tools,0\r\n"
	path := filepath.Join(t.TempDir(), "taguette-tags.csv")
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	personaID, quoteID := personaQuote(t)

	b := newBrowser(t)
	b.signIn(researcher)
	b.open(fmt.Sprintf("/studies/%d/codebook", env.study))
	b.expect("form#codebook-import")
	b.do("choose the CSV", chromedp.SetUploadFiles(chromedp.CSS("input#codebook-file"), []string{path}))
	b.markPage()
	b.do("import", chromedp.Click(chromedp.CSS("form#codebook-import button[type=submit]")))
	b.waitFor("the codebook after the import", fmt.Sprintf(`window.__e2eMark !== %d && document.querySelector("#import-result") && document.readyState === "complete"`, b.marks))
	if got := eval[string](b, `document.querySelector("#import-result").textContent`); !strings.Contains(got, "2 added") {
		t.Errorf("import result %q; want 2 added", got)
	}
	if !eval[bool](b, fmt.Sprintf(`[...document.querySelectorAll("ul#code-list h3.code-name")].some(h => h.textContent.includes(%s))`, jsString(name))) {
		t.Error("the imported code's name is not shown literally")
	}
	b.expectInert(false)
	b.shot("codebook")

	b.open(fmt.Sprintf("/quotes/%d/code", quoteID))
	b.expect("form#apply-code select#apply-code-id")
	value := eval[string](b, fmt.Sprintf(`[...document.querySelectorAll("select#apply-code-id option")].find(o => o.textContent.includes(%s)).value`, jsString(name)))
	b.do("pick the code", chromedp.SetValue(chromedp.CSS("select#apply-code-id"), value))
	b.markPage()
	b.do("apply it", chromedp.Click(chromedp.CSS("form#apply-code button[type=submit]")))
	b.waitFor("the coded quote", fmt.Sprintf(`window.__e2eMark !== %d && document.querySelector("ul#my-codes .code-chip") && document.readyState === "complete"`, b.marks))
	if got := eval[string](b, `document.querySelector("ul#my-codes .code-chip").textContent`); got != name {
		t.Errorf("my codes show %q; want %q", got, name)
	}
	b.shot("quote-code")

	m := newBrowser(t)
	m.signIn(marketer)
	m.open(fmt.Sprintf("/personas/%d", personaID))
	m.expect("section.persona-codes div.persona-code")
	if !eval[bool](m, fmt.Sprintf(`[...document.querySelectorAll("section.persona-codes div.persona-code")].some(d =>
		d.querySelector("h4.code-name").textContent.includes(%s) && d.querySelector("a.quote-link[href$='#quote-%d']"))`, jsString(name), quoteID)) {
		t.Error("the persona page's Codes block lacks the code with the coded quote")
	}
	m.expectInert(false)
}
