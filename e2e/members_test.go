package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A researcher creates two studies and, on the study page, shares one
// with a sales rep by name; the sales rep's studies page lists that one
// and not the other, opens it (seeing who it is shared with but no form
// to change it), and the other answers 404 (docs/ACCESS.md).
func TestSalesSeesOnlySharedStudy(t *testing.T) {
	needServer(t)
	rc, err := signedIn(researcher)
	if err != nil {
		t.Fatal(err)
	}
	var shared, private struct {
		ID int64 `json:"id"`
	}
	if err := rc.do("POST", "/api/v1/studies", map[string]string{"name": "Shared pricing calls"}, &shared); err != nil {
		t.Fatal(err)
	}
	if err := rc.do("POST", "/api/v1/studies", map[string]string{"name": "Private churn calls"}, &private); err != nil {
		t.Fatal(err)
	}

	rb := newBrowser(t)
	rb.signIn(researcher)
	rb.open(fmt.Sprintf("/studies/%d", shared.ID))
	rb.expect("section#shared form#share-form")
	rb.markPage()
	rb.do("share with the sales rep by name",
		chromedp.SendKeys(chromedp.CSS("form#share-form input[name=user]"), sales.name),
		chromedp.Click(chromedp.CSS("form#share-form button[type=submit]")))
	rb.waitNewPage(fmt.Sprintf("/studies/%d", shared.ID))
	if !eval[bool](rb, fmt.Sprintf(`[...document.querySelectorAll("section#shared li")].some(li => li.textContent.includes(%s))`, jsString(sales.name))) {
		t.Fatalf("the study page does not list %s under Shared with", sales.name)
	}

	sb := newBrowser(t)
	sb.signIn(sales)
	links := eval[[]string](sb, `[...document.querySelectorAll("a.study-link")].map(a => a.textContent.trim())`)
	has := map[string]bool{}
	for _, l := range links {
		has[l] = true
	}
	if !has["Shared pricing calls"] || has["Private churn calls"] {
		t.Errorf("the sales rep's studies page lists %q; want the shared study and not the private one", links)
	}
	sb.open(fmt.Sprintf("/studies/%d", shared.ID))
	sb.expect("section#shared")
	if sb.count("form#share-form") != 0 {
		t.Error("the sales rep is offered the share form")
	}
	resp, err := run(sb, chromedp.NavigateResponse(fmt.Sprintf("%s/studies/%d", env.base, private.ID)))
	if err != nil {
		t.Fatal(err)
	}
	if resp == nil || resp.Status != 404 {
		t.Errorf("the private study's page answers %v to the sales rep; want 404", resp)
	}
	// The 404 is the point: forget the browser's log line about it, and
	// only it.
	sb.waitFor("the error page", `document.readyState === "complete"`)
	for _, p := range sb.rec.take() {
		if !strings.Contains(p, "status of 404") {
			t.Errorf("page error: %s", p)
		}
	}
	if sb.count("a.study-link") != 0 || eval[bool](sb, `document.body.textContent.includes("Private churn calls")`) {
		t.Error("the 404 page names the private study")
	}
}
