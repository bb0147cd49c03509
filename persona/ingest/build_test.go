package ingest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/nlp"
)

// otterTwoStudents is a customer-discovery Otter export: two students take
// turns asking, an "Unknown Speaker" asks once, the buyer answers with
// small talk, Markdown from a notes app and a sentence broken off across
// turns.
const otterTwoStudents = `Maya Chen  0:01
Hi! Thanks for joining. We're working on a class project about how small teams handle invoicing.

Leo Park  0:09
Would you ever need something like that? How do you handle invoices today?

Dana Ortiz  0:15
Thanks! My pleasure :) So we **really** struggle with it. We keep everything in [Google Sheets](https://sheets.google.com) and it breaks every quarter.

Maya Chen  0:40
Mm-hmm.

Dana Ortiz  0:42
Honestly I spend my Friday evenings checking what we sent and just get off. I

Unknown Speaker  1:02
Do you use any other tools for that?

Dana Ortiz  1:05
No. We tried QuickBooks but it was far too expensive for a team of four.

Leo Park  1:20
Okay, and what would make you switch?

Dana Ortiz  1:24
Ok.
`

func TestBuildQuoteHygiene(t *testing.T) {
	data := []byte(otterTwoStudents)
	doc, err := Parse("otter.txt", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	imp := Build("otter.txt", data, doc, nlp.Shared())
	roles := map[string]bool{}
	for _, p := range imp.Participants {
		roles[p.Label] = p.Interviewer
	}
	for label, want := range map[string]bool{"Maya Chen": true, "Leo Park": true, "Unknown Speaker": true, "Dana Ortiz": false} {
		if roles[label] != want {
			t.Errorf("%s interviewer = %v; want %v", label, roles[label], want)
		}
	}
	type q struct{ Text, Question string }
	var got []q
	for _, x := range imp.Quotes {
		if imp.Turns[x.TurnID].Text[x.Start:x.End] != x.Text {
			t.Errorf("quote %q is not its turn's text at [%d,%d)", x.Text, x.Start, x.End)
		}
		got = append(got, q{x.Text, x.Question})
	}
	want := []q{
		{"So we really struggle with it.", "How do you handle invoices today?"},
		{"We keep everything in Google Sheets and it breaks every quarter.", "How do you handle invoices today?"},
		{"Honestly I spend my Friday evenings checking what we sent and just get off.", "How do you handle invoices today?"},
		{"We tried QuickBooks but it was far too expensive for a team of four.", "Do you use any other tools for that?"},
	}
	if len(got) != len(want) {
		t.Fatalf("quotes %q; want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("quote %d = %q; want %q", i, got[i], want[i])
		}
	}
	for _, tu := range imp.Turns {
		if strings.Contains(tu.Text, "**") || strings.Contains(tu.Text, "](") {
			t.Errorf("turn %q keeps Markdown", tu.Text)
		}
	}
	if !strings.Contains(imp.Turns[2].Text, "Thanks! My pleasure :)") {
		t.Errorf("turn %q lost its small talk; the source keeps every word", imp.Turns[2].Text)
	}
}
