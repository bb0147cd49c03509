package store

import (
	"context"
	"fmt"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"gorm.io/gorm"
)

type suggestionRow struct {
	QuoteID    int64 `gorm:"primaryKey;autoIncrement:false"`
	StudyID    int64
	CodeID     int64
	BestCodeID int64
	Confidence float64
	Teach      float64
	Seeded     bool
	Status     string
	CreatedAt  time.Time
}

func (suggestionRow) TableName() string { return "code_suggestions" }

func suggestionToRow(s persona.Suggestion) suggestionRow {
	return suggestionRow{QuoteID: s.QuoteID, StudyID: s.StudyID, CodeID: s.CodeID, BestCodeID: s.BestCodeID,
		Confidence: s.Confidence, Teach: s.Teach, Seeded: s.Seeded, Status: s.Status, CreatedAt: s.CreatedAt}
}

// ReplaceSuggestions replaces a study's suggestions with ss in one
// transaction (held suggestions waiting to be placed are dropped).
func (s *Store) ReplaceSuggestions(ctx context.Context, studyID int64, ss []persona.Suggestion) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("study_id = ?", studyID).Delete(&suggestionRow{}).Error; err != nil {
			return err
		}
		// A new run supersedes the suggestions held from a re-cut.
		if err := tx.Where("study_id = ? AND kind = ?", studyID, persona.HeldSuggestion).Delete(&heldRow{}).Error; err != nil {
			return err
		}
		rows := make([]suggestionRow, len(ss))
		for i, sg := range ss {
			sg.StudyID = studyID
			rows[i] = suggestionToRow(sg)
		}
		if len(rows) == 0 {
			return nil
		}
		return tx.CreateInBatches(rows, 500).Error
	})
	if err != nil {
		return fmt.Errorf("store: replace suggestions of study %d: %w", studyID, err)
	}
	return nil
}

// UpdateSuggestions rewrites the given rows (by quote) in one transaction.
func (s *Store) UpdateSuggestions(ctx context.Context, ss []persona.Suggestion) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, sg := range ss {
			r := suggestionToRow(sg)
			if err := tx.Model(&suggestionRow{}).Where("quote_id = ?", r.QuoteID).Updates(map[string]any{
				"code_id": r.CodeID, "best_code_id": r.BestCodeID, "confidence": r.Confidence, "teach": r.Teach,
				"seeded": r.Seeded, "status": r.Status}).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: update suggestions: %w", err)
	}
	return nil
}

// Suggestions lists a study's suggestions by quote id.
func (s *Store) Suggestions(ctx context.Context, studyID int64) ([]persona.Suggestion, error) {
	var rows []suggestionRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Order("quote_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: suggestions of study %d: %w", studyID, err)
	}
	out := make([]persona.Suggestion, len(rows))
	for i, r := range rows {
		out[i] = persona.Suggestion{QuoteID: r.QuoteID, StudyID: r.StudyID, CodeID: r.CodeID, BestCodeID: r.BestCodeID,
			Confidence: r.Confidence, Teach: r.Teach, Seeded: r.Seeded, Status: r.Status, CreatedAt: r.CreatedAt}
	}
	return out, nil
}
