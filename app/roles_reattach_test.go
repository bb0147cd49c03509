package app

import (
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/search"
)

// A role change whose re-attaching of held examples fails still re-indexes
// the source's new quotes (the change is stored): search finds the quotes
// as they are, not ids the re-cut deleted; the failure is reported.
func TestRoleChangeReindexesWhenReattachingFails(t *testing.T) {
	ctx := context.Background()
	a, _, res, _ := anchoredStudy(t)
	failing := false
	err := a.store.DB().Gorm.Callback().Query().Before("gorm:query").Register("test:fail_held", func(db *gorm.DB) {
		if failing && db.Statement.Table == "quote_anchors" {
			_ = db.AddError(errors.New("test: quote_anchors unreadable"))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sam := participantLabelled(t, a, res.SourceID, "Sam")
	failing = true
	if _, err := a.SetRole(ctx, sam.ID, true); err == nil {
		t.Error("the role change reports no error though re-attaching failed")
	}
	failing = false
	q := mustQuote(t, a, res.SourceID, "price was fair")
	found, err := a.Search(ctx, search.Query{Match: search.MustParse(`"price was fair"`)})
	if err != nil {
		t.Fatal(err)
	}
	if len(found.Hits) != 1 || found.Hits[0].ID != q.ID {
		var ids []int64
		for _, h := range found.Hits {
			ids = append(ids, h.ID)
		}
		t.Errorf("search finds quotes %v; want the re-cut quote %d", ids, q.ID)
	}
}
