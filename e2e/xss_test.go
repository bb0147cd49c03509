package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// xssProbe is a transcript whose buyer says markup: a script tag, an image
// with an error handler that breaks out of an attribute, and an entity.
const xssProbe = "xss-probe-interview.txt"

// The literal texts the buyer says.
const (
	scriptText = `<script>alert(1)</script>`
	imgText    = `"><img src=x onerror=alert(2)>`
)

// A transcript full of markup renders inert on every page that shows it: no
// dialog (the browser helper fails on one), no injected element, the markup
// shown as text.
func TestTranscriptMarkupRendersInert(t *testing.T) {
	needServer(t)
	c, err := signedIn(researcher)
	if err != nil {
		t.Fatal(err)
	}
	before, err := c.analysis(env.study)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.upload(env.study, xssProbe)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Status != "ok" {
		t.Fatalf("upload %s: %+v", xssProbe, res)
	}
	source := fmt.Sprintf("/sources/%d", res[0].SourceID)
	c.waitAnalysis(t, env.study, before.Version)

	b := newBrowser(t)
	b.signIn(researcher)
	b.open(source)
	b.expect("div.turn[data-speaker]")
	b.expectInert(true)
	b.shot("source-xss")

	b.open("/search?q=quokka")
	b.expect("li.hit")
	b.expectInert(true)

	study := fmt.Sprintf("/studies/%d", env.study)
	pages := []string{"/", study, study + "/personas", study + "/themes"}
	b.open(study + "/personas")
	pages = append(pages, eval[[]string](b, `[...document.querySelectorAll("a.persona-card")].map(a => a.getAttribute("href"))`)...)
	for _, p := range pages {
		b.open(p)
		b.expectInert(false)
	}
}

// expectInert fails the test for each of inertProblems.
func (b *browser) expectInert(shown bool) {
	b.t.Helper()
	for _, p := range b.inertProblems(shown) {
		b.t.Errorf("%s: %s", b.location(), p)
	}
}

// inertProblems lists elements the probe's markup became, and with shown,
// its markup missing from the page's text.
func (b *browser) inertProblems(shown bool) []string {
	b.t.Helper()
	type dom struct {
		Imgs, Handlers, Scripts, Bold int
		Text                          string
	}
	d := eval[dom](b, `(() => ({
		Imgs: document.querySelectorAll('img[src="x"]').length,
		Handlers: document.querySelectorAll('[onerror]').length,
		Scripts: [...document.scripts].filter(s => s.textContent.includes("alert(")).length,
		Bold: [...document.querySelectorAll("b, strong")].filter(e => e.textContent.includes("literally where bold")).length,
		Text: document.body.innerText,
	}))()`)
	var problems []string
	if d.Imgs+d.Handlers+d.Scripts+d.Bold > 0 {
		problems = append(problems, fmt.Sprintf("the probe's markup became elements: %d img[src=x], %d [onerror], %d script with alert(, %d bold element",
			d.Imgs, d.Handlers, d.Scripts, d.Bold))
	}
	if !shown {
		return problems
	}
	for _, want := range []string{scriptText, imgText} {
		if !strings.Contains(d.Text, want) {
			problems = append(problems, "the text "+want+" is not shown literally")
		}
	}
	if !strings.Contains(d.Text, "&lt;b&gt;") && !strings.Contains(d.Text, "<b>") {
		problems = append(problems, "the entity &lt;b&gt; is shown neither as &lt;b&gt; nor as <b>")
	}
	return problems
}

// A wave name and a competitor full of markup render inert on the source
// page and in the study page's wave section.
func TestWaveAndCompetitorRenderInert(t *testing.T) {
	needServer(t)
	c, err := signedIn(researcher)
	if err != nil {
		t.Fatal(err)
	}
	before, err := c.analysis(env.study)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.upload(env.study, "harborview-pricing-call.teams.vtt")
	if err != nil || len(res) != 1 || res[0].SourceID == 0 {
		t.Fatalf("upload: %+v %v", res, err)
	}
	id := res[0].SourceID
	if res[0].Status == "ok" {
		c.waitAnalysis(t, env.study, before.Version) // the source page reloads when it ends
	}
	if err := c.do("PUT", fmt.Sprintf("/api/v1/sources/%d/wave", id), map[string]string{"wave": imgText + " &lt;b&gt;"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.do("PUT", fmt.Sprintf("/api/v1/sources/%d/outcome", id), map[string]string{"outcome": "lost", "competitor": scriptText}, nil); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	b.signIn(researcher)
	b.open(fmt.Sprintf("/sources/%d", id))
	b.expect("section#source-meta")
	b.expectInert(false)
	for _, want := range []string{imgText, scriptText} {
		if !eval[bool](b, fmt.Sprintf(`document.querySelector("section#source-meta").innerText.includes(%s)`, jsString(want))) {
			t.Errorf("the source page does not show %s literally", want)
		}
	}
	b.open(fmt.Sprintf("/studies/%d", env.study))
	b.expect("section#waves")
	b.expectInert(false)
}
