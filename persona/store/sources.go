package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

// Import stores one parsed source — its participants, turns and quotes —
// in one transaction: on any failure nothing of it is stored. A file
// already in the study (same sha256) is persona.ErrDuplicate and returns
// the stored source. On success imp's ids are filled in.
func (s *Store) Import(ctx context.Context, studyID int64, imp *persona.Import) (persona.Source, error) {
	if err := validateImport(imp); err != nil {
		return persona.Source{}, fmt.Errorf("store: import %s: %w", imp.Source.Name, err)
	}
	var existing sourceRow
	err := s.db.WithContext(ctx).Where("study_id = ? AND sha256 = ?", studyID, imp.Source.SHA256).First(&existing).Error
	if err == nil {
		return sourceFromRow(existing), fmt.Errorf("store: import %s: %w", imp.Source.Name, persona.ErrDuplicate)
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return persona.Source{}, fmt.Errorf("store: import %s: %w", imp.Source.Name, err)
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return s.importTx(tx, studyID, imp)
	})
	if err != nil {
		if isUnique(err) {
			return persona.Source{}, fmt.Errorf("store: import %s: %w", imp.Source.Name, persona.ErrDuplicate)
		}
		return persona.Source{}, fmt.Errorf("store: import %s: %w", imp.Source.Name, err)
	}
	return imp.Source, nil
}

func (s *Store) importTx(tx *gorm.DB, studyID int64, imp *persona.Import) error {
	src := imp.Source
	sr := sourceRow{StudyID: studyID, Kind: string(src.Kind), Name: src.Name, Format: src.Format,
		SHA256: src.SHA256, Size: src.Size, ImportedAt: sqldb.Time(src.ImportedAt), Warnings: strings.Join(src.Warnings, "\n"),
		NonAnswers: src.NonAnswers}
	if err := tx.Create(&sr).Error; err != nil {
		return err
	}
	imp.Source.ID, imp.Source.StudyID = sr.ID, studyID
	prows := make([]participantRow, len(imp.Participants))
	for i, p := range imp.Participants {
		prows[i] = participantRow{StudyID: studyID, SourceID: sr.ID, Label: p.Label, Interviewer: p.Interviewer,
			RoleSet: p.RoleSet, Attributes: marshalAttrs(p.Attributes)}
	}
	if len(prows) > 0 {
		if err := tx.CreateInBatches(prows, s.sql.BatchRows(8)).Error; err != nil {
			return err
		}
	}
	for i := range imp.Participants {
		imp.Participants[i].ID, imp.Participants[i].StudyID, imp.Participants[i].SourceID = prows[i].ID, studyID, sr.ID
	}
	trows := make([]turnRow, len(imp.Turns))
	for i, t := range imp.Turns {
		if t.ParticipantID < 0 || int(t.ParticipantID) >= len(prows) {
			return fmt.Errorf("turn %d refers to participant %d of %d: %w", i, t.ParticipantID, len(prows), persona.ErrInvalid)
		}
		trows[i] = turnRow{SourceID: sr.ID, ParticipantID: prows[t.ParticipantID].ID, Speaker: t.Speaker,
			Seq: t.Seq, StartMS: t.StartMS, EndMS: t.EndMS, Text: t.Text, Line: t.Line, Question: t.Question}
	}
	if len(trows) > 0 {
		if err := tx.CreateInBatches(trows, s.sql.BatchRows(10)).Error; err != nil {
			return err
		}
	}
	for i := range imp.Turns {
		t := &imp.Turns[i]
		t.ID, t.SourceID, t.ParticipantID = trows[i].ID, sr.ID, trows[i].ParticipantID
	}
	qrows := make([]quoteRow, len(imp.Quotes))
	for i, q := range imp.Quotes {
		if q.TurnID < 0 || int(q.TurnID) >= len(trows) || q.ParticipantID < 0 || int(q.ParticipantID) >= len(prows) {
			return fmt.Errorf("quote %d refers to turn %d of %d, participant %d of %d: %w", i, q.TurnID, len(trows), q.ParticipantID, len(prows), persona.ErrInvalid)
		}
		qrows[i] = quoteRow{StudyID: studyID, SourceID: sr.ID, ParticipantID: prows[q.ParticipantID].ID,
			TurnID: trows[q.TurnID].ID, Kind: string(q.Kind), Text: q.Text, Start: q.Start, End: q.End,
			AtMS: q.AtMS, Line: q.Line, Question: q.Question, Tokens: encodeTokens(q.Tokens)}
	}
	if len(qrows) > 0 {
		if err := tx.CreateInBatches(qrows, s.sql.BatchRows(18)).Error; err != nil {
			return err
		}
	}
	for i := range imp.Quotes {
		q := &imp.Quotes[i]
		q.ID, q.StudyID, q.SourceID, q.ParticipantID, q.TurnID = qrows[i].ID, studyID, sr.ID, qrows[i].ParticipantID, qrows[i].TurnID
	}
	return nil
}

// MarkIndexed records whether a source's quotes are in the search index.
func (s *Store) MarkIndexed(ctx context.Context, sourceID int64, indexed bool) error {
	err := s.db.WithContext(ctx).Model(&sourceRow{}).Where("id = ?", sourceID).Update("indexed", indexed).Error
	if err != nil {
		return fmt.Errorf("store: mark source %d indexed: %w", sourceID, err)
	}
	return nil
}

// MarkStudyUnindexed flags every source of a study for re-indexing.
func (s *Store) MarkStudyUnindexed(ctx context.Context, studyID int64) error {
	if err := s.db.WithContext(ctx).Exec("UPDATE sources SET indexed = FALSE WHERE study_id = ?", studyID).Error; err != nil {
		return fmt.Errorf("store: mark study %d unindexed: %w", studyID, err)
	}
	return nil
}

// MarkAllUnindexed flags every source for re-indexing.
func (s *Store) MarkAllUnindexed(ctx context.Context) error {
	if err := s.db.WithContext(ctx).Exec("UPDATE sources SET indexed = FALSE").Error; err != nil {
		return fmt.Errorf("store: mark all unindexed: %w", err)
	}
	return nil
}

// UnindexedSources lists the sources whose quotes may be missing from the
// index (a crash between commit and indexing, or a deletion half done).
func (s *Store) UnindexedSources(ctx context.Context) ([]persona.Source, error) {
	var rows []sourceRow
	if err := s.db.WithContext(ctx).Where("indexed = FALSE").Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: unindexed sources: %w", err)
	}
	return sourcesFromRows(rows), nil
}

// Source returns one source.
func (s *Store) Source(ctx context.Context, id int64) (persona.Source, error) {
	var r sourceRow
	if err := s.db.WithContext(ctx).First(&r, id).Error; err != nil {
		return persona.Source{}, notFound("source", id, err)
	}
	return sourceFromRow(r), nil
}

// Sources lists a study's sources by id.
func (s *Store) Sources(ctx context.Context, studyID int64) ([]persona.Source, error) {
	var rows []sourceRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: list sources of study %d: %w", studyID, err)
	}
	return sourcesFromRows(rows), nil
}

func sourcesFromRows(rows []sourceRow) []persona.Source {
	out := make([]persona.Source, len(rows))
	for i, r := range rows {
		out[i] = sourceFromRow(r)
	}
	return out
}

// SetNonAnswers records how many of a source's answers are non-answers.
func (s *Store) SetNonAnswers(ctx context.Context, sourceID int64, n int) error {
	if err := s.db.WithContext(ctx).Model(&sourceRow{}).Where("id = ?", sourceID).Update("non_answers", n).Error; err != nil {
		return fmt.Errorf("store: non-answers of source %d: %w", sourceID, err)
	}
	return nil
}

// DeleteSource deletes a source with its participants, turns and quotes.
// The code examples and suggestions on its quotes are held
// (quote_anchors) to be placed again when the file comes back.
func (s *Store) DeleteSource(ctx context.Context, id int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := holdQuoteRefsTx(tx, id); err != nil {
			return err
		}
		res := tx.Delete(&sourceRow{}, id)
		if res.Error != nil {
			return fmt.Errorf("store: delete source %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("store: delete source %d: %w", id, persona.ErrNotFound)
		}
		return nil
	})
}

// Turns returns a source's turns in order.
func (s *Store) Turns(ctx context.Context, sourceID int64) ([]persona.Turn, error) {
	var rows []turnRow
	if err := s.db.WithContext(ctx).Where("source_id = ?", sourceID).Order("seq, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: turns of source %d: %w", sourceID, err)
	}
	out := make([]persona.Turn, len(rows))
	for i, r := range rows {
		out[i] = turnFromRow(r)
	}
	return out, nil
}

// SourcesByID returns the sources with those ids, keyed by id (missing
// ones absent), in one query per 500 ids.
func (s *Store) SourcesByID(ctx context.Context, ids []int64) (map[int64]persona.Source, error) {
	out, err := rowsByID(s.db.WithContext(ctx), ids, func(r sourceRow) int64 { return r.ID }, sourceFromRow)
	if err != nil {
		return nil, fmt.Errorf("store: sources by id: %w", err)
	}
	return out, nil
}

// validateImport checks the source and each quote before anything is
// written.
func validateImport(imp *persona.Import) error {
	if err := imp.Source.Validate(); err != nil {
		return err
	}
	for i, p := range imp.Participants {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("participant %d: %w", i, err)
		}
	}
	for i, t := range imp.Turns {
		if err := t.Validate(); err != nil {
			return fmt.Errorf("turn %d: %w", i, err)
		}
	}
	for i, q := range imp.Quotes {
		if err := q.Validate(); err != nil {
			return fmt.Errorf("quote %d: %w", i, err)
		}
	}
	return nil
}
