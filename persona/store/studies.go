package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

// CreateStudy creates a study; a taken name is persona.ErrConflict.
func (s *Store) CreateStudy(ctx context.Context, name string) (persona.Study, error) {
	name = strings.TrimSpace(name)
	if err := (persona.Study{Name: name}).Validate(); err != nil {
		return persona.Study{}, fmt.Errorf("store: create study: %w", err)
	}
	r := studyRow{Name: name, CreatedAt: sqldb.Time(time.Now())}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		if isUnique(err) {
			return persona.Study{}, fmt.Errorf("store: create study %q: %w", name, persona.ErrConflict)
		}
		return persona.Study{}, fmt.Errorf("store: create study %q: %w", name, err)
	}
	return studyFromRow(r), nil
}

// EnsureStudy returns the study with that name, creating it if needed.
func (s *Store) EnsureStudy(ctx context.Context, name string) (persona.Study, error) {
	st, err := s.StudyByName(ctx, name)
	if errors.Is(err, persona.ErrNotFound) {
		st, err = s.CreateStudy(ctx, name)
		if errors.Is(err, persona.ErrConflict) {
			return s.StudyByName(ctx, name)
		}
	}
	return st, err
}

// Study returns one study.
func (s *Store) Study(ctx context.Context, id int64) (persona.Study, error) {
	var r studyRow
	if err := s.db.WithContext(ctx).First(&r, id).Error; err != nil {
		return persona.Study{}, notFound("study", id, err)
	}
	return studyFromRow(r), nil
}

// StudyByName returns the study with that name.
func (s *Store) StudyByName(ctx context.Context, name string) (persona.Study, error) {
	var r studyRow
	if err := s.db.WithContext(ctx).Where("name = ?", name).First(&r).Error; err != nil {
		return persona.Study{}, notFound("study", name, err)
	}
	return studyFromRow(r), nil
}

// Studies lists all studies by id.
func (s *Store) Studies(ctx context.Context) ([]persona.Study, error) {
	var rows []studyRow
	if err := s.db.WithContext(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: list studies: %w", err)
	}
	out := make([]persona.Study, len(rows))
	for i, r := range rows {
		out[i] = studyFromRow(r)
	}
	return out, nil
}

// RenameStudy renames a study.
func (s *Store) RenameStudy(ctx context.Context, id int64, name string) (persona.Study, error) {
	name = strings.TrimSpace(name)
	if err := (persona.Study{Name: name}).Validate(); err != nil {
		return persona.Study{}, fmt.Errorf("store: rename study: %w", err)
	}
	res := s.db.WithContext(ctx).Model(&studyRow{}).Where("id = ?", id).Update("name", name)
	if res.Error != nil {
		if isUnique(res.Error) {
			return persona.Study{}, fmt.Errorf("store: rename study %d: %w", id, persona.ErrConflict)
		}
		return persona.Study{}, fmt.Errorf("store: rename study %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return persona.Study{}, fmt.Errorf("store: rename study %d: %w", id, persona.ErrNotFound)
	}
	return s.Study(ctx, id)
}

// SetStudySpeakers sets whether the same speaker name in different files
// of a study is one person.
func (s *Store) SetStudySpeakers(ctx context.Context, id int64, mode persona.SpeakerIdentity) error {
	if _, err := persona.ParseSpeakerIdentity(string(mode)); err != nil {
		return fmt.Errorf("store: study %d: %w", id, err)
	}
	res := s.db.WithContext(ctx).Model(&studyRow{}).Where("id = ?", id).Update("speakers", string(mode))
	if res.Error != nil {
		return fmt.Errorf("store: set speakers of study %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: set speakers of study %d: %w", id, persona.ErrNotFound)
	}
	return nil
}

// DeleteStudy deletes a study and everything in it.
func (s *Store) DeleteStudy(ctx context.Context, id int64) error {
	res := s.db.WithContext(ctx).Delete(&studyRow{}, id)
	if res.Error != nil {
		return fmt.Errorf("store: delete study %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: delete study %d: %w", id, persona.ErrNotFound)
	}
	return nil
}

// Stats counts a study's sources, buyers and quotes.
func (s *Store) Stats(ctx context.Context, studyID int64) (persona.StudyStats, error) {
	var st persona.StudyStats
	db := s.db.WithContext(ctx)
	var n int64
	if err := db.Model(&sourceRow{}).Where("study_id = ?", studyID).Count(&n).Error; err != nil {
		return st, fmt.Errorf("store: stats %d: %w", studyID, err)
	}
	st.Sources = int(n)
	if err := db.Model(&participantRow{}).Where("study_id = ? AND interviewer = FALSE", studyID).Count(&n).Error; err != nil {
		return st, fmt.Errorf("store: stats %d: %w", studyID, err)
	}
	st.Participants = int(n)
	if err := db.Model(&quoteRow{}).Where("study_id = ?", studyID).Count(&n).Error; err != nil {
		return st, fmt.Errorf("store: stats %d: %w", studyID, err)
	}
	st.Quotes = int(n)
	return st, nil
}
