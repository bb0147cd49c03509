package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/verbatimhq/verbatim/persona"
)

// Code examples and seeded-coding suggestions hang on quote ids. When a
// source's quotes are about to go (a role change re-cuts them, the source
// is deleted for a re-ingest) holdQuoteRefsTx anchors them in
// quote_anchors, in the same transaction; the app places them on the new
// quotes (PlaceHeld) or lists them until dismissed.

type heldRow struct {
	ID         int64 `gorm:"primaryKey"`
	StudyID    int64
	Kind       string
	CodeID     int64
	Position   int
	QuoteID    int64
	SourceSha  string
	SourceName string
	TurnSeq    int
	StartAt    int
	EndAt      int
	TextHash   string
	Text       string
	BestCodeID int64
	Confidence float64
	Teach      float64
	Seeded     bool
	Status     string
	CreatedAt  time.Time
}

func (heldRow) TableName() string { return "quote_anchors" }

func heldFromRow(r heldRow) persona.HeldAnchor {
	return persona.HeldAnchor{
		CodingAnchor: persona.CodingAnchor{ID: r.ID, StudyID: r.StudyID, CodeID: r.CodeID, QuoteID: r.QuoteID,
			SourceSHA: r.SourceSha, SourceName: r.SourceName, TurnSeq: r.TurnSeq, Start: r.StartAt, End: r.EndAt,
			TextHash: r.TextHash, Text: r.Text, CreatedAt: r.CreatedAt},
		Kind: r.Kind, Position: r.Position,
		Suggestion: persona.Suggestion{QuoteID: r.QuoteID, StudyID: r.StudyID, CodeID: r.CodeID, BestCodeID: r.BestCodeID,
			Confidence: r.Confidence, Teach: r.Teach, Seeded: r.Seeded, Status: r.Status, CreatedAt: r.CreatedAt},
	}
}

// quotePlace is where a quote is in its source file.
type quotePlace struct {
	ID      int64
	StudyID int64
	Seq     int
	Start   int
	End     int
	Text    string
	Sha256  string
	Name    string
}

// holdQuoteRefsTx anchors the code examples and suggestions on the quotes
// of a source before they are deleted.
func holdQuoteRefsTx(tx *gorm.DB, sourceID int64) error {
	err := tx.Exec(`INSERT INTO quote_anchors (study_id, kind, code_id, position, quote_id, source_sha, source_name, turn_seq,
  start_at, end_at, text_hash, text, best_code_id, confidence, teach, seeded, status, created_at)
SELECT cs.study_id, ?, cs.code_id, 0, cs.quote_id, s.sha256, s.name, t.seq, q.start, q."end", '', q.text,
  cs.best_code_id, cs.confidence, cs.teach, cs.seeded, cs.status, cs.created_at
FROM code_suggestions cs JOIN quotes q ON q.id = cs.quote_id JOIN turns t ON t.id = q.turn_id JOIN sources s ON s.id = q.source_id
WHERE q.source_id = ?`, persona.HeldSuggestion, sourceID).Error
	if err != nil {
		return fmt.Errorf("store: hold suggestions of source %d: %w", sourceID, err)
	}
	// The examples: only the quotes of this source that a code of its
	// study lists are read (a large survey's other quotes are not).
	var codes []codeRow
	if err := tx.Where("study_id = (SELECT study_id FROM sources WHERE id = ?) AND examples <> ''", sourceID).Find(&codes).Error; err != nil {
		return fmt.Errorf("store: hold examples of source %d: %w", sourceID, err)
	}
	var ids []int64
	for _, c := range codes {
		ids = append(ids, splitIDs(c.Examples)...)
	}
	if len(ids) == 0 {
		return nil
	}
	byID, err := quotePlaces(tx, sourceID, ids)
	if err != nil {
		return fmt.Errorf("store: hold examples of source %d: %w", sourceID, err)
	}
	var rows []heldRow
	now := time.Now().UTC()
	for _, c := range codes {
		for i, q := range splitIDs(c.Examples) {
			p, ok := byID[q]
			if !ok {
				continue
			}
			rows = append(rows, heldRow{StudyID: c.StudyID, Kind: persona.HeldExample, CodeID: c.ID, Position: i, QuoteID: q,
				SourceSha: p.Sha256, SourceName: p.Name, TurnSeq: p.Seq, StartAt: p.Start, EndAt: p.End,
				TextHash: TextHash(p.Text), Text: p.Text, CreatedAt: now})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if err := tx.CreateInBatches(rows, 200).Error; err != nil {
		return fmt.Errorf("store: hold examples of source %d: %w", sourceID, err)
	}
	return nil
}

// HeldAnchors lists a study's held examples and suggestions (all of them
// wait to be placed), oldest first. sourceSHA and sourceName, when not
// both empty, keep those of that source file (same content, or same name).
// kind "" lists both kinds.
func (s *Store) HeldAnchors(ctx context.Context, studyID int64, kind, sourceSHA, sourceName string) ([]persona.HeldAnchor, error) {
	q := s.db.WithContext(ctx).Where("study_id = ?", studyID)
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	out, err := findRows(ofSourceFile(q, "", sourceSHA, sourceName).Order("id"), heldFromRow)
	if err != nil {
		return nil, fmt.Errorf("store: held anchors of study %d: %w", studyID, err)
	}
	return out, nil
}

// PlaceHeld puts held examples and suggestions on the quotes given, in one
// transaction: an example takes its old quote's place in its code's list
// (or its position when that id is gone; kept once), a suggestion becomes
// the new quote's (unless it has one from a later run). Each anchor is
// then deleted; one whose code is gone is dropped.
func (s *Store) PlaceHeld(ctx context.Context, ps []Placement) error {
	return s.placeEach(ctx, ps, func(tx *gorm.DB, p Placement) error {
		r, err := takeAnchor[heldRow](tx, "held anchor", p.AnchorID)
		if err != nil {
			return err
		}
		switch r.Kind {
		case persona.HeldExample:
			err = placeExampleTx(tx, r, p.QuoteID)
		case persona.HeldSuggestion:
			row := suggestionRow{QuoteID: p.QuoteID, StudyID: r.StudyID, CodeID: r.CodeID, BestCodeID: r.BestCodeID,
				Confidence: r.Confidence, Teach: r.Teach, Seeded: r.Seeded, Status: r.Status, CreatedAt: r.CreatedAt}
			err = tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
		}
		if err != nil {
			return fmt.Errorf("store: place held %s %d on quote %d: %w", r.Kind, r.ID, p.QuoteID, err)
		}
		return nil
	})
}

func placeExampleTx(tx *gorm.DB, r heldRow, quoteID int64) error {
	var codes []codeRow
	if err := tx.Where("id = ?", r.CodeID).Limit(1).Find(&codes).Error; err != nil || len(codes) == 0 {
		return err
	}
	ids := splitIDs(codes[0].Examples)
	if slices.Contains(ids, quoteID) {
		return nil
	}
	if i := slices.Index(ids, r.QuoteID); i >= 0 {
		ids[i] = quoteID
	} else {
		ids = slices.Insert(ids, min(r.Position, len(ids)), quoteID)
	}
	return tx.Model(&codeRow{}).Where("id = ?", r.CodeID).Update("examples", joinIDs(ids)).Error
}

// DeleteHeld drops held anchors of a study (a researcher dismissed them):
// those ids, or with suggestionsOfSHA set every held suggestion of that
// source file. It returns how many went.
func (s *Store) DeleteHeld(ctx context.Context, studyID int64, ids []int64, suggestionsOfSHA string) (int64, error) {
	q := s.db.WithContext(ctx).Where("study_id = ?", studyID)
	if suggestionsOfSHA != "" {
		q = q.Where("kind = ? AND source_sha = ?", persona.HeldSuggestion, suggestionsOfSHA)
	} else {
		if len(ids) == 0 {
			return 0, nil
		}
		q = q.Where("id IN ?", ids)
	}
	res := q.Delete(&heldRow{})
	if res.Error != nil {
		return 0, fmt.Errorf("store: dismiss held anchors of study %d: %w", studyID, res.Error)
	}
	return res.RowsAffected, nil
}

// SetHeldText replaces the text kept of a held anchor (redacted like the
// source it came from).
func (s *Store) SetHeldText(ctx context.Context, id int64, text, sourceName string) error {
	err := s.db.WithContext(ctx).Model(&heldRow{}).Where("id = ?", id).
		Updates(map[string]any{"text": text, "text_hash": TextHash(text), "source_name": sourceName}).Error
	if err != nil {
		return fmt.Errorf("store: held anchor %d: %w", id, err)
	}
	return nil
}
