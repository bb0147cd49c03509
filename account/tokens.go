package account

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
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
		return 0, "", problem(persona.ErrInvalid, "A token name has at most 100 characters.", "create token")
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

// TokenCacheTTL is how long TokenUser trusts what it read about a token
// without reading it again. Revoking a token, deleting its user or changing
// their role through this Service takes effect at once; a change made by
// another process (the verbatim CLI revoking a token while the server
// runs) within this long.
const TokenCacheTTL = time.Second

// tokenCache remembers recently verified tokens by digest: verifying one
// in the database costs two queries, ~20% of the CPU of serving a cached
// persona page.
type tokenCache struct {
	mu      sync.Mutex
	gen     uint64 // bumped by every change that can invalidate a token
	entries map[string]cachedToken
	hits    atomic.Int64
	misses  atomic.Int64
}

type cachedToken struct {
	id      int64
	user    User
	until   time.Time // re-read after this
	touched time.Time // last_used_at as last written
}

// forgetTokens drops every cached token; call it after the change is
// committed.
func (s *Service) forgetTokens() {
	s.tokCache.mu.Lock()
	s.tokCache.gen++
	clear(s.tokCache.entries)
	s.tokCache.mu.Unlock()
}

// TokenCacheStats says how many TokenUser calls the cache answered.
func (s *Service) TokenCacheStats() (hits, misses int64) {
	return s.tokCache.hits.Load(), s.tokCache.misses.Load()
}

// TokenUser returns the user an API token acts for. An unknown or revoked
// token is persona.ErrForbidden. It records the use at most once a minute.
func (s *Service) TokenUser(ctx context.Context, token string) (User, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return User{}, errBadToken
	}
	key := digest(token)
	now := s.now()
	c := &s.tokCache
	c.mu.Lock()
	e, ok := c.entries[key]
	gen := c.gen
	c.mu.Unlock()
	if ok && now.Before(e.until) {
		c.hits.Add(1)
		if now.Sub(e.touched) >= touchEvery {
			if err := s.touchToken(ctx, e.id, now); err != nil {
				return User{}, err
			}
			c.mu.Lock()
			if cur, ok := c.entries[key]; ok && c.gen == gen {
				cur.touched = now
				c.entries[key] = cur
			}
			c.mu.Unlock()
		}
		return e.user, nil
	}
	c.misses.Add(1)
	u, id, touched, err := s.tokenUser(ctx, key, now)
	if err != nil {
		return User{}, err
	}
	c.mu.Lock()
	if c.gen == gen { // nothing changed while we read
		if c.entries == nil || len(c.entries) >= 1024 {
			c.entries = map[string]cachedToken{}
		}
		c.entries[key] = cachedToken{id: id, user: u, until: now.Add(TokenCacheTTL), touched: touched}
	}
	c.mu.Unlock()
	return u, nil
}

func (s *Service) touchToken(ctx context.Context, id int64, now time.Time) error {
	if err := s.withDB(ctx).Model(&tokenRow{}).Where("id = ?", id).Update("last_used_at", now).Error; err != nil {
		return fmt.Errorf("account: touch token %d: %w", id, err)
	}
	return nil
}

// tokenUser is TokenUser from the database; touched is last_used_at after
// the call.
func (s *Service) tokenUser(ctx context.Context, key string, now time.Time) (u User, id int64, touched time.Time, err error) {
	var r tokenRow
	err = s.withDB(ctx).Where("hash = ?", key).First(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, 0, touched, errBadToken
	}
	if err != nil {
		return User{}, 0, touched, fmt.Errorf("account: load token: %w", err)
	}
	if r.RevokedAt != nil {
		return User{}, 0, touched, errBadToken
	}
	u, err = s.User(ctx, r.UserID)
	if errors.Is(err, persona.ErrNotFound) {
		return User{}, 0, touched, errBadToken
	}
	if err != nil {
		return User{}, 0, touched, err
	}
	if r.LastUsedAt == nil || now.Sub(*r.LastUsedAt) >= touchEvery {
		if err := s.touchToken(ctx, r.ID, now); err != nil {
			return User{}, 0, touched, err
		}
		touched = now
	} else {
		touched = *r.LastUsedAt
	}
	return u, r.ID, touched, nil
}

// RevokeToken revokes a token for good. Revoking it again is not an error;
// an unknown id is persona.ErrNotFound.
func (s *Service) RevokeToken(ctx context.Context, id int64) error {
	res := s.withDB(ctx).Model(&tokenRow{}).Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", s.now())
	s.forgetTokens()
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
