package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/verbatimhq/verbatim/persona"
)

type redactionPassRow struct {
	StudyID       int64 `gorm:"primaryKey;autoIncrement:false"`
	Running       bool
	Sources       int
	Done          int
	Changed       int
	Error         string
	StartedAt     time.Time
	FinishedAt    *time.Time
	UpdatedAt     time.Time `gorm:"autoUpdateTime:false"`
	ThroughSource int64
	Runner        string
}

func (redactionPassRow) TableName() string { return "redaction_passes" }

func passToRow(p persona.RedactionPass) redactionPassRow {
	return redactionPassRow{StudyID: p.StudyID, Running: p.Running, Sources: p.Sources, Done: p.Done, Changed: p.Changed,
		Error: p.Error, StartedAt: p.StartedAt, FinishedAt: p.FinishedAt, UpdatedAt: p.UpdatedAt, ThroughSource: p.ThroughSource, Runner: p.Runner}
}

func (r redactionPassRow) pass() persona.RedactionPass {
	return persona.RedactionPass{StudyID: r.StudyID, Running: r.Running, Sources: r.Sources, Done: r.Done, Changed: r.Changed,
		Error: r.Error, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt, UpdatedAt: r.UpdatedAt, ThroughSource: r.ThroughSource, Runner: r.Runner}
}

// BeginRedactionPass records that a pass starts in p.StudyID, unless one
// is running there already (persona.ErrConflict), and returns the pass as
// begun. After an ended pass (or none) that is p, from the first source.
// A running pass whose last progress is older than staleBefore belonged
// to a process that stopped: it is taken over and returned with its
// progress (Done, Changed, ThroughSource, StartedAt), so the caller
// resumes it after the last source it finished. Each step is one
// conditional write, so replicas sharing the database run (or resume) one
// pass per study.
func (s *Store) BeginRedactionPass(ctx context.Context, p persona.RedactionPass, staleBefore time.Time) (persona.RedactionPass, error) {
	r := passToRow(p)
	begun := p
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&r)
		if res.Error != nil || res.RowsAffected == 1 {
			return res.Error
		}
		res = tx.Model(&redactionPassRow{}).Where("study_id = ? AND running = ?", p.StudyID, false).
			Updates(map[string]any{"running": r.Running, "sources": r.Sources, "done": 0, "changed": 0, "error": "",
				"started_at": r.StartedAt, "finished_at": nil, "updated_at": r.UpdatedAt, "through_source": 0, "runner": r.Runner})
		if res.Error != nil || res.RowsAffected == 1 {
			return res.Error
		}
		res = tx.Model(&redactionPassRow{}).Where("study_id = ? AND running = ? AND updated_at < ?", p.StudyID, true, staleBefore).
			Updates(map[string]any{"updated_at": r.UpdatedAt, "error": "", "runner": r.Runner})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("study %d: a redaction pass is already running: %w", p.StudyID, persona.ErrConflict)
		}
		var got redactionPassRow
		if err := tx.Where("study_id = ?", p.StudyID).First(&got).Error; err != nil {
			return err
		}
		begun = got.pass()
		return nil
	})
	if err != nil {
		return persona.RedactionPass{}, fmt.Errorf("store: begin redaction pass: %w", err)
	}
	return begun, nil
}

// SaveRedactionPass records a pass's progress or end, as its runner
// (p.Runner): when another runner has taken the pass over since, nothing
// is saved and the error is persona.ErrConflict (the caller stops).
func (s *Store) SaveRedactionPass(ctx context.Context, p persona.RedactionPass) error {
	r := passToRow(p)
	res := s.db.WithContext(ctx).Model(&redactionPassRow{}).Where("study_id = ? AND runner = ?", p.StudyID, p.Runner).
		Updates(map[string]any{"running": r.Running, "sources": r.Sources, "done": r.Done, "changed": r.Changed,
			"error": r.Error, "finished_at": r.FinishedAt, "updated_at": r.UpdatedAt, "through_source": r.ThroughSource})
	if res.Error != nil {
		return fmt.Errorf("store: save redaction pass of study %d: %w", p.StudyID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: save redaction pass of study %d: taken over by another runner: %w", p.StudyID, persona.ErrConflict)
	}
	return nil
}

// HoldRedactionPass renews the lease of a pass's runner before it writes:
// it sets the pass's heartbeat to now when runner still holds the pass,
// and returns persona.ErrConflict when another runner has taken it over
// (the caller must then write nothing). RewriteSourceAs does the same in
// its own transaction.
func (s *Store) HoldRedactionPass(ctx context.Context, studyID int64, runner string, now time.Time) error {
	return holdPass(s.db.WithContext(ctx), studyID, runner, now)
}

func holdPass(tx *gorm.DB, studyID int64, runner string, now time.Time) error {
	res := tx.Model(&redactionPassRow{}).Where("study_id = ? AND runner = ? AND running = ?", studyID, runner, true).
		Update("updated_at", now)
	if res.Error != nil {
		return fmt.Errorf("store: hold redaction pass of study %d: %w", studyID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: redaction pass of study %d: taken over by another runner: %w", studyID, persona.ErrConflict)
	}
	return nil
}

// RedactionPass returns a study's last redaction pass (zero, with the
// study id, when none ran).
func (s *Store) RedactionPass(ctx context.Context, studyID int64) (persona.RedactionPass, error) {
	var rows []redactionPassRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Limit(1).Find(&rows).Error; err != nil {
		return persona.RedactionPass{}, fmt.Errorf("store: redaction pass of study %d: %w", studyID, err)
	}
	if len(rows) == 0 {
		return persona.RedactionPass{StudyID: studyID}, nil
	}
	return rows[0].pass(), nil
}

// RunningRedactionPasses are the passes that read as running, in every
// study, oldest progress first: those silent for long belong to a process
// that stopped, and a starting process resumes them.
func (s *Store) RunningRedactionPasses(ctx context.Context) ([]persona.RedactionPass, error) {
	var rows []redactionPassRow
	if err := s.db.WithContext(ctx).Where("running = ?", true).Order("updated_at, study_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: running redaction passes: %w", err)
	}
	out := make([]persona.RedactionPass, len(rows))
	for i, r := range rows {
		out[i] = r.pass()
	}
	return out, nil
}
