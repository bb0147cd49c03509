package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// column is one target column: its name and PostgreSQL type.
type column struct{ name, typ string }

// CopyToPostgres copies tables (parents first) row for row from a SQLite
// database into a PostgreSQL one whose schema is already migrated to the
// same version, keeping ids, in one transaction with COPY, then moves
// each id sequence past the highest id copied. Values are converted to
// the target column's type (SQLite's 0/1 to booleans, its stored times
// to timestamptz). It returns the rows copied per table.
func CopyToPostgres(ctx context.Context, src, dst *DB, tables []string) (map[string]int64, error) {
	if src.Driver != SQLite || dst.Driver != Postgres {
		return nil, fmt.Errorf("sqldb: copy: from SQLite to PostgreSQL only (got %s to %s)", src.Driver, dst.Driver)
	}
	srcDB, err := src.Gorm.DB()
	if err != nil {
		return nil, err
	}
	dstDB, err := dst.Gorm.DB()
	if err != nil {
		return nil, err
	}
	conn, err := dstDB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqldb: copy: %w", err)
	}
	defer conn.Close()
	copied := map[string]int64{}
	err = conn.Raw(func(driverConn any) error {
		pg := driverConn.(*stdlib.Conn).Conn()
		tx, err := pg.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		for _, table := range tables {
			cols, err := pgColumns(ctx, tx, table)
			if err != nil {
				return err
			}
			n, err := copyTable(ctx, srcDB, tx, table, cols)
			if err != nil {
				return fmt.Errorf("table %s: %w", table, err)
			}
			copied[table] = n
			if err := resetSequence(ctx, tx, table, cols); err != nil {
				return fmt.Errorf("table %s: %w", table, err)
			}
		}
		return tx.Commit(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("sqldb: copy: %w", err)
	}
	return copied, nil
}

func pgColumns(ctx context.Context, tx pgx.Tx, table string) ([]column, error) {
	rows, err := tx.Query(ctx, `SELECT column_name, data_type FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	if len(cols) == 0 && rows.Err() == nil {
		return nil, fmt.Errorf("table %s: not in the target database", table)
	}
	return cols, rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// copyTable streams one table from SQLite into COPY.
func copyTable(ctx context.Context, src *sql.DB, tx pgx.Tx, table string, cols []column) (int64, error) {
	names := make([]string, len(cols))
	quoted := make([]string, len(cols))
	for i, c := range cols {
		names[i], quoted[i] = c.name, quoteIdent(c.name)
	}
	rows, err := src.QueryContext(ctx, "SELECT "+strings.Join(quoted, ", ")+" FROM "+quoteIdent(table)+" ORDER BY rowid")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	next := func() ([]any, error) {
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return nil, err
			}
			return nil, nil
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out := make([]any, len(cols))
		for i, c := range cols {
			v, err := convert(raw[i], c.typ)
			if err != nil {
				return nil, fmt.Errorf("column %s: %w", c.name, err)
			}
			out[i] = v
		}
		return out, nil
	}
	return tx.CopyFrom(ctx, pgx.Identifier{table}, names, pgx.CopyFromFunc(next))
}

// convert turns a value SQLite returned into the Go type COPY encodes as
// the target column's type.
func convert(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	if b, ok := v.([]byte); ok && typ != "bytea" {
		v = string(b)
	}
	switch typ {
	case "boolean":
		switch x := v.(type) {
		case int64:
			return x != 0, nil
		case bool:
			return x, nil
		case string:
			return strconv.ParseBool(x)
		}
	case "bigint", "integer", "smallint":
		switch x := v.(type) {
		case int64:
			return x, nil
		case float64:
			return int64(x), nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			return strconv.ParseInt(x, 10, 64)
		}
	case "double precision", "real":
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		case string:
			return strconv.ParseFloat(x, 64)
		}
	case "timestamp with time zone", "timestamp without time zone":
		switch x := v.(type) {
		case time.Time:
			return x.UTC(), nil
		case string:
			return parseSQLiteTime(x)
		}
	case "text":
		switch x := v.(type) {
		case string:
			return x, nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		}
	case "bytea":
		return v, nil
	}
	return nil, fmt.Errorf("cannot store %T %v as %s", v, v, typ)
}

// sqliteTimeFormats are the layouts mattn/go-sqlite3 writes and reads.
var sqliteTimeFormats = []string{
	"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02",
}

func parseSQLiteTime(s string) (time.Time, error) {
	s = strings.TrimSuffix(s, "Z")
	for _, f := range sqliteTimeFormats {
		if t, err := time.ParseInLocation(f, s, time.UTC); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("time %q: unknown layout", s)
}

// resetSequence moves an id column's identity sequence past the highest
// id, so the next insert does not collide with a copied row.
func resetSequence(ctx context.Context, tx pgx.Tx, table string, cols []column) error {
	hasID := false
	for _, c := range cols {
		hasID = hasID || c.name == "id" && c.typ == "bigint"
	}
	if !hasID {
		return nil
	}
	var seq *string
	if err := tx.QueryRow(ctx, `SELECT pg_get_serial_sequence($1, 'id')`, table).Scan(&seq); err != nil {
		return err
	}
	if seq == nil {
		return nil // an id that is no identity (none today)
	}
	_, err := tx.Exec(ctx, fmt.Sprintf(`SELECT setval($1, COALESCE((SELECT MAX(id) FROM %s), 0) + 1, false)`, quoteIdent(table)), *seq)
	return err
}

// Count returns how many rows a table holds.
func (d *DB) Count(ctx context.Context, table string) (int64, error) {
	var n int64
	err := d.Gorm.WithContext(ctx).Raw("SELECT COUNT(*) FROM " + quoteIdent(table)).Scan(&n).Error
	return n, err
}

// ErrNotEmpty is returned when a copy's target already holds rows.
var ErrNotEmpty = errors.New("target database is not empty")
