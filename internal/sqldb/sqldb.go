// Package sqldb opens Verbatim's SQL database on one of two drivers —
// SQLite (the embedded default, a file in the data dir) or PostgreSQL (a
// postgres:// URL) — and holds what differs between them: connection
// settings, migration DDL, unique-violation detection, parameter limits.
// persona/store and account both run on the handle it returns, each with
// its own versioned migrations.
package sqldb

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Driver names a database engine.
type Driver string

// The drivers.
const (
	SQLite   Driver = "sqlite"
	Postgres Driver = "postgres"
)

// DB is an open database: the gorm handle and its driver.
type DB struct {
	Gorm   *gorm.DB
	Driver Driver
	// Target is where it points, with any password removed (for logs).
	Target string
}

// IsPostgres reports whether url selects PostgreSQL (postgres:// or
// postgresql://); anything else is a SQLite file path.
func IsPostgres(url string) bool {
	u := strings.ToLower(url)
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// Open opens the database url names: a postgres:// or postgresql:// URL is
// PostgreSQL; a plain path, or sqlite:PATH / file:PATH, is a SQLite file
// (its directory is created).
func Open(ctx context.Context, url string) (*DB, error) {
	if IsPostgres(url) {
		return openPostgres(ctx, url)
	}
	return openSQLite(SQLitePath(url))
}

// SQLitePath is the file a SQLite url names ("" for a PostgreSQL URL):
// the url itself, without a sqlite:// , sqlite: or file: prefix.
func SQLitePath(url string) string {
	if IsPostgres(url) {
		return ""
	}
	return strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(url, "sqlite://"), "sqlite:"), "file:")
}

// SQLiteFile is the file on disk a SQLite url names, for a lock beside
// it: SQLitePath without a "?…" query, and "" for a PostgreSQL URL or an
// in-memory database (":memory:", "file::memory:?cache=shared",
// "file:x?mode=memory"), which no other process can open.
func SQLiteFile(url string) string {
	path, query, _ := strings.Cut(SQLitePath(url), "?")
	if path == "" || strings.HasPrefix(path, ":memory:") {
		return ""
	}
	for _, kv := range strings.Split(query, "&") {
		if strings.EqualFold(kv, "mode=memory") {
			return ""
		}
	}
	return path
}

func gormConfig() *gorm.Config {
	return &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		PrepareStmt:            false,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	}
}

// openSQLite opens a file with WAL, a busy timeout, foreign keys on and
// immediate write transactions (so two writers queue instead of failing).
func openSQLite(path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqldb: empty database path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("sqldb: create data dir: %w", err)
	}
	// A query the url carries ("?cache=shared") joins ours.
	path, query, _ := strings.Cut(path, "?")
	dsn := "file:" + path + "?_journal_mode=WAL&_busy_timeout=10000&_foreign_keys=on&_synchronous=NORMAL&_txlock=immediate"
	if query != "" {
		dsn += "&" + query
	}
	db, err := gorm.Open(sqlite.Open(dsn), gormConfig())
	if err != nil {
		return nil, fmt.Errorf("sqldb: open %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("sqldb: open %s: %w", path, err)
	}
	sqlDB.SetMaxOpenConns(4)
	return &DB{Gorm: db, Driver: SQLite, Target: path}, nil
}

// openPostgres connects through pgx. Timestamps are read back in UTC, as
// SQLite gives them, so both drivers return equal values.
func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	target := redact(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("sqldb: parse %s: %w", target, err)
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	if _, ok := cfg.RuntimeParams["timezone"]; !ok {
		cfg.RuntimeParams["timezone"] = "UTC"
	}
	cfg.RuntimeParams["application_name"] = "verbatim"
	utc := stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
			Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		return nil
	})
	sqlDB := stdlib.OpenDB(*cfg, utc)
	sqlDB.SetMaxOpenConns(16)
	sqlDB.SetMaxIdleConns(8)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("sqldb: connect %s: %w", target, err)
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), gormConfig())
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("sqldb: open %s: %w", target, err)
	}
	return &DB{Gorm: db, Driver: Postgres, Target: target}, nil
}

// redact drops the password from a URL.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// Close closes the connection pool.
func (d *DB) Close() error {
	sqlDB, err := d.Gorm.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// IsUnique reports whether err is a unique-constraint violation on either
// driver (SQLite's constraint error, PostgreSQL's SQLSTATE 23505).
func IsUnique(err error) bool {
	if err == nil {
		return false
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	var lite sqlite3.Error
	if errors.As(err, &lite) {
		return lite.ExtendedCode == sqlite3.ErrConstraintUnique || lite.ExtendedCode == sqlite3.ErrConstraintPrimaryKey
	}
	return errors.Is(err, gorm.ErrDuplicatedKey)
}

// MaxParams is how many bind parameters one statement may carry:
// SQLITE_MAX_VARIABLE_NUMBER of the bundled SQLite (32766 since 3.32),
// and PostgreSQL's protocol limit of 65535.
func (d *DB) MaxParams() int {
	if d.Driver == Postgres {
		return 65535
	}
	return 32766
}

// BatchRows is how many rows of cols columns one multi-row INSERT takes:
// as many as the parameter limit allows, at most 1000.
func (d *DB) BatchRows(cols int) int {
	return max(1, min(1000, d.MaxParams()/max(1, cols)))
}

// Time is t as both drivers store it: UTC, to the microsecond
// (PostgreSQL's precision; SQLite would keep nanoseconds), so a value
// written and read back is equal on either.
func Time(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
