package e2e

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// searchHit is one search result.
type searchHit struct {
	ID            int64  `json:"id"`
	ParticipantID int64  `json:"participant_id"`
	SourceID      int64  `json:"source_id"`
	Text          string `json:"text"`
}

func searchHits(t *testing.T, c *client, study int64, q string) []searchHit {
	t.Helper()
	var res struct {
		Hits []searchHit `json:"hits"`
	}
	if err := c.do("GET", fmt.Sprintf("/api/v1/search?study=%d&size=50&q=%s", study, url.QueryEscape(q)), nil, &res); err != nil {
		t.Fatal(err)
	}
	return res.Hits
}

// agreementJSON is the part of the agreement report the workflow reads.
type agreementJSON struct {
	Comparisons []struct {
		Coders []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"coders"`
		Units    int `json:"units"`
		Compared int `json:"compared"`
		Overall  struct {
			Percent struct {
				Value   float64 `json:"value"`
				Defined bool    `json:"defined"`
			} `json:"percent"`
		} `json:"overall"`
	} `json:"comparisons"`
}

// researchers picks the comparison of exactly the two named coders.
func (r agreementJSON) researchers(a, b string) (units, compared int, percent float64, ok bool) {
	for _, c := range r.Comparisons {
		if len(c.Coders) != 2 {
			continue
		}
		names := c.Coders[0].Name + "|" + c.Coders[1].Name
		if names == a+"|"+b || names == b+"|"+a {
			return c.Units, c.Compared, c.Overall.Percent.Value, true
		}
	}
	return 0, 0, 0, false
}

// The researcher's workflow end to end, in Chromium, on a study of its
// own: import a REFI-QDA codebook (.qdc) on the codebook page, code a few
// quotes per code, run "code the rest from my examples" and correct a
// suggestion on the review queue, compare with a second researcher on
// the agreement page, then delete a participant from the source page:
// nothing of theirs stays searchable, in the review queue or in the
// agreement figures.
func TestResearcherWorkflowCodebookToDeletion(t *testing.T) {
	needServer(t)
	c, err := signedIn(researcher)
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		ID int64 `json:"id"`
	}
	if err := c.do("POST", "/api/v1/studies", map[string]string{"name": "Workflow e2e"}, &st); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range []string{"01-dana-whitfield-brightlane.txt", "05-hannah-brooks-corvane.otter.txt", "10-ingrid-halvorsen-pellham-pharma.txt",
		"11-jess-tran-pebblecart.txt", "13-nadia-petrov-loomstack.otter.txt", "04-tomas-eriksen-quillpath.srt"} {
		paths = append(paths, filepath.Join("..", "samples", "interviews", f))
	}
	files, err := c.uploadFiles(st.ID, paths...)
	if err != nil || len(files) != len(paths) {
		t.Fatalf("upload: %+v %v", files, err)
	}
	for _, f := range files {
		if f.Status != "ok" {
			t.Fatalf("upload %s: %+v", f.Path, f)
		}
	}
	c.waitAnalysis(t, st.ID, 0)

	// 1. The codebook, from another tool's REFI-QDA export.
	qdc := `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="0b6f2d1e-1c2a-4e3b-9d4c-5e6f7a8b9c01" name="Pricing" isCodable="true"><Description>Cost, price, budget and renewals</Description></Code>
<Code guid="0b6f2d1e-1c2a-4e3b-9d4c-5e6f7a8b9c02" name="Onboarding" isCodable="true"><Description>Setting the tool up and learning it</Description></Code>
<Code guid="0b6f2d1e-1c2a-4e3b-9d4c-5e6f7a8b9c03" name="Integrations" isCodable="true"><Description>Connecting it to the tools already in use</Description></Code>
</Codes></CodeBook>`
	qdcPath := filepath.Join(t.TempDir(), "codebook.qdc")
	if err := os.WriteFile(qdcPath, []byte(qdc), 0o600); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	b.signIn(researcher)
	b.open(fmt.Sprintf("/studies/%d/codebook", st.ID))
	b.expect("form#codebook-import")
	b.do("choose the .qdc", chromedp.SetUploadFiles(chromedp.CSS("input#codebook-file"), []string{qdcPath}))
	b.markPage()
	b.do("import", chromedp.Click(chromedp.CSS("form#codebook-import button[type=submit]")))
	b.waitFor("the codebook after the import", fmt.Sprintf(`window.__e2eMark !== %d && document.querySelector("#import-result") && document.readyState === "complete"`, b.marks))
	if got := eval[string](b, `document.querySelector("#import-result").textContent`); !strings.Contains(got, "3 added") {
		t.Errorf("import result %q; want 3 added", got)
	}
	for _, name := range []string{"Pricing", "Onboarding", "Integrations"} {
		if !eval[bool](b, fmt.Sprintf(`[...document.querySelectorAll("ul#code-list h3.code-name")].some(h => h.firstChild.textContent.trim() === %s)`, jsString(name))) {
			t.Errorf("the codebook page does not list %q", name)
		}
	}
	b.shot("workflow-codebook")
	var book struct {
		Codes []struct {
			Code struct {
				ID         int64  `json:"id"`
				Name       string `json:"name"`
				Definition string `json:"definition"`
			} `json:"code"`
		} `json:"codes"`
	}
	if err := c.do("GET", fmt.Sprintf("/api/v1/studies/%d/codebook", st.ID), nil, &book); err != nil {
		t.Fatal(err)
	}
	codeID := map[string]int64{}
	for _, e := range book.Codes {
		codeID[e.Code.Name] = e.Code.ID
		if e.Code.Name == "Pricing" && !strings.Contains(e.Code.Definition, "renewals") {
			t.Errorf("the .qdc description of Pricing was not kept: %q", e.Code.Definition)
		}
	}
	if len(codeID) != 3 {
		t.Fatalf("codebook %+v; want the 3 imported codes", book)
	}

	// 2. Seeds: the researcher codes two quotes per code; a second
	// researcher codes the same quotes, agreeing on all but one.
	seeds := map[string][]searchHit{}
	used := map[int64]bool{}
	for _, nq := range [][2]string{{"Pricing", "price"}, {"Onboarding", "onboarding"}, {"Integrations", "integration"}} {
		name, q := nq[0], nq[1]
		for _, h := range searchHits(t, c, st.ID, q) {
			if !used[h.ID] && len(seeds[name]) < 2 {
				used[h.ID] = true
				seeds[name] = append(seeds[name], h)
			}
		}
		if len(seeds[name]) < 2 {
			t.Fatalf("search %q finds %d quotes; the workflow needs two per code", q, len(seeds[name]))
		}
	}
	second := user{"rob-researcher", "researcher", "rob-e2e-password-1"}
	if err := env.api.do("POST", "/api/v1/users", map[string]string{"name": second.name, "role": second.role, "password": second.password}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.do("POST", fmt.Sprintf("/api/v1/studies/%d/members", st.ID), map[string]string{"user": second.name}, nil); err != nil {
		t.Fatal(err)
	}
	c2, err := signedIn(second)
	if err != nil {
		t.Fatal(err)
	}
	for name, hs := range seeds {
		for i, h := range hs {
			if err := c.do("PUT", fmt.Sprintf("/api/v1/quotes/%d/codes/%d", h.ID, codeID[name]), nil, nil); err != nil {
				t.Fatal(err)
			}
			other := name
			if name == "Pricing" && i == 1 {
				other = "Onboarding" // the one disagreement
			}
			if err := c2.do("PUT", fmt.Sprintf("/api/v1/quotes/%d/codes/%d", h.ID, codeID[other]), nil, nil); err != nil {
				t.Fatal(err)
			}
		}
	}

	// 3. Seeded coding and the review queue: correct the first suggestion.
	b.open(fmt.Sprintf("/studies/%d/review", st.ID))
	b.expect("form#suggest-form")
	b.markPage()
	b.do("run the seeded coding", chromedp.Click(chromedp.CSS("form#suggest-form button[type=submit]")))
	b.waitFor("the review queue", fmt.Sprintf(`window.__e2eMark !== %d && document.querySelector("ol#review-list li.review-item") && document.readyState === "complete"`, b.marks))
	quote := eval[string](b, `document.querySelector("ol#review-list li.review-item").dataset.quote`)
	suggested := eval[string](b, `document.querySelector("ol#review-list li.review-item .review-code").textContent`)
	correct := "Integrations"
	if suggested == correct {
		correct = "Onboarding"
	}
	sel := fmt.Sprintf("select#review-other-%s", quote)
	b.do("pick another code", chromedp.SetValue(chromedp.CSS(sel), fmt.Sprint(codeID[correct])))
	b.markPage()
	b.do("code it as this", chromedp.Click(chromedp.CSS(fmt.Sprintf("li#review-%s button.review-correct", quote))))
	b.waitFor("the decision", fmt.Sprintf(`window.__e2eMark !== %d && document.querySelector("#review-result") && document.readyState === "complete"`, b.marks))
	if got := eval[string](b, `document.querySelector("#review-result").textContent`); !strings.Contains(got, "Quote "+quote) {
		t.Errorf("decision result %q; want it to name quote %s", got, quote)
	}
	if eval[bool](b, fmt.Sprintf(`!!document.querySelector("li#review-%s")`, quote)) {
		t.Errorf("quote %s is still on the queue after correcting it", quote)
	}
	b.shot("workflow-review")
	var qc struct {
		Mine []struct {
			Name string `json:"name"`
		} `json:"mine"`
	}
	if err := c.do("GET", fmt.Sprintf("/api/v1/quotes/%s/codings", quote), nil, &qc); err != nil {
		t.Fatal(err)
	}
	if len(qc.Mine) != 1 || qc.Mine[0].Name != correct {
		t.Errorf("after correcting, quote %s is coded %+v by the researcher; want %s", quote, qc.Mine, correct)
	}

	// 4. Agreement between the two researchers, on the page and in JSON.
	var rep agreementJSON
	if err := c.do("GET", fmt.Sprintf("/api/v1/studies/%d/agreement", st.ID), nil, &rep); err != nil {
		t.Fatal(err)
	}
	units, compared, percent, ok := rep.researchers(researcher.name, second.name)
	if !ok || units < 6 || compared < 6 || percent <= 0 || percent >= 1 {
		t.Fatalf("agreement %s vs %s: %d units, %d compared, %.3f; want 6 or more, agreeing on most, not all: %+v", researcher.name, second.name, units, compared, percent, rep)
	}
	// Against the seeded coding, the researcher's figures rest on what
	// they decided after it ran: the one corrected suggestion.
	if u, _, p, ok := rep.researchers(researcher.name, "Verbatim (seeded)"); !ok || u != 1 || p >= 1 {
		t.Errorf("%s vs the seeded coding: %d units, %.3f agreement; want the one corrected suggestion, a disagreement", researcher.name, u, p)
	}
	b.open(fmt.Sprintf("/studies/%d/agreement", st.ID))
	b.expect("section.comparison")
	pageText := eval[string](b, fmt.Sprintf(`[...document.querySelectorAll("section.comparison")].filter(s => s.querySelector("h2").textContent.includes(%s) && s.querySelector("h2").textContent.includes(%s)).map(s => s.textContent).join("|")`,
		jsString(researcher.name), jsString(second.name)))
	if !strings.Contains(pageText, fmt.Sprintf("%d quotes coded", units)) && !strings.Contains(pageText, fmt.Sprintf("%d quote", units)) {
		t.Errorf("the agreement page's comparison reads %q; want %d quotes as in the JSON", pageText, units)
	}
	b.shot("workflow-agreement")

	// 5. Delete the participant of the disagreed quote from the source page.
	gone := seeds["Pricing"][1]
	theirs := searchHits(t, c, st.ID, fmt.Sprintf("%q", firstWords(gone.Text, 6)))
	if len(theirs) == 0 {
		t.Fatalf("their quote %q is not found by its own words; the test proves nothing", gone.Text)
	}
	b.open(fmt.Sprintf("/sources/%d", gone.SourceID))
	form := fmt.Sprintf(`form.delete-participant[action="/participants/%d/delete"]`, gone.ParticipantID)
	b.expect(form)
	b.markPage()
	b.do("delete the participant", chromedp.Click(chromedp.CSS(form+" input[name=confirm]")), chromedp.Click(chromedp.CSS(form+" button[type=submit]")))
	b.waitFor("the page after the deletion", fmt.Sprintf(`window.__e2eMark !== %d && document.readyState === "complete" && document.querySelector("h1")`, b.marks))
	if n := b.count(form); n != 0 {
		t.Errorf("the source page still lists the deleted participant")
	}
	b.shot("workflow-deleted")
	for _, h := range searchHits(t, c, st.ID, fmt.Sprintf("%q", firstWords(gone.Text, 6))) {
		if h.ParticipantID == gone.ParticipantID || h.ID == gone.ID {
			t.Errorf("their words still find their quote %d %q after the deletion", h.ID, h.Text)
		}
	}
	var review struct {
		Items []struct {
			Quote struct {
				Participant string `json:"participant"`
				ID          int64  `json:"id"`
			} `json:"quote"`
		} `json:"items"`
	}
	if err := c.do("GET", fmt.Sprintf("/api/v1/studies/%d/review?limit=500", st.ID), nil, &review); err != nil {
		t.Fatal(err)
	}
	for _, it := range review.Items {
		if it.Quote.ID == gone.ID {
			t.Errorf("the review queue still holds their quote %d", gone.ID)
		}
	}
	var after agreementJSON
	if err := c.do("GET", fmt.Sprintf("/api/v1/studies/%d/agreement", st.ID), nil, &after); err != nil {
		t.Fatal(err)
	}
	units2, _, percent2, ok := after.researchers(researcher.name, second.name)
	if !ok || units2 >= units || percent2 <= percent {
		t.Errorf("after deleting the participant of the one disagreement: %d units, %.3f agreement; want fewer than %d and above %.3f", units2, percent2, units, percent)
	}
	var code struct {
		Mine []struct {
			Name string `json:"name"`
		} `json:"mine"`
	}
	if err := c.do("GET", fmt.Sprintf("/api/v1/quotes/%d/codings", gone.ID), nil, &code); err == nil {
		t.Errorf("the deleted participant's quote %d still has codings: %+v", gone.ID, code)
	}
	b.expectInert(false)
}

// firstWords is the first n words of text, for a phrase search.
func firstWords(text string, n int) string {
	ws := strings.Fields(text)
	if len(ws) > n {
		ws = ws[:n]
	}
	return strings.Trim(strings.Join(ws, " "), `.,;:!?"'“”`)
}
