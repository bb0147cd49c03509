package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

// studyMemberRow is one grant in study_members (migration 11).
type studyMemberRow struct {
	ID        int64 `gorm:"primaryKey"`
	StudyID   int64
	UserID    int64
	UserName  string
	Role      string
	CreatedAt time.Time
}

func (studyMemberRow) TableName() string { return "study_members" }

// SetStudyOwner records who owns a study.
func (s *Store) SetStudyOwner(ctx context.Context, studyID, userID int64) error {
	res := s.db.WithContext(ctx).Model(&studyRow{}).Where("id = ?", studyID).Update("owner_id", userID)
	if res.Error != nil {
		return fmt.Errorf("store: set owner of study %d: %w", studyID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: set owner of study %d: %w", studyID, persona.ErrNotFound)
	}
	return nil
}

// StudyMembers lists a study's grants: roles first, then users by name.
func (s *Store) StudyMembers(ctx context.Context, studyID int64) ([]persona.StudyMember, error) {
	var rows []studyMemberRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Order("user_id = 0 DESC, role, user_name, user_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: members of study %d: %w", studyID, err)
	}
	out := make([]persona.StudyMember, len(rows))
	for i, r := range rows {
		out[i] = persona.StudyMember{StudyID: r.StudyID, UserID: r.UserID, UserName: r.UserName, Role: r.Role, CreatedAt: r.CreatedAt}
	}
	return out, nil
}

// AddStudyMember grants m.UserID (or, with UserID 0, every user of
// m.Role) the study. Granting again is no error.
func (s *Store) AddStudyMember(ctx context.Context, m persona.StudyMember) error {
	if (m.UserID == 0) == (m.Role == "") {
		return fmt.Errorf("store: add member to study %d: name a user or a role: %w", m.StudyID, persona.ErrInvalid)
	}
	if _, err := s.Study(ctx, m.StudyID); err != nil {
		return fmt.Errorf("store: add member: %w", err)
	}
	r := studyMemberRow{StudyID: m.StudyID, UserID: m.UserID, UserName: m.UserName, Role: m.Role, CreatedAt: sqldb.Time(time.Now())}
	err := s.db.WithContext(ctx).Create(&r).Error
	switch {
	case err == nil, isUnique(err):
		return nil
	}
	return fmt.Errorf("store: add member to study %d: %w", m.StudyID, err)
}

// RemoveStudyMember takes back a grant to one user (role "") or to a role
// (userID 0); persona.ErrNotFound when there was none.
func (s *Store) RemoveStudyMember(ctx context.Context, studyID, userID int64, role string) error {
	res := s.db.WithContext(ctx).Where("study_id = ? AND user_id = ? AND role = ?", studyID, userID, role).Delete(&studyMemberRow{})
	if res.Error != nil {
		return fmt.Errorf("store: remove member of study %d: %w", studyID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: remove member of study %d: %w", studyID, persona.ErrNotFound)
	}
	return nil
}

// ForgetUser removes every grant to a user and their ownership of studies
// (the user was deleted: an account made later must not inherit them),
// in one transaction, and returns the studies it touched.
func (s *Store) ForgetUser(ctx context.Context, userID int64) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Raw(`SELECT study_id FROM study_members WHERE user_id = ? UNION SELECT id FROM studies WHERE owner_id = ?`, userID, userID).
			Scan(&ids).Error; err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM study_members WHERE user_id = ?", userID).Error; err != nil {
			return err
		}
		return tx.Exec("UPDATE studies SET owner_id = 0 WHERE owner_id = ?", userID).Error
	})
	if err != nil {
		return nil, fmt.Errorf("store: forget user %d: %w", userID, err)
	}
	return ids, nil
}

// VisibleStudyIDs are the studies a user of role may see besides an
// admin's all: those they own, those shared with them and those shared
// with their role.
func (s *Store) VisibleStudyIDs(ctx context.Context, userID int64, role string) (map[int64]bool, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Raw(`SELECT id FROM studies WHERE owner_id = ? AND owner_id <> 0
UNION SELECT study_id FROM study_members WHERE (user_id = ? AND user_id <> 0) OR (user_id = 0 AND role = ? AND role <> '')`,
		userID, userID, role).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("store: studies visible to user %d: %w", userID, err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
