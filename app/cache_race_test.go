package app

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/persona"
)

// A theme renamed (and the study's cache invalidated) while a reader's
// query for it is in flight must not stay cached under the new epoch: the
// next read shows the new label. The rename is made from a query callback
// right after the reader's theme query, the narrowest window there is.
func TestThemeCacheDoesNotKeepAReadOlderThanAnInvalidation(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		read func(a *App, id int64) (persona.Theme, error)
	}{
		{"cachedTheme", func(a *App, id int64) (persona.Theme, error) { return a.cachedTheme(ctx, id) }},
		{"cachedThemes", func(a *App, id int64) (persona.Theme, error) {
			m, err := a.cachedThemes(ctx, []int64{id})
			return m[id], err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, study, _, _ := anchoredStudy(t)
			th, err := a.store.CreateTheme(ctx, persona.Theme{StudyID: study, Label: "old label", Ring: persona.RingCriteria})
			if err != nil {
				t.Fatal(err)
			}
			armed := false
			g := a.store.DB().Gorm
			err = g.Callback().Query().After("gorm:query").Register("test:rename_in_flight", func(db *gorm.DB) {
				if !armed || db.Statement.Table != "themes" {
					return
				}
				armed = false
				if err := g.Session(&gorm.Session{NewDB: true, SkipHooks: true}).Exec("UPDATE themes SET label = ? WHERE id = ?", "new label", th.ID).Error; err != nil {
					t.Error(err)
				}
				a.Invalidate(study)
			})
			if err != nil {
				t.Fatal(err)
			}
			armed = true
			if got, err := tc.read(a, th.ID); err != nil || got.Label != "old label" {
				t.Fatalf("first read %+v, %v; want the label as it was when read", got, err)
			}
			got, err := tc.read(a, th.ID)
			if err != nil || got.Label != "new label" {
				t.Errorf("read after the rename and invalidation: %q, %v; want %q", got.Label, err, "new label")
			}
		})
	}
}
