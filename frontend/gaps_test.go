package frontend

// addGapSamples adds the content-gap and survey pages' view models to the
// samples every page is rendered with.
func addGapSamples(m map[string]any, b Base, q QuoteView) {
	gap := GapPage{Base: b, ID: 4, StudyName: evil, Name: evil, Format: "html", Passages: 3, Words: 10, BuyerWords: 5, BuyerLanguage: 50,
		VendorPhrases: []GapPhrase{{Text: evil, Count: 2, Cliche: true}},
		PersonaOpts:   []Option{{Value: "0", Label: "All personas"}, {Value: "2", Label: evil, Selected: true}}, PersonaID: 2,
		Personas: []GapPersona{{ID: 2, Name: evil, Coverage: 40, Addressed: 1, Of: 2, Covered: 2, Weight: 5,
			Rings: []GapRing{{Ring: "perceived_barriers", Title: "Perceived barriers", Themes: []GapTheme{
				{ID: 1, Label: evil, Raised: 2, Of: 3, Addressed: true, Passage: evil, Score: "0.41", Threshold: "0.33", Quotes: []QuoteView{q}},
				{ID: 5, Label: evil, Raised: 3, Of: 3, Score: "0.10", Threshold: "0.30", Quotes: []QuoteView{q}},
				{ID: 6, Label: evil, Raised: 1, Of: 3, Score: "0.40", Threshold: "0.30", NearerTo: evil, Passage: evil}}}},
			Missing: []GapPhrase{{Text: evil, Note: evil}}}}}
	m["gaps"] = GapsPage{Base: b, StudyName: evil, Error: evil, Documents: []GapDoc{{ID: 4, Name: evil, Format: "html", Added: evil, Size: "2 KB"}}}
	m["gap"] = gap
	m["gap-print"] = gap
	m["survey"] = SurveyPage{Base: b, ThemeID: 1, StudyName: evil, Label: evil, Ring: "perceived_barriers", Figure: evil, Range: evil,
		Closed: []KV{{Key: evil, Value: evil}}, Quotes: []QuoteView{q}}
}
