package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
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
	return s.Settle(ctx, st, nil)
}

// Settle records a settlement and, when consensus is not nil, makes the
// settled codes the quote's consensus coding in the same transaction:
// consensus's coder loses every coding it had on the quote and gets one
// per settled code (anchored like any coding).
func (s *Store) Settle(ctx context.Context, st persona.Settlement, consensus *persona.Coding) error {
	r := settlementRow{StudyID: st.StudyID, QuoteID: st.QuoteID, Coders: joinCoders(st.Coders), Choice: st.Choice,
		CodeIDs: joinIDs(st.CodeIDs), UserID: st.ByID, UserName: st.By, CreatedAt: st.CreatedAt}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "quote_id"}, {Name: "coders"}},
			DoUpdates: clause.AssignmentColumns([]string{"choice", "code_ids", "user_id", "user_name", "created_at"}),
		}).Create(&r).Error
		if err != nil || consensus == nil {
			return err
		}
		for _, table := range []string{"codings", "coding_anchors"} {
			if err := tx.Exec("DELETE FROM "+table+" WHERE quote_id = ? AND coder_id = ?", st.QuoteID, consensus.CoderID).Error; err != nil {
				return err
			}
		}
		for _, code := range st.CodeIDs {
			c := *consensus
			c.StudyID, c.QuoteID, c.CodeID, c.CreatedAt = st.StudyID, st.QuoteID, code, st.CreatedAt
			if err := addCodingTx(tx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: settle quote %d: %w", st.QuoteID, err)
	}
	return nil
}

// joinCoders and splitCoders store a coder pair as "a,b"; unlike quote
// ids, coder ids may be 0 (Verbatim) or negative (the seeded coding).
func joinCoders(c [2]int64) string {
	return strconv.FormatInt(c[0], 10) + "," + strconv.FormatInt(c[1], 10)
}

func splitCoders(s string) ([2]int64, bool) {
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return [2]int64{}, false
	}
	x, err1 := strconv.ParseInt(strings.TrimSpace(a), 10, 64)
	y, err2 := strconv.ParseInt(strings.TrimSpace(b), 10, 64)
	return [2]int64{x, y}, err1 == nil && err2 == nil
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
		if pair, ok := splitCoders(r.Coders); ok {
			st.Coders = pair
		}
		out = append(out, st)
	}
	return out, nil
}
