package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/persona"
)

// Quote returns one quote.
func (s *Store) Quote(ctx context.Context, id int64) (persona.Quote, error) {
	var r quoteRow
	if err := s.db.WithContext(ctx).First(&r, id).Error; err != nil {
		return persona.Quote{}, notFound("quote", id, err)
	}
	return quoteFromRow(r), nil
}

// QuotesByID returns the quotes with those ids in the order given (missing
// ones skipped), without their analysis tokens: it serves display.
func (s *Store) QuotesByID(ctx context.Context, ids []int64) ([]persona.Quote, error) {
	return s.quotesByID(ctx, ids, false)
}

// QuotesByIDWithTokens is QuotesByID with each quote's analysis tokens:
// the tags given to its text when it was stored (re-tagged when the text
// changes), for a caller that judges the words' grammar.
func (s *Store) QuotesByIDWithTokens(ctx context.Context, ids []int64) ([]persona.Quote, error) {
	return s.quotesByID(ctx, ids, true)
}

func (s *Store) quotesByID(ctx context.Context, ids []int64, tokens bool) ([]persona.Quote, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	q := s.db.WithContext(ctx)
	if !tokens {
		q = q.Omit("tokens")
	}
	byID, err := rowsByID(q, ids, func(r quoteRow) int64 { return r.ID }, quoteFromRow)
	if err != nil {
		return nil, fmt.Errorf("store: quotes by id: %w", err)
	}
	out := make([]persona.Quote, 0, len(ids))
	for _, id := range ids {
		if q, ok := byID[id]; ok {
			out = append(out, q)
		}
	}
	return out, nil
}

// rowsByID loads the rows with those ids, 500 ids a query, and returns
// them converted and keyed by id (missing ids absent).
func rowsByID[R, T any](q *gorm.DB, ids []int64, id func(R) int64, conv func(R) T) (map[int64]T, error) {
	out := make(map[int64]T, len(ids))
	for lo := 0; lo < len(ids); lo += 500 {
		var rows []R
		// A fresh session each batch: chaining Where on q itself would
		// add each batch's ids to the last (an empty result after 500).
		if err := q.Session(&gorm.Session{}).Where("id IN ?", ids[lo:min(lo+500, len(ids))]).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[id(r)] = conv(r)
		}
	}
	return out, nil
}

// QuoteFilter selects quotes. Zero fields do not filter.
type QuoteFilter struct {
	StudyID, SourceID, ParticipantID, TurnID int64
	// AfterID and Limit page through quotes in id order.
	AfterID int64
	Limit   int
	// NoTokens skips loading the analysis tokens (for display and indexing).
	NoTokens bool
}

// Quotes lists quotes in id order.
func (s *Store) Quotes(ctx context.Context, f QuoteFilter) ([]persona.Quote, error) {
	if f.SourceID != 0 { // one source's quotes: a short read of many rows
		var err error
		if ctx, err = s.rowsCtx(ctx); err != nil {
			return nil, fmt.Errorf("store: list quotes: %w", err)
		}
	}
	q := s.db.WithContext(ctx).Model(&quoteRow{}).Where("id > ?", f.AfterID)
	if f.StudyID != 0 {
		q = q.Where("study_id = ?", f.StudyID)
	}
	if f.SourceID != 0 {
		q = q.Where("source_id = ?", f.SourceID)
	}
	if f.ParticipantID != 0 {
		q = q.Where("participant_id = ?", f.ParticipantID)
	}
	if f.TurnID != 0 {
		q = q.Where("turn_id = ?", f.TurnID)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	if f.NoTokens {
		q = q.Omit("tokens")
	}
	var rows []quoteRow
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: list quotes: %w", err)
	}
	out := make([]persona.Quote, len(rows))
	for i, r := range rows {
		out[i] = quoteFromRow(r)
	}
	return out, nil
}

// CountQuotes counts all quotes.
func (s *Store) CountQuotes(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&quoteRow{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("store: count quotes: %w", err)
	}
	return n, nil
}

// SetQuoteRing records a researcher's ring correction.
func (s *Store) SetQuoteRing(ctx context.Context, id int64, ring persona.Ring) error {
	if !ring.Valid() {
		return fmt.Errorf("store: set ring of quote %d: unknown ring %q: %w", id, ring, persona.ErrInvalid)
	}
	res := s.db.WithContext(ctx).Model(&quoteRow{}).Where("id = ?", id).
		Updates(map[string]any{"ring": string(ring), "ring_set": true, "ring_confidence": 1.0})
	if res.Error != nil {
		return fmt.Errorf("store: set ring of quote %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: set ring of quote %d: %w", id, persona.ErrNotFound)
	}
	return nil
}

// Participant returns one participant.
func (s *Store) Participant(ctx context.Context, id int64) (persona.Participant, error) {
	var r participantRow
	if err := s.db.WithContext(ctx).First(&r, id).Error; err != nil {
		return persona.Participant{}, notFound("participant", id, err)
	}
	return participantFromRow(r), nil
}

// ParticipantFilter selects participants. Zero fields do not filter.
type ParticipantFilter struct {
	StudyID, SourceID int64
	BuyersOnly        bool
}

// Participants lists participants in id order.
func (s *Store) Participants(ctx context.Context, f ParticipantFilter) ([]persona.Participant, error) {
	if f.SourceID != 0 { // one source's participants: a short read
		var err error
		if ctx, err = s.rowsCtx(ctx); err != nil {
			return nil, fmt.Errorf("store: list participants: %w", err)
		}
	}
	q := s.db.WithContext(ctx).Model(&participantRow{})
	if f.StudyID != 0 {
		q = q.Where("study_id = ?", f.StudyID)
	}
	if f.SourceID != 0 {
		q = q.Where("source_id = ?", f.SourceID)
	}
	if f.BuyersOnly {
		q = q.Where("interviewer = FALSE")
	}
	var rows []participantRow
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: list participants: %w", err)
	}
	out := make([]persona.Participant, len(rows))
	for i, r := range rows {
		out[i] = participantFromRow(r)
	}
	return out, nil
}

// UpdateParticipant saves a participant's label and attributes.
func (s *Store) UpdateParticipant(ctx context.Context, p persona.Participant) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("store: update participant %d: %w", p.ID, err)
	}
	res := s.db.WithContext(ctx).Model(&participantRow{}).Where("id = ?", p.ID).
		Updates(map[string]any{"label": p.Label, "attributes": marshalAttrs(p.Attributes)})
	if res.Error != nil {
		return fmt.Errorf("store: update participant %d: %w", p.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: update participant %d: %w", p.ID, persona.ErrNotFound)
	}
	return nil
}

// SetRole marks a participant as interviewer or buyer by hand and replaces
// its source's quotes with quotes (built from the stored turns, with
// TurnID and ParticipantID already database ids), in one transaction.
func (s *Store) SetRole(ctx context.Context, participantID int64, interviewer bool, sourceID int64, quotes []persona.Quote) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&participantRow{}).Where("id = ?", participantID).
			Updates(map[string]any{"interviewer": interviewer, "role_set": true})
		if res.Error != nil {
			return fmt.Errorf("store: set role of participant %d: %w", participantID, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("store: set role of participant %d: %w", participantID, persona.ErrNotFound)
		}
		if err := holdQuoteRefsTx(tx, sourceID); err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM quotes WHERE source_id = ?", sourceID).Error; err != nil {
			return fmt.Errorf("store: replace quotes of source %d: %w", sourceID, err)
		}
		return insertQuotes(tx, quotes, s.sql.BatchRows(18))
	})
}

func insertQuotes(tx *gorm.DB, quotes []persona.Quote, batch int) error {
	if len(quotes) == 0 {
		return nil
	}
	rows := make([]quoteRow, len(quotes))
	for i, q := range quotes {
		if err := q.Validate(); err != nil {
			return fmt.Errorf("store: insert quote %d: %w", i, err)
		}
		rows[i] = quoteRow{StudyID: q.StudyID, SourceID: q.SourceID, ParticipantID: q.ParticipantID,
			TurnID: q.TurnID, Kind: string(q.Kind), Text: q.Text, Start: q.Start, End: q.End,
			AtMS: q.AtMS, Line: q.Line, Question: q.Question, Tokens: encodeTokens(q.Tokens)}
	}
	if err := tx.CreateInBatches(rows, batch).Error; err != nil {
		return fmt.Errorf("store: insert quotes: %w", err)
	}
	for i := range quotes {
		quotes[i].ID = rows[i].ID
	}
	return nil
}

// ParticipantsByID returns the participants with those ids, keyed by id
// (missing ones absent), in one query per 500 ids.
func (s *Store) ParticipantsByID(ctx context.Context, ids []int64) (map[int64]persona.Participant, error) {
	out, err := rowsByID(s.db.WithContext(ctx), ids, func(r participantRow) int64 { return r.ID }, participantFromRow)
	if err != nil {
		return nil, fmt.Errorf("store: participants by id: %w", err)
	}
	return out, nil
}
