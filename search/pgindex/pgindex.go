// Package pgindex is the search.Indexer on PostgreSQL, which several
// Verbatim processes share: one row per quote with its text's tsvector
// (English configuration, generated on write) under a GIN index, keyword
// columns and the participant's attributes (jsonb) for filters and facets,
// ts_rank_cd for ranking and ts_headline for highlights. Writes are
// idempotent upserts in batches; the schema has its own versioned
// migrations (search_migrations), applied under an advisory lock.
package pgindex

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/verbatimhq/verbatim/search"
)

// Index is a quote index in a PostgreSQL database.
type Index struct {
	pool *pgxpool.Pool
	// written counts the quotes written since the last ANALYZE.
	written atomic.Int64
	// rankCap is how many matches a search ranked by relevance reads
	// (RankCap; tests set fewer).
	rankCap int
}

// RankCap is how many matching quotes a search ranked by relevance reads
// and ranks. A query matching more reports RankCap as its total with
// Result.TotalCapped, and its page is the best of the first RankCap found
// (in storage order, roughly the oldest). See docs/POSTGRES_LOAD.md for
// the cost it bounds.
const RankCap = 1_000

// analyzeEvery is how many quotes one process writes before it refreshes
// the planner's statistics itself: without them, right after a bulk load,
// the planner took a study filter for selective and scanned 90% of the
// quotes for a word held by 13 (200 ms instead of under 1 ms). Autovacuum
// does it too, later.
const analyzeEvery = 10_000

var _ search.Indexer = (*Index)(nil)

// Open connects to the database at url and migrates its search tables.
func Open(ctx context.Context, url string) (*Index, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("search: connect to postgres: %w", err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("search: migrate postgres: %w", err)
	}
	return &Index{pool: pool, rankCap: RankCap}, nil
}

// Close closes the connections.
func (ix *Index) Close() error {
	ix.pool.Close()
	return nil
}

// batchSize is how many quotes one write statement carries.
const batchSize = 1000

// Put indexes (or re-indexes) docs, a batch per transaction.
func (ix *Index) Put(ctx context.Context, docs []search.Doc) error {
	docs = lastOfEach(docs)
	for lo := 0; lo < len(docs); lo += batchSize {
		if err := ix.put(ctx, docs[lo:min(lo+batchSize, len(docs))]); err != nil {
			return err
		}
	}
	if ix.written.Add(int64(len(docs))) >= analyzeEvery {
		ix.written.Store(0)
		if _, err := ix.pool.Exec(ctx, `ANALYZE search_docs, search_rank`); err != nil {
			return fmt.Errorf("search: analyze: %w", err)
		}
	}
	return nil
}

// lastOfEach keeps the last doc of each id (one statement may not write a
// row twice), ordered by id (concurrent writers lock rows in one order).
func lastOfEach(docs []search.Doc) []search.Doc {
	byID := make(map[int64]search.Doc, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	out := make([]search.Doc, 0, len(byID))
	for _, d := range byID {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b search.Doc) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// upsert writes a batch of quotes (search_docs and its narrow copy
// search_rank) and returns the lexemes that the quotes
// it replaced held and the new ones do not (candidates for the lexicon's
// pruning; all of a data-modifying WITH sees the table as before it).
const upsert = `WITH old AS (SELECT DISTINCT w FROM search_docs, unnest(tsvector_to_array(tsv)) AS w WHERE id = ANY($1)),
up AS (INSERT INTO search_docs (id, study_id, source_id, source_name, format, kind, participant_id,
	speaker, attrs, text, question, date, ring, theme_id, persona_id, hidden)
SELECT u.id, u.study, u.source, u.source_name, u.format, u.kind, u.participant, u.speaker, u.attrs::jsonb,
	u.text, u.question, u.date, NULLIF(u.ring, ''), NULLIF(u.theme, 0), NULLIF(u.persona, 0), u.hidden
FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[],
	$8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::text[], $14::bigint[], $15::bigint[], $16::bool[])
	AS u(id, study, source, source_name, format, kind, participant, speaker, attrs, text, question, date, ring, theme, persona, hidden)
ON CONFLICT (id) DO UPDATE SET study_id = EXCLUDED.study_id, source_id = EXCLUDED.source_id,
	source_name = EXCLUDED.source_name, format = EXCLUDED.format, kind = EXCLUDED.kind,
	participant_id = EXCLUDED.participant_id, speaker = EXCLUDED.speaker, attrs = EXCLUDED.attrs,
	text = EXCLUDED.text, question = EXCLUDED.question, date = EXCLUDED.date, ring = EXCLUDED.ring,
	theme_id = EXCLUDED.theme_id, persona_id = EXCLUDED.persona_id, hidden = EXCLUDED.hidden
RETURNING ` + rankColumns + `),
r AS (INSERT INTO search_rank SELECT * FROM up
	ON CONFLICT (id) DO UPDATE SET study_id = EXCLUDED.study_id, source_id = EXCLUDED.source_id,
	participant_id = EXCLUDED.participant_id, date = EXCLUDED.date, hidden = EXCLUDED.hidden, tsv = EXCLUDED.tsv,
	kind = EXCLUDED.kind, ring = EXCLUDED.ring, theme_id = EXCLUDED.theme_id, persona_id = EXCLUDED.persona_id)
SELECT coalesce(array_agg(w), '{}') FROM old WHERE w NOT IN (SELECT unnest(tsvector_to_array(tsv)) FROM up)`

func (ix *Index) put(ctx context.Context, docs []search.Doc) error {
	n := len(docs)
	cols := struct {
		id, study, source, participant, theme, persona []int64
		sourceName, format, kind, speaker, attrs       []string
		text, question, ring                           []string
		date                                           []any
		hidden                                         []bool
	}{}
	for _, d := range docs {
		attrs, err := json.Marshal(search.DocAttrs(d))
		if err != nil {
			return fmt.Errorf("search: index quote %d: %w", d.ID, err)
		}
		cols.id = append(cols.id, d.ID)
		cols.study = append(cols.study, d.StudyID)
		cols.source = append(cols.source, d.SourceID)
		cols.participant = append(cols.participant, d.ParticipantID)
		cols.theme = append(cols.theme, d.ThemeID)
		cols.persona = append(cols.persona, d.PersonaID)
		cols.sourceName = append(cols.sourceName, clean(d.Source))
		cols.format = append(cols.format, clean(d.Format))
		cols.kind = append(cols.kind, clean(d.Kind))
		cols.speaker = append(cols.speaker, clean(d.Speaker))
		cols.attrs = append(cols.attrs, string(attrs))
		cols.text = append(cols.text, clean(d.Text))
		cols.question = append(cols.question, clean(d.Question))
		cols.ring = append(cols.ring, clean(d.Ring))
		cols.date = append(cols.date, d.Date.UTC())
		cols.hidden = append(cols.hidden, d.Hidden)
	}
	var dropped []string // lexemes the rewritten quotes no longer hold
	err := pgx.BeginFunc(ctx, ix.pool, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, upsert, cols.id, cols.study, cols.source, cols.sourceName, cols.format, cols.kind,
			cols.participant, cols.speaker, cols.attrs, cols.text, cols.question, cols.date, cols.ring,
			cols.theme, cols.persona, cols.hidden).Scan(&dropped); err != nil {
			return err
		}
		return addLexemes(ctx, tx, cols.id)
	})
	if err != nil {
		return fmt.Errorf("search: index %d quotes from %d: %w", n, docs[0].ID, err)
	}
	return ix.prune(ctx, dropped)
}

// clean drops NUL characters, which PostgreSQL text cannot hold.
func clean(s string) string { return strings.ReplaceAll(s, "\x00", "") }

// Delete removes quotes by id.
func (ix *Index) Delete(ctx context.Context, ids []int64) error {
	for lo := 0; lo < len(ids); lo += batchSize {
		part := ids[lo:min(lo+batchSize, len(ids))]
		if err := ix.deleteWhere(ctx, `id = ANY($1)`, part); err != nil {
			return fmt.Errorf("search: delete %d quotes: %w", len(part), err)
		}
	}
	return nil
}

// DeleteSource removes every quote of a source.
func (ix *Index) DeleteSource(ctx context.Context, sourceID int64) error {
	if err := ix.deleteWhere(ctx, `source_id = $1`, sourceID); err != nil {
		return fmt.Errorf("search: delete source %d: %w", sourceID, err)
	}
	return nil
}

// DeleteStudy removes every quote of a study.
func (ix *Index) DeleteStudy(ctx context.Context, studyID int64) error {
	if err := ix.deleteWhere(ctx, `study_id = $1`, studyID); err != nil {
		return fmt.Errorf("search: delete study %d: %w", studyID, err)
	}
	return nil
}

// deleteWhere deletes the quotes matching cond (its one parameter arg),
// then prunes the lexicon of the words they held.
func (ix *Index) deleteWhere(ctx context.Context, cond string, arg any) error {
	var gone []string
	if err := ix.pool.QueryRow(ctx, `WITH d AS (DELETE FROM search_docs WHERE `+cond+` RETURNING id, tsv),
		r AS (DELETE FROM search_rank WHERE `+cond+`)
		SELECT coalesce(array_agg(DISTINCT w), '{}') FROM d, unnest(tsvector_to_array(d.tsv)) AS w`, arg).Scan(&gone); err != nil {
		return err
	}
	return ix.prune(ctx, gone)
}

// Reset empties the index: every process sharing it sees it empty until
// a rebuild puts the quotes back, so the app's reindex of a shared index
// rewrites the quotes in place instead (app.Reindex) and only tests and
// tools call it.
func (ix *Index) Reset(ctx context.Context) error {
	if _, err := ix.pool.Exec(ctx, `TRUNCATE search_docs, search_rank, search_terms`); err != nil {
		return fmt.Errorf("search: reset: %w", err)
	}
	return nil
}

// Count is the number of indexed quotes.
func (ix *Index) Count(ctx context.Context) (uint64, error) {
	var n int64
	if err := ix.pool.QueryRow(ctx, `SELECT count(*) FROM search_docs`).Scan(&n); err != nil {
		return 0, fmt.Errorf("search: count: %w", err)
	}
	return uint64(n), nil
}

// IDs returns every indexed quote id: those of search_docs and of
// search_rank, so that a repair deleting the ones the database no longer
// holds also clears a row left in search_rank alone (by a replica of an
// older version still writing search_docs only).
func (ix *Index) IDs(ctx context.Context) ([]int64, error) {
	rows, err := ix.pool.Query(ctx, `SELECT id FROM search_docs UNION SELECT id FROM search_rank ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("search: list ids: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("search: list ids: %w", err)
	}
	return ids, nil
}
