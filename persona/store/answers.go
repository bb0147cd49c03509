package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

type answerRow struct {
	ID         int64 `gorm:"primaryKey"`
	StudyID    int64
	ThemeID    int64
	ThemeLabel string
	Text       string
	Context    string
	UserID     int64
	UserName   string
	CreatedAt  time.Time
}

func (answerRow) TableName() string { return "field_answers" }

func answerFromRow(r answerRow) persona.FieldAnswer {
	return persona.FieldAnswer{ID: r.ID, StudyID: r.StudyID, ThemeID: r.ThemeID, ThemeLabel: r.ThemeLabel, Text: r.Text,
		Context: r.Context, UserID: r.UserID, By: r.UserName, CreatedAt: r.CreatedAt}
}

// AddAnswer stores a field answer and returns it with its id.
func (s *Store) AddAnswer(ctx context.Context, a persona.FieldAnswer) (persona.FieldAnswer, error) {
	if err := a.Validate(); err != nil {
		return persona.FieldAnswer{}, fmt.Errorf("store: add answer to theme %d: %w", a.ThemeID, err)
	}
	r := answerRow{StudyID: a.StudyID, ThemeID: a.ThemeID, ThemeLabel: a.ThemeLabel, Text: a.Text, Context: a.Context,
		UserID: a.UserID, UserName: a.By, CreatedAt: sqldb.Time(a.CreatedAt)}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return persona.FieldAnswer{}, fmt.Errorf("store: add answer to theme %d: %w", a.ThemeID, err)
	}
	return answerFromRow(r), nil
}

// Answer returns one field answer.
func (s *Store) Answer(ctx context.Context, id int64) (persona.FieldAnswer, error) {
	var r answerRow
	if err := s.db.WithContext(ctx).First(&r, id).Error; err != nil {
		return persona.FieldAnswer{}, notFound("answer", id, err)
	}
	return answerFromRow(r), nil
}

// Answers lists the answers to the given themes, newest first.
func (s *Store) Answers(ctx context.Context, themeIDs []int64) ([]persona.FieldAnswer, error) {
	out := []persona.FieldAnswer{}
	if len(themeIDs) == 0 {
		return out, nil
	}
	var rows []answerRow
	for start := 0; start < len(themeIDs); start += 500 {
		var part []answerRow
		if err := s.db.WithContext(ctx).Where("theme_id IN ?", themeIDs[start:min(start+500, len(themeIDs))]).Find(&part).Error; err != nil {
			return nil, fmt.Errorf("store: answers: %w", err)
		}
		rows = append(rows, part...)
	}
	for _, r := range rows {
		out = append(out, answerFromRow(r))
	}
	sortAnswers(out)
	return out, nil
}

// DeleteAnswer deletes a field answer.
func (s *Store) DeleteAnswer(ctx context.Context, id int64) error {
	res := s.db.WithContext(ctx).Delete(&answerRow{}, id)
	if res.Error != nil {
		return fmt.Errorf("store: delete answer %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: delete answer %d: %w", id, persona.ErrNotFound)
	}
	return nil
}

// sortAnswers puts the newest first.
func sortAnswers(a []persona.FieldAnswer) {
	sort.Slice(a, func(i, j int) bool {
		if !a[i].CreatedAt.Equal(a[j].CreatedAt) {
			return a[i].CreatedAt.After(a[j].CreatedAt)
		}
		return a[i].ID > a[j].ID
	})
}
