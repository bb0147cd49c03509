package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/verbatimhq/verbatim/persona"
)

type anchorRow struct {
	ID         int64 `gorm:"primaryKey"`
	StudyID    int64
	CodeID     int64
	CoderID    int64
	CoderName  string
	QuoteID    int64
	SourceSha  string
	SourceName string
	TurnSeq    int
	StartAt    int
	EndAt      int
	TextHash   string
	Text       string
	CreatedAt  time.Time
}

func (anchorRow) TableName() string { return "coding_anchors" }

func anchorFromRow(r anchorRow) persona.CodingAnchor {
	return persona.CodingAnchor{ID: r.ID, StudyID: r.StudyID, CodeID: r.CodeID, CoderID: r.CoderID, Coder: r.CoderName,
		QuoteID: r.QuoteID, SourceSHA: r.SourceSha, SourceName: r.SourceName, TurnSeq: r.TurnSeq, Start: r.StartAt,
		End: r.EndAt, TextHash: r.TextHash, Text: r.Text, CreatedAt: r.CreatedAt}
}

// TextHash is the hex sha256 an anchor keeps of the coded text.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// anchorOf builds the anchor of a coding from its quote, turn and source.
func anchorOf(tx *gorm.DB, c persona.Coding) (anchorRow, error) {
	places, err := quotePlaces(tx, 0, []int64{c.QuoteID})
	if err != nil {
		return anchorRow{}, fmt.Errorf("store: anchor of quote %d: %w", c.QuoteID, err)
	}
	x := places[c.QuoteID]
	return anchorRow{StudyID: c.StudyID, CodeID: c.CodeID, CoderID: c.CoderID, CoderName: c.Coder, QuoteID: c.QuoteID,
		SourceSha: x.Sha256, SourceName: x.Name, TurnSeq: x.Seq, StartAt: x.Start, EndAt: x.End,
		TextHash: TextHash(x.Text), Text: x.Text, CreatedAt: c.CreatedAt}, nil
}

// addCodingTx stores a coding and its anchor.
func addCodingTx(tx *gorm.DB, c persona.Coding) error {
	r := codingRow{StudyID: c.StudyID, CodeID: c.CodeID, QuoteID: c.QuoteID, CoderID: c.CoderID, CoderName: c.Coder, CreatedAt: c.CreatedAt}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&r).Error; err != nil {
		return fmt.Errorf("store: code quote %d: %w", c.QuoteID, err)
	}
	a, err := anchorOf(tx, c)
	if err != nil {
		return err
	}
	err = tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "code_id"}, {Name: "coder_id"}, {Name: "source_sha"}, {Name: "turn_seq"}, {Name: "start_at"}, {Name: "end_at"}},
		DoUpdates: clause.AssignmentColumns([]string{"quote_id", "source_name", "text_hash", "text"}),
	}).Create(&a).Error
	if err != nil {
		return fmt.Errorf("store: anchor coding of quote %d: %w", c.QuoteID, err)
	}
	return nil
}

// UnplacedAnchors lists a study's coding anchors whose quote no longer
// exists (its source was deleted, re-cut or redacted), oldest first.
// sourceSHA and sourceName, when not both empty, keep only the anchors of
// that source file (same content, or same name).
func (s *Store) UnplacedAnchors(ctx context.Context, studyID int64, sourceSHA, sourceName string) ([]persona.CodingAnchor, error) {
	q := s.db.WithContext(ctx).Table("coding_anchors a").Select("a.*").
		Joins("LEFT JOIN quotes q ON q.id = a.quote_id").Where("a.study_id = ? AND q.id IS NULL", studyID)
	out, err := findRows(ofSourceFile(q, "a.", sourceSHA, sourceName).Order("a.id"), anchorFromRow)
	if err != nil {
		return nil, fmt.Errorf("store: unplaced codings of study %d: %w", studyID, err)
	}
	return out, nil
}

// findRows runs q into rows of R and converts each.
func findRows[R, T any](q *gorm.DB, conv func(R) T) ([]T, error) {
	var rows []R
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = conv(r)
	}
	return out, nil
}

// Placement puts an anchored coding on a quote: the anchor moves to the
// quote's place in the source (its turn and offsets now).
type Placement struct {
	AnchorID int64
	QuoteID  int64
}

// PlaceAnchors re-attaches anchored codings to the quotes given, in one
// transaction: each gets its coding on the quote (a coding the coder
// already has there is kept once) and its anchor is moved to that quote.
func (s *Store) PlaceAnchors(ctx context.Context, ps []Placement) error {
	return s.placeEach(ctx, ps, func(tx *gorm.DB, p Placement) error {
		a, err := takeAnchor[anchorRow](tx, "coding anchor", p.AnchorID)
		if err != nil {
			return err
		}
		return addCodingTx(tx, persona.Coding{StudyID: a.StudyID, CodeID: a.CodeID, QuoteID: p.QuoteID, CoderID: a.CoderID, Coder: a.CoderName, CreatedAt: a.CreatedAt})
	})
}

// placeEach runs place for each placement, all in one transaction.
// Coding anchors (PlaceAnchors) and held examples and suggestions
// (PlaceHeld) are placed the same way.
func (s *Store) placeEach(ctx context.Context, ps []Placement, place func(tx *gorm.DB, p Placement) error) error {
	if len(ps) == 0 {
		return nil
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, p := range ps {
			if err := place(tx, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// takeAnchor reads the anchor row id (a coding anchor or a held one) and
// deletes it: a placement consumes its anchor.
func takeAnchor[R anchorRow | heldRow](tx *gorm.DB, what string, id int64) (R, error) {
	var r R
	if err := tx.First(&r, id).Error; err != nil {
		return r, notFound(what, id, err)
	}
	if err := tx.Delete(new(R), id).Error; err != nil {
		return r, fmt.Errorf("store: place %s %d: %w", what, id, err)
	}
	return r, nil
}

// ofSourceFile keeps, when sha and name are not both empty, the anchors
// of that source file (same content, or same name); prefix qualifies the
// columns ("a." in a join).
func ofSourceFile(q *gorm.DB, prefix, sha, name string) *gorm.DB {
	if sha == "" && name == "" {
		return q
	}
	return q.Where("("+prefix+"source_sha = ? OR "+prefix+"source_name = ?)", sha, name)
}

// quotePlaces reads where the quotes ids are in their source files (of
// source sourceID only, when not 0), 500 ids a query.
func quotePlaces(tx *gorm.DB, sourceID int64, ids []int64) (map[int64]quotePlace, error) {
	byID := make(map[int64]quotePlace, len(ids))
	for lo := 0; lo < len(ids); lo += 500 {
		q := tx.Table("quotes q").Select(`q.id, q.study_id, t.seq, q.start, q."end", q.text, s.sha256, s.name`).
			Joins("JOIN turns t ON t.id = q.turn_id JOIN sources s ON s.id = q.source_id").Where("q.id IN ?", ids[lo:min(lo+500, len(ids))])
		if sourceID != 0 {
			q = q.Where("q.source_id = ?", sourceID)
		}
		var places []quotePlace
		if err := q.Scan(&places).Error; err != nil {
			return nil, err
		}
		for _, p := range places {
			byID[p.ID] = p
		}
	}
	return byID, nil
}

// DeleteAnchor drops a coding that waits to be placed (a researcher
// dismissed it); a placed one is removed with its coding instead.
func (s *Store) DeleteAnchor(ctx context.Context, studyID, id int64) error {
	res := s.db.WithContext(ctx).Exec(`DELETE FROM coding_anchors WHERE id = ? AND study_id = ?
AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.id = coding_anchors.quote_id)`, id, studyID)
	if res.Error != nil {
		return fmt.Errorf("store: dismiss coding anchor %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: unplaced coding %d in study %d: %w", id, studyID, persona.ErrNotFound)
	}
	return nil
}

// RewriteSource saves a stored source rewritten in place (its name, its
// participants' labels and attributes, its turns' speakers and text, its
// quotes' text, offsets, question and tokens: ids unchanged), in one
// transaction, and moves the anchors of codings placed on its quotes to
// their new text. Redacting stored text uses it (docs/PRIVACY.md).
func (s *Store) RewriteSource(ctx context.Context, src persona.Source, parts []persona.Participant, turns []persona.Turn, quotes []persona.Quote) error {
	return s.RewriteSourceAs(ctx, "", src, parts, turns, quotes)
}

// RewriteSourceAs is RewriteSource by the runner of the study's redaction
// pass (persona.RedactionPass.Runner; "" for none): in the same
// transaction it renews the runner's lease (HoldRedactionPass), so a
// runner another process took the pass from writes nothing and gets
// persona.ErrConflict. On PostgreSQL the lease's row stays locked until
// the rewrite commits, so a take-over waits for it and then finds the
// pass fresh.
func (s *Store) RewriteSourceAs(ctx context.Context, runner string, src persona.Source, parts []persona.Participant, turns []persona.Turn, quotes []persona.Quote) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if runner != "" {
			if err := holdPass(tx, src.StudyID, runner, time.Now().UTC()); err != nil {
				return err
			}
		}
		if err := tx.Model(&sourceRow{}).Where("id = ?", src.ID).Update("name", src.Name).Error; err != nil {
			return err
		}
		for _, p := range parts {
			if err := tx.Model(&participantRow{}).Where("id = ?", p.ID).
				Updates(map[string]any{"label": p.Label, "attributes": marshalAttrs(p.Attributes)}).Error; err != nil {
				return err
			}
		}
		for _, t := range turns {
			if err := tx.Model(&turnRow{}).Where("id = ?", t.ID).Updates(map[string]any{"speaker": t.Speaker, "text": t.Text, "question": t.Question}).Error; err != nil {
				return err
			}
		}
		byQuote := map[int64]persona.Quote{}
		for _, q := range quotes {
			if err := q.Validate(); err != nil {
				return err
			}
			if err := tx.Model(&quoteRow{}).Where("id = ?", q.ID).Updates(map[string]any{"text": q.Text, "start": q.Start,
				"end": q.End, "question": q.Question, "tokens": encodeTokens(q.Tokens)}).Error; err != nil {
				return err
			}
			byQuote[q.ID] = q
		}
		var ans []anchorRow
		if err := tx.Where("study_id = ?", src.StudyID).Where("quote_id IN (SELECT id FROM quotes WHERE source_id = ?)", src.ID).Find(&ans).Error; err != nil {
			return err
		}
		for _, a := range ans {
			q, ok := byQuote[a.QuoteID]
			if !ok {
				continue
			}
			if err := tx.Model(&anchorRow{}).Where("id = ?", a.ID).Updates(map[string]any{"source_name": src.Name, "start_at": q.Start,
				"end_at": q.End, "text": q.Text, "text_hash": TextHash(q.Text)}).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: rewrite source %d: %w", src.ID, err)
	}
	return nil
}

// SetAnchorText replaces the text kept of a coding that waits to be placed
// (redacted like the source it came from).
func (s *Store) SetAnchorText(ctx context.Context, id int64, text, sourceName string) error {
	err := s.db.WithContext(ctx).Model(&anchorRow{}).Where("id = ?", id).
		Updates(map[string]any{"text": text, "text_hash": TextHash(text), "source_name": sourceName}).Error
	if err != nil {
		return fmt.Errorf("store: coding anchor %d: %w", id, err)
	}
	return nil
}
