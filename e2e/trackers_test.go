package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A sales rep saves an objection search as a tracker from the search
// page; its page shows the matches per week and the personas raising it.
// A field note posted afterwards is the one new quote at the next visit,
// and the JSON feed lists it first. Markup in the tracker's words stays
// text.
func TestSalesTracksObjection(t *testing.T) {
	b := newBrowser(t)
	b.signIn(sales)
	b.open(fmt.Sprintf("/search?study=%d", env.study))
	b.search("security review")
	b.waitVisible("a#track-objection")
	b.markPage()
	b.do("track it", chromedp.Click(chromedp.CSS("a#track-objection")))
	b.waitNewPage("/trackers")
	if got := eval[string](b, `document.querySelector("form#tracker-form input[name=words]").value`); got != "security review" {
		t.Errorf("the form is prefilled with %q", got)
	}
	b.do("add synonyms and a name",
		chromedp.SendKeys(chromedp.CSS("form#tracker-form input[name=synonyms]"), "infosec, pen test"),
		chromedp.SendKeys(chromedp.CSS("form#tracker-form input[name=name]"), "Security "+scriptText),
		chromedp.SendKeys(chromedp.CSS("form#tracker-form input[name=team]"), "EMEA "+imgText))
	b.markPage()
	b.do("save", chromedp.Click(chromedp.CSS("form#tracker-form button[type=submit]")))
	b.waitFor("the tracker page", fmt.Sprintf(`window.__e2eMark !== %d && location.pathname.startsWith("/trackers/") && document.readyState === "complete"`, b.marks))
	path := eval[string](b, `location.pathname`)
	b.expect("h1#tracker-name")
	b.expectInert(false)
	if !eval[bool](b, fmt.Sprintf(`document.querySelector("h1#tracker-name").textContent.includes(%s)`, jsString(scriptText))) {
		t.Error("the tracker's name is not shown literally")
	}
	b.expect("svg#week-chart g.week-bar")
	b.expect("ul.tracker-personas li.raiser")
	total := eval[string](b, `document.querySelector("#tracker-total").textContent`)
	if total == "0" || eval[string](b, `document.querySelector("#tracker-new").textContent`) != total {
		t.Errorf("first visit: %s matching, not all new", total)
	}
	b.shot("tracker")

	b.open(fmt.Sprintf("/search?study=%d", env.study))
	b.postNote("Their infosec team wants a pen test report before anything else.")
	b.open(path)
	if got := eval[string](b, `document.querySelector("#tracker-new").textContent`); got != "1" {
		t.Errorf("%s new after one field note; want 1", got)
	}
	b.expect("li.tracker-hit.tracker-note mark")

	feed := eval[struct {
		Status int    `json:"status"`
		Type   string `json:"type"`
		First  string `json:"first"`
	}](b, fmt.Sprintf(`fetch(%s + "/feed.json", {credentials: "same-origin"}).then(async r => {
		const f = await r.json(); return {status: r.status, type: r.headers.get("content-type"), first: f.items[0].content_text} })`,
		jsString("/api/v1"+path)))
	if feed.Status != 200 || !strings.HasPrefix(feed.Type, "application/feed+json") || !strings.Contains(feed.First, "pen test") {
		t.Errorf("feed: %+v", feed)
	}

	b.open("/trackers")
	b.expect("table#tracker-list a.tracker-link")
	b.expectInert(false)
}
