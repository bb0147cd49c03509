package store

import (
	"context"
	"fmt"

	"gorm.io/gorm/clause"

	"github.com/verbatimhq/verbatim/persona"
)

type sourceMetaRow struct {
	SourceID   int64 `gorm:"primaryKey;autoIncrement:false"`
	Wave       string
	WaveDate   string
	Outcome    string
	Competitor string
}

func (sourceMetaRow) TableName() string { return "source_meta" }

func metaFromRow(r sourceMetaRow) persona.SourceMeta {
	return persona.SourceMeta{SourceID: r.SourceID, Wave: r.Wave, Date: r.WaveDate,
		Outcome: persona.Outcome(r.Outcome), Competitor: r.Competitor}
}

// SetSourceWave records a source's research wave and date ("" clears
// them), keeping its outcome.
func (s *Store) SetSourceWave(ctx context.Context, sourceID int64, wave, date string) error {
	row := sourceMetaRow{SourceID: sourceID, Wave: wave, WaveDate: date}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "source_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"wave", "wave_date"}),
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("store: set wave of source %d: %w", sourceID, err)
	}
	return nil
}

// SetSourceOutcome records how a source's deal ended and against whom
// (OutcomeNone clears it), keeping its wave.
func (s *Store) SetSourceOutcome(ctx context.Context, sourceID int64, outcome persona.Outcome, competitor string) error {
	row := sourceMetaRow{SourceID: sourceID, Outcome: string(outcome), Competitor: competitor}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "source_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"outcome", "competitor"}),
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("store: set outcome of source %d: %w", sourceID, err)
	}
	return nil
}

// SourceMeta returns a source's wave and outcome (empty when none was
// recorded).
func (s *Store) SourceMeta(ctx context.Context, sourceID int64) (persona.SourceMeta, error) {
	var rows []sourceMetaRow
	if err := s.db.WithContext(ctx).Where("source_id = ?", sourceID).Limit(1).Find(&rows).Error; err != nil {
		return persona.SourceMeta{}, fmt.Errorf("store: meta of source %d: %w", sourceID, err)
	}
	if len(rows) == 0 {
		return persona.SourceMeta{SourceID: sourceID}, nil
	}
	return metaFromRow(rows[0]), nil
}

// SourceMetas returns the recorded waves and outcomes of a study's
// sources, keyed by source id (sources with none are absent).
func (s *Store) SourceMetas(ctx context.Context, studyID int64) (map[int64]persona.SourceMeta, error) {
	var rows []sourceMetaRow
	err := s.db.WithContext(ctx).Raw(`SELECT m.* FROM source_meta m JOIN sources s ON s.id = m.source_id WHERE s.study_id = ?`, studyID).
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: source meta of study %d: %w", studyID, err)
	}
	out := make(map[int64]persona.SourceMeta, len(rows))
	for _, r := range rows {
		out[r.SourceID] = metaFromRow(r)
	}
	return out, nil
}

// ThemeMention is one participant raising one theme in one source (a
// visible quote of theirs is in the theme).
type ThemeMention struct {
	ThemeID       int64
	ParticipantID int64
	SourceID      int64
	// QuoteID is the participant's first quote in the theme.
	QuoteID int64
}

// ThemeMentions lists, for a study, every (theme, participant) pair with
// the participant's source and first quote, without loading quote text.
func (s *Store) ThemeMentions(ctx context.Context, studyID int64) ([]ThemeMention, error) {
	var rows []ThemeMention
	err := s.db.WithContext(ctx).Raw(`SELECT theme_id, participant_id, source_id, MIN(id) AS quote_id FROM quotes
WHERE study_id = ? AND theme_id != 0 AND hidden = FALSE GROUP BY theme_id, participant_id, source_id ORDER BY theme_id, participant_id, source_id`, studyID).
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: theme mentions of study %d: %w", studyID, err)
	}
	return rows, nil
}
