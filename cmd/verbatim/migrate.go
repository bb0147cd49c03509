package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona/store"
)

const migrateUsage = "usage: verbatim migrate --from DIR --to postgres://USER@HOST/DB [--sample N]"

// cmdMigrate copies an embedded (SQLite) study base into an empty
// PostgreSQL database: every table of the store and of accounts, ids kept
// and sequences moved past them, then checks the row count of every table
// and a sample of quotes byte for byte. The search index is not copied:
// the first start on the new database rebuilds it from there.
func cmdMigrate(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	from := fs.String("from", "", "data directory whose verbatim.db to copy (or the .db file itself)")
	to := fs.String("to", "", "postgres:// URL of an empty database")
	sample := fs.Int("sample", 500, "quotes to compare byte for byte after the copy")
	if _, err := parseInterspersed(fs, args); err != nil {
		return errUsage
	}
	if *from == "" || !sqldb.IsPostgres(*to) {
		fmt.Fprintln(e.stderr, migrateUsage)
		return errUsage
	}
	path := *from
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, "verbatim.db")
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no study base to copy at %s: %w", path, err)
	}
	src, err := openForCopy(ctx, path)
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	defer src.Close()
	dst, err := openForCopy(ctx, *to)
	if err != nil {
		return fmt.Errorf("target: %w", err)
	}
	defer dst.Close()
	tables := append(store.Tables(), account.Tables()...)
	for _, t := range tables {
		n, err := dst.DB().Count(ctx, t)
		if err != nil {
			return fmt.Errorf("target: %w", err)
		}
		if n > 0 {
			return fmt.Errorf("target table %s holds %d rows; migrate copies into an empty database only: %w", t, n, sqldb.ErrNotEmpty)
		}
	}
	start := time.Now()
	copied, err := sqldb.CopyToPostgres(ctx, src.DB(), dst.DB(), tables)
	if err != nil {
		return err
	}
	took := time.Since(start)
	var mismatch []error
	for _, t := range tables {
		a, err := src.DB().Count(ctx, t)
		if err != nil {
			return err
		}
		b, err := dst.DB().Count(ctx, t)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%-15s %9d rows\n", t, b)
		if a != b || copied[t] != a {
			mismatch = append(mismatch, fmt.Errorf("table %s: %d rows in the source, %d copied, %d in the target", t, a, copied[t], b))
		}
	}
	checked, err := store.CompareQuotes(ctx, src, dst, *sample)
	if err != nil {
		mismatch = append(mismatch, err)
	}
	if len(mismatch) > 0 {
		return fmt.Errorf("copy check failed: %w", errors.Join(mismatch...))
	}
	fmt.Fprintf(e.stdout, "copied %d tables in %v; counts equal, %d quotes identical byte for byte\n", len(tables), took.Round(time.Millisecond), checked)
	fmt.Fprintln(e.stdout, "run verbatim with --db (or VERBATIM_DB) set to the target; the search index is rebuilt at its first start")
	return nil
}

// openForCopy opens a store and account's tables in it, both migrated to
// this binary's versions (an older SQLite data dir is brought up to date
// first, as any start would).
func openForCopy(ctx context.Context, url string) (*store.Store, error) {
	st, err := store.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if _, err := account.Open(ctx, st.DB()); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
