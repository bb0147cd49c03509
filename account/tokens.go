package account

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/persona"
)

// TokenPrefix starts every API token, so leaked ones are easy to spot.
const TokenPrefix = "vbt_"

// touchEvery bounds how often a token's last_used_at is written.
const touchEvery = time.Minute

// Token describes an API token; the secret and its hash never leave.
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	UserName   string     `json:"user_name"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

type tokenRow struct {
	ID         int64 `gorm:"primaryKey"`
	UserID     int64
	Name       string
	Hash       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (tokenRow) TableName() string { return "api_tokens" }

var errBadToken = fmt.Errorf("account: invalid or revoked API token: %w", persona.ErrForbidden)

// CreateToken issues an API token for the user, labelled name (at most 100
// characters, may be empty). The token, "vbt_" and 32 random bytes in
// base64url, is returned only here; only its sha256 is stored.
func (s *Service) CreateToken(ctx context.Context, userID int64, name string) (id int64, token string, err error) {
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > 100 {
		return 0, "", fmt.Errorf("account: token name longer than 100 characters: %w", persona.ErrInvalid)
	}
	if _, err := s.User(ctx, userID); err != nil {
		return 0, "", fmt.Errorf("account: create token: %w", err)
	}
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(randomBytes(32))
	r := tokenRow{UserID: userID, Name: name, Hash: digest(token), CreatedAt: s.now()}
	if err := s.withDB(ctx).Create(&r).Error; err != nil {
		return 0, "", fmt.Errorf("account: create token for user %d: %w", userID, err)
	}
	return r.ID, token, nil
}

// TokenUser returns the user an API token acts for. An unknown or revoked
// token is persona.ErrForbidden. It records the use at most once a minute.
func (s *Service) TokenUser(ctx context.Context, token string) (User, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return User{}, errBadToken
	}
	var r tokenRow
	err := s.withDB(ctx).Where("hash = ?", digest(token)).First(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, errBadToken
	}
	if err != nil {
		return User{}, fmt.Errorf("account: load token: %w", err)
	}
	if r.RevokedAt != nil {
		return User{}, errBadToken
	}
	u, err := s.User(ctx, r.UserID)
	if errors.Is(err, persona.ErrNotFound) {
		return User{}, errBadToken
	}
	if err != nil {
		return User{}, err
	}
	if now := s.now(); r.LastUsedAt == nil || now.Sub(*r.LastUsedAt) >= touchEvery {
		if err := s.withDB(ctx).Model(&tokenRow{}).Where("id = ?", r.ID).Update("last_used_at", now).Error; err != nil {
			return User{}, fmt.Errorf("account: touch token %d: %w", r.ID, err)
		}
	}
	return u, nil
}

// RevokeToken revokes a token for good. Revoking it again is not an error;
// an unknown id is persona.ErrNotFound.
func (s *Service) RevokeToken(ctx context.Context, id int64) error {
	res := s.withDB(ctx).Model(&tokenRow{}).Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", s.now())
	if res.Error != nil {
		return fmt.Errorf("account: revoke token %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		if _, err := s.Token(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// Token returns one token's description (for example to check its owner
// before a revoke); a missing one is persona.ErrNotFound.
func (s *Service) Token(ctx context.Context, id int64) (Token, error) {
	ts, err := s.tokens(ctx, "t.id = ?", id)
	if err != nil {
		return Token{}, err
	}
	if len(ts) == 0 {
		return Token{}, fmt.Errorf("account: token %d: %w", id, persona.ErrNotFound)
	}
	return ts[0], nil
}

// Tokens lists a user's tokens, or everyone's when userID is 0, by id.
func (s *Service) Tokens(ctx context.Context, userID int64) ([]Token, error) {
	if userID == 0 {
		return s.tokens(ctx, "1 = 1")
	}
	return s.tokens(ctx, "t.user_id = ?", userID)
}

func (s *Service) tokens(ctx context.Context, where string, args ...any) ([]Token, error) {
	var rows []struct {
		ID, UserID            int64
		Name, UserName        string
		CreatedAt             time.Time
		LastUsedAt, RevokedAt *time.Time
	}
	err := s.withDB(ctx).Table("api_tokens AS t").
		Select("t.id, t.user_id, t.name, t.created_at, t.last_used_at, t.revoked_at, u.name AS user_name").
		Joins("JOIN users AS u ON u.id = t.user_id").
		Where(where, args...).Order("t.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("account: list tokens: %w", err)
	}
	ts := make([]Token, len(rows))
	for i, r := range rows {
		ts[i] = Token{ID: r.ID, UserID: r.UserID, UserName: r.UserName, Name: r.Name,
			CreatedAt: r.CreatedAt.UTC(), LastUsedAt: utcPtr(r.LastUsedAt), RevokedAt: utcPtr(r.RevokedAt)}
	}
	return ts, nil
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
