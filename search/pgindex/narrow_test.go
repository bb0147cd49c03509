package pgindex

import (
	"context"
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/search"
)

// A query reads the narrow search_rank only when every column it names is
// there; the question, attributes, speaker, format and file name are in
// search_docs alone.
func TestNarrow(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		filters map[string][]string
		want    bool
	}{
		{"words", "security review", nil, true},
		{"no text, study filter", "", map[string][]string{"study": {"1"}}, true},
		{"ring and theme filters", "price", map[string][]string{"ring": {"perceived_barriers"}, "theme": {"3"}}, true},
		{"keyword clause it holds", "price kind:answer", nil, true},
		{"question clause", "question:budget", nil, false},
		{"attribute filter", "price", map[string][]string{"attr.Role": {"IT"}}, false},
		{"empty attribute filter (no filter)", "price", map[string][]string{"attr.Role": {""}}, true},
		{"speaker filter", "price", map[string][]string{"speaker": {"Sam"}}, false},
		{"attribute clause", "attr.Role:IT", nil, false},
		{"file name clause", "source_name:a.txt", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := search.Query{Filters: c.filters}
			if c.text != "" {
				q.Match = search.MustParse(c.text)
			}
			if got := narrow(q); got != c.want {
				t.Errorf("narrow(%q, %v) = %v, want %v", c.text, c.filters, got, c.want)
			}
		})
	}
}

// A row left in search_rank alone (written by an older replica's delete
// of search_docs only) is listed by IDs and removed by Delete, as a
// repair does.
func TestRankOrphanRepaired(t *testing.T) {
	ctx := context.Background()
	ix := openLexiconTest(t)
	if err := ix.Put(ctx, []search.Doc{lexDoc(1, 10, 100, "Pricing and renewals"), lexDoc(2, 10, 100, "Walrus budget")}); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.pool.Exec(ctx, `DELETE FROM search_docs WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	ids, err := ix.IDs(ctx)
	if err != nil || !slices.Equal(ids, []int64{1, 2}) {
		t.Fatalf("IDs = %v, %v; want [1 2]", ids, err)
	}
	if err := ix.Delete(ctx, []int64{2}); err != nil {
		t.Fatal(err)
	}
	rankInStep(t, ix)
	if res, err := ix.Search(ctx, search.Query{Match: search.MustParse("walrus")}); err != nil || res.Total != 0 {
		t.Errorf("the orphan is still found: %d, %v", res.Total, err)
	}
}
