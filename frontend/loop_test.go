package frontend

import (
	"bytes"
	"strings"
	"testing"
)

func sampleOutcomes() []OutcomeView {
	return []OutcomeView{{Outcome: "lost", Title: "Lost", Deals: 2, Quotes: []QuoteLink{{N: 1, Href: "/sources/3#quote-7"}}},
		{Outcome: "won", Title: "Won", Deals: 0}}
}

func sampleObjectionPage(b Base, q QuoteView) ObjectionPage {
	return ObjectionPage{Base: b, ThemeID: 1, Label: evil, Ring: "perceived_barriers", Headline: evil, StudyName: evil,
		Raised: 2, Of: 5, RaisedBy: []Raiser{{PersonaID: 2, Name: evil, N: 1, Size: 2}}, Outcomes: sampleOutcomes(),
		Outcome: "lost", OutcomeTitle: "Lost", OutcomeOptions: []Option{{Value: "", Label: "Any"}, {Value: "lost", Label: "Lost", Selected: true}},
		Total: 1, Quotes: []ObjectionQuote{{QuoteView: q, Outcome: "lost", OutcomeTitle: "Lost", Competitor: evil}},
		Answers:     []FieldAnswer{{ID: 1, Text: evil, Context: evil, By: evil, When: "today", ThemeID: 1, ThemeRef: evil, Mine: true}},
		AnswerError: evil, AnswerSaved: evil, AnswerText: evil, AnswerContext: evil}
}

func sampleTrackersPage(b Base) TrackersPage {
	return TrackersPage{Base: b, Trackers: []TrackerRow{{ID: 1, Name: evil, Terms: evil, Team: evil, Owner: evil, StudyName: evil, Total: 3, New: 1, LastVisit: evil}},
		Studies: []Option{{Value: "1", Label: evil, Selected: true}}, Form: TrackerForm{Name: evil, Words: evil, Synonyms: evil, Team: evil}, Error: evil}
}

func sampleTrackerPage(b Base, q QuoteView) TrackerPage {
	return TrackerPage{Base: b, ID: 1, Name: evil, Team: evil, Owner: evil, Words: []string{evil}, Synonyms: []string{evil}, StudyName: evil,
		LastVisit: evil, Total: 3, Read: 3, NewCount: 2, NewNotes: 1,
		New:      []TrackerHit{{QuoteView: q, Fragment: "<mark>price</mark> &amp; more", Note: true, When: evil, Persona: evil}, {QuoteView: q}},
		Weeks:    NewWeekChart([]WeekItem{{Week: "2026-11-30", Count: 2}, {Week: "2026-12-07", Count: 0}}),
		Personas: []Raiser{{PersonaID: 2, Name: evil, N: 1, Size: 2}}, Unassigned: 1, CanDelete: true, FeedURL: "/api/v1/trackers/1/feed.json"}
}

// The wave, win/loss, field-answer and tracker sections render hostile strings
// inert on the pages they join.
func TestRenderLoopSections(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	b, q := sampleBase(), sampleQuote()
	links := []QuoteLink{{N: 1, Href: "/sources/3#quote-7"}}
	models := map[string]any{
		"study": Study{Base: b, Study: StudyCard{ID: 1, Name: evil}, Waves: &WavesView{
			Waves: []WaveHead{{Name: evil, Date: "2026-01-01", Sources: 2, Buyers: 3}}, Unassigned: 1,
			Chart: NewWaveChart([]WaveSeries{{Label: evil, Trend: "rising", P: 0.01, Points: []WavePoint{{Wave: evil, Raised: 1, Of: 3}, {Wave: "b", Raised: 3, Of: 3}}}}),
			Rows:  []WaveRow{{Label: evil, Trend: "rising", TrendText: evil, Cells: []WaveCell{{Raised: 1, Of: 3, Pct: 33, Quotes: links}}}}}},
		"persona": PersonaPage{Base: b, ID: 2, Name: evil,
			Rings: []RingView{{Ring: "perceived_barriers", Title: "Perceived barriers", Themes: []ThemeView{{ID: 1, Label: evil, Raised: 1, Of: 2}}}},
			News: &PersonaNews{Latest: evil, Earlier: evil, MembersLatest: 1, MembersEarlier: 2,
				New: []NewThemeView{{Label: evil, Ring: "perceived_barriers", Raised: 1, Quotes: links}}},
			WinLoss: &WinLossView{Outcome: "lost", OutcomeTitle: "Lost", Options: []Option{{Value: "lost", Label: "Lost", Selected: true}},
				Deals: sampleOutcomes(), Themes: []WinLossTheme{{ThemeID: 1, Label: evil, Outcomes: sampleOutcomes()}}},
			Answers: []PersonaAnswerGroup{{ThemeID: 1, Label: evil, Answers: []FieldAnswer{{ID: 4, Text: evil, Context: evil, By: evil, When: evil, Mine: true}}}}},
		"source": SourcePage{Base: b, Source: SourceHead{ID: 3, Name: evil}, Meta: SourceMeta{SourceID: 3, Wave: evil, Date: evil,
			Outcome: "lost", OutcomeTitle: "Lost", Competitor: evil, CanWave: true, CanOutcome: true, Saved: evil,
			Outcomes: []Option{{Value: "lost", Label: "Lost", Selected: true}}}},
		"search":    SearchPage{Base: b, Q: evil, Outcome: "lost", Objections: []Objection{{ThemeID: 1, Label: evil, Outcomes: sampleOutcomes(), Quotes: []QuoteView{q}, Answers: 2}}},
		"objection": sampleObjectionPage(b, q),
		"tracker":   sampleTrackerPage(b, q),
		"trackers":  sampleTrackersPage(b),
	}
	want := map[string][]string{
		"study":     {`id="wave-chart"`, `class="wave-trend" data-trend="rising"`, `href="/sources/3#quote-7"`},
		"persona":   {`class="objection-link" href="/objections/1"`, `id="persona-news"`, `id="winloss"`, `href="/objections/1"`, `id="persona-answers"`, `action="/answers/4/delete"`},
		"source":    {`id="wave-form"`, `id="outcome-form"`},
		"search":    {`href="/objections/1?outcome=lost"`, `data-outcome="lost"`, `href="/objections/1#answers"`},
		"tracker":   {`id="week-chart"`, `class="hit tracker-hit tracker-note"`, `<mark>price</mark>`, `action="/trackers/1/delete"`},
		"trackers":  {`id="tracker-form"`, `href="/trackers/1"`},
		"objection": {`id="answer-form"`, `action="/answers/1/delete"`, `class="objection-quote" data-outcome="lost"`},
	}
	for name, data := range models {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := p.Render(&buf, name, data); err != nil {
				t.Fatal(err)
			}
			html := buf.String()
			for _, bad := range []string{"<script>alert", "<img src=x", "onerror=alert(1)>", "&lt;b&gt;"} {
				if strings.Contains(html, bad) {
					t.Errorf("page %s contains %q unescaped", name, bad)
				}
			}
			for _, w := range want[name] {
				if !strings.Contains(html, w) {
					t.Errorf("page %s lacks %s", name, w)
				}
			}
		})
	}
}

func TestWaveChartSharesOneScale(t *testing.T) {
	c := NewWaveChart([]WaveSeries{
		{Label: "a", Points: []WavePoint{{Wave: "w1", Raised: 1, Of: 10}, {Wave: "w2", Raised: 4, Of: 10}}, Trend: "rising", P: 0.0004},
		{Label: "b", Points: []WavePoint{{Wave: "w1", Raised: 2, Of: 10}, {Wave: "w2", Raised: 0, Of: 0}}},
	})
	if c.Top != 40 {
		t.Errorf("scale top %d%%, want 40 (the largest share rounded up to 10%%)", c.Top)
	}
	a, b := c.Panels[0], c.Panels[1]
	if a.Bars[1].H != waveBarArea || a.Bars[0].H*4 != a.Bars[1].H || b.Bars[0].H*2 != a.Bars[1].H {
		t.Errorf("bar heights %d, %d, %d not proportional to 10%%, 40%%, 20%%", a.Bars[0].H, a.Bars[1].H, b.Bars[0].H)
	}
	if b.Bars[1].H != 0 || b.Bars[1].Text != "0%" {
		t.Errorf("an empty wave draws %d px, %q", b.Bars[1].H, b.Bars[1].Text)
	}
	if a.TrendText != "▲ rising (p = < 0.001)" || b.TrendText != "" {
		t.Errorf("trend texts %q, %q", a.TrendText, b.TrendText)
	}
	if b.X != wavePanelW || a.Y != b.Y {
		t.Errorf("second panel at %d,%d; want beside the first", b.X, b.Y)
	}
}

func TestWeekChartScalesToTheBusiestWeek(t *testing.T) {
	c := NewWeekChart([]WeekItem{{"2026-11-23", 1}, {"2026-11-30", 0}, {"2026-12-07", 4}})
	if len(c.Bars) != 3 || c.Bars[2].H != weekArea || c.Bars[0].H != weekArea/4 || c.Bars[1].H != 0 {
		t.Errorf("bars %+v", c.Bars)
	}
	if c.Bars[0].X < weekLeft || c.Bars[2].Label != "12-07" || !c.Bars[2].ShowLabel {
		t.Errorf("layout %+v", c.Bars[2])
	}
}
