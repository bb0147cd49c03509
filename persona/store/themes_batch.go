package store

import (
	"context"
	"fmt"

	"github.com/verbatimhq/verbatim/persona"
)

// ThemesByID returns the themes with those ids, keyed by id (missing ones
// absent), in one query per 500 ids: a read path that needs several
// themes (an objection answer's themes) asks once, not once per theme.
func (s *Store) ThemesByID(ctx context.Context, ids []int64) (map[int64]persona.Theme, error) {
	out, err := rowsByID(s.db.WithContext(ctx), ids, func(r themeRow) int64 { return r.ID }, themeFromRow)
	if err != nil {
		return nil, fmt.Errorf("store: themes by id: %w", err)
	}
	return out, nil
}
