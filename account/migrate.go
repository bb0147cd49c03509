package account

import (
	"context"
	"fmt"

	"github.com/verbatimhq/verbatim/internal/sqldb"
)

// migrationTable records which of account's migrations have been applied;
// account keeps its own list beside persona/store's schema_migrations.
const migrationTable = "account_migrations"

// migrations are account's schema, written once for SQLite and PostgreSQL
// (placeholders as in sqldb.Migration). Never edit one that has shipped;
// append a new one.
//
// Version 1 creates the tables only where they are missing: data dirs made
// before account had its own migrations already hold them (persona/store's
// version 3 created them, in exactly this shape), and adopt them here.
var migrations = []sqldb.Migration{
	1: {Up: `
CREATE TABLE IF NOT EXISTS users (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at {{TIME}} NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  user_id {{INT}} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at {{TIME}} NOT NULL,
  expires_at {{TIME}} NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
  id {{ID}},
  user_id {{INT}} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at {{TIME}} NOT NULL,
  last_used_at {{TIME}},
  revoked_at {{TIME}}
);
CREATE TABLE IF NOT EXISTS audit_log (
  id {{ID}},
  at {{TIME}} NOT NULL,
  user_id {{INT}} NOT NULL DEFAULT 0,
  user_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_at ON audit_log(at);
`},
}

// Tables lists account's tables, parents first (for copying a database).
func Tables() []string { return []string{"users", "sessions", "api_tokens", "audit_log"} }

func migrate(ctx context.Context, db *sqldb.DB) error {
	if err := db.Migrate(ctx, migrationTable, migrations); err != nil {
		return fmt.Errorf("account: %w", err)
	}
	return nil
}
