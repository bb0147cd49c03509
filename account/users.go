package account

import (
	"context"
	"encoding/base32"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/persona"
)

type userRow struct {
	ID           int64 `gorm:"primaryKey"`
	Name         string
	Role         string
	PasswordHash string
	CreatedAt    time.Time
}

func (userRow) TableName() string { return "users" }

func (r userRow) user() User {
	return User{ID: r.ID, Name: r.Name, Role: Role(r.Role), CreatedAt: r.CreatedAt.UTC()}
}

// errBadCredentials is the one answer to a failed sign-in, whichever part
// was wrong.
var errBadCredentials = fmt.Errorf("account: invalid name or password: %w", persona.ErrForbidden)

const roleHint = "Choose a role: admin, researcher, marketer or sales."

func nameTaken(name string) string {
	return fmt.Sprintf("The name %q is taken (names ignore case); choose another.", name)
}

// ValidName reports whether name could be a user name: 1-64 characters
// from [a-zA-Z0-9._@-]. Sign-in checks it before a name reaches the audit
// log or the rate limiter.
func ValidName(name string) bool { return checkName(name) == nil }

// checkName enforces 1-64 characters from [a-zA-Z0-9._@-].
func checkName(name string) error {
	ok := len(name) >= 1 && len(name) <= 64
	for _, c := range name {
		if !ok {
			break
		}
		ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '.' || c == '_' || c == '@' || c == '-'
	}
	if !ok {
		return problem(persona.ErrInvalid, "A user name has 1 to 64 letters, digits or the signs . _ @ - (no spaces).", "user name %.80q", name)
	}
	return nil
}

// CreateUser adds an account. A bad name, role or password is
// persona.ErrInvalid; a name already taken (ignoring case) is
// persona.ErrConflict.
func (s *Service) CreateUser(ctx context.Context, name string, role Role, password string) (User, error) {
	if err := checkName(name); err != nil {
		return User{}, err
	}
	if !role.Valid() {
		return User{}, problem(persona.ErrInvalid, roleHint, "create user %q: role %q", name, role)
	}
	if err := checkPassword(password); err != nil {
		return User{}, err
	}
	var taken int64
	if err := s.withDB(ctx).Model(&userRow{}).Where("lower(name) = lower(?)", name).Count(&taken).Error; err != nil {
		return User{}, fmt.Errorf("account: create user %q: %w", name, err)
	}
	if taken > 0 {
		return User{}, problem(persona.ErrConflict, nameTaken(name), "create user %q", name)
	}
	hash, err := s.hashPassword(ctx, password)
	if err != nil {
		return User{}, err
	}
	r := userRow{Name: name, Role: string(role), PasswordHash: hash, CreatedAt: s.now()}
	if err := s.withDB(ctx).Create(&r).Error; err != nil {
		if isUnique(err) {
			return User{}, problem(persona.ErrConflict, nameTaken(name), "create user %q", name)
		}
		return User{}, fmt.Errorf("account: create user %q: %w", name, err)
	}
	return r.user(), nil
}

// Users lists every account by id.
func (s *Service) Users(ctx context.Context) ([]User, error) {
	var rows []userRow
	if err := s.withDB(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("account: list users: %w", err)
	}
	users := make([]User, len(rows))
	for i, r := range rows {
		users[i] = r.user()
	}
	return users, nil
}

// User returns one account; a missing one is persona.ErrNotFound.
func (s *Service) User(ctx context.Context, id int64) (User, error) {
	r, err := s.userRow(ctx, "id = ?", id)
	return r.user(), err
}

// UserByName returns the account with exactly that name.
func (s *Service) UserByName(ctx context.Context, name string) (User, error) {
	r, err := s.userRow(ctx, "name = ?", name)
	return r.user(), err
}

func (s *Service) userRow(ctx context.Context, where string, key any) (userRow, error) {
	var r userRow
	err := s.withDB(ctx).Where(where, key).First(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, problem(persona.ErrNotFound, "There is no such user; the account may have been deleted.", "user %v", key)
	}
	if err != nil {
		return r, fmt.Errorf("account: user %v: %w", key, err)
	}
	return r, nil
}

// SetRole changes a user's role. Demoting the last admin is
// persona.ErrConflict.
func (s *Service) SetRole(ctx context.Context, id int64, role Role) (User, error) {
	if !role.Valid() {
		return User{}, problem(persona.ErrInvalid, roleHint, "set role of user %d: role %q", id, role)
	}
	var u User
	defer s.forgetTokens()
	err := s.withDB(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := lastAdminGuard(tx, id, role != RoleAdmin)
		if err != nil {
			return err
		}
		if err := tx.Model(&userRow{}).Where("id = ?", id).Update("role", string(role)).Error; err != nil {
			return err
		}
		r.Role = string(role)
		u = r.user()
		return nil
	})
	if err != nil {
		return User{}, fmt.Errorf("account: set role of user %d: %w", id, err)
	}
	return u, nil
}

// DeleteUser removes an account with its sessions and tokens (the audit log
// keeps its name). Deleting the last admin is persona.ErrConflict.
func (s *Service) DeleteUser(ctx context.Context, id int64) error {
	defer s.forgetTokens()
	err := s.withDB(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := lastAdminGuard(tx, id, true); err != nil {
			return err
		}
		return tx.Delete(&userRow{}, id).Error
	})
	if err != nil {
		return fmt.Errorf("account: delete user %d: %w", id, err)
	}
	return nil
}

// lastAdminGuard loads user id inside tx and, when the change removes its
// admin role, refuses if no other admin would remain.
func lastAdminGuard(tx *gorm.DB, id int64, removesAdmin bool) (userRow, error) {
	var r userRow
	if err := tx.First(&r, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return r, problem(persona.ErrNotFound, "There is no such user; the account may have been deleted.", "user %d", id)
		}
		return r, err
	}
	if !removesAdmin || r.Role != string(RoleAdmin) {
		return r, nil
	}
	var admins int64
	if err := tx.Model(&userRow{}).Where("role = ?", string(RoleAdmin)).Count(&admins).Error; err != nil {
		return r, err
	}
	if admins <= 1 {
		return r, problem(persona.ErrConflict, "This is the last admin. Make another user an admin first.", "user %d", id)
	}
	return r, nil
}

// SetPassword replaces a user's password and ends all of their sessions
// (API tokens stay valid; revoke them separately).
func (s *Service) SetPassword(ctx context.Context, id int64, password string) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := s.hashPassword(ctx, password)
	if err != nil {
		return err
	}
	err = s.withDB(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&userRow{}).Where("id = ?", id).Update("password_hash", hash)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return problem(persona.ErrNotFound, "There is no such user; the account may have been deleted.", "user %d", id)
		}
		return tx.Where("user_id = ?", id).Delete(&sessionRow{}).Error
	})
	if err != nil {
		return fmt.Errorf("account: set password of user %d: %w", id, err)
	}
	return nil
}

// EnsureAdmin creates the first account when there is none: "admin", with
// a random one-time password that the caller prints once. created is false
// (and name and password empty) when users already exist.
func (s *Service) EnsureAdmin(ctx context.Context) (name, password string, created bool, err error) {
	var n int64
	if err := s.withDB(ctx).Model(&userRow{}).Count(&n).Error; err != nil {
		return "", "", false, fmt.Errorf("account: count users: %w", err)
	}
	if n > 0 {
		return "", "", false, nil
	}
	password = base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(randomBytes(15))
	u, err := s.CreateUser(ctx, "admin", RoleAdmin, password)
	if errors.Is(err, persona.ErrConflict) {
		return "", "", false, nil // another process got there first
	}
	if err != nil {
		return "", "", false, err
	}
	return u.Name, password, true, nil
}

// Authenticate checks a name and password. Any mismatch is the same
// persona.ErrForbidden error and costs the same time.
func (s *Service) Authenticate(ctx context.Context, name, password string) (User, error) {
	r, err := s.userRow(ctx, "name = ?", name)
	if errors.Is(err, persona.ErrNotFound) {
		s.verifyPassword(ctx, dummyHash, password)
		return User{}, errBadCredentials
	}
	if err != nil {
		return User{}, err
	}
	ok, err := s.verifyPassword(ctx, r.PasswordHash, password)
	if err != nil {
		return User{}, fmt.Errorf("account: sign in %q: %w", name, err)
	}
	if !ok {
		return User{}, errBadCredentials
	}
	return r.user(), nil
}

// ChangePassword sets a user's own password after checking the current
// one: a wrong one is persona.ErrInvalid. Like SetPassword it ends all
// of the user's sessions.
func (s *Service) ChangePassword(ctx context.Context, id int64, current, password string) error {
	r, err := s.userRow(ctx, "id = ?", id)
	if err != nil {
		return err
	}
	ok, err := s.verifyPassword(ctx, r.PasswordHash, current)
	if err != nil {
		return fmt.Errorf("account: change password of user %d: %w", id, err)
	}
	if !ok {
		return problem(persona.ErrInvalid, "Your current password is not right.", "change password of user %d", id)
	}
	return s.SetPassword(ctx, id, password)
}
