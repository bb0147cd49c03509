package app

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestQuotableAsTheAnalysisShows: a quote the app shows beyond a theme's
// top quotes (objection answers, persona pages) is judged as the analysis
// judges the top quotes: spoken text not in English is not judged by the
// English grammar tests (the analysis shows a theme of it as it is), so
// an objection on a French interview study shows its quotes; an English
// fragment or courtesy is still not shown.
func TestQuotableAsTheAnalysisShows(t *testing.T) {
	a := &App{Lang: nlp.Shared()}
	tests := []struct {
		text string
		want bool
	}{
		{"Ce logiciel est trop cher pour notre équipe et pour la direction.", true},
		{"El programa es demasiado caro para los equipos de la empresa.", true},
		{"Although we had our separate tasks,", false},
		{"I hope you guys thank you so much.", false},
		{"The remote control is far too expensive for what it does.", true},
	}
	for _, tt := range tests {
		if got := a.quotable(persona.Quote{Text: tt.text, Kind: persona.KindTranscript}); got != tt.want {
			t.Errorf("quotable(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
