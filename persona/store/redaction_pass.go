package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/verbatimhq/verbatim/persona"
)

type redactionPassRow struct {
	StudyID    int64 `gorm:"primaryKey;autoIncrement:false"`
	Running    bool
	Sources    int
	Done       int
	Changed    int
	Error      string
	StartedAt  time.Time
	FinishedAt *time.Time
	UpdatedAt  time.Time `gorm:"autoUpdateTime:false"`
}

func (redactionPassRow) TableName() string { return "redaction_passes" }

func passToRow(p persona.RedactionPass) redactionPassRow {
	return redactionPassRow{StudyID: p.StudyID, Running: p.Running, Sources: p.Sources, Done: p.Done, Changed: p.Changed,
		Error: p.Error, StartedAt: p.StartedAt, FinishedAt: p.FinishedAt, UpdatedAt: p.UpdatedAt}
}

// BeginRedactionPass records that a pass starts in p.StudyID, unless one
// is running there already (persona.ErrConflict). A running pass whose
// last progress is older than staleBefore is taken over (its process
// stopped). Replicas sharing the database thus run one pass per study.
func (s *Store) BeginRedactionPass(ctx context.Context, p persona.RedactionPass, staleBefore time.Time) error {
	r := passToRow(p)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&r)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 1 {
			return nil
		}
		res = tx.Model(&redactionPassRow{}).Where("study_id = ? AND (running = ? OR updated_at < ?)", p.StudyID, false, staleBefore).
			Updates(map[string]any{"running": r.Running, "sources": r.Sources, "done": 0, "changed": 0, "error": "",
				"started_at": r.StartedAt, "finished_at": nil, "updated_at": r.UpdatedAt})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("study %d: a redaction pass is already running: %w", p.StudyID, persona.ErrConflict)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: begin redaction pass: %w", err)
	}
	return nil
}

// SaveRedactionPass records a pass's progress or end.
func (s *Store) SaveRedactionPass(ctx context.Context, p persona.RedactionPass) error {
	r := passToRow(p)
	err := s.db.WithContext(ctx).Model(&redactionPassRow{}).Where("study_id = ?", p.StudyID).
		Updates(map[string]any{"running": r.Running, "sources": r.Sources, "done": r.Done, "changed": r.Changed,
			"error": r.Error, "finished_at": r.FinishedAt, "updated_at": r.UpdatedAt}).Error
	if err != nil {
		return fmt.Errorf("store: save redaction pass of study %d: %w", p.StudyID, err)
	}
	return nil
}

// RedactionPass returns a study's last redaction pass (zero, with the
// study id, when none ran).
func (s *Store) RedactionPass(ctx context.Context, studyID int64) (persona.RedactionPass, error) {
	var rows []redactionPassRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Limit(1).Find(&rows).Error; err != nil {
		return persona.RedactionPass{}, fmt.Errorf("store: redaction pass of study %d: %w", studyID, err)
	}
	if len(rows) == 0 {
		return persona.RedactionPass{StudyID: studyID}, nil
	}
	r := rows[0]
	return persona.RedactionPass{StudyID: r.StudyID, Running: r.Running, Sources: r.Sources, Done: r.Done, Changed: r.Changed,
		Error: r.Error, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt, UpdatedAt: r.UpdatedAt}, nil
}
