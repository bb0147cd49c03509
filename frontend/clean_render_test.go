package frontend

import (
	"bytes"
	"strings"
	"testing"
)

// TestRenderUnansweredObjection: when no quote says the objection's
// concern, the page says so and shows no objection card.
func TestRenderUnansweredObjection(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	v := SearchPage{Base: sampleBase(), Q: "remote too slow", Concern: "speed or time", Unanswered: true, SetAside: 12}
	var b bytes.Buffer
	if err := p.Render(&b, "search", v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, `id="objection-unanswered"`) || !strings.Contains(out, "<strong>speed or time</strong>") ||
		!strings.Contains(out, "12 quotes") || strings.Contains(out, `class="objection-theme`) {
		t.Errorf("the unanswered objection is not said:\n%s", out)
	}
}

// TestRenderCleanVerbatim: a quote is shown clean, with the original in
// its title and the link to the source kept.
func TestRenderCleanVerbatim(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	q := QuoteView{ID: 7, SourceID: 3, Text: "Um, I I think the price uh was too high.", Participant: "Dana", Source: "call.txt", Position: "line 4"}
	v := SearchPage{Base: sampleBase(), Q: "price", Objections: []Objection{{ThemeID: 4, Label: "price", Matches: 1, Of: 2, Quotes: []QuoteView{q}}}}
	var b bytes.Buffer
	if err := p.Render(&b, "search", v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"“I think the price was too high.”", `title="As said: Um, I I think the price uh was too high."`, `href="/sources/3#quote-7"`} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// TestRenderAskedClean: the question a hit answers is shown in clean
// verbatim as the quote is ("Asked: the T_V_, … Um. And also they tend to
// they tend to be…" showed every filler and stutter), the words as asked
// in its title.
func TestRenderAskedClean(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	asked := "Um, so so what do you uh think of the price?"
	h := Hit{QuoteView: QuoteView{ID: 7, SourceID: 3, Text: "It's too high.", Participant: "Dana", Source: "call.txt", Position: "line 4"}, Question: asked}
	v := SearchPage{Base: sampleBase(), Q: "price", Hits: []Hit{h}}
	var b bytes.Buffer
	if err := p.Render(&b, "search", v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"Asked: So what do you think of the price?", `title="As asked: Um, so so what do you uh think of the price?"`} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}
