package store

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

// quoteLabel is one quote's analysis result as saveLabels writes it.
type quoteLabel struct {
	id, theme int64
	ring      string
	conf      float64
	hidden    bool
}

func labelsOf(a *persona.Analysis) []quoteLabel {
	out := make([]quoteLabel, len(a.Labels))
	for i, l := range a.Labels {
		theme := int64(0)
		if l.ThemeIndex >= 0 && l.ThemeIndex < len(a.Themes) {
			theme = a.Themes[l.ThemeIndex].ID
		}
		out[i] = quoteLabel{id: l.QuoteID, theme: theme, ring: string(l.Ring), conf: l.Confidence, hidden: l.Hidden}
	}
	return out
}

// saveLabels writes per-quote results (ring, confidence, theme, hidden) in
// a few statements rather than one UPDATE per quote: on PostgreSQL one
// UPDATE … FROM unnest(arrays); on SQLite through a temporary table filled
// in batches under the variable limit and one UPDATE … FROM.
func (s *Store) saveLabels(tx *gorm.DB, a *persona.Analysis) error {
	labels := labelsOf(a)
	if len(labels) == 0 {
		return nil
	}
	if s.sql.Driver == sqldb.Postgres {
		return saveLabelsPostgres(tx, labels)
	}
	return saveLabelsSQLite(tx, labels, s.sql.BatchRows(5))
}

// saveLabelsPostgres sends the labels as five arrays, one parameter each,
// so no batching is needed. It goes under gorm (which would expand a
// slice into a list) straight to the transaction's connection. Rows that
// already hold their label are left alone: PostgreSQL writes a new row
// version for every row an UPDATE touches, equal or not.
func saveLabelsPostgres(tx *gorm.DB, labels []quoteLabel) error {
	ids, themes := make([]int64, len(labels)), make([]int64, len(labels))
	rings, confs, hidden := make([]string, len(labels)), make([]float64, len(labels)), make([]bool, len(labels))
	for i, l := range labels {
		ids[i], themes[i], rings[i], confs[i], hidden[i] = l.id, l.theme, l.ring, l.conf, l.hidden
	}
	_, err := tx.Statement.ConnPool.ExecContext(tx.Statement.Context, `UPDATE quotes AS q
SET ring = l.ring, ring_confidence = l.conf, theme_id = l.theme_id, hidden = l.hidden
FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::bigint[], $5::boolean[]) AS l(id, ring, conf, theme_id, hidden)
WHERE q.id = l.id
  AND (q.ring, q.ring_confidence, q.theme_id, q.hidden) IS DISTINCT FROM (l.ring, l.conf, l.theme_id, l.hidden)`, ids, rings, confs, themes, hidden)
	if err != nil {
		return fmt.Errorf("save quote labels: %w", err)
	}
	return nil
}

func saveLabelsSQLite(tx *gorm.DB, labels []quoteLabel, per int) error {
	if err := tx.Exec(`CREATE TEMP TABLE IF NOT EXISTS quote_labels (id INTEGER PRIMARY KEY, ring TEXT, conf REAL, theme_id INTEGER, hidden INTEGER)`).Error; err != nil {
		return err
	}
	if err := tx.Exec(`DELETE FROM quote_labels`).Error; err != nil {
		return err
	}
	for lo := 0; lo < len(labels); lo += per {
		batch := labels[lo:min(lo+per, len(labels))]
		var sql strings.Builder
		sql.WriteString("INSERT INTO quote_labels (id, ring, conf, theme_id, hidden) VALUES ")
		args := make([]any, 0, len(batch)*5)
		for i, l := range batch {
			if i > 0 {
				sql.WriteByte(',')
			}
			sql.WriteString("(?,?,?,?,?)")
			args = append(args, l.id, l.ring, l.conf, l.theme, l.hidden)
		}
		if err := tx.Exec(sql.String(), args...).Error; err != nil {
			return err
		}
	}
	return tx.Exec(`UPDATE quotes SET ring = l.ring, ring_confidence = l.conf, theme_id = l.theme_id, hidden = l.hidden
		FROM quote_labels AS l WHERE quotes.id = l.id`).Error
}
