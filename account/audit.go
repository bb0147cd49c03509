package account

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// Entry is one line of the audit log: who did what to which thing, when.
// Detail holds ids and counts, never transcript text.
type Entry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	UserID   int64     `json:"user_id,omitempty"`
	UserName string    `json:"user_name,omitempty"`
	Action   string    `json:"action"`
	Target   string    `json:"target,omitempty"`
	Detail   string    `json:"detail,omitempty"`
}

type auditRow struct {
	ID       int64 `gorm:"primaryKey"`
	At       time.Time
	UserID   int64
	UserName string
	Action   string
	Target   string
	Detail   string
}

func (auditRow) TableName() string { return "audit_log" }

// Audit page sizes.
const (
	DefaultAuditLimit = 100
	MaxAuditLimit     = 1000
)

// Record appends an entry. A zero At means now; an empty Action is
// persona.ErrInvalid. ID is ignored.
func (s *Service) Record(ctx context.Context, e Entry) error {
	if strings.TrimSpace(e.Action) == "" {
		return fmt.Errorf("account: audit entry without an action: %w", persona.ErrInvalid)
	}
	if e.At.IsZero() {
		e.At = s.now()
	}
	r := auditRow{At: e.At.UTC(), UserID: e.UserID, UserName: e.UserName,
		Action: e.Action, Target: e.Target, Detail: e.Detail}
	if err := s.withDB(ctx).Create(&r).Error; err != nil {
		return fmt.Errorf("account: record %s: %w", e.Action, err)
	}
	return nil
}

// Audit returns a page of the log, newest first. limit <= 0 means
// DefaultAuditLimit; it is capped at MaxAuditLimit.
func (s *Service) Audit(ctx context.Context, limit, offset int) ([]Entry, error) {
	if limit <= 0 {
		limit = DefaultAuditLimit
	}
	limit = min(limit, MaxAuditLimit)
	offset = max(offset, 0)
	var rows []auditRow
	if err := s.withDB(ctx).Order("at DESC, id DESC").Limit(limit).Offset(offset).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("account: read audit log: %w", err)
	}
	es := make([]Entry, len(rows))
	for i, r := range rows {
		es[i] = Entry{ID: r.ID, At: r.At.UTC(), UserID: r.UserID, UserName: r.UserName,
			Action: r.Action, Target: r.Target, Detail: r.Detail}
	}
	return es, nil
}
