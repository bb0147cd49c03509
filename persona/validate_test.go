package persona

import (
	"errors"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	okQuote := Quote{Kind: KindTranscript, Text: "Too expensive.", Start: 4, End: 18, Ring: RingBarriers, RingConfidence: 0.7}
	okSource := Source{Kind: KindSurvey, Name: "survey.csv", SHA256: "ab12", Size: 10}
	tests := []struct {
		name string
		v    interface{ Validate() error }
		ok   bool
	}{
		{"study", Study{Name: "Pricing"}, true},
		{"study blank name", Study{Name: "  "}, false},
		{"study name too long", Study{Name: strings.Repeat("x", MaxStudyName+1)}, false},
		{"study name at the limit in runes", Study{Name: strings.Repeat("é", MaxStudyName)}, true},
		{"study name with NUL", Study{Name: "a\x00b"}, false},
		{"quote text with NUL", Quote{Kind: KindNote, Text: "a\x00b", End: 3}, false},
		{"quote question with NUL", Quote{Kind: KindNote, Text: "ab", End: 2, Question: "why\x00"}, false},
		{"theme label with NUL", Theme{Label: "x\x00"}, false},
		{"collateral with NUL", Collateral{StudyID: 1, Name: "b", Text: "t\x00"}, false},
		{"persona", Profile{Name: "Budget holders", Notes: "CFOs"}, true},
		{"persona name with NUL", Profile{Name: "x\x00"}, false},
		{"participant", Participant{Label: "Sam", Attributes: map[string]string{"Role": "CFO"}}, true},
		{"participant attribute with NUL", Participant{Label: "Sam", Attributes: map[string]string{"Role": "C\x00"}}, false},
		{"tracker word with NUL", Tracker{StudyID: 1, Words: []string{"pri\x00ce"}}, false},
		{"turn", Turn{Speaker: "Sam", Text: "Too dear."}, true},
		{"turn text with NUL", Turn{Speaker: "Sam", Text: "Too\x00dear."}, false},
		{"answer with NUL", FieldAnswer{StudyID: 1, ThemeID: 2, Text: "ok\x00"}, false},
		{"source", okSource, true},
		{"source unknown kind", Source{Kind: "video", Name: "a", SHA256: "x"}, false},
		{"source no name", Source{Kind: KindNote, SHA256: "x"}, false},
		{"source no hash", Source{Kind: KindNote, Name: "a"}, false},
		{"source negative size", Source{Kind: KindNote, Name: "a", SHA256: "x", Size: -1}, false},
		{"quote", okQuote, true},
		{"quote empty text", Quote{Kind: KindNote, Text: " "}, false},
		{"quote invalid utf-8", Quote{Kind: KindNote, Text: "\xff\xfe", End: 2}, false},
		{"quote negative start", Quote{Kind: KindNote, Text: "a", Start: -1, End: 0}, false},
		{"quote end before start", Quote{Kind: KindNote, Text: "a", Start: 5, End: 4}, false},
		{"quote unknown ring", Quote{Kind: KindNote, Text: "a", End: 1, Ring: "pricing"}, false},
		{"quote unknown kind", Quote{Kind: "chat", Text: "a", End: 1}, false},
		{"quote confidence above 1", Quote{Kind: KindNote, Text: "a", End: 1, RingConfidence: 1.5}, false},
		{"theme", Theme{Label: "Price", Ring: RingCriteria, Quotes: 3}, true},
		{"theme without ring", Theme{Label: "Mixed remarks"}, true},
		{"theme unknown ring", Theme{Label: "Price", Ring: "money"}, false},
		{"theme label too long", Theme{Label: strings.Repeat("x", MaxThemeLabel+1)}, false},
		{"theme negative count", Theme{Label: "x", Participants: -1}, false},
		{"collateral", Collateral{StudyID: 1, Name: "brochure.pdf", Text: "We save you time."}, true},
		{"collateral no text", Collateral{StudyID: 1, Name: "brochure.pdf"}, false},
		{"collateral no study", Collateral{Name: "b", Text: "t"}, false},
		{"answer", FieldAnswer{StudyID: 1, ThemeID: 2, Text: "We showed the ROI sheet."}, true},
		{"answer no theme", FieldAnswer{StudyID: 1, Text: "x"}, false},
		{"answer blank", FieldAnswer{StudyID: 1, ThemeID: 2, Text: " "}, false},
		{"answer too long", FieldAnswer{StudyID: 1, ThemeID: 2, Text: strings.Repeat("x", MaxAnswerText+1)}, false},
		{"tracker", Tracker{StudyID: 1, Words: []string{"price"}}, true},
		{"tracker no words", Tracker{StudyID: 1}, false},
		{"tracker no study", Tracker{Words: []string{"price"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.v.Validate()
			if tt.ok && err != nil {
				t.Errorf("Validate() = %v; want nil", err)
			}
			if !tt.ok && !errors.Is(err, ErrInvalid) {
				t.Errorf("Validate() = %v; want ErrInvalid", err)
			}
		})
	}
}
