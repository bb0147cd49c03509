package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/internal/sqldb"
)

// TestOldLayoutDataDirOpens builds a data dir as binaries before the
// driver split left it — migrations 1-7 applied as the shipped SQLite SQL,
// account tables created by store version 3, a study and an admin in
// them — and opens it with today's store and account: nothing is
// re-migrated, the rows are there, account adopts its tables, and both
// keep working.
func TestOldLayoutDataDirOpens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "verbatim.db")
	old, err := sqldb.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db := old.Gorm
	must := func(sql string, args ...any) {
		t.Helper()
		if err := db.Exec(sql, args...).Error; err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	must(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at DATETIME NOT NULL)`)
	for v := 1; v < len(shippedSQLite); v++ {
		must(shippedSQLite[v])
		must(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, v, time.Now().UTC())
	}
	must(`INSERT INTO studies (name, created_at) VALUES ('Old study', ?)`, time.Now().UTC())
	must(`INSERT INTO users (name, role, password_hash, created_at) VALUES ('admin', 'admin', 'x', ?)`, time.Now().UTC())
	old.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open old-layout data dir: %v", err)
	}
	defer s.Close()
	if v, _ := s.DB().Version(ctx, migrationTable); v != len(migrations)-1 {
		t.Errorf("store schema version %d; want %d", v, len(migrations)-1)
	}
	var applied int64
	s.db.Raw(`SELECT COUNT(*) FROM schema_migrations`).Scan(&applied)
	if applied != int64(len(migrations)-1) {
		t.Errorf("%d store versions recorded; want %d (none re-applied)", applied, len(migrations)-1)
	}
	if _, err := s.StudyByName(ctx, "Old study"); err != nil {
		t.Errorf("old study: %v", err)
	}
	accounts, err := account.Open(ctx, s.DB())
	if err != nil {
		t.Fatalf("account on an old-layout data dir: %v", err)
	}
	if u, err := accounts.UserByName(ctx, "admin"); err != nil || u.Role != account.RoleAdmin {
		t.Errorf("old admin = %+v, %v", u, err)
	}
	if _, err := accounts.CreateUser(ctx, "ana", account.RoleSales, "correct horse battery"); err != nil {
		t.Errorf("new user in adopted tables: %v", err)
	}
	if v, _ := s.DB().Version(ctx, "account_migrations"); v != 1 {
		t.Errorf("account schema version %d; want 1", v)
	}
}

// TestFreshDataDirHasAccountTablesOnlyFromAccount checks the store alone
// no longer creates the account tables on a new database.
func TestFreshDataDirHasAccountTablesOnlyFromAccount(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var n int64
		if err := s.db.Raw(`SELECT COUNT(*) FROM users`).Scan(&n).Error; err == nil {
			t.Errorf("users table exists before account.Open")
		}
		accounts, err := account.Open(ctx, s.DB())
		if err != nil {
			t.Fatal(err)
		}
		if _, _, created, err := accounts.EnsureAdmin(ctx); err != nil || !created {
			t.Errorf("EnsureAdmin = %v, %v", created, err)
		}
		if _, err := account.Open(ctx, s.DB()); err != nil {
			t.Errorf("second account.Open: %v", err)
		}
	})
}
