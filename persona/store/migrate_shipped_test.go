package store

// shippedSQLite is the migration list as SQLite-only SQL, exactly as it
// shipped before the list became driver templates (versions 1-7). Tests
// check that the templates still render to it on SQLite and use it to
// build an old-layout database (account tables created by version 3).
var shippedSQLite = []string{
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
}
