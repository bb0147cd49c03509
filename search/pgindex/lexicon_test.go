package pgindex

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/search"
)

// openLexiconTest opens an empty index whose planner statistics stay
// empty (no autovacuum ANALYZE), so pruning checks every word.
func openLexiconTest(t *testing.T) *Index {
	t.Helper()
	ctx := context.Background()
	ix, err := Open(ctx, pgtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.pool.Exec(ctx, `ALTER TABLE search_docs SET (autovacuum_enabled = false)`); err != nil {
		t.Fatal(err)
	}
	return ix
}

func lexDoc(id, source, study int64, text string) search.Doc {
	return search.Doc{ID: id, StudyID: study, SourceID: source, ParticipantID: 1, Text: text, Date: time.Unix(1.7e9, 0)}
}

// lexicon is the lexicon's words, and the words the quotes hold.
func lexicon(t *testing.T, ix *Index) (terms, held []string) {
	t.Helper()
	ctx := context.Background()
	rows, _ := ix.pool.Query(ctx, `SELECT term FROM search_terms ORDER BY 1`)
	terms, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = ix.pool.Query(ctx, `SELECT DISTINCT w FROM search_docs, unnest(tsvector_to_array(tsv)) AS w ORDER BY 1`)
	held, err = pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return terms, held
}

// Every write and delete leaves the lexicon holding exactly the words
// the quotes hold: a word gone with its last quote (deleted by id, source
// or study, or rewritten without it) leaves the lexicon; one still held
// elsewhere stays.
func TestLexiconPruned(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		change func(ix *Index) error
		gone   []string // stems that must have left
		kept   []string
	}{
		{"delete by id", func(ix *Index) error { return ix.Delete(ctx, []int64{2}) }, []string{"zebra"}, []string{"price"}},
		{"delete source", func(ix *Index) error { return ix.DeleteSource(ctx, 20) }, []string{"zebra", "walrus"}, []string{"price", "renew"}},
		{"delete study", func(ix *Index) error { return ix.DeleteStudy(ctx, 200) }, []string{"walrus"}, []string{"zebra", "price"}},
		{"rewrite without the word", func(ix *Index) error {
			return ix.Put(ctx, []search.Doc{lexDoc(2, 20, 100, "Pricing again")})
		}, []string{"zebra"}, []string{"price"}},
		{"rewrite unchanged", func(ix *Index) error {
			return ix.Put(ctx, []search.Doc{lexDoc(2, 20, 100, "Pricing for zebras")})
		}, nil, []string{"zebra", "price"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix := openLexiconTest(t)
			docs := []search.Doc{
				lexDoc(1, 10, 100, "Pricing and renewals"),
				lexDoc(2, 20, 100, "Pricing for zebras"),
				lexDoc(3, 20, 200, "Walrus budget"),
				lexDoc(4, 30, 200, "A pricing question"),
			}
			if err := ix.Put(ctx, docs); err != nil {
				t.Fatal(err)
			}
			if err := c.change(ix); err != nil {
				t.Fatal(err)
			}
			rankInStep(t, ix)
			terms, held := lexicon(t, ix)
			if !slices.Equal(terms, held) {
				t.Errorf("lexicon %v, the quotes hold %v", terms, held)
			}
			for _, w := range c.gone {
				if slices.Contains(terms, w) {
					t.Errorf("%q still in the lexicon %v", w, terms)
				}
			}
			for _, w := range c.kept {
				if !slices.Contains(terms, w) {
					t.Errorf("%q left the lexicon %v", w, terms)
				}
			}
		})
	}
}

// Writes and deletes of quotes sharing words, from several connections at
// once, never leave a word some quote holds out of the lexicon.
func TestLexiconConcurrentWritesAndDeletes(t *testing.T) {
	ctx := context.Background()
	ix := openLexiconTest(t)
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 4 {
		wg.Go(func() {
			for round := range 15 {
				id := int64(g*1000 + round)
				text := fmt.Sprintf("%s %s", words[(g+round)%len(words)], words[(g+2*round)%len(words)])
				if err := ix.Put(ctx, []search.Doc{lexDoc(id, int64(g), 1, text)}); err != nil {
					errs <- err
					return
				}
				if round%2 == 1 {
					if err := ix.Delete(ctx, []int64{id - 1}); err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	rankInStep(t, ix)
	terms, held := lexicon(t, ix)
	for _, w := range held {
		if !slices.Contains(terms, w) {
			t.Errorf("quotes hold %q, the lexicon %v does not", w, terms)
		}
	}
}

// rankInStep fails the test unless search_rank holds exactly the ranking
// columns of search_docs.
func rankInStep(t *testing.T, ix *Index) {
	t.Helper()
	var n int
	err := ix.pool.QueryRow(context.Background(), `SELECT count(*) FROM (
		(SELECT `+rankColumns+` FROM search_docs EXCEPT ALL SELECT `+rankColumns+` FROM search_rank)
		UNION ALL (SELECT `+rankColumns+` FROM search_rank EXCEPT ALL SELECT `+rankColumns+` FROM search_docs)) x`).Scan(&n)
	if err != nil || n != 0 {
		t.Errorf("search_rank and search_docs differ in %d rows (%v)", n, err)
	}
}
