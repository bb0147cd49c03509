package bleveindex

import (
	"context"
	"testing"

	"github.com/verbatimhq/verbatim/search"
)

// An attribute whose value reads as a date ("Signed: 2024-01-15") is
// indexed as the keyword it is, so a filter on it finds the quote. Here
// the built document deliberately differs from bleve's mapping, which
// would index such a dynamic value as a date field that no filter (a term
// query) matches; TestDocumentAsMapped has no date-like attribute.
func TestDateLikeAttributeIsFilterable(t *testing.T) {
	ix, _, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	values := []string{"2024-01-15", "2024-01-15T10:00:00Z", "42", "true"}
	var docs []search.Doc
	for i, v := range values {
		docs = append(docs, search.Doc{ID: int64(i + 1), StudyID: 1, Text: "price", Attributes: map[string]string{"Signed": v}})
	}
	if err := ix.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	for i, v := range values {
		res, err := ix.Search(ctx, search.Query{Filters: map[string][]string{search.AttrField("Signed"): {v}}, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].ID != int64(i+1) {
			t.Errorf("filter Signed=%q: %d hits %+v; want quote %d", v, res.Total, res.Hits, i+1)
		}
	}
}
