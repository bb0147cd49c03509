package searchtest

import (
	"context"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/search"
)

// Ties checks that hits of equal score come in quote id order (numeric),
// whatever order the quotes were written in and however often they were
// rewritten since, so the same search gives the same pages every time.
// The quotes say the same words in groups (equal scores within a group),
// and are written in shuffled batches, some deleted and written again.
func Ties(t *testing.T, ix search.Indexer) {
	t.Helper()
	ctx := context.Background()
	texts := []string{"The renewal price was too high.", "The renewal price was too high for a small team like ours.", "Support answered within a day."}
	var docs []search.Doc
	rng := rand.New(rand.NewSource(3))
	for i, id := range rng.Perm(40) {
		id := int64(id*7 + 3) // 3, 10, …, 276: text order is not number order
		docs = append(docs, search.Doc{ID: id, StudyID: 1, SourceID: int64(1 + i%4), Source: "s.txt", Format: "text", Kind: "transcript",
			ParticipantID: int64(100 + i%4), Speaker: "P", Text: texts[i%3], Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Ring: "perceived_barriers"})
	}
	for lo := 0; lo < len(docs); lo += 7 {
		if err := ix.Put(ctx, docs[lo:min(lo+7, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	// Rewrite some: in bleve they move to a new segment, after the others.
	again := []search.Doc{docs[0], docs[3], docs[9], docs[12]}
	if err := ix.Delete(ctx, []int64{again[0].ID, again[1].ID, again[2].ID, again[3].ID}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, again); err != nil {
		t.Fatal(err)
	}
	m, err := search.Parse("renewal price")
	if err != nil {
		t.Fatal(err)
	}
	run := func(from, size int) []search.Hit {
		t.Helper()
		res, err := ix.Search(ctx, search.Query{Match: m, Filters: map[string][]string{"study": {"1"}}, From: from, Size: size, NoHighlight: true})
		if err != nil {
			t.Fatal(err)
		}
		return res.Hits
	}
	all := run(0, 100)
	if len(all) < 20 {
		t.Fatalf("%d hits; the test needs the two groups that say the words", len(all))
	}
	ties := 0
	for i := 1; i < len(all); i++ {
		if all[i].Score == all[i-1].Score {
			ties++
			if all[i].ID < all[i-1].ID {
				t.Errorf("hit %d (quote %d) comes after quote %d of the same score", i, all[i].ID, all[i-1].ID)
			}
		}
	}
	if ties < 10 {
		t.Fatalf("only %d ties; the test proves nothing", ties)
	}
	want := ids(all)
	for round := range 3 {
		for _, size := range []int{5, 7} {
			var paged []int64
			for from := 0; from < len(all); from += size {
				paged = append(paged, ids(run(from, size))...)
			}
			if !slices.Equal(paged, want) {
				t.Errorf("round %d, pages of %d: %v; want %v", round, size, paged, want)
			}
		}
	}
}

func ids(hits []search.Hit) []int64 {
	out := make([]int64, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}
