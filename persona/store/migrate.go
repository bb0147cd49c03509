package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// migrations are applied in order, each once, each in its own transaction.
// Never edit one that has shipped; append a new one.
var migrations = []string{
	1: `
CREATE TABLE studies (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  created_at DATETIME NOT NULL
);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  imported_at DATETIME NOT NULL,
  warnings TEXT NOT NULL DEFAULT '',
  indexed INTEGER NOT NULL DEFAULT 0,
  UNIQUE (study_id, sha256)
);
CREATE TABLE participants (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  interviewer INTEGER NOT NULL DEFAULT 0,
  role_set INTEGER NOT NULL DEFAULT 0,
  attributes TEXT NOT NULL DEFAULT '{}',
  persona_id INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX participants_source ON participants(source_id);
CREATE INDEX participants_study ON participants(study_id);
CREATE TABLE turns (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  speaker TEXT NOT NULL,
  seq INTEGER NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  text TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE INDEX turns_source ON turns(source_id, seq);
CREATE TABLE quotes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  line INTEGER NOT NULL DEFAULT 0,
  question TEXT NOT NULL DEFAULT '',
  tokens TEXT NOT NULL DEFAULT '',
  ring TEXT NOT NULL DEFAULT '',
  ring_confidence REAL NOT NULL DEFAULT 0,
  ring_set INTEGER NOT NULL DEFAULT 0,
  theme_id INTEGER NOT NULL DEFAULT 0,
  hidden INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quotes_study ON quotes(study_id);
CREATE INDEX quotes_source ON quotes(source_id);
CREATE INDEX quotes_participant ON quotes(participant_id);
CREATE INDEX quotes_turn ON quotes(turn_id);
`,
	2: `
CREATE TABLE analyses (
  study_id INTEGER PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  ran_at DATETIME NOT NULL
);
CREATE TABLE themes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  ring TEXT NOT NULL,
  label TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX themes_study ON themes(study_id);
CREATE TABLE personas (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX personas_study ON personas(study_id);
CREATE TABLE edits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at DATETIME NOT NULL
);
CREATE INDEX edits_study ON edits(study_id);
`,
	3: `
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at DATETIME NOT NULL
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL
);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at DATETIME NOT NULL,
  last_used_at DATETIME,
  revoked_at DATETIME
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at DATETIME NOT NULL,
  user_id INTEGER NOT NULL DEFAULT 0,
  user_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit_log(at);
`,
	// 4: collateral checked against the buyers' words (content-gap check).
	4: `
CREATE TABLE collateral (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  text TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  UNIQUE (study_id, sha256)
);
CREATE INDEX collateral_study ON collateral(study_id);
`,
	// 5: research waves and win/loss outcomes of sources (docs/LOOP.md).
	5: `
CREATE TABLE source_meta (
  source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  wave TEXT NOT NULL DEFAULT '',
  wave_date TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  competitor TEXT NOT NULL DEFAULT ''
);
CREATE INDEX source_meta_wave ON source_meta(wave);
`,
	// 6: sales reps' answers to objection themes (docs/LOOP.md). No foreign
	// key to themes: an answer outlives a re-analysis that renumbers them.
	6: `
CREATE TABLE field_answers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  theme_id INTEGER NOT NULL,
  theme_label TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  context TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL DEFAULT 0,
  user_name TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL
);
CREATE INDEX field_answers_theme ON field_answers(theme_id);
CREATE INDEX field_answers_study ON field_answers(study_id);
`,
	// 7: objection trackers and when each user last looked (docs/LOOP.md).
	7: `
CREATE TABLE trackers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  words TEXT NOT NULL,
  synonyms TEXT NOT NULL DEFAULT '',
  team TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL,
  user_name TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL
);
CREATE INDEX trackers_study ON trackers(study_id);
CREATE TABLE tracker_visits (
  tracker_id INTEGER NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  seen_at DATETIME NOT NULL,
  PRIMARY KEY (tracker_id, user_id)
);
`,
	// 8: the study's codebook and researchers' codings of quotes
	// (docs/CODEBOOK.md). name_key is the lower-cased name, unique per
	// study; examples are quote ids separated by commas (no foreign key: an
	// example outlives a re-ingest that renumbers quotes, and is dropped
	// when read).
	8: `
CREATE TABLE codes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  ring TEXT NOT NULL DEFAULT '',
  definition TEXT NOT NULL DEFAULT '',
  when_to_use TEXT NOT NULL DEFAULT '',
  when_not_to_use TEXT NOT NULL DEFAULT '',
  examples TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE (study_id, name_key)
);
CREATE TABLE codings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  coder_id INTEGER NOT NULL,
  coder_name TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  UNIQUE (code_id, quote_id, coder_id)
);
CREATE INDEX codings_study ON codings(study_id);
CREATE INDEX codings_quote ON codings(quote_id);
`,
	// 9: blind double-coding rounds (named coders code the same sources
	// without seeing each other's codings until all are done) and settled
	// disagreements (docs/CODEBOOK.md). source_ids are ids separated by
	// commas, "" for the whole study; coders are two coder ids "a,b".
	9: `
CREATE TABLE coding_rounds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  source_ids TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  revealed_at DATETIME
);
CREATE INDEX coding_rounds_study ON coding_rounds(study_id);
CREATE TABLE coding_round_coders (
  round_id INTEGER NOT NULL REFERENCES coding_rounds(id) ON DELETE CASCADE,
  coder_id INTEGER NOT NULL,
  coder_name TEXT NOT NULL DEFAULT '',
  done_at DATETIME,
  PRIMARY KEY (round_id, coder_id)
);
CREATE TABLE coding_settlements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  coders TEXT NOT NULL,
  choice TEXT NOT NULL,
  code_ids TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL DEFAULT 0,
  user_name TEXT NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  UNIQUE (quote_id, coders)
);
CREATE INDEX coding_settlements_study ON coding_settlements(study_id);
`,
}

type schemaMigration struct {
	Version   int `gorm:"primaryKey"`
	AppliedAt time.Time
}

func (s *Store) migrate(ctx context.Context) error {
	db := s.db.WithContext(ctx)
	if err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at DATETIME NOT NULL)`).Error; err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	var current int
	if err := db.Raw(`SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current).Error; err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if current >= len(migrations) {
		return fmt.Errorf("store: database schema version %d is newer than this binary (%d)", current, len(migrations)-1)
	}
	for v := current + 1; v < len(migrations); v++ {
		err := db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec(migrations[v]).Error; err != nil {
				return err
			}
			return tx.Create(&schemaMigration{Version: v, AppliedAt: time.Now().UTC()}).Error
		})
		if err != nil {
			return fmt.Errorf("store: migrate to version %d: %w", v, err)
		}
	}
	return nil
}
