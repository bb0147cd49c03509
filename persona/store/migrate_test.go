package store

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/internal/pgtest"

	"github.com/verbatimhq/verbatim/internal/sqldb"
)

// TestShippedMigrationsRenderUnchangedOnSQLite guards existing data dirs:
// every migration that shipped as SQLite SQL must render, on SQLite, to
// exactly that SQL (version 3 moved to account and renders to nothing).
func TestShippedMigrationsRenderUnchangedOnSQLite(t *testing.T) {
	for v := 1; v < len(shippedSQLite); v++ {
		got := migrations[v].Render(sqldb.SQLite)
		want := shippedSQLite[v]
		if v == 3 {
			want = ""
		}
		if got != want {
			t.Errorf("migration %d renders on SQLite to\n%s\nwant the shipped\n%s", v, got, want)
		}
	}
}

// TestPostgresRenderingLeavesNoSQLiteTypes checks that no SQLite-only
// type or placeholder survives rendering for PostgreSQL.
func TestPostgresRenderingLeavesNoSQLiteTypes(t *testing.T) {
	for v := 1; v < len(migrations); v++ {
		sql := migrations[v].Render(sqldb.Postgres)
		for _, bad := range []string{"AUTOINCREMENT", "DATETIME", "{{", " INTEGER", " REAL", " BLOB"} {
			if strings.Contains(sql, bad) {
				t.Errorf("migration %d on PostgreSQL still holds %q:\n%s", v, bad, sql)
			}
		}
	}
}

// TestConcurrentOpensMigrateOnce opens one empty PostgreSQL database from
// several goroutines at once, as replicas starting together do: every
// Open succeeds and each version is recorded once. (SQLite is one
// process's file; its first open sets WAL mode, which concurrent first
// opens may find locked.)
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	url := pgtest.New(t)
	const n = 4
	errs := make(chan error, n)
	stores := make(chan *Store, n)
	for range n {
		go func() {
			s, err := Open(context.Background(), url)
			errs <- err
			stores <- s
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Errorf("concurrent open: %v", err)
		}
		if s := <-stores; s != nil {
			defer s.Close()
		}
	}
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var rows, distinct int64
	s.db.Raw(`SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations`).Row().Scan(&rows, &distinct)
	if rows != int64(len(migrations)-1) || distinct != rows {
		t.Errorf("schema_migrations holds %d rows, %d versions; want %d once each", rows, distinct, len(migrations)-1)
	}
}

// TestTablesListsEveryTable checks Tables against the tables the
// migrations create, so a copy (verbatim migrate) misses none.
func TestTablesListsEveryTable(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		var names []string
		q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
		if s.Driver() == sqldb.Postgres {
			q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`
		}
		if err := s.db.Raw(q).Scan(&names).Error; err != nil {
			t.Fatal(err)
		}
		listed := map[string]bool{migrationTable: true}
		for _, n := range Tables() {
			listed[n] = true
		}
		for _, n := range names {
			if !listed[n] {
				t.Errorf("table %s is not in Tables()", n)
			}
			delete(listed, n)
		}
		for n := range listed {
			t.Errorf("Tables() lists %s, which no migration creates", n)
		}
	})
}
