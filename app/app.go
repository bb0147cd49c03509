// Package app is Verbatim's application layer: it ties the domain
// (persona), the database (persona/store) and the search index (search)
// into the operations the CLI and the HTTP API offer — ingest, search,
// reindex, analyze.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/internal/cluster"
	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
	"github.com/verbatimhq/verbatim/persona/store"
	"github.com/verbatimhq/verbatim/search"
)

// Config says where the data lives and what is accepted.
type Config struct {
	DataDir string
	// DB is the database: a postgres:// URL, or a SQLite file path. Empty
	// means verbatim.db in DataDir ($VERBATIM_DB sets it in
	// DefaultConfig). The search index stays in DataDir either way.
	DB string
	// MaxFileSize caps one uploaded file, in bytes.
	MaxFileSize int64
	// Recurring is how many participants must raise a theme for it to
	// count as recurring (analysis and edits alike).
	Recurring int
	// Search chooses the search backend: SearchBleve (the default, an
	// index in DataDir) or SearchPostgres (SearchURL, shared by replicas).
	Search string
	// SearchURL is the PostgreSQL URL of SearchPostgres.
	SearchURL string

	// sharedSQLite lets Apps share one SQLite file: tests that play
	// replicas on SQLite set it (real replicas run on PostgreSQL; Open
	// otherwise locks a SQLite file to one process, datalock.go).
	sharedSQLite bool
}

// The search backends Config.Search names.
const (
	SearchBleve    = "bleve"
	SearchPostgres = "postgres"
)

// DefaultRecurring is Config.Recurring's default.
const DefaultRecurring = 2

// DefaultConfig is the embedded default: ./verbatim-data ($VERBATIM_DATA),
// 50 MB a file, a theme recurring when 2 participants raise it
// ($VERBATIM_RECURRING), search in a bleve index in the data directory
// ($VERBATIM_SEARCH=postgres and $VERBATIM_SEARCH_URL for PostgreSQL).
func DefaultConfig() Config {
	dir := os.Getenv("VERBATIM_DATA")
	if dir == "" {
		dir = "verbatim-data"
	}
	rec := DefaultRecurring
	if n, err := strconv.Atoi(os.Getenv("VERBATIM_RECURRING")); err == nil && n > 0 {
		rec = n
	}
	return Config{DataDir: dir, DB: os.Getenv("VERBATIM_DB"), MaxFileSize: 50 << 20, Recurring: rec,
		Search: os.Getenv("VERBATIM_SEARCH"), SearchURL: os.Getenv("VERBATIM_SEARCH_URL")}
}

// DatabaseURL is where the configured database lives: DB, or the SQLite
// file in DataDir when DB is empty.
func (c Config) DatabaseURL() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.DataDir, dbFile)
}

// OnPostgres reports whether the database is PostgreSQL.
func (c Config) OnPostgres() bool {
	u := strings.ToLower(c.DB)
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// withSearchDefaults fills in the search backend: on PostgreSQL, search
// defaults to PostgreSQL too, in the same database, so every replica
// shares one index; otherwise a bleve index in DataDir.
func (c Config) withSearchDefaults() Config {
	if c.Search == "" && c.OnPostgres() {
		c.Search = SearchPostgres
	}
	if c.Search == SearchPostgres && c.SearchURL == "" && c.OnPostgres() {
		c.SearchURL = c.DB
	}
	return c
}

// recurring is the configured threshold, the default when unset.
func (a *App) recurring() int {
	if a.cfg.Recurring > 0 {
		return a.cfg.Recurring
	}
	return DefaultRecurring
}

// App holds the open database, index and language models.
type App struct {
	store    *store.Store
	index    search.Indexer
	accounts *account.Service
	cluster  cluster.Coordinator // locks, change messages, progress and limits shared with replicas
	Lang     persona.Language
	Log      *slog.Logger
	cfg      Config

	// candTags are the objection candidates' tags (objection_concern.go).
	candTags candidateTags

	// indexMu serialises index writes per source with their DB flags.
	indexMu sync.Mutex
	// indexWrites counts the index writes made under indexMu by lockIndex,
	// so indexSources knows when quotes it read outside the lock may have
	// been written since (see indexGroup).
	indexWrites atomic.Uint64
	// analyzeMu allows one analysis per process at a time.
	analyzeMu sync.Mutex
	progress  progressBoard
	due       dueBoard
	cache     pageCache
	themes    themeCache
	personas  personaCache
	sizing    sizingCache
	listeners changeListeners
	analyses  analysisScheduler
	seeding   seedCoders  // the seeded coding per study (seeded.go)
	redacting redactJobs  // passes redacting stored text (redact_stored.go)
	corpus    corpusCache // which words a search scope's quotes say (inCorpus)

	compacting atomic.Bool
	bg         sync.WaitGroup // background work Close waits for
	// life ends when Close begins: background work that must stop then
	// (a redaction pass, resumed later from where it stopped) runs in it.
	life    context.Context
	endLife context.CancelFunc
	// lock holds the data directory for this process (datalock.go).
	lock *dataLock
}

// Open opens the database cfg names (Config.DatabaseURL: SQLite in the
// data directory by default, or PostgreSQL), migrating the store's and
// account's tables, and the bleve index in the data directory.
// A missing, unreadable or out-of-date index is rebuilt from the database;
// sources a crash left unindexed are indexed.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxFileSize <= 0 {
		cfg.MaxFileSize = DefaultConfig().MaxFileSize
	}
	cfg = cfg.withSearchDefaults()
	if err := keepPrivate(cfg.DataDir, sqldb.SQLiteFile(cfg.DatabaseURL()), log); err != nil {
		return nil, err
	}
	var lock *dataLock
	if cfg.needsDataLock() {
		l, err := lockData(cfg.DataDir)
		if err != nil {
			return nil, err
		}
		lock = l
	}
	if db := sqldb.SQLiteFile(cfg.DatabaseURL()); db != "" && !cfg.sharedSQLite {
		l, err := lock.lockDatabase(db)
		if err != nil {
			lock.release()
			return nil, err
		}
		lock = l
	}
	opened := false
	defer func() {
		if !opened {
			lock.release()
		}
	}()
	st, err := store.Open(ctx, cfg.DatabaseURL())
	if err != nil {
		return nil, err
	}
	log.Info("database open", slog.String("driver", string(st.Driver())), slog.String("at", st.DB().Target))
	accounts, err := account.Open(ctx, st.DB())
	if err != nil {
		st.Close()
		return nil, err
	}
	ix, fresh, err := openIndex(ctx, cfg)
	if err != nil {
		st.Close()
		return nil, err
	}
	co, err := openCluster(ctx, cfg, log)
	if err != nil {
		ix.Close()
		st.Close()
		return nil, err
	}
	a := &App{store: st, index: ix, accounts: accounts, cluster: co, Lang: nlp.Shared(), Log: log, cfg: cfg, lock: lock}
	a.life, a.endLife = context.WithCancel(context.Background())
	if err := a.joinReplicas(); err != nil {
		a.Close()
		return nil, err
	}
	// Replicas starting together bring a shared index in line one at a time.
	release, err := a.cluster.Lock(ctx, "index-sync")
	if err != nil {
		a.Close()
		return nil, err
	}
	err = a.syncIndex(ctx, fresh)
	release()
	if err != nil {
		a.Close()
		return nil, err
	}
	opened = true
	return a, nil
}

// Close closes the index and database.
func (a *App) Close() error {
	a.stopResuming() // no pass resumed from now on
	if a.endLife != nil {
		a.endLife() // a running pass stops, to be resumed later
	}
	a.analyses.wg.Wait()    // background analyses use the store and index
	err1 := a.index.Close() // ends a compaction early
	a.bg.Wait()
	a.cluster.Close() // frees this replica's locks
	err2 := a.store.Close()
	a.lock.release() // last: the index and database are closed
	if err1 != nil {
		return err1
	}
	return err2
}

// syncIndex brings the index in line with the database.
func (a *App) syncIndex(ctx context.Context, fresh bool) error {
	if fresh {
		a.Log.Info("search index missing or outdated; rebuilding from the database")
		if err := a.store.MarkAllUnindexed(ctx); err != nil {
			return err
		}
	}
	pending, err := a.store.UnindexedSources(ctx)
	if err != nil {
		return err
	}
	if err := a.indexSources(ctx, pending); err != nil {
		return err
	}
	if len(pending) > 0 {
		a.Log.Info("indexed pending sources", slog.Int("sources", len(pending)))
	}
	n, err := a.store.CountQuotes(ctx)
	if err != nil {
		return err
	}
	m, err := a.index.Count(ctx)
	if err != nil {
		return fmt.Errorf("search: count: %w", err)
	}
	if uint64(n) != m {
		a.Log.Warn("search index does not match the database; rebuilding", slog.Int64("quotes", n), slog.Uint64("indexed", m))
		if a.sharedIndex() {
			return a.repairIndex(ctx)
		}
		return a.Reindex(ctx)
	}
	// After a rebuild, or when a compaction was cut short by a stop (Close
	// ends it), merge the segments in the background.
	if c, ok := a.index.(search.Compactor); ok && (fresh || c.CompactPending()) {
		a.compactIndex(int(m))
	}
	return nil
}

// compactMin is the size of a bulk write from which it is followed by a
// compaction: below it, the segments it leaves cost little, and bleve's
// own merging takes care of them. (Compacting merges the whole index: after
// re-indexing a small study beside a million other quotes, ~20 s of CPU
// for nothing.)
const compactMin = 50_000

// compactIndex merges the index into one segment in the background after a
// bulk write of written quotes (see search.Compactor), one compaction
// at a time.
func (a *App) compactIndex(written int) {
	a.indexMu.Lock()
	ix, ok := a.index.(search.Compactor)
	a.indexMu.Unlock()
	if !ok || written < compactMin || !a.compacting.CompareAndSwap(false, true) {
		return
	}
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		defer a.compacting.Store(false)
		start := time.Now()
		before, _ := ix.Segments()
		if err := ix.Compact(context.Background()); err != nil {
			a.Log.Warn("compact search index", slog.String("error", err.Error()))
			return
		}
		after, _ := ix.Segments()
		a.Log.Info("compacted search index", slog.Int("segments_before", before), slog.Int("segments_after", after),
			slog.Duration("took", time.Since(start)))
	}()
}
