package frontend

import (
	"bytes"
	"strings"
	"testing"
)

// addCodebookSamples adds the codebook pages' view models to the XSS
// render test, every researcher-entered string hostile.
func addCodebookSamples(m map[string]any, b Base, q QuoteView) {
	chip := []CodeChip{{ID: 4, Name: evil, Ring: "perceived_barriers"}}
	rings := []Option{{Value: "", Label: "No ring"}, {Value: "perceived_barriers", Label: "Perceived barriers", Selected: true}}
	m["codebook"] = CodebookPage{Base: b, StudyName: evil, Rings: rings, Error: evil, Imported: evil,
		Form: CodeForm{Name: evil, Definition: evil, WhenToUse: evil, WhenNotToUse: evil, Examples: evil},
		Codes: []CodeView{{ID: 4, Name: evil, Ring: "perceived_barriers", RingTitle: "Perceived barriers", Definition: evil,
			WhenToUse: evil, WhenNotToUse: evil, Examples: []QuoteView{q}, ExampleIDs: evil, Codings: 2, Quotes: 1, Rings: rings}},
		Unplaced:            []UnplacedView{{ID: 1, Code: evil, Coder: evil, Text: evil, SourceName: evil}},
		UnplacedExamples:    []UnplacedView{{ID: 2, Code: evil, Text: evil, SourceName: evil, SourceID: 3}},
		UnplacedSuggestions: []UnplacedSuggestionsView{{SourceSHA: evil, SourceName: evil, Count: 4, Reviewed: 1}}}
	m["quote-code"] = QuoteCodePage{Base: b, StudyName: evil, Quote: q, Ring: "perceived_barriers", RingTitle: "Perceived barriers",
		Theme: evil, Mine: chip, Others: []CoderChips{{Coder: evil, Codes: chip}}, Verbatim: chip, Blind: true,
		Options: []Option{{Value: "5", Label: evil}}, Back: "/sources/3", Error: evil}
	row := FigureRow{Name: evil, Applied: 3, Percent: "75%", Kappa: "0.50", Alpha: "0.47"}
	m["agreement"] = AgreementPage{Base: b, StudyName: evil, Unit: evil, Blind: true, InOpenRound: true, HasOpen: false, Error: evil,
		Comparisons: []ComparisonView{{Title: evil, Units: 4, TwoCoders: true, Overall: row, Codes: []FigureRow{row}, DisagreeURL: "/studies/1/disagreements?first=1&second=2"}},
		Rounds:      []RoundView{{ID: 1, Sources: evil, Coders: []KV{{Key: evil, Value: "done"}}, Started: "today", Open: true}},
		Sources:     []Option{{Value: "3", Label: evil}}}
	m["disagreements"] = DisagreementsPage{Base: b, StudyName: evil, First: evil, Second: evil, FirstID: 1, SecondID: 2, Units: 4, Settled: 1,
		Items: []DisagreementView{{Quote: q, First: chip, Second: nil, Settled: evil}}}
	m["review"] = ReviewPage{Base: b, StudyName: evil, Ran: true, RanAt: evil, Open: 3, Result: evil,
		Items:   []ReviewItemView{{Quote: q, CodeID: 4, Code: evil, Coded: true, Confidence: 72}},
		Options: []Option{{Value: "4", Label: evil}}}
}

// The source page links each quote to its coding page only for coders.
func TestSourceCodeLinks(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, codable := range []bool{true, false} {
		v := SourcePage{Base: sampleBase(), Source: SourceHead{ID: 3, Name: "s"},
			Turns: []TurnView{{Speaker: "B", Segments: []Segment{{Text: "quote", QuoteID: 7, Codable: codable}}}}}
		var buf bytes.Buffer
		if err := p.Render(&buf, "source", v); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(buf.String(), `class="code-link" href="/quotes/7/code"`); got != codable {
			t.Errorf("codable %v: code link shown %v", codable, got)
		}
	}
}
