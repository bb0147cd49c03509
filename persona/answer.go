package persona

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// FieldAnswer is what a sales rep answered to an objection (a theme) that
// worked, in their words, with who wrote it and when.
type FieldAnswer struct {
	ID      int64 `json:"id"`
	StudyID int64 `json:"study_id"`
	ThemeID int64 `json:"theme_id"`
	// ThemeLabel is the theme's label when the answer was written.
	ThemeLabel string `json:"theme_label"`
	Text       string `json:"text"`
	// Context says where it worked ("CFO of a 40-person agency, pricing
	// call"); optional.
	Context   string    `json:"context"`
	UserID    int64     `json:"user_id"`
	By        string    `json:"by"`
	CreatedAt time.Time `json:"created_at"`
}

// Limits of a field answer.
const (
	MaxAnswerText    = 2000
	MaxAnswerContext = 200
)

// CleanAnswer trims and validates an answer's text and context.
func CleanAnswer(text, context string) (string, string, error) {
	text, context = strings.TrimSpace(text), strings.Join(strings.Fields(context), " ")
	switch {
	case text == "":
		return "", "", fmt.Errorf("answer: write how you answered the objection: %w", ErrInvalid)
	case utf8.RuneCountInString(text) > MaxAnswerText:
		return "", "", fmt.Errorf("answer: at most %d characters: %w", MaxAnswerText, ErrInvalid)
	case utf8.RuneCountInString(context) > MaxAnswerContext:
		return "", "", fmt.Errorf("answer context: at most %d characters: %w", MaxAnswerContext, ErrInvalid)
	}
	return text, context, nil
}
