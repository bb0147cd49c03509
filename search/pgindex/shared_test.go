package pgindex

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/search"
	"github.com/verbatimhq/verbatim/search/searchtest"
)

// Several processes open one database at once: the schema is migrated
// once, and what one writes the others find.
func TestSharedByProcesses(t *testing.T) {
	url := pgtest.New(t)
	ctx := context.Background()
	const n = 4
	ixs := make([]*Index, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { ixs[i], errs[i] = Open(ctx, url) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		t.Cleanup(func() { ixs[i].Close() })
	}
	var versions int
	if err := ixs[0].pool.QueryRow(ctx, `SELECT count(*) FROM search_migrations`).Scan(&versions); err != nil || versions != len(migrations) {
		t.Fatalf("search_migrations holds %d versions, %v; want %d", versions, err, len(migrations))
	}
	docs := searchtest.Docs(t)
	// Each process writes the whole set at once, overlapping the others.
	for i := range n {
		wg.Go(func() { errs[i] = ixs[i].Put(ctx, docs) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("put through %d: %v", i, err)
		}
	}
	extra := docs[0]
	extra.ID, extra.Text = 1000, "A brand new quote about procurement delays."
	if err := ixs[1].Put(ctx, []search.Doc{extra}); err != nil {
		t.Fatal(err)
	}
	for i, ix := range ixs {
		res, err := ix.Search(ctx, search.Query{Match: search.MustParse("delays")})
		if err != nil || res.Total != 1 || res.Hits[0].ID != 1000 {
			t.Errorf("process %d searching what process 1 wrote: %+v, %v", i, res, err)
		}
		if c, err := ix.Count(ctx); err != nil || c != uint64(len(docs)+1) {
			t.Errorf("process %d count %d, %v; want %d", i, c, err, len(docs)+1)
		}
	}
	if err := ixs[2].DeleteSource(ctx, extra.SourceID); err != nil {
		t.Fatal(err)
	}
	if res, err := ixs[3].Search(ctx, search.Query{Match: search.MustParse("delays")}); err != nil || res.Total != 0 {
		t.Errorf("after process 2 deleted the source, process 3 finds %d, %v", res.Total, err)
	}
}

// Quotes PostgreSQL text cannot hold as written (NUL) and long batches
// go in; a write past the deadline fails with it.
func TestPutOddTextAndBatches(t *testing.T) {
	ix := open(t, pgtest.New(t))
	ctx := context.Background()
	var docs []search.Doc
	for i := range batchSize + 7 {
		docs = append(docs, search.Doc{ID: int64(i + 1), StudyID: 1, SourceID: 1, ParticipantID: 1,
			Text: fmt.Sprintf("quote %d about the renewal\x00 price", i), Date: time.Unix(0, 0)})
	}
	docs = append(docs, docs[3]) // written twice in one call
	if err := ix.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	// Sorted by date: every match is counted (past RankCap a relevance
	// search stops counting).
	res, err := ix.Search(ctx, search.Query{Match: search.MustParse("renewal"), Size: 5, SortByDate: true})
	if err != nil || res.Total != batchSize+7 {
		t.Fatalf("renewal: %d, %v; want %d", res.Total, err, batchSize+7)
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	if err := ix.Put(done, docs[:1]); err == nil {
		t.Error("a write with a cancelled context succeeded")
	}
	if _, err := ix.Search(done, search.Query{Match: search.MustParse("renewal")}); err == nil {
		t.Error("a search with a cancelled context succeeded")
	}
}

// Of a query's words the rarer weighs more once the table has statistics
// (as in bleve): the one quote with "renewal" ranks above the many with
// "price", however often they say it.
func TestRareWordRanksFirst(t *testing.T) {
	ix := open(t, pgtest.New(t))
	ctx := context.Background()
	var docs []search.Doc
	for i := range 40 {
		docs = append(docs, search.Doc{ID: int64(i + 1), StudyID: 1, SourceID: 1, ParticipantID: 1, Date: time.Unix(0, 0),
			Text: fmt.Sprintf("the price, the price and the price again in call %d", i)})
	}
	docs = append(docs, search.Doc{ID: 100, StudyID: 1, SourceID: 1, ParticipantID: 1, Date: time.Unix(0, 0),
		Text: "our renewal came up in the call with the vendor and the price"})
	if err := ix.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.pool.Exec(ctx, "ANALYZE search_docs"); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, search.Query{Match: search.MustParse("price renewal"), Size: 3})
	if err != nil || res.Total != 41 || res.Hits[0].ID != 100 {
		t.Errorf("price renewal: %+v, %v; want quote 100 first of 41", res.Hits, err)
	}
}
