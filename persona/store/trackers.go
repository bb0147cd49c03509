package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm/clause"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

type trackerRow struct {
	ID        int64 `gorm:"primaryKey"`
	StudyID   int64
	Name      string
	Words     string
	Synonyms  string
	Team      string
	UserID    int64
	UserName  string
	CreatedAt time.Time
}

func (trackerRow) TableName() string { return "trackers" }

type trackerVisitRow struct {
	TrackerID int64 `gorm:"primaryKey;autoIncrement:false"`
	UserID    int64 `gorm:"primaryKey;autoIncrement:false"`
	SeenAt    time.Time
}

func (trackerVisitRow) TableName() string { return "tracker_visits" }

func splitLines(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "\n")
}

func trackerFromRow(r trackerRow) persona.Tracker {
	return persona.Tracker{ID: r.ID, StudyID: r.StudyID, Name: r.Name, Words: splitLines(r.Words), Synonyms: splitLines(r.Synonyms),
		Team: r.Team, OwnerID: r.UserID, Owner: r.UserName, CreatedAt: r.CreatedAt}
}

// AddTracker stores a tracker and returns it with its id.
func (s *Store) AddTracker(ctx context.Context, t persona.Tracker) (persona.Tracker, error) {
	if err := t.Validate(); err != nil {
		return persona.Tracker{}, fmt.Errorf("store: add tracker: %w", err)
	}
	r := trackerRow{StudyID: t.StudyID, Name: t.Name, Words: strings.Join(t.Words, "\n"), Synonyms: strings.Join(t.Synonyms, "\n"),
		Team: t.Team, UserID: t.OwnerID, UserName: t.Owner, CreatedAt: sqldb.Time(t.CreatedAt)}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return persona.Tracker{}, fmt.Errorf("store: add tracker: %w", err)
	}
	return trackerFromRow(r), nil
}

// Tracker returns one tracker.
func (s *Store) Tracker(ctx context.Context, id int64) (persona.Tracker, error) {
	var r trackerRow
	if err := s.db.WithContext(ctx).First(&r, id).Error; err != nil {
		return persona.Tracker{}, notFound("tracker", id, err)
	}
	return trackerFromRow(r), nil
}

// Trackers lists the trackers a user sees: their own and every team's
// (all of them with all set, for an admin), by id.
func (s *Store) Trackers(ctx context.Context, userID int64, all bool) ([]persona.Tracker, error) {
	q := s.db.WithContext(ctx).Order("id")
	if !all {
		q = q.Where("user_id = ? OR team != ''", userID)
	}
	var rows []trackerRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: trackers: %w", err)
	}
	out := make([]persona.Tracker, len(rows))
	for i, r := range rows {
		out[i] = trackerFromRow(r)
	}
	return out, nil
}

// DeleteTracker deletes a tracker and its visits.
func (s *Store) DeleteTracker(ctx context.Context, id int64) error {
	res := s.db.WithContext(ctx).Delete(&trackerRow{}, id)
	if res.Error != nil {
		return fmt.Errorf("store: delete tracker %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: delete tracker %d: %w", id, persona.ErrNotFound)
	}
	return nil
}

// TrackerSeen returns when a user last opened a tracker (zero: never).
func (s *Store) TrackerSeen(ctx context.Context, trackerID, userID int64) (time.Time, error) {
	var rows []trackerVisitRow
	err := s.db.WithContext(ctx).Where("tracker_id = ? AND user_id = ?", trackerID, userID).Limit(1).Find(&rows).Error
	if err != nil {
		return time.Time{}, fmt.Errorf("store: tracker %d visit: %w", trackerID, err)
	}
	if len(rows) == 0 {
		return time.Time{}, nil
	}
	return rows[0].SeenAt, nil
}

// SetTrackerSeen records that a user opened a tracker at seen.
func (s *Store) SetTrackerSeen(ctx context.Context, trackerID, userID int64, seen time.Time) error {
	r := trackerVisitRow{TrackerID: trackerID, UserID: userID, SeenAt: sqldb.Time(seen)}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "tracker_id"}, {Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"seen_at"}),
	}).Create(&r).Error
	if err != nil {
		return fmt.Errorf("store: tracker %d visit: %w", trackerID, err)
	}
	return nil
}
