package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// searchTotal counts a study's quotes a query finds, through the API.
func searchTotal(t *testing.T, c *client, study int64, q string) int {
	t.Helper()
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID            int64 `json:"id"`
			ParticipantID int64 `json:"participant_id"`
		} `json:"hits"`
	}
	if err := c.do("GET", fmt.Sprintf("/api/v1/search?study=%d&q=%s", study, url.QueryEscape(q)), nil, &res); err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// A researcher codes a quote, changes a speaker's role so the quote is no
// longer cut, finds the coding listed on the codebook page as one that
// could not be placed and dismisses it; then turns redaction on for a
// study with text stored before, applies it to what is stored from the
// study page, and the name and e-mail are no longer searchable.
func TestResearcherSeesUnplacedCodingsAndRedactsStoredText(t *testing.T) {
	c, err := signedIn(researcher)
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		ID int64 `json:"id"`
	}
	if err := c.do("POST", "/api/v1/studies", map[string]string{"name": "Privacy later e2e"}, &st); err != nil {
		t.Fatal(err)
	}
	files, err := c.upload(st.ID, "privacy-later-dana-ortiz.txt")
	if err != nil || len(files) != 1 || files[0].Status != "ok" {
		t.Fatalf("upload: %+v %v", files, err)
	}
	var code struct {
		ID int64 `json:"id"`
	}
	if err := c.do("POST", fmt.Sprintf("/api/v1/studies/%d/codes", st.ID), map[string]string{"name": "Onboarding pain"}, &code); err != nil {
		t.Fatal(err)
	}
	var hits struct {
		Hits []struct {
			ID            int64 `json:"id"`
			ParticipantID int64 `json:"participant_id"`
		} `json:"hits"`
	}
	if err := c.do("GET", fmt.Sprintf("/api/v1/search?study=%d&q=zebrafish", st.ID), nil, &hits); err != nil || len(hits.Hits) == 0 {
		t.Fatalf("search: %+v %v", hits, err)
	}
	q := hits.Hits[0]
	if err := c.do("PUT", fmt.Sprintf("/api/v1/quotes/%d/codes/%d", q.ID, code.ID), nil, nil); err != nil {
		t.Fatal(err)
	}
	// The quote is also the code's example, and the seeded coding runs:
	// both hang on the quote, and are held when the role change cuts it.
	if err := c.do("PATCH", fmt.Sprintf("/api/v1/codes/%d", code.ID), map[string]any{"name": "Onboarding pain", "example_quote_ids": []int64{q.ID}}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.do("POST", fmt.Sprintf("/api/v1/studies/%d/codebook/suggest", st.ID), nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.do("PATCH", fmt.Sprintf("/api/v1/participants/%d", q.ParticipantID), map[string]string{"role": "interviewer"}, nil); err != nil {
		t.Fatal(err)
	}
	var held struct {
		Examples []struct {
			Code string `json:"code"`
			Text string `json:"text"`
		} `json:"examples"`
		Suggestions []struct {
			Count int `json:"count"`
		} `json:"suggestions"`
	}
	if err := c.do("GET", fmt.Sprintf("/api/v1/studies/%d/unplaced-anchors", st.ID), nil, &held); err != nil {
		t.Fatal(err)
	}
	if len(held.Examples) != 1 || held.Examples[0].Code != "Onboarding pain" || !strings.Contains(held.Examples[0].Text, "zebrafish") ||
		len(held.Suggestions) != 1 || held.Suggestions[0].Count == 0 {
		t.Fatalf("unplaced examples and suggestions %+v; want the zebrafish example and Sam's suggestions", held)
	}

	b := newBrowser(t)
	b.signIn(researcher)
	b.open(fmt.Sprintf("/studies/%d/codebook", st.ID))
	b.expect("section#unplaced-codings")
	if got := eval[string](b, `document.querySelector("section#unplaced-codings").textContent`); !strings.Contains(got, "zebrafish") || !strings.Contains(got, "Onboarding pain") {
		t.Errorf("the unplaced coding shows %q; want its text and code", got)
	}
	b.shot("unplaced-codings")
	b.markPage()
	b.do("dismiss", chromedp.Click(chromedp.CSS("section#unplaced-codings form button[type=submit]")))
	b.waitFor("the codebook after dismissing", fmt.Sprintf(`window.__e2eMark !== %d && document.readyState === "complete" && document.querySelector("h1")`, b.marks))
	if n := b.count("section#unplaced-codings"); n != 0 {
		t.Errorf("the dismissed coding is still listed")
	}
	b.expect("section#unplaced-anchors")
	if got := eval[string](b, `document.querySelector("section#unplaced-anchors").textContent`); !strings.Contains(got, "zebrafish") ||
		!strings.Contains(got, "Example of Onboarding pain") || !strings.Contains(got, fmt.Sprintf("%d suggestion", held.Suggestions[0].Count)) {
		t.Errorf("the unplaced example and suggestions show %q", got)
	}
	b.shot("unplaced-anchors")
	for range 2 {
		b.markPage()
		b.do("dismiss an example or suggestions", chromedp.Click(chromedp.CSS("section#unplaced-anchors form button[type=submit]")))
		b.waitFor("the codebook after dismissing", fmt.Sprintf(`window.__e2eMark !== %d && document.readyState === "complete" && document.querySelector("h1")`, b.marks))
	}
	if n := b.count("section#unplaced-anchors"); n != 0 {
		t.Errorf("dismissed examples or suggestions are still listed")
	}

	for _, s := range []string{"ortiz", `"dana.ortiz@example.com"`} {
		if searchTotal(t, c, st.ID, s) == 0 {
			t.Fatalf("%s is not searchable before redaction; the test proves nothing", s)
		}
	}
	b.open(fmt.Sprintf("/studies/%d", st.ID))
	b.expect("form#privacy-form")
	b.markPage()
	b.do("turn redaction on", chromedp.Click(chromedp.CSS(`form#privacy-form input[name=redact]`)),
		chromedp.Click(chromedp.CSS("form#privacy-form button[type=submit]")))
	b.waitFor("the study page with redaction on", fmt.Sprintf(`window.__e2eMark !== %d && document.readyState === "complete" && document.querySelector("form#redact-stored-form")`, b.marks))
	b.markPage()
	b.do("apply redaction to what is stored", chromedp.Click(chromedp.CSS("form#redact-stored-form button[type=submit]")))
	b.waitFor("the study page after starting the pass", fmt.Sprintf(`window.__e2eMark !== %d && document.readyState === "complete" && document.querySelector("#redact-stored-status")`, b.marks))
	for i := 0; i < 50 && !strings.Contains(eval[string](b, `document.querySelector("#redact-stored-status").textContent`), "applied"); i++ {
		b.open(fmt.Sprintf("/studies/%d", st.ID))
		b.expect("#redact-stored-status")
	}
	if got := eval[string](b, `document.querySelector("#redact-stored-status").textContent`); !strings.Contains(got, "1 of 1 sources rewritten") {
		t.Errorf("status %q; want the one source rewritten", got)
	}
	b.shot("redact-stored")
	for _, s := range []string{"ortiz", `"dana.ortiz@example.com"`} {
		if n := searchTotal(t, c, st.ID, s); n != 0 {
			t.Errorf("%s still finds %d quotes after applying redaction", s, n)
		}
	}
	if page := eval[string](b, `document.body.textContent`); strings.Contains(strings.ToLower(page), "ortiz") {
		t.Errorf("the study page still shows the name (a source's file name?)")
	}
}
