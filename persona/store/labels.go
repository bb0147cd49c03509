package store

import (
	"context"
	"fmt"

	"github.com/verbatimhq/verbatim/persona"
)

// SetQuoteLabel writes the analysis result of one quote outside an
// analysis run (a field note classified as it is posted): its ring, the
// ring model's confidence and its theme (0 for none). Unlike SetQuoteRing
// it is no researcher's correction, so the next analysis may change it.
func (s *Store) SetQuoteLabel(ctx context.Context, id int64, ring persona.Ring, confidence float64, themeID int64) error {
	if !ring.Valid() {
		return fmt.Errorf("store: label quote %d: unknown ring %q: %w", id, ring, persona.ErrInvalid)
	}
	res := s.db.WithContext(ctx).Model(&quoteRow{}).Where("id = ?", id).
		Updates(map[string]any{"ring": string(ring), "ring_confidence": confidence, "theme_id": themeID})
	if res.Error != nil {
		return fmt.Errorf("store: label quote %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: label quote %d: %w", id, persona.ErrNotFound)
	}
	return nil
}
