package store

import (
	"context"
	"fmt"

	"github.com/verbatimhq/verbatim/internal/sqldb"
)

// migrationTable records which of migrations have been applied.
const migrationTable = "schema_migrations"

// migrations are applied in order, each once, each in its own transaction,
// on SQLite and PostgreSQL alike: each is one template that sqldb renders
// per driver ({{ID}}, {{INT}}, {{TIME}}, {{BOOL}}, {{FALSE}}, {{REAL}},
// {{BLOB}}; see sqldb.Migration). Never edit one that has shipped; append
// a new one. To add one: write version N+1 below with the placeholders
// for ids, integers, times and booleans, run `go test ./persona/store`
// (it applies the list on SQLite and, with $VERBATIM_TEST_PG set, on
// PostgreSQL) and, if some statement has no common form, give the
// PostgreSQL text in Postgres. Boolean columns are compared as
// col = FALSE / TRUE (or bound Go bools) in queries, never = 0.
var migrations = []sqldb.Migration{
	1: {Up: `
CREATE TABLE studies (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  created_at {{TIME}} NOT NULL
);
CREATE TABLE sources (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size {{INT}} NOT NULL,
  imported_at {{TIME}} NOT NULL,
  warnings TEXT NOT NULL DEFAULT '',
  indexed {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  UNIQUE (study_id, sha256)
);
CREATE TABLE participants (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  source_id {{INT}} NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  interviewer {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  role_set {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  attributes TEXT NOT NULL DEFAULT '{}',
  persona_id {{INT}} NOT NULL DEFAULT 0
);
CREATE INDEX participants_source ON participants(source_id);
CREATE INDEX participants_study ON participants(study_id);
CREATE TABLE turns (
  id {{ID}},
  source_id {{INT}} NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  participant_id {{INT}} NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  speaker TEXT NOT NULL,
  seq {{INT}} NOT NULL,
  start_ms {{INT}} NOT NULL,
  end_ms {{INT}} NOT NULL,
  text TEXT NOT NULL,
  line {{INT}} NOT NULL
);
CREATE INDEX turns_source ON turns(source_id, seq);
CREATE TABLE quotes (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  source_id {{INT}} NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  participant_id {{INT}} NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
  turn_id {{INT}} NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  start {{INT}} NOT NULL,
  "end" {{INT}} NOT NULL,
  at_ms {{INT}} NOT NULL,
  line {{INT}} NOT NULL DEFAULT 0,
  question TEXT NOT NULL DEFAULT '',
  tokens TEXT NOT NULL DEFAULT '',
  ring TEXT NOT NULL DEFAULT '',
  ring_confidence {{REAL}} NOT NULL DEFAULT 0,
  ring_set {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  theme_id {{INT}} NOT NULL DEFAULT 0,
  hidden {{BOOL}} NOT NULL DEFAULT {{FALSE}}
);
CREATE INDEX quotes_study ON quotes(study_id);
CREATE INDEX quotes_source ON quotes(source_id);
CREATE INDEX quotes_participant ON quotes(participant_id);
CREATE INDEX quotes_turn ON quotes(turn_id);
`},
	2: {Up: `
CREATE TABLE analyses (
  study_id {{INT}} PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  version {{INT}} NOT NULL,
  ran_at {{TIME}} NOT NULL
);
CREATE TABLE themes (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  ring TEXT NOT NULL,
  label TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX themes_study ON themes(study_id);
CREATE TABLE personas (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX personas_study ON personas(study_id);
CREATE TABLE edits (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at {{TIME}} NOT NULL
);
CREATE INDEX edits_study ON edits(study_id);
`},
	// 3: users, sessions, api_tokens, audit_log. They moved to account's
	// own migrations (account/migrate.go); data dirs made before that
	// already have them from this version, and account adopts them.
	3: {},
	// 4: collateral checked against the buyers' words (content-gap check).
	4: {Up: `
CREATE TABLE collateral (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size {{INT}} NOT NULL,
  text TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL,
  UNIQUE (study_id, sha256)
);
CREATE INDEX collateral_study ON collateral(study_id);
`},
	// 5: research waves and win/loss outcomes of sources (docs/LOOP.md).
	5: {Up: `
CREATE TABLE source_meta (
  source_id {{INT}} PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  wave TEXT NOT NULL DEFAULT '',
  wave_date TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  competitor TEXT NOT NULL DEFAULT ''
);
CREATE INDEX source_meta_wave ON source_meta(wave);
`},
	// 6: sales reps' answers to objection themes (docs/LOOP.md). No foreign
	// key to themes: an answer outlives a re-analysis that renumbers them.
	6: {Up: `
CREATE TABLE field_answers (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  theme_id {{INT}} NOT NULL,
  theme_label TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  context TEXT NOT NULL DEFAULT '',
  user_id {{INT}} NOT NULL DEFAULT 0,
  user_name TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL
);
CREATE INDEX field_answers_theme ON field_answers(theme_id);
CREATE INDEX field_answers_study ON field_answers(study_id);
`},
	// 7: objection trackers and when each user last looked (docs/LOOP.md).
	7: {Up: `
CREATE TABLE trackers (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  words TEXT NOT NULL,
  synonyms TEXT NOT NULL DEFAULT '',
  team TEXT NOT NULL DEFAULT '',
  user_id {{INT}} NOT NULL,
  user_name TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL
);
CREATE INDEX trackers_study ON trackers(study_id);
CREATE TABLE tracker_visits (
  tracker_id {{INT}} NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,
  user_id {{INT}} NOT NULL,
  seen_at {{TIME}} NOT NULL,
  PRIMARY KEY (tracker_id, user_id)
);
`},
	// 8: the study's codebook and researchers' codings of quotes
	// (docs/CODEBOOK.md). name_key is the lower-cased name, unique per
	// study; examples are quote ids separated by commas (no foreign key: an
	// example outlives a re-ingest that renumbers quotes, and is dropped
	// when read).
	8: {Up: `
CREATE TABLE codes (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  ring TEXT NOT NULL DEFAULT '',
  definition TEXT NOT NULL DEFAULT '',
  when_to_use TEXT NOT NULL DEFAULT '',
  when_not_to_use TEXT NOT NULL DEFAULT '',
  examples TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL,
  updated_at {{TIME}} NOT NULL,
  UNIQUE (study_id, name_key)
);
CREATE TABLE codings (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  code_id {{INT}} NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  quote_id {{INT}} NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  coder_id {{INT}} NOT NULL,
  coder_name TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL,
  UNIQUE (code_id, quote_id, coder_id)
);
CREATE INDEX codings_study ON codings(study_id);
CREATE INDEX codings_quote ON codings(quote_id);
`},
	// 9: blind double-coding rounds (named coders code the same sources
	// without seeing each other's codings until all are done) and settled
	// disagreements (docs/CODEBOOK.md). source_ids are ids separated by
	// commas, "" for the whole study; coders are two coder ids "a,b".
	9: {Up: `
CREATE TABLE coding_rounds (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  source_ids TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL,
  revealed_at {{TIME}}
);
CREATE INDEX coding_rounds_study ON coding_rounds(study_id);
CREATE TABLE coding_round_coders (
  round_id {{INT}} NOT NULL REFERENCES coding_rounds(id) ON DELETE CASCADE,
  coder_id {{INT}} NOT NULL,
  coder_name TEXT NOT NULL DEFAULT '',
  done_at {{TIME}},
  PRIMARY KEY (round_id, coder_id)
);
CREATE TABLE coding_settlements (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  quote_id {{INT}} NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  coders TEXT NOT NULL,
  choice TEXT NOT NULL,
  code_ids TEXT NOT NULL DEFAULT '',
  user_id {{INT}} NOT NULL DEFAULT 0,
  user_name TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL,
  UNIQUE (quote_id, coders)
);
CREATE INDEX coding_settlements_study ON coding_settlements(study_id);
`},
	// 10: privacy of the people quoted (docs/PRIVACY.md): per-study
	// redaction settings and the secret keying its pseudonyms; the
	// pseudonyms as keyed hashes (no original); the originals an admin
	// chose to keep, in their own table that exports and search never read.
	10: {Up: `
CREATE TABLE study_privacy (
  study_id {{INT}} PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  redact {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  kinds TEXT NOT NULL DEFAULT '',
  keep_originals {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  keep_words TEXT NOT NULL DEFAULT '',
  secret TEXT NOT NULL,
  updated_at {{TIME}} NOT NULL
);
CREATE TABLE pseudonyms (
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  hash TEXT NOT NULL,
  n {{INT}} NOT NULL,
  PRIMARY KEY (study_id, kind, hash)
);
CREATE TABLE redaction_originals (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  source_id {{INT}} NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  original TEXT NOT NULL,
  UNIQUE (source_id, label, original)
);
CREATE INDEX redaction_originals_study ON redaction_originals(study_id);
`},
	// 11: who sees which study (docs/ACCESS.md). A study has an owner (the
	// user who created it; 0 when it came from the command line or before
	// sharing existed) and members: a row names either one user (user_id,
	// role '') or a whole role (user_id 0, role 'sales', 'marketer' or
	// 'researcher'). Admins see every study without a row. Every study
	// that exists at upgrade (the demo too) is shared with every role, so
	// nothing disappears for current users.
	11: {Up: `
ALTER TABLE studies ADD COLUMN owner_id {{INT}} NOT NULL DEFAULT 0;
CREATE TABLE study_members (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  user_id {{INT}} NOT NULL DEFAULT 0,
  user_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL,
  UNIQUE (study_id, user_id, role)
);
CREATE INDEX study_members_user ON study_members(user_id);
CREATE INDEX study_members_role ON study_members(role);
INSERT INTO study_members (study_id, user_id, role, created_at) SELECT id, 0, 'researcher', created_at FROM studies;
INSERT INTO study_members (study_id, user_id, role, created_at) SELECT id, 0, 'marketer', created_at FROM studies;
INSERT INTO study_members (study_id, user_id, role, created_at) SELECT id, 0, 'sales', created_at FROM studies;
`},
	// 12: the seeded coding's suggestions (docs/SEEDED.md, product side):
	// one row per quote of the last run of "code the rest from my
	// examples". code_id 0 = left uncoded; best_code_id the most likely
	// code; seeded = the quote was a researcher's coding or a code's
	// example; status '' (open), accepted, corrected or skipped. No
	// foreign key on the code ids (0 is allowed); a deleted code's rows are
	// dropped when read.
	12: {Up: `
CREATE TABLE code_suggestions (
  quote_id {{INT}} NOT NULL PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  code_id {{INT}} NOT NULL DEFAULT 0,
  best_code_id {{INT}} NOT NULL DEFAULT 0,
  confidence {{REAL}} NOT NULL DEFAULT 0,
  teach {{REAL}} NOT NULL DEFAULT 0,
  seeded {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  status TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL
);
CREATE INDEX code_suggestions_study ON code_suggestions(study_id);
`},
	// 13: codings anchored to the source text (docs/CODEBOOK.md), so a
	// re-ingest or a role change that re-cuts quotes re-attaches them: the
	// source file's sha256 and name, the turn's seq, the character (byte)
	// offsets in that turn, a sha256 of the coded text and the text itself.
	// quote_id is the quote the coding is placed on now (no foreign key: it
	// outlives its quote, which marks the coding as waiting to be placed).
	// Codings that exist at upgrade are anchored from their quotes
	// (text_hash '' is checked by the text instead).
	13: {Up: `
CREATE TABLE coding_anchors (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  code_id {{INT}} NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  coder_id {{INT}} NOT NULL,
  coder_name TEXT NOT NULL DEFAULT '',
  quote_id {{INT}} NOT NULL DEFAULT 0,
  source_sha TEXT NOT NULL DEFAULT '',
  source_name TEXT NOT NULL DEFAULT '',
  turn_seq {{INT}} NOT NULL DEFAULT 0,
  start_at {{INT}} NOT NULL DEFAULT 0,
  end_at {{INT}} NOT NULL DEFAULT 0,
  text_hash TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL,
  UNIQUE (code_id, coder_id, source_sha, turn_seq, start_at, end_at)
);
CREATE INDEX coding_anchors_study ON coding_anchors(study_id);
CREATE INDEX coding_anchors_quote ON coding_anchors(quote_id);
INSERT INTO coding_anchors (study_id, code_id, coder_id, coder_name, quote_id, source_sha, source_name, turn_seq, start_at, end_at, text_hash, text, created_at)
SELECT c.study_id, c.code_id, c.coder_id, c.coder_name, c.quote_id, s.sha256, s.name, t.seq, q.start, q."end", '', q.text, c.created_at
FROM codings c JOIN quotes q ON q.id = c.quote_id JOIN turns t ON t.id = q.turn_id JOIN sources s ON s.id = q.source_id;
`},
	// 14: session workflow5 (docs/CODEBOOK.md, docs/PRIVACY.md).
	// quote_anchors hold, while they wait to be placed again, the code
	// examples and seeded-coding suggestions whose quote a re-cut or a
	// re-ingest removed: made when the quotes go (kind 'example' with its
	// code and place in the code's list, or 'suggestion' with the row's
	// fields), deleted when placed or dismissed. redaction_passes keep the
	// state of the pass applying redaction to stored text, so every replica
	// shows it (updated_at is the pass's heartbeat). sources.non_answers
	// counts a survey file's answers set aside as non-answers at ingest
	// (-1 for surveys stored before: counted when first shown).
	14: {Up: `
CREATE TABLE quote_anchors (
  id {{ID}},
  study_id {{INT}} NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  code_id {{INT}} NOT NULL DEFAULT 0,
  position {{INT}} NOT NULL DEFAULT 0,
  quote_id {{INT}} NOT NULL DEFAULT 0,
  source_sha TEXT NOT NULL DEFAULT '',
  source_name TEXT NOT NULL DEFAULT '',
  turn_seq {{INT}} NOT NULL DEFAULT 0,
  start_at {{INT}} NOT NULL DEFAULT 0,
  end_at {{INT}} NOT NULL DEFAULT 0,
  text_hash TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  best_code_id {{INT}} NOT NULL DEFAULT 0,
  confidence {{REAL}} NOT NULL DEFAULT 0,
  teach {{REAL}} NOT NULL DEFAULT 0,
  seeded {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  status TEXT NOT NULL DEFAULT '',
  created_at {{TIME}} NOT NULL
);
CREATE INDEX quote_anchors_study ON quote_anchors(study_id, kind);
CREATE TABLE redaction_passes (
  study_id {{INT}} PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  running {{BOOL}} NOT NULL DEFAULT {{FALSE}},
  sources {{INT}} NOT NULL DEFAULT 0,
  done {{INT}} NOT NULL DEFAULT 0,
  changed {{INT}} NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  started_at {{TIME}} NOT NULL,
  finished_at {{TIME}},
  updated_at {{TIME}} NOT NULL
);
ALTER TABLE sources ADD COLUMN non_answers {{INT}} NOT NULL DEFAULT 0;
UPDATE sources SET non_answers = -1 WHERE kind = 'survey';
`},
	// 15: session cleanup6 (docs/PRIVACY.md, docs/CODEBOOK.md).
	// redaction_passes.through_source is the id of the last source a pass
	// finished (it reads them in id order), so a pass whose process stopped
	// is resumed after it, not begun again. turns.question is a survey
	// answer's question (its column), so a non-answer, which gives no
	// quote to carry it, can say what it answered ('' for other turns and
	// for surveys stored before).
	15: {Up: `
ALTER TABLE redaction_passes ADD COLUMN through_source {{INT}} NOT NULL DEFAULT 0;
ALTER TABLE turns ADD COLUMN question TEXT NOT NULL DEFAULT '';
`},
	// 16: session workflow7 (docs/PRIVACY.md). redaction_passes.runner is
	// the token of the process running a pass: it saves its progress only
	// while the row still names it, so a runner that stalled past the
	// take-over cannot write over the process that took the pass over.
	16: {Up: `
ALTER TABLE redaction_passes ADD COLUMN runner TEXT NOT NULL DEFAULT '';
`},
	// 17: session quotes8 (docs/VOICES.md). studies.speakers says whether
	// speakers with the same name in different files are one person
	// (persona.SpeakerIdentity; '' is auto).
	17: {Up: `
ALTER TABLE studies ADD COLUMN speakers TEXT NOT NULL DEFAULT '';
`},
}

func (s *Store) migrate(ctx context.Context) error {
	if err := s.sql.Migrate(ctx, migrationTable, migrations); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}
