package store

import (
	"strings"
	"testing"

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
