package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/persona"
)

type codeRow struct {
	ID           int64 `gorm:"primaryKey"`
	StudyID      int64
	Name         string
	NameKey      string
	Ring         string
	Definition   string
	WhenToUse    string
	WhenNotToUse string
	Examples     string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (codeRow) TableName() string { return "codes" }

// joinIDs and splitIDs store id lists as "1,2,3".
func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func splitIDs(s string) []int64 {
	out := []int64{}
	for _, p := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

func codeToRow(c persona.Code) codeRow {
	return codeRow{ID: c.ID, StudyID: c.StudyID, Name: c.Name, NameKey: strings.ToLower(c.Name), Ring: string(c.Ring),
		Definition: c.Definition, WhenToUse: c.WhenToUse, WhenNotToUse: c.WhenNotToUse, Examples: joinIDs(c.ExampleQuoteIDs),
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

func codeFromRow(r codeRow) persona.Code {
	return persona.Code{ID: r.ID, StudyID: r.StudyID, Name: r.Name, Ring: persona.Ring(r.Ring), Definition: r.Definition,
		WhenToUse: r.WhenToUse, WhenNotToUse: r.WhenNotToUse, ExampleQuoteIDs: splitIDs(r.Examples), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func codeConflict(name string, err error) error {
	if isUnique(err) {
		return fmt.Errorf("store: code %q: the codebook already has a code of that name: %w", name, persona.ErrConflict)
	}
	return fmt.Errorf("store: code %q: %w", name, err)
}

// AddCode stores a new code and returns it with its id; a name the
// study's codebook already has (ignoring case) is persona.ErrConflict.
func (s *Store) AddCode(ctx context.Context, c persona.Code) (persona.Code, error) {
	r := codeToRow(c)
	r.ID = 0
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return persona.Code{}, codeConflict(c.Name, err)
	}
	return codeFromRow(r), nil
}

// UpdateCode replaces a code's name, ring, texts and examples.
func (s *Store) UpdateCode(ctx context.Context, c persona.Code) error {
	r := codeToRow(c)
	res := s.db.WithContext(ctx).Model(&codeRow{}).Where("id = ?", c.ID).Updates(map[string]any{
		"name": r.Name, "name_key": r.NameKey, "ring": r.Ring, "definition": r.Definition, "when_to_use": r.WhenToUse,
		"when_not_to_use": r.WhenNotToUse, "examples": r.Examples, "updated_at": r.UpdatedAt})
	if res.Error != nil {
		return codeConflict(c.Name, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: code %d: %w", c.ID, persona.ErrNotFound)
	}
	return nil
}

// Code returns one code.
func (s *Store) Code(ctx context.Context, id int64) (persona.Code, error) {
	var r codeRow
	if err := s.db.WithContext(ctx).First(&r, id).Error; err != nil {
		return persona.Code{}, notFound("code", id, err)
	}
	return codeFromRow(r), nil
}

// Codes lists a study's codebook by name (ignoring case).
func (s *Store) Codes(ctx context.Context, studyID int64) ([]persona.Code, error) {
	var rows []codeRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Order("name_key, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: codes of study %d: %w", studyID, err)
	}
	out := make([]persona.Code, len(rows))
	for i, r := range rows {
		out[i] = codeFromRow(r)
	}
	return out, nil
}

// DeleteCode deletes a code, its codings and its held examples.
func (s *Store) DeleteCode(ctx context.Context, id int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Delete(&codeRow{}, id)
		if res.Error != nil {
			return fmt.Errorf("store: delete code %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("store: delete code %d: %w", id, persona.ErrNotFound)
		}
		if err := tx.Where("kind = ? AND code_id = ?", persona.HeldExample, id).Delete(&heldRow{}).Error; err != nil {
			return fmt.Errorf("store: delete code %d: %w", id, err)
		}
		return nil
	})
}

// ImportCodes adds codes to a study's codebook in one transaction: a code
// whose name the codebook has (ignoring case) updates that code's ring and
// texts (keeping its examples and codings) when replace is set, and is
// left alone otherwise. It returns how many were added and updated.
func (s *Store) ImportCodes(ctx context.Context, studyID int64, codes []persona.Code, replace bool, now time.Time) (added, updated int, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, c := range codes {
			r := codeToRow(c)
			r.ID, r.StudyID, r.CreatedAt, r.UpdatedAt = 0, studyID, now, now
			var have []codeRow
			if err := tx.Where("study_id = ? AND name_key = ?", studyID, r.NameKey).Limit(1).Find(&have).Error; err != nil {
				return err
			}
			if len(have) == 0 {
				if err := tx.Create(&r).Error; err != nil {
					return codeConflict(c.Name, err)
				}
				added++
				continue
			}
			if !replace {
				continue
			}
			if err := tx.Model(&codeRow{}).Where("id = ?", have[0].ID).Updates(map[string]any{"ring": r.Ring, "definition": r.Definition,
				"when_to_use": r.WhenToUse, "when_not_to_use": r.WhenNotToUse, "updated_at": now}).Error; err != nil {
				return err
			}
			updated++
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("store: import codes into study %d: %w", studyID, err)
	}
	return added, updated, nil
}

type codingRow struct {
	ID        int64 `gorm:"primaryKey"`
	StudyID   int64
	CodeID    int64
	QuoteID   int64
	CoderID   int64
	CoderName string
	CreatedAt time.Time
}

func (codingRow) TableName() string { return "codings" }

// AddCoding records that a coder applied a code to a quote, anchored to
// the quote's text in its source (coding_anchors); applying it again
// changes nothing.
func (s *Store) AddCoding(ctx context.Context, c persona.Coding) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return addCodingTx(tx, c) })
}

// DeleteCoding removes a coder's code from a quote, with its anchor; it
// reports whether there was one.
func (s *Store) DeleteCoding(ctx context.Context, codeID, quoteID, coderID int64) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("code_id = ? AND quote_id = ? AND coder_id = ?", codeID, quoteID, coderID).Delete(&codingRow{})
		if res.Error != nil {
			return res.Error
		}
		n = res.RowsAffected
		return tx.Where("code_id = ? AND quote_id = ? AND coder_id = ?", codeID, quoteID, coderID).Delete(&anchorRow{}).Error
	})
	if err != nil {
		return false, fmt.Errorf("store: uncode quote %d: %w", quoteID, err)
	}
	return n > 0, nil
}

// CodingFilter selects codings; zero fields select all.
type CodingFilter struct {
	StudyID  int64
	CodeID   int64
	CoderID  int64
	QuoteIDs []int64
}

// Codings lists codings by quote, code and coder.
func (s *Store) Codings(ctx context.Context, f CodingFilter) ([]persona.Coding, error) {
	q := s.db.WithContext(ctx).Order("quote_id, code_id, coder_id")
	if f.StudyID != 0 {
		q = q.Where("study_id = ?", f.StudyID)
	}
	if f.CodeID != 0 {
		q = q.Where("code_id = ?", f.CodeID)
	}
	if f.CoderID != 0 {
		q = q.Where("coder_id = ?", f.CoderID)
	}
	var rows []codingRow
	if f.QuoteIDs != nil {
		if len(f.QuoteIDs) == 0 {
			return []persona.Coding{}, nil
		}
		for start := 0; start < len(f.QuoteIDs); start += 500 {
			var part []codingRow
			if err := q.Session(&gorm.Session{}).Where("quote_id IN ?", f.QuoteIDs[start:min(start+500, len(f.QuoteIDs))]).Find(&part).Error; err != nil {
				return nil, fmt.Errorf("store: codings: %w", err)
			}
			rows = append(rows, part...)
		}
	} else if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: codings: %w", err)
	}
	out := make([]persona.Coding, len(rows))
	for i, r := range rows {
		out[i] = persona.Coding{ID: r.ID, StudyID: r.StudyID, CodeID: r.CodeID, QuoteID: r.QuoteID, CoderID: r.CoderID, Coder: r.CoderName, CreatedAt: r.CreatedAt}
	}
	return out, nil
}
