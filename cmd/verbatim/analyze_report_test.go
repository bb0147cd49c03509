package main

import (
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// analyze's text answer shows each theme with its headline once and at
// most two more quotes, and says so when none of a theme's quotes may be
// shown alone instead of printing a label with nothing under it.
func TestWriteReportThemeLines(t *testing.T) {
	q := func(id int64, text string) app.ReportQuote {
		return app.ReportQuote{ID: id, Text: text, Participant: "Dana", Source: "call.txt"}
	}
	tests := []struct {
		name    string
		theme   app.ReportTheme
		want    []string
		notWant []string
	}{{
		name: "headline shown once, two more quotes",
		theme: app.ReportTheme{ID: 1, Label: "slow month-end close", Ring: persona.RingBarriers, Participants: 3, Quotes: 5,
			Headline:  "Month-end takes us a week.",
			TopQuotes: []app.ReportQuote{q(1, "Month-end takes us a week."), q(2, "We export by hand."), q(3, "Nobody trusts the totals."), q(4, "A fourth one.")}},
		want: []string{
			"theme 1 [Perceived barriers] slow month-end close — 3 participants, 5 quotes",
			"  headline: “Month-end takes us a week.”",
			"    “We export by hand.” — Dana (call.txt)",
			"    “Nobody trusts the totals.” — Dana (call.txt)",
		},
		notWant: []string{"“Month-end takes us a week.” — Dana", "A fourth one", "stands alone"},
	}, {
		name:  "no headline, no quote to show",
		theme: app.ReportTheme{ID: 2, Label: "wrist", Ring: persona.RingCriteria, Participants: 1, Quotes: 3},
		want: []string{
			"theme 2 [Decision criteria] wrist — 1 participant, 3 quotes",
			"    (none of its 3 quotes stands alone as a quote)",
		},
		notWant: []string{"headline:"},
	}, {
		name:    "quotes without a headline",
		theme:   app.ReportTheme{ID: 3, Label: "price per seat", Ring: persona.RingBarriers, Participants: 2, Quotes: 2, TopQuotes: []app.ReportQuote{q(5, "Per seat adds up fast.")}},
		want:    []string{"    “Per seat adds up fast.” — Dana (call.txt)"},
		notWant: []string{"headline:", "stands alone"},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			writeReport(&b, app.Report{Themes: []app.ReportTheme{tc.theme}}, "S")
			lines := strings.Split(b.String(), "\n")
			has := map[string]bool{}
			for _, l := range lines {
				has[l] = true
			}
			for _, w := range tc.want {
				if !has[w] {
					t.Errorf("missing line %q in\n%s", w, b.String())
				}
			}
			for _, nw := range tc.notWant {
				if strings.Contains(b.String(), nw) {
					t.Errorf("has %q in\n%s", nw, b.String())
				}
			}
		})
	}
}
