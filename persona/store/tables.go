package store

import (
	"context"
	"fmt"
	"reflect"
)

// Tables lists the store's tables, parents before children (the order a
// copy into another database inserts them). A migration that adds a
// table adds it here too; TestTablesListsEveryTable checks.
func Tables() []string {
	return []string{"studies", "sources", "participants", "turns", "quotes", "analyses", "themes", "personas", "edits",
		"collateral", "source_meta", "field_answers", "trackers", "tracker_visits",
		"codes", "codings", "coding_rounds", "coding_round_coders", "coding_settlements", "study_members",
		"study_privacy", "pseudonyms", "redaction_originals", "code_suggestions", "coding_anchors",
		"quote_anchors", "redaction_passes"}
}

// CompareQuotes checks that two stores hold the same quotes: up to n of
// them, spread evenly over a's ids, read from both and compared field by
// field and byte for byte (text, question, tokens, offsets, analysis
// results). It returns how many it compared and the first difference.
func CompareQuotes(ctx context.Context, a, b *Store, n int) (int, error) {
	var ids []int64
	if err := a.db.WithContext(ctx).Raw(`SELECT id FROM quotes ORDER BY id`).Scan(&ids).Error; err != nil {
		return 0, fmt.Errorf("store: compare quotes: %w", err)
	}
	if n <= 0 || len(ids) == 0 {
		return 0, nil
	}
	step := max(1, len(ids)/n)
	checked := 0
	for i := 0; i < len(ids) && checked < n; i += step {
		qa, err := a.Quote(ctx, ids[i])
		if err != nil {
			return checked, err
		}
		qb, err := b.Quote(ctx, ids[i])
		if err != nil {
			return checked, fmt.Errorf("store: compare quotes: target: %w", err)
		}
		if !reflect.DeepEqual(qa, qb) {
			return checked, fmt.Errorf("store: quote %d differs:\nsource %+v\ntarget %+v", ids[i], qa, qb)
		}
		checked++
	}
	return checked, nil
}
