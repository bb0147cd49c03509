package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A researcher runs "code the rest from my examples" on the review page
// and accepts the first suggestion: the page reports the decision and the
// quote leaves the queue.
func TestResearcherAcceptsSeededSuggestion(t *testing.T) {
	needServer(t)
	var list struct {
		Themes []struct {
			ID int64 `json:"id"`
		} `json:"themes"`
	}
	if err := env.api.do("GET", fmt.Sprintf("/api/v1/studies/%d/themes", env.study), nil, &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Themes) < 2 {
		t.Fatalf("the demo has %d themes; want two to promote", len(list.Themes))
	}
	for _, th := range list.Themes[len(list.Themes)-2:] {
		if err := env.api.do("POST", fmt.Sprintf("/api/v1/themes/%d/promote", th.ID), nil, nil); err != nil {
			t.Fatalf("promote theme %d: %v", th.ID, err)
		}
	}

	b := newBrowser(t)
	b.signIn(researcher)
	b.open(fmt.Sprintf("/studies/%d/review", env.study))
	b.expect("form#suggest-form")
	b.markPage()
	b.do("run the seeded coding", chromedp.Click(chromedp.CSS("form#suggest-form button[type=submit]")))
	b.waitFor("the review queue", fmt.Sprintf(`window.__e2eMark !== %d && document.querySelector("ol#review-list li.review-item") && document.readyState === "complete"`, b.marks))
	quote := eval[string](b, `document.querySelector("ol#review-list li.review-item").dataset.quote`)
	b.shot("review")
	b.markPage()
	b.do("accept the first suggestion", chromedp.Click(chromedp.CSS("ol#review-list li.review-item button.review-accept")))
	b.waitFor("the decision", fmt.Sprintf(`window.__e2eMark !== %d && document.querySelector("#review-result") && document.readyState === "complete"`, b.marks))
	if got := eval[string](b, `document.querySelector("#review-result").textContent`); !strings.Contains(got, "Quote "+quote+" accepted") {
		t.Errorf("decision result %q; want quote %s accepted", got, quote)
	}
	if eval[bool](b, fmt.Sprintf(`!!document.querySelector("li#review-%s")`, quote)) {
		t.Errorf("quote %s is still on the queue after accepting it", quote)
	}
	b.expectInert(false)
}
