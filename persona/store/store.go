// Package store keeps Verbatim's data through gorm on SQLite (the embedded
// default: WAL, a busy timeout, foreign keys on) or PostgreSQL, with
// versioned migrations written once for both (see migrate.go). What
// differs between the drivers lives in internal/sqldb (connection
// settings, DDL types, unique violations, parameter limits) and, for the
// one bulk write, in labels_bulk.go. Row structs stay in this package;
// callers see persona types only.
package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

// Store is the study database.
type Store struct {
	db  *gorm.DB
	sql *sqldb.DB
}

// Open opens (creating if needed) the database url names and migrates it:
// a postgres:// or postgresql:// URL is PostgreSQL, anything else a SQLite
// file path (sqlite:PATH also works).
func Open(ctx context.Context, url string) (*Store, error) {
	d, err := sqldb.Open(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	s := &Store{db: d.Gorm, sql: d}
	if err := s.migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.sql.Close() }

// DB exposes the database to sibling adapters (accounts), which run their
// own migrations on it.
func (s *Store) DB() *sqldb.DB { return s.sql }

// Driver names the engine underneath (sqldb.SQLite or sqldb.Postgres).
func (s *Store) Driver() sqldb.Driver { return s.sql.Driver }

func notFound(what string, id any, err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("store: %s %v: %w", what, id, persona.ErrNotFound)
	}
	return fmt.Errorf("store: %s %v: %w", what, id, err)
}

// isUnique reports a unique-constraint violation on either driver.
func isUnique(err error) bool { return sqldb.IsUnique(err) }
