package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// demoTranscripts lists the demo study's interview sources by id.
func demoTranscripts(t *testing.T) []int64 {
	t.Helper()
	var list struct {
		Sources []struct {
			ID   int64  `json:"id"`
			Kind string `json:"kind"`
		} `json:"sources"`
	}
	if err := env.api.do("GET", fmt.Sprintf("/api/v1/studies/%d/sources", env.study), nil, &list); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, s := range list.Sources {
		if s.Kind == "transcript" {
			ids = append(ids, s.ID)
		}
	}
	if len(ids) < 4 {
		t.Fatalf("the demo has %d transcripts; want at least 4", len(ids))
	}
	return ids
}

// A researcher puts an interview in a research wave from its page; with
// the others put in two waves, the study page charts every theme wave by
// wave, badges only the significant changes, and every count leads to
// its quotes; a marketer's persona page says what is new in the latest
// wave.
func TestResearcherComparesWaves(t *testing.T) {
	ids := demoTranscripts(t)
	b := newBrowser(t)
	b.signIn(researcher)
	first := fmt.Sprintf("/sources/%d", ids[0])
	b.open(first)
	b.expect("form#wave-form")
	b.do("fill in the wave",
		chromedp.SetValue(chromedp.CSS("form#wave-form input[name=wave]"), "Winter"),
		chromedp.SetValue(chromedp.CSS("form#wave-form input[name=date]"), "2026-01-15"),
	)
	b.markPage()
	b.do("save the wave", chromedp.Click(chromedp.CSS("form#wave-form button[type=submit]")))
	b.waitNewPage(first)
	if got := eval[string](b, `document.querySelector("#meta-wave").textContent`); !containsAny([]string{got}, []string{"Winter"}) {
		t.Fatalf("after saving, the source says wave %q", got)
	}
	for i, id := range ids[1:] {
		body := map[string]string{"wave": "Spring", "date": "2026-04-10"}
		if i%2 == 1 {
			body = map[string]string{"wave": "Winter", "date": "2026-01-15"}
		}
		if err := env.api.do("PUT", fmt.Sprintf("/api/v1/sources/%d/wave", id), body, nil); err != nil {
			t.Fatal(err)
		}
	}
	var rep struct {
		Themes []struct {
			Trend string `json:"trend"`
		} `json:"themes"`
	}
	if err := env.api.do("GET", fmt.Sprintf("/api/v1/studies/%d/waves", env.study), nil, &rep); err != nil {
		t.Fatal(err)
	}
	trends := 0
	for _, th := range rep.Themes {
		if th.Trend != "" {
			trends++
		}
	}

	b.open(fmt.Sprintf("/studies/%d", env.study))
	b.waitVisible("svg#wave-chart")
	if n := b.count("svg#wave-chart g.wave-panel"); n == 0 || n > len(rep.Themes) {
		t.Errorf("%d panels for %d themes", n, len(rep.Themes))
	}
	if n := b.count("svg#wave-chart g.wave-panel g.wave-bar"); n != 2*b.count("svg#wave-chart g.wave-panel") {
		t.Errorf("%d bars; want two per panel (two waves)", n)
	}
	if n := b.count("svg#wave-chart text.wave-trend"); n != trends {
		t.Errorf("%d trend badges; the API finds %d significant changes", n, trends)
	}
	if n := b.count("ul.wave-list li.wave-item"); n != 2 {
		t.Errorf("%d waves listed; want 2", n)
	}
	b.shot("study-waves")
	b.do("open the numbers", chromedp.Click(chromedp.CSS("details.wave-numbers summary")))
	link := "table#wave-table .quote-links a"
	b.waitVisible(link)
	href := b.attr(link, "href")
	b.markPage()
	b.do("follow a count to its quote", chromedp.Click(chromedp.CSS(link)))
	path, frag := splitHref(t, href)
	b.waitNewPage(path)
	b.waitFor("the quote "+frag, fmt.Sprintf(`(() => { const e = document.querySelector(":target"); return e && e.id === %s && e.matches("span.quote") })()`, jsString(frag)))

	m := newBrowser(t)
	m.signIn(marketer)
	m.open(fmt.Sprintf("/studies/%d/personas", env.study))
	m.expect(`a.persona-card[href^="/personas/"]`)
	m.open(m.attr(`a.persona-card[href^="/personas/"]`, "href"))
	m.expect("section#persona-news h2")
	m.shot("persona-news")
}

func splitHref(t *testing.T, href string) (string, string) {
	t.Helper()
	for i := range href {
		if href[i] == '#' {
			return href[:i], href[i+1:]
		}
	}
	t.Fatalf("link %q has no #fragment", href)
	return "", ""
}
