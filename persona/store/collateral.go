package store

import (
	"context"

	"fmt"
	"time"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

type collateralRow struct {
	ID        int64 `gorm:"primaryKey"`
	StudyID   int64
	Name      string
	Format    string
	SHA256    string `gorm:"column:sha256"`
	Size      int64
	Text      string
	CreatedBy string
	CreatedAt time.Time
}

func (collateralRow) TableName() string { return "collateral" }

func collateralFromRow(r collateralRow) persona.Collateral {
	return persona.Collateral{ID: r.ID, StudyID: r.StudyID, Name: r.Name, Format: r.Format, SHA256: r.SHA256,
		Size: r.Size, Text: r.Text, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt}
}

// AddCollateral stores a collateral document. The same content twice in a
// study returns the stored one and persona.ErrDuplicate.
func (s *Store) AddCollateral(ctx context.Context, c persona.Collateral) (persona.Collateral, error) {
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("store: add collateral: %w", err)
	}
	r := collateralRow{StudyID: c.StudyID, Name: c.Name, Format: c.Format, SHA256: c.SHA256, Size: c.Size,
		Text: c.Text, CreatedBy: c.CreatedBy, CreatedAt: sqldb.Time(time.Now())}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		if isUnique(err) {
			var old collateralRow
			if e := s.db.WithContext(ctx).Where("study_id = ? AND sha256 = ?", c.StudyID, c.SHA256).First(&old).Error; e == nil {
				return collateralFromRow(old), fmt.Errorf("store: add collateral %q: %w", c.Name, persona.ErrDuplicate)
			}
		}
		return c, fmt.Errorf("store: add collateral %q: %w", c.Name, err)
	}
	return collateralFromRow(r), nil
}

// Collateral returns one stored document with its text.
func (s *Store) Collateral(ctx context.Context, id int64) (persona.Collateral, error) {
	var r collateralRow
	if err := s.db.WithContext(ctx).First(&r, id).Error; err != nil {
		return persona.Collateral{}, notFound("collateral", id, err)
	}
	return collateralFromRow(r), nil
}

// CollateralList lists a study's documents, newest first, without text.
func (s *Store) CollateralList(ctx context.Context, studyID int64) ([]persona.Collateral, error) {
	var rows []collateralRow
	err := s.db.WithContext(ctx).Omit("text").Where("study_id = ?", studyID).Order("id DESC").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: list collateral of study %d: %w", studyID, err)
	}
	out := make([]persona.Collateral, len(rows))
	for i, r := range rows {
		out[i] = collateralFromRow(r)
	}
	return out, nil
}

// DeleteCollateral removes a stored document.
func (s *Store) DeleteCollateral(ctx context.Context, id int64) error {
	res := s.db.WithContext(ctx).Delete(&collateralRow{}, id)
	if res.Error != nil {
		return fmt.Errorf("store: delete collateral %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: delete collateral %d: %w", id, persona.ErrNotFound)
	}
	return nil
}
