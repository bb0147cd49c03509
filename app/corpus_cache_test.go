package app

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/search"
)

// countingIndex counts the searches that reach the index.
type countingIndex struct {
	search.Indexer
	searches atomic.Int64
}

func (c *countingIndex) Search(ctx context.Context, q search.Query) (search.Result, error) {
	c.searches.Add(1)
	return c.Indexer.Search(ctx, q)
}

// Whether a study's barrier quotes say a word is asked of the index once
// and then remembered until the study changes: a new source that says the
// word makes the answer yes, in the same App, and another study's scope
// is asked on its own.
func TestInCorpusAsksTheIndexOncePerStudyChange(t *testing.T) {
	a, st := demoApp(t)
	ctx := context.Background()
	ix := &countingIndex{Indexer: a.index}
	a.index = ix
	filters := map[string][]string{"study": {fmt.Sprint(st.ID)}, "ring": {string(persona.RingBarriers)}}
	ask := func(word string) (bool, int64) {
		before := ix.searches.Load()
		says := a.inCorpus(ctx, filters)(word)
		return says, ix.searches.Load() - before
	}
	if says, n := ask("price"); !says || n != 1 {
		t.Fatalf("first ask: says price %v with %d searches; want true with 1", says, n)
	}
	for range 3 {
		if says, n := ask("price"); !says || n != 0 {
			t.Errorf("asked again: says price %v with %d searches; want true from the cache", says, n)
		}
	}
	if says, _ := ask("mountainous"); says {
		t.Fatal("the demo's barrier quotes say mountainous; the test needs a word they do not say")
	}
	const transcript = "Interviewer: What almost stopped you?\nDana: The mountainous pile of setup work was the biggest obstacle, it was far too painful and slow for our team.\n"
	if r := a.IngestWith(ctx, st.ID, "mountain.txt", strings.NewReader(transcript), IngestOptions{Force: true}); r.Status != StatusOK {
		t.Fatalf("ingest: %+v", r)
	}
	a.WaitAnalyses()
	found, err := a.Search(ctx, search.Query{Match: search.MustParse("mountainous"), Filters: filters})
	if err != nil {
		t.Fatal(err)
	}
	says, n := ask("mountainous")
	if says != (found.Total > 0) || n != 1 {
		t.Errorf("after a source saying it: mountainous %v with %d searches; want %v (search finds %d) with 1", says, n, found.Total > 0, found.Total)
	}
	other, err := a.CreateStudy(ctx, "other")
	if err != nil {
		t.Fatal(err)
	}
	if says, n := func() (bool, int64) {
		before := ix.searches.Load()
		says := a.inCorpus(ctx, map[string][]string{"study": {fmt.Sprint(other.ID)}, "ring": {string(persona.RingBarriers)}})("price")
		return says, ix.searches.Load() - before
	}(); says || n != 1 {
		t.Errorf("an empty study says price %v with %d searches; want false with 1", says, n)
	}
}
