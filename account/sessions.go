package account

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/persona"
)

// pruneEvery is how often CreateSession sweeps expired sessions.
const pruneEvery = time.Hour

type sessionRow struct {
	ID        string `gorm:"primaryKey"` // sha256 hex of the cookie value
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

func (sessionRow) TableName() string { return "sessions" }

var errNoSession = fmt.Errorf("account: no valid session: %w", persona.ErrForbidden)

// CreateSession starts a session for the user and returns its token, the
// cookie value: 32 random bytes, base64url. Only its sha256 is stored. Call
// it at every sign-in so each gets a fresh id.
func (s *Service) CreateSession(ctx context.Context, userID int64) (string, error) {
	if _, err := s.User(ctx, userID); err != nil {
		return "", fmt.Errorf("account: create session: %w", err)
	}
	s.maybePrune(ctx)
	token := base64.RawURLEncoding.EncodeToString(randomBytes(32))
	now := s.now()
	r := sessionRow{ID: digest(token), UserID: userID, CreatedAt: now, ExpiresAt: now.Add(SessionTTL)}
	if err := s.withDB(ctx).Create(&r).Error; err != nil {
		return "", fmt.Errorf("account: create session for user %d: %w", userID, err)
	}
	return token, nil
}

// SessionUser returns the user a session token belongs to. An unknown or
// expired token is persona.ErrForbidden.
func (s *Service) SessionUser(ctx context.Context, token string) (User, error) {
	if token == "" {
		return User{}, errNoSession
	}
	var r sessionRow
	err := s.withDB(ctx).Where("id = ?", digest(token)).First(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, errNoSession
	}
	if err != nil {
		return User{}, fmt.Errorf("account: load session: %w", err)
	}
	if !s.now().Before(r.ExpiresAt) {
		s.withDB(ctx).Delete(&sessionRow{}, "id = ?", r.ID)
		return User{}, errNoSession
	}
	u, err := s.User(ctx, r.UserID)
	if errors.Is(err, persona.ErrNotFound) {
		return User{}, errNoSession
	}
	return u, err
}

// DeleteSession ends a session (sign-out). An unknown token is not an error.
func (s *Service) DeleteSession(ctx context.Context, token string) error {
	if err := s.withDB(ctx).Delete(&sessionRow{}, "id = ?", digest(token)).Error; err != nil {
		return fmt.Errorf("account: delete session: %w", err)
	}
	return nil
}

// PruneSessions deletes expired sessions and returns how many it removed.
func (s *Service) PruneSessions(ctx context.Context) (int64, error) {
	res := s.withDB(ctx).Where("expires_at <= ?", s.now()).Delete(&sessionRow{})
	if res.Error != nil {
		return 0, fmt.Errorf("account: prune sessions: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// maybePrune runs PruneSessions at most once per pruneEvery. Failure is
// harmless: SessionUser checks expiry itself.
func (s *Service) maybePrune(ctx context.Context) {
	s.pruneMu.Lock()
	due := s.now().Sub(s.lastPrune) >= pruneEvery
	if due {
		s.lastPrune = s.now()
	}
	s.pruneMu.Unlock()
	if due {
		s.PruneSessions(ctx)
	}
}
