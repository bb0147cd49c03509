package pgindex

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// migrations are applied in order, each once, recorded in
// search_migrations; a released version is never edited, only followed.
var migrations = []string{
	// 1: the quotes, their full-text vectors (English configuration,
	// generated on write) and the lexicon fuzzy words are matched against.
	// The GIN index writes through (no pending list: after a bulk write a
	// pending list of tens of thousands of quotes made a rare word's lookup
	// 12 ms instead of 0.1 ms until the next vacuum).
	`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
	CREATE TABLE search_docs (
		id             bigint PRIMARY KEY,
		study_id       bigint NOT NULL,
		source_id      bigint NOT NULL,
		source_name    text NOT NULL DEFAULT '',
		format         text NOT NULL DEFAULT '',
		kind           text NOT NULL DEFAULT '',
		participant_id bigint NOT NULL,
		speaker        text NOT NULL DEFAULT '',
		attrs          jsonb NOT NULL DEFAULT '{}',
		text           text NOT NULL,
		question       text NOT NULL DEFAULT '',
		date           timestamptz NOT NULL,
		ring           text,
		theme_id       bigint,
		persona_id     bigint,
		hidden         boolean NOT NULL DEFAULT false,
		tsv            tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
		qtsv           tsvector GENERATED ALWAYS AS (to_tsvector('english', question)) STORED
	);
	CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv) WITH (fastupdate = off);
	CREATE INDEX search_docs_study ON search_docs (study_id);
	CREATE INDEX search_docs_source ON search_docs (source_id);
	CREATE INDEX search_docs_participant ON search_docs (participant_id);
	CREATE INDEX search_docs_date ON search_docs (date DESC, id);
	CREATE INDEX search_docs_attrs ON search_docs USING gin (attrs jsonb_path_ops);
	CREATE TABLE search_terms (term text PRIMARY KEY);`,
	// 2: the narrow copy of search_docs that a search reads its matches
	// from: the ranking scan visits thousands of rows to find its first
	// thousand matches, and a row of search_docs is ~470 bytes (text,
	// question, attributes, two tsvectors) where this one is ~190, its
	// tsvector right after the fixed-width columns. Written with
	// search_docs, in the same statements.
	`CREATE TABLE search_rank (
		id             bigint PRIMARY KEY,
		study_id       bigint NOT NULL,
		source_id      bigint NOT NULL,
		participant_id bigint NOT NULL,
		date           timestamptz NOT NULL,
		hidden         boolean NOT NULL,
		tsv            tsvector NOT NULL,
		kind           text NOT NULL,
		ring           text,
		theme_id       bigint,
		persona_id     bigint
	);
	INSERT INTO search_rank SELECT ` + rankColumns + ` FROM search_docs;
	CREATE INDEX search_rank_tsv ON search_rank USING gin (tsv) WITH (fastupdate = off);
	CREATE INDEX search_rank_study ON search_rank (study_id);
	CREATE INDEX search_rank_source ON search_rank (source_id);
	CREATE INDEX search_rank_participant ON search_rank (participant_id);
	ANALYZE search_rank;`,
}

// rankColumns are search_rank's columns, in its order.
const rankColumns = `id, study_id, source_id, participant_id, date, hidden, tsv, kind, ring, theme_id, persona_id`

// migrationLock is the advisory lock key under which one process at a
// time migrates (replicas starting together wait for each other).
const migrationLock = 0x7665726261746d31 // "verbatm1"

// migrate brings the schema to the latest version.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS search_migrations (
			version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
			return fmt.Errorf("create search_migrations: %w", err)
		}
		var have int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM search_migrations`).Scan(&have); err != nil {
			return fmt.Errorf("read version: %w", err)
		}
		if have > len(migrations) {
			return fmt.Errorf("database schema version %d is newer than this binary's %d", have, len(migrations))
		}
		for v := have + 1; v <= len(migrations); v++ {
			if _, err := tx.Exec(ctx, migrations[v-1]); err != nil {
				return fmt.Errorf("version %d: %w (fuzzystrmatch is a contrib extension: a superuser may need to CREATE EXTENSION fuzzystrmatch first)", v, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO search_migrations (version) VALUES ($1)`, v); err != nil {
				return fmt.Errorf("record version %d: %w", v, err)
			}
		}
		return nil
	})
}
