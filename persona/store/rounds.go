package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/verbatimhq/verbatim/persona"
)

type roundRow struct {
	ID         int64 `gorm:"primaryKey"`
	StudyID    int64
	SourceIDs  string
	CreatedBy  string
	CreatedAt  time.Time
	RevealedAt *time.Time
}

func (roundRow) TableName() string { return "coding_rounds" }

type roundCoderRow struct {
	RoundID   int64 `gorm:"primaryKey;autoIncrement:false"`
	CoderID   int64 `gorm:"primaryKey;autoIncrement:false"`
	CoderName string
	DoneAt    *time.Time
}

func (roundCoderRow) TableName() string { return "coding_round_coders" }

// AddRound stores a blind coding round with its coders.
func (s *Store) AddRound(ctx context.Context, r persona.CodingRound) (persona.CodingRound, error) {
	row := roundRow{StudyID: r.StudyID, SourceIDs: joinIDs(r.SourceIDs), CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		for _, c := range r.Coders {
			if err := tx.Create(&roundCoderRow{RoundID: row.ID, CoderID: c.ID, CoderName: c.Name}).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return r, fmt.Errorf("store: add coding round: %w", err)
	}
	r.ID = row.ID
	return r, nil
}

// Rounds lists a study's coding rounds, newest first, with their coders.
func (s *Store) Rounds(ctx context.Context, studyID int64) ([]persona.CodingRound, error) {
	var rows []roundRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: coding rounds: %w", err)
	}
	out := make([]persona.CodingRound, 0, len(rows))
	for _, r := range rows {
		var coders []roundCoderRow
		if err := s.db.WithContext(ctx).Where("round_id = ?", r.ID).Order("coder_name, coder_id").Find(&coders).Error; err != nil {
			return nil, fmt.Errorf("store: coding round %d: %w", r.ID, err)
		}
		cr := persona.CodingRound{ID: r.ID, StudyID: r.StudyID, SourceIDs: splitIDs(r.SourceIDs), CreatedBy: r.CreatedBy,
			CreatedAt: r.CreatedAt, RevealedAt: r.RevealedAt, Coders: []persona.RoundCoder{}}
		for _, c := range coders {
			cr.Coders = append(cr.Coders, persona.RoundCoder{ID: c.CoderID, Name: c.CoderName, DoneAt: c.DoneAt})
		}
		out = append(out, cr)
	}
	return out, nil
}

// SetRoundDone marks (or unmarks, with a nil at) a coder done in a round.
func (s *Store) SetRoundDone(ctx context.Context, roundID, coderID int64, at *time.Time) error {
	res := s.db.WithContext(ctx).Model(&roundCoderRow{}).Where("round_id = ? AND coder_id = ?", roundID, coderID).Update("done_at", at)
	if res.Error != nil {
		return fmt.Errorf("store: coding round %d: %w", roundID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: coding round %d has no coder %d: %w", roundID, coderID, persona.ErrNotFound)
	}
	return nil
}

// RevealRound ends a round's blindness.
func (s *Store) RevealRound(ctx context.Context, roundID int64, at time.Time) error {
	if err := s.db.WithContext(ctx).Model(&roundRow{}).Where("id = ?", roundID).Update("revealed_at", at).Error; err != nil {
		return fmt.Errorf("store: reveal coding round %d: %w", roundID, err)
	}
	return nil
}

type settlementRow struct {
	ID        int64 `gorm:"primaryKey"`
	StudyID   int64
	QuoteID   int64
	Coders    string
	Choice    string
	CodeIDs   string
	UserID    int64
	UserName  string
	CreatedAt time.Time
}

func (settlementRow) TableName() string { return "coding_settlements" }

// SetSettlement records (or replaces) how two coders' disagreement on a
// quote was settled.
func (s *Store) SetSettlement(ctx context.Context, st persona.Settlement) error {
	r := settlementRow{StudyID: st.StudyID, QuoteID: st.QuoteID, Coders: joinIDs(st.Coders[:]), Choice: st.Choice,
		CodeIDs: joinIDs(st.CodeIDs), UserID: st.ByID, UserName: st.By, CreatedAt: st.CreatedAt}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "quote_id"}, {Name: "coders"}},
		DoUpdates: clause.AssignmentColumns([]string{"choice", "code_ids", "user_id", "user_name", "created_at"}),
	}).Create(&r).Error
	if err != nil {
		return fmt.Errorf("store: settle quote %d: %w", st.QuoteID, err)
	}
	return nil
}

// Settlements lists a study's settled disagreements.
func (s *Store) Settlements(ctx context.Context, studyID int64) ([]persona.Settlement, error) {
	var rows []settlementRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: settlements: %w", err)
	}
	out := make([]persona.Settlement, 0, len(rows))
	for _, r := range rows {
		st := persona.Settlement{ID: r.ID, StudyID: r.StudyID, QuoteID: r.QuoteID, Choice: r.Choice, CodeIDs: splitIDs(r.CodeIDs),
			ByID: r.UserID, By: r.UserName, CreatedAt: r.CreatedAt}
		ids := splitIDs(r.Coders)
		if len(ids) == 2 {
			st.Coders = [2]int64{ids[0], ids[1]}
		}
		out = append(out, st)
	}
	return out, nil
}
