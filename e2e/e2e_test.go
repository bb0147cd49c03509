package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The files of the researcher's upload, in testdata.
const (
	teamsCall = "harborview-pricing-call.teams.vtt"
	survey    = "harborview-buyer-survey.csv"
)

// phrases the buyer says in teamsCall; quotes are cut from her turns.
var callPhrases = []string{
	"reconciling call notes", "lighthouse deal", "stalled for a month", "land in Salesforce",
	"stop trusting", "price per seat", "too expensive for a team of forty", "keep the spreadsheets",
	"final say on the contract", "SOC 2 report", "custom objects", "set it up in an afternoon",
}

// A researcher uploads a Teams call and a survey, watches both go in and the
// analysis finish, and reads the new quotes in the source view.
func TestResearcherUploadsAndReadsNewQuotes(t *testing.T) {
	b := newBrowser(t)
	b.signIn(researcher)
	before, err := env.api.analysis(env.study)
	if err != nil {
		t.Fatal(err)
	}
	b.open(fmt.Sprintf("/studies/%d/upload", env.study))
	for _, sel := range []string{"form#upload", "input#files[type=file][name=files][multiple]", "#dropzone"} {
		b.expect(sel)
	}
	b.shot("upload")

	var paths []string
	for _, f := range []string{teamsCall, survey} {
		p, err := filepath.Abs(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	b.do("choose two files", chromedp.SetUploadFiles(chromedp.CSS("input#files"), paths))
	b.submitUploadUnlessStarted()
	for _, f := range []string{teamsCall, survey} {
		li := fmt.Sprintf(`ul#upload-results > li[data-file=%s]`, cssString(f))
		status, err := poll[string](b, fmt.Sprintf(
			`(() => { const li = document.querySelector(%s); const s = li && li.dataset.status;
			  return ["ok", "duplicate", "error"].includes(s) ? s : false })()`, jsString(li)), stepTimeout)
		if err != nil {
			t.Fatalf("wait for %s[data-status] on %s: %v", li, b.location(), err)
		}
		if status != "ok" {
			t.Fatalf("%s: data-status=%q, want ok; it says %q", f, status, eval[string](b, fmt.Sprintf(`document.querySelector(%s).innerText`, jsString(li))))
		}
	}

	env.api.waitAnalysis(t, env.study, before.Version)
	b.waitVisible(`#analysis-status[data-stage="done"]`)
	b.shot("upload-done")

	href := b.newSourceLink(teamsCall)
	b.markPage()
	b.do("follow the new source's link", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a.source-link[href=%s]`, cssString(href)))))
	b.waitNewPage(href)
	b.expect(`div.turn[data-speaker]`)
	if !eval[bool](b, `[...document.querySelectorAll("div.turn[data-speaker]")].some(e => e.dataset.speaker.includes("Elena Vasquez"))`) {
		t.Errorf("no div.turn[data-speaker] for Elena Vasquez on %s", href)
	}
	quotes := eval[[]string](b, `[...document.querySelectorAll("span.quote[id^='quote-'][data-ring]")].map(e => e.textContent)`)
	if !containsAny(quotes, callPhrases) {
		t.Errorf("%s: none of %d span.quote[id^=quote-][data-ring] holds a phrase of the uploaded call; quotes: %q", href, len(quotes), quotes)
	}
	b.shot("source-new")
}

// submitUploadUnlessStarted clicks the upload form's submit button, unless the
// page's script started the upload when the files were chosen.
func (b *browser) submitUploadUnlessStarted() {
	b.t.Helper()
	if _, err := poll[bool](b, `document.querySelector("ul#upload-results > li")`, 3*time.Second); err == nil {
		return // the script uploads on change
	}
	b.expect("form#upload [type=submit]")
	b.do("submit the upload form", chromedp.Click(chromedp.CSS("form#upload [type=submit]")))
}

// newSourceLink is the href of the source link for file in the upload results.
func (b *browser) newSourceLink(file string) string {
	b.t.Helper()
	href, err := poll[string](b, fmt.Sprintf(
		`(() => { const a = document.querySelector(%s); return a ? a.getAttribute("href") : false })()`,
		jsString(fmt.Sprintf(`ul#upload-results > li[data-file=%s] a.source-link`, cssString(file)))), stepTimeout)
	if err != nil {
		b.t.Fatalf("no a.source-link inside ul#upload-results > li[data-file=%q] on %s: %v", file, b.location(), err)
	}
	if !strings.HasPrefix(href, "/sources/") {
		b.t.Fatalf("source link of %s is %q, want /sources/{id}", file, href)
	}
	return href
}

// A marketer opens a persona, follows a supporting quote to its place in the
// transcript, comes back and exports the persona as Markdown.
func TestMarketerFollowsQuoteAndExportsPersona(t *testing.T) {
	b := newBrowser(t)
	b.signIn(marketer)
	b.open(fmt.Sprintf("/studies/%d/personas", env.study))
	b.expect(`a.persona-card[href^="/personas/"]`)
	persona := b.attr(`a.persona-card[href^="/personas/"]`, "href")
	b.markPage()
	b.do("open a persona", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a.persona-card[href=%s]`, cssString(persona)))))
	b.waitNewPage(persona)

	b.waitVisible("h1#persona-name")
	name := strings.TrimSpace(eval[string](b, `document.querySelector("h1#persona-name").textContent`))
	if name == "" {
		t.Fatalf("h1#persona-name is empty on %s", persona)
	}
	if n := b.count("section.ring[data-ring]"); n != 5 {
		t.Errorf("%s has %d section.ring[data-ring], want 5", persona, n)
	}
	b.expect("form#persona-edit")
	b.expect("a#export-md")

	// a ring theme's supporting quote (the profile's stated-role quotes
	// are folded away until opened)
	link := `section.ring blockquote.quote a.quote-link[href^="/sources/"]`
	b.expect(link)
	href := b.attr(link, "href")
	path, frag, ok := strings.Cut(href, "#")
	if !ok || !strings.HasPrefix(frag, "quote-") {
		t.Fatalf("a.quote-link href %q, want /sources/{sid}#quote-{qid}", href)
	}
	b.markPage()
	b.do("follow a supporting quote", chromedp.Click(chromedp.CSS(fmt.Sprintf(`section.ring a.quote-link[href=%s]`, cssString(href)))))
	b.waitNewPage(path)
	if hash := eval[string](b, `location.hash`); hash != "#"+frag {
		t.Errorf("after the click location.hash = %q, want #%s", hash, frag)
	}
	b.waitFor("span.quote#"+frag+" to be the :target and in view", fmt.Sprintf(`(() => {
		const e = document.querySelector(":target");
		if (!e || e.id !== %s || !e.matches("span.quote")) return false;
		const r = e.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight })()`, jsString(frag)))
	b.shot("source-quote")

	b.markPage()
	eval[chromedp.Void](b, `history.back()`)
	b.waitNewPage(persona)
	b.expectMarkdownExport(name)
}

// expectMarkdownExport fetches a#export-md with the browser's cookies.
func (b *browser) expectMarkdownExport(name string) {
	b.t.Helper()
	href := b.attr("a#export-md", "href")
	type reply struct {
		Status int    `json:"status"`
		Type   string `json:"type"`
		Body   string `json:"body"`
	}
	r := eval[reply](b, fmt.Sprintf(`fetch(%s, {credentials: "same-origin"}).then(async r =>
		({status: r.status, type: r.headers.get("content-type") || "", body: await r.text()}))`, jsString(href)))
	if r.Status != 200 {
		b.t.Fatalf("GET %s (a#export-md): HTTP %d: %.200s", href, r.Status, r.Body)
	}
	if !strings.HasPrefix(r.Body, "# ") || !strings.Contains(r.Body, name) {
		b.t.Errorf("GET %s (a#export-md, %s) does not start with \"# \" and name %q:\n%.300s", href, r.Type, name, r.Body)
	}
}

// A sales rep searches a price objection, filters by a persona, and posts a
// field note that search then finds.
func TestSalesSearchesObjectionAndPostsNote(t *testing.T) {
	b := newBrowser(t)
	b.signIn(sales)
	b.open("/search")
	b.search("too expensive")
	b.waitVisible("li.hit mark")
	b.waitVisible("section.objection-theme .raised-by")
	// The search and the note form say which study they use: the demo,
	// the only one analysed; mixing studies is a choice, not the default.
	b.expect("p.search-scope strong.scope-study")
	if got := eval[string](b, `document.querySelector("p.search-scope strong.scope-study").textContent`); !strings.HasPrefix(got, "Demo") {
		t.Errorf("the search names study %q; want the demo study", got)
	}
	if got := eval[string](b, `document.querySelector("form#note select[name=study_id]").value`); got != fmt.Sprint(env.study) {
		t.Errorf("the note form posts to study %q; want the demo study %d", got, env.study)
	}
	if got := eval[string](b, `document.querySelector("form#search select[name=study]").value`); got != fmt.Sprint(env.study) {
		t.Errorf("the study select shows %q; want the demo study %d", got, env.study)
	}

	facet := `a.facet[data-field="persona"][data-value]`
	b.expect(facet)
	href := b.attr(facet, "href")
	b.markPage()
	b.do("filter by a persona", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a.facet[data-field="persona"][href=%s]`, cssString(href)))))
	b.waitFor("a page filtered by persona", fmt.Sprintf(`window.__e2eMark !== %d && document.readyState === "complete" && new URLSearchParams(location.search).has("persona")`, b.marks))
	b.expect("li.hit")
	b.expect("li.hit mark")
	b.shot("search-persona")

	phrase := "zebra-licensing-cost is a blocker for us this quarter"
	b.open("/search")
	b.postNote(phrase)
	b.search("zebra-licensing-cost")
	b.expect("li.hit")
	if !eval[bool](b, `[...document.querySelectorAll("li.hit")].some(e => e.textContent.toLowerCase().includes("zebra"))`) {
		t.Errorf("searching the field note's phrase: no li.hit holds %q", phrase)
	}
}

// search types q into the search box and submits it with Enter.
func (b *browser) search(q string) {
	b.t.Helper()
	box := chromedp.CSS("form#search input[name=q]")
	b.expect("form#search input[name=q]")
	b.markPage()
	b.do("search "+q, chromedp.Clear(box), chromedp.SendKeys(box, q), chromedp.SendKeys(box, kb.Enter))
	b.waitFor("the results of "+q, fmt.Sprintf(
		`window.__e2eMark !== %d && document.readyState === "complete" && new URLSearchParams(location.search).get("q") === %s`, b.marks, jsString(q)))
}

// postNote fills in and submits form#note, and waits to be back on search.
func (b *browser) postNote(text string) {
	b.t.Helper()
	for _, sel := range []string{"form#note", "form#note textarea[name=text]", "form#note input[name=account]", "form#note input[name=role]", "form#note [name=deal_stage]"} {
		b.expect(sel)
	}
	b.do("fill in the field note",
		chromedp.SendKeys(chromedp.CSS("form#note textarea[name=text]"), text),
		chromedp.SendKeys(chromedp.CSS("form#note input[name=account]"), "Northwind Rail"),
		chromedp.SendKeys(chromedp.CSS("form#note input[name=role]"), "CFO"),
	)
	stage := eval[string](b, `(() => {
		const e = document.querySelector("form#note [name=deal_stage]");
		if (e.tagName !== "SELECT") return e.tagName;
		const o = [...e.options].find(o => o.value);
		if (o) { e.value = o.value; e.dispatchEvent(new Event("change", {bubbles: true})) }
		return "SELECT" })()`)
	if stage != "SELECT" {
		b.do("type the deal stage", chromedp.SendKeys(chromedp.CSS("form#note [name=deal_stage]"), "negotiation"))
	}
	submit := "form#note [type=submit]"
	if b.count(submit) == 0 {
		submit = "form#note button"
	}
	b.expect(submit)
	b.markPage()
	b.do("post the field note", chromedp.Click(chromedp.CSS(submit)))
	b.waitNewPage("/search")
	b.shot("search-note-posted")
}

func containsAny(texts, phrases []string) bool {
	for _, s := range texts {
		for _, p := range phrases {
			if strings.Contains(s, p) {
				return true
			}
		}
	}
	return false
}
