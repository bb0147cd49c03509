package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// A sales rep marks a lost deal on its interview's page, filters an
// objection search to lost deals, and opens the objection: the deals it
// came with, each count leading to a quote, and only lost deals' quotes;
// a marketer sees the persona's objections of lost deals.
func TestSalesMarksLostDealAndFiltersObjections(t *testing.T) {
	ids := demoTranscripts(t)
	b := newBrowser(t)
	b.signIn(sales)
	first := fmt.Sprintf("/sources/%d", ids[0])
	b.open(first)
	b.expect("form#outcome-form")
	if b.count("form#wave-form") != 0 {
		t.Error("a sales rep sees the wave form")
	}
	b.do("choose lost", chromedp.SetValue(chromedp.CSS("form#outcome-form select[name=outcome]"), "lost"),
		chromedp.SetValue(chromedp.CSS("form#outcome-form input[name=competitor]"), "Gong"))
	b.markPage()
	b.do("save the outcome", chromedp.Click(chromedp.CSS("form#outcome-form button[type=submit]")))
	b.waitNewPage(first)
	if got := eval[string](b, `document.querySelector("#meta-outcome").textContent`); !containsAny([]string{got}, []string{"Lost"}) {
		t.Fatalf("after saving, the source says %q", got)
	}
	for i, id := range ids[1:] {
		o := []string{"won", "lost", "no-decision"}[i%3]
		if err := env.api.do("PUT", fmt.Sprintf("/api/v1/sources/%d/outcome", id), map[string]string{"outcome": o, "competitor": "Chorus"}, nil); err != nil {
			t.Fatal(err)
		}
	}

	b.open(fmt.Sprintf("/search?study=%d", env.study))
	b.search("too expensive")
	lost := `a.facet[data-field="outcome"][data-value="lost"]`
	b.expect(lost)
	b.markPage()
	b.do("filter to lost deals", chromedp.Click(chromedp.CSS(lost)))
	b.waitFor("objections of lost deals", fmt.Sprintf(`window.__e2eMark !== %d && document.readyState === "complete" && new URLSearchParams(location.search).get("outcome") === "lost"`, b.marks))
	b.expect(`a.facet-remove[data-field="outcome"]`)
	b.waitVisible("section.objection-theme a.objection-link")
	href := b.attr("section.objection-theme a.objection-link", "href")
	b.markPage()
	b.do("open the objection", chromedp.Click(chromedp.CSS("section.objection-theme a.objection-link")))
	path, _ := splitQuery(href)
	b.waitNewPage(path)
	b.expect("h1#objection-name")
	if got := eval[string](b, `document.querySelector("form#outcome-filter select[name=outcome]").value`); got != "lost" {
		t.Errorf("the objection page filters by %q; want lost (from the search)", got)
	}
	if n, lost := b.count("div.objection-quote"), b.count(`div.objection-quote[data-outcome="lost"]`); n != lost {
		t.Errorf("%d quotes, %d of them from lost deals", n, lost)
	}
	b.expect("ul.outcome-counts li .quote-links a")
	b.shot("objection-lost")
	b.do("show every outcome", chromedp.SetValue(chromedp.CSS("form#outcome-filter select[name=outcome]"), ""))
	b.markPage()
	b.do("filter", chromedp.Click(chromedp.CSS("form#outcome-filter button[type=submit]")))
	b.waitNewPage(path)
	if b.count("div.objection-quote") == 0 {
		t.Error("no quote with every outcome")
	}

	m := newBrowser(t)
	m.signIn(marketer)
	m.open(fmt.Sprintf("/studies/%d/personas", env.study))
	m.open(m.attr(`a.persona-card[href^="/personas/"]`, "href"))
	m.expect("section#winloss form#winloss-filter")
}

func splitQuery(href string) (string, string) {
	for i := range href {
		if href[i] == '?' {
			return href[:i], href[i+1:]
		}
	}
	return href, ""
}
