// Package account holds Verbatim's local accounts: users and their roles,
// argon2id passwords, sign-in sessions, bearer API tokens, the audit log and
// a sign-in rate limiter. It keeps its rows in its own tables, with its own
// migrations (migrate.go), in the database persona/store opened (SQLite or
// PostgreSQL), and returns persona's sentinel errors (ErrInvalid, ErrNotFound, ErrConflict,
// ErrForbidden) wrapped with context so the API can map them to statuses.
package account

import (
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// Role is what a user may do, as a bundle of permissions.
type Role string

// Roles, from most to least powerful.
const (
	RoleAdmin      Role = "admin"
	RoleResearcher Role = "researcher"
	RoleMarketer   Role = "marketer"
	RoleSales      Role = "sales"
)

// Roles lists every role in matrix order.
func Roles() []Role { return []Role{RoleAdmin, RoleResearcher, RoleMarketer, RoleSales} }

// ParseRole parses a role name, ignoring case and surrounding space; an
// unknown name is persona.ErrInvalid.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := roleColumn(r); !ok {
		return "", problem(persona.ErrInvalid, roleHint, "role %.40q", s)
	}
	return r, nil
}

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	_, ok := roleColumn(r)
	return ok
}

// Permission is one kind of action a route needs.
type Permission string

// Permissions. Routes ask for exactly one.
const (
	PermRead        Permission = "read"         // studies, sources, quotes, themes, personas
	PermSearch      Permission = "search"       // search and objections
	PermUpload      Permission = "upload"       // add sources
	PermEdit        Permission = "edit"         // themes, quotes, participants, studies
	PermAnalyze     Permission = "analyze"      // run the analysis
	PermDelete      Permission = "delete"       // delete studies and sources
	PermEditPersona Permission = "edit_persona" // persona name and notes
	PermExport      Permission = "export"       // Markdown, JSON and CSV exports
	PermNote        Permission = "note"         // post field notes
	PermAdmin       Permission = "admin"        // users, tokens, audit log
	PermCode        Permission = "code"         // codebook, coding quotes, agreement
)

// Permissions lists every permission in matrix order.
func Permissions() []Permission {
	return []Permission{PermRead, PermSearch, PermUpload, PermEdit, PermAnalyze,
		PermDelete, PermEditPersona, PermExport, PermNote, PermAdmin, PermCode}
}

// matrix says which roles hold each permission. Columns follow roleColumn.
var matrix = map[Permission][4]bool{
	//                admin  researcher marketer sales
	PermRead:        {true, true, true, true},
	PermSearch:      {true, true, true, true},
	PermUpload:      {true, true, false, false},
	PermEdit:        {true, true, false, false},
	PermAnalyze:     {true, true, false, false},
	PermDelete:      {true, true, false, false},
	PermEditPersona: {true, true, true, false},
	PermExport:      {true, true, true, false},
	PermNote:        {true, true, false, true},
	PermAdmin:       {true, false, false, false},
	PermCode:        {true, true, false, false},
}

func roleColumn(r Role) (int, bool) {
	switch r {
	case RoleAdmin:
		return 0, true
	case RoleResearcher:
		return 1, true
	case RoleMarketer:
		return 2, true
	case RoleSales:
		return 3, true
	}
	return 0, false
}

// Can reports whether role r holds permission p. Unknown roles and
// permissions hold nothing.
func (r Role) Can(p Permission) bool {
	col, ok := roleColumn(r)
	return ok && matrix[p][col]
}

// User is an account as callers see it; the password hash never leaves
// this package.
type User struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Role      Role      `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

// Audit actions. Callers may record others; these are the ones the product
// writes.
const (
	ActionUpload       = "upload"
	ActionDeleteSource = "delete_source"
	ActionDeleteStudy  = "delete_study"
	ActionExport       = "export"
	ActionRoleChange   = "role_change"
	ActionTokenCreate  = "token_create"
	ActionTokenRevoke  = "token_revoke"
	ActionUserCreate   = "user_create"
	ActionUserDelete   = "user_delete"
	ActionPassword     = "password_change"
	ActionSignIn       = "signin"
	ActionSignInFailed = "signin_failed"
)
