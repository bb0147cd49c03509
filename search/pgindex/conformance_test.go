package pgindex

import (
	"context"
	"testing"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/search"
	"github.com/verbatimhq/verbatim/search/searchtest"
)

// The conformance suite, each index in a fresh database.
func TestConformance(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Indexer { return open(t, pgtest.New(t)) })
}

func open(t testing.TB, url string) *Index {
	t.Helper()
	ix, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}
