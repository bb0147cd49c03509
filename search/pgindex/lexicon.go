package pgindex

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// The lexicon (search_terms) holds every lexeme some quote holds: fuzzy
// words are matched against it. Writes add the lexemes of the quotes they
// write; deletes, and writes that change a quote's text, prune the
// lexemes no quote holds any more.
//
// Adding and pruning are ordered by an advisory lock: a write adds its
// lexemes under the lock shared, a prune deletes under it exclusive. So a
// prune sees every quote whose write added its lexemes before it (they
// committed), and a write that adds after a prune finds the lexemes the
// prune removed gone and adds them back. Without it a prune could remove
// a lexeme that a concurrent write, not yet committed, had found present
// and not added.
const lexiconLock = 0x7665726261746d32 // "verbatm2"

// addLexemes adds the lexemes of the quotes ids (written in tx) to the
// lexicon.
func addLexemes(ctx context.Context, tx pgx.Tx, ids []int64) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock_shared($1)`, int64(lexiconLock)); err != nil {
		return fmt.Errorf("lock lexicon: %w", err)
	}
	_, err := tx.Exec(ctx, `INSERT INTO search_terms (term)
		SELECT DISTINCT w FROM search_docs, unnest(tsvector_to_array(tsv)) AS w WHERE id = ANY($1) ORDER BY 1
		ON CONFLICT DO NOTHING`, ids)
	return err
}

// pruneBatch is how many candidate lexemes one pruning transaction checks.
const pruneBatch = 1000

// prune removes from the lexicon those of words that no quote holds. A
// word the planner's statistics list among the most common is kept
// without a look (its check is the longest, a bitmap of every quote
// holding it, and it is almost surely still held; keeping a lexeme no
// quote holds costs a fuzzy search one useless alternative, removing one
// still held would lose matches).
func (ix *Index) prune(ctx context.Context, words []string) error {
	for lo := 0; lo < len(words); lo += pruneBatch {
		part := words[lo:min(lo+pruneBatch, len(words))]
		err := pgx.BeginFunc(ctx, ix.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lexiconLock)); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `DELETE FROM search_terms t WHERE t.term = ANY($1)
				AND t.term <> ALL(coalesce((SELECT most_common_elems::text::text[] FROM pg_stats
					WHERE schemaname = current_schema() AND tablename = 'search_docs' AND attname = 'tsv'), '{}'))
				AND NOT EXISTS (SELECT 1 FROM search_docs d
					WHERE d.tsv @@ ('''' || replace(replace(t.term, '\', '\\'), '''', '''''') || '''')::tsquery)`, part)
			return err
		})
		if err != nil {
			return fmt.Errorf("search: prune %d words from the lexicon: %w", len(part), err)
		}
	}
	return nil
}
