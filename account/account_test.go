package account

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

// clock is a settable time source for Service.Now and Limiter.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 123456789, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Stored is the clock's time as the database keeps it (sqldb.Time: UTC,
// to the microsecond on every driver).
func (c *clock) Stored() time.Time { return sqldb.Time(c.Now()) }

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// forEachDriver runs f on a Service over a fresh database of every driver:
// SQLite in a temp dir and PostgreSQL in a fresh database of the test
// server (skipped without $VERBATIM_TEST_PG, failed under CI=true).
func forEachDriver(t *testing.T, f func(t *testing.T, s *Service, c *clock)) {
	t.Helper()
	for _, d := range []string{"sqlite", "postgres"} {
		t.Run(d, func(t *testing.T) {
			url := filepath.Join(t.TempDir(), "verbatim.db")
			if d == "postgres" {
				url = pgtest.New(t)
			}
			s, c := openService(t, url)
			f(t, s, c)
		})
	}
}

// openService opens (and migrates) account's tables in the database at url.
func openService(t *testing.T, url string) (*Service, *clock) {
	t.Helper()
	db, err := sqldb.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	c := newClock()
	s.Now = c.Now
	return s, c
}

// mustUser creates a user or fails the test.
func mustUser(t *testing.T, s *Service, name string, role Role) User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), name, role, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: err = %v; want %v", what, err, want)
	}
}

func TestRoleCan(t *testing.T) {
	t.Parallel()
	const (
		A = RoleAdmin
		R = RoleResearcher
		M = RoleMarketer
		S = RoleSales
	)
	// Who holds each permission, as the issue states it.
	want := map[Permission][]Role{
		PermRead:        {A, R, M, S},
		PermSearch:      {A, R, M, S},
		PermUpload:      {A, R},
		PermEdit:        {A, R},
		PermAnalyze:     {A, R},
		PermDelete:      {A, R},
		PermEditPersona: {A, R, M},
		PermExport:      {A, R, M},
		PermNote:        {A, R, S},
		PermAdmin:       {A},
		PermCode:        {A, R},
	}
	if len(want) != len(Permissions()) || len(matrix) != len(Permissions()) {
		t.Fatalf("permissions: %d listed, %d in matrix, %d tested", len(Permissions()), len(matrix), len(want))
	}
	for _, p := range Permissions() {
		for _, r := range append(Roles(), "", "root") {
			t.Run(string(r)+"/"+string(p), func(t *testing.T) {
				holds := false
				for _, h := range want[p] {
					holds = holds || h == r
				}
				if got := r.Can(p); got != holds {
					t.Errorf("Role(%q).Can(%q) = %v; want %v", r, p, got, holds)
				}
			})
		}
	}
	if RoleAdmin.Can("fly") {
		t.Error("admin can an unknown permission")
	}
}

func TestParseRole(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Role
		err  error
	}{
		{"admin", RoleAdmin, nil},
		{" Researcher ", RoleResearcher, nil},
		{"MARKETER", RoleMarketer, nil},
		{"sales", RoleSales, nil},
		{"", "", persona.ErrInvalid},
		{"root", "", persona.ErrInvalid},
	}
	for _, tt := range tests {
		got, err := ParseRole(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ParseRole(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}
