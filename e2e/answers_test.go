package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// personaBarrier finds a persona and a perceived-barrier theme on its page.
func personaBarrier(t *testing.T) (persona, theme int64) {
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
				Ring   string `json:"ring"`
				Themes []struct {
					Theme struct {
						ID int64 `json:"id"`
					} `json:"theme"`
				} `json:"themes"`
			} `json:"rings"`
		}
		if err := env.api.do("GET", fmt.Sprintf("/api/v1/personas/%d", p.ID), nil, &page); err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Rings {
			if r.Ring == "perceived_barriers" && len(r.Themes) > 0 {
				return p.ID, r.Themes[0].Theme.ID
			}
		}
	}
	t.Fatal("no persona page has a perceived barrier")
	return 0, 0
}

// A sales rep shares how they answered an objection: it shows beside the
// buyers' quotes with who wrote it and when, markup in it stays text, and
// a marketer reads it on the persona page.
func TestSalesSharesAnswerMarketerReadsIt(t *testing.T) {
	personaID, theme := personaBarrier(t)
	b := newBrowser(t)
	b.signIn(sales)
	page := fmt.Sprintf("/objections/%d", theme)
	b.open(page)
	b.expect("form#answer-form")
	text := "Priced it against one analyst's salary. " + scriptText + " " + imgText + " &lt;b&gt;"
	b.do("write the answer",
		chromedp.SendKeys(chromedp.CSS("form#answer-form textarea[name=text]"), text),
		chromedp.SendKeys(chromedp.CSS("form#answer-form input[name=context]"), "CFO, pricing call "+imgText))
	b.markPage()
	b.do("share it", chromedp.Click(chromedp.CSS("form#answer-form button[type=submit]")))
	b.waitNewPage(page)
	b.waitVisible("section#answers li.field-answer")
	b.expectInert(true)
	got := eval[[]string](b, `[...document.querySelectorAll("section#answers li.field-answer")].map(e => e.querySelector(".answer-author").textContent + "|" + e.querySelector(".answer-when").textContent)`)
	if len(got) == 0 || !strings.HasPrefix(got[0], sales.name+"|") || strings.HasSuffix(got[0], "|") {
		t.Errorf("answers show %q; want the rep's name and when", got)
	}
	if b.count("div.objection-quote blockquote.quote") == 0 {
		t.Error("no buyer quote beside the answer")
	}
	b.shot("objection-answer")

	m := newBrowser(t)
	m.signIn(marketer)
	m.open(fmt.Sprintf("/personas/%d", personaID))
	m.waitVisible("section#persona-answers li.field-answer")
	m.expectInert(true)
	if m.count("section#persona-answers form.inline-delete") != 0 {
		t.Error("the marketer is offered to delete the rep's answer")
	}
}
