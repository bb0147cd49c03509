package app

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/internal/cluster"
)

// changesChannel carries, between replicas on one database, the id of each
// study a write changed.
const changesChannel = "verbatim_changes"

// progressTTL bounds how long a replica's analysis progress is believed
// without an update: a replica that died mid-analysis stops showing as
// running after it.
const progressTTL = 10 * time.Minute

// openCluster returns what this process shares with other replicas: on a
// PostgreSQL database, advisory locks, LISTEN/NOTIFY and two small tables
// in it; otherwise (SQLite, one process) everything in memory.
func openCluster(ctx context.Context, cfg Config, log *slog.Logger) (cluster.Coordinator, error) {
	if !cfg.OnPostgres() {
		return cluster.NewLocal(), nil
	}
	c, err := cluster.NewPostgres(ctx, cfg.DB, log)
	if err != nil {
		return nil, fmt.Errorf("replicas: %w", err)
	}
	return c, nil
}

// replicated reports whether other processes may share the database.
func (a *App) replicated() bool {
	_, local := a.cluster.(*cluster.Local)
	return !local
}

// joinReplicas makes this process's caches follow writes made through
// other replicas: each write is published, and each write published
// elsewhere invalidates the study here. When the bus had to reconnect
// (messages may be lost) every study is invalidated.
func (a *App) joinReplicas() error {
	if !a.replicated() {
		return nil
	}
	a.OnChange(func(studyID int64, what Change) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := a.cluster.Publish(ctx, changesChannel, strconv.FormatInt(studyID, 10)); err != nil {
			a.Log.Warn("tell replicas of a change", slog.Int64("study_id", studyID), slog.String("error", err.Error()))
		}
	})
	_, err := a.cluster.Subscribe(changesChannel, func(payload string) {
		if payload == "" {
			a.InvalidateAll()
			return
		}
		if id, err := strconv.ParseInt(payload, 10, 64); err == nil {
			a.Invalidate(id)
		}
	})
	return err
}

// lockStudyAnalysis waits until no replica analyses the study, and holds
// the study until release.
func (a *App) lockStudyAnalysis(ctx context.Context, studyID int64) (release func(), err error) {
	return a.cluster.Lock(ctx, "analyze:"+strconv.FormatInt(studyID, 10))
}

// shareProgress makes a study's analysis progress readable from every
// replica.
func (a *App) shareProgress(studyID int64, p Progress) {
	if !a.replicated() {
		return
	}
	body, err := json.Marshal(p)
	if err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ttl := time.Duration(0)
	if p.Running {
		ttl = progressTTL
	}
	if err := a.cluster.Put(ctx, progressKey(studyID), body, ttl); err != nil {
		a.Log.Warn("share analysis progress", slog.Int64("study_id", studyID), slog.String("error", err.Error()))
	}
}

// sharedProgress is the study's progress as the replica analysing it
// last shared it.
func (a *App) sharedProgress(ctx context.Context, studyID int64) (Progress, bool) {
	if !a.replicated() {
		return Progress{}, false
	}
	body, ok, err := a.cluster.Get(ctx, progressKey(studyID))
	if err != nil || !ok {
		return Progress{}, false
	}
	var p Progress
	if json.Unmarshal(body, &p) != nil {
		return Progress{}, false
	}
	return p, true
}

func progressKey(studyID int64) string { return "progress:" + strconv.FormatInt(studyID, 10) }

// RateLimiter allows at most n events per key within a window.
type RateLimiter interface {
	Allow(key string) bool
	Undo(key string)
}

// SignInLimiter counts sign-in attempts, n per key within window: in this
// process's memory (bounded, account.Limiter) on one process, across every
// replica when the database is shared.
func (a *App) SignInLimiter(n int, window time.Duration) RateLimiter {
	if !a.replicated() {
		return account.NewLimiter(n, window)
	}
	return &Limiter{c: a.cluster, n: n, window: window, log: a.Log}
}

// Limiter allows at most n events per key within a sliding window, counted
// by the coordinator (in memory, or across replicas in PostgreSQL).
type Limiter struct {
	c      cluster.Coordinator
	n      int
	window time.Duration
	log    *slog.Logger
}

// Allow records an event for key and reports whether it is within the
// limit. When the count cannot be read the event is refused: a sign-in
// limit that fails open is no limit.
func (l *Limiter) Allow(key string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ok, err := l.c.Allow(ctx, key, l.n, l.window)
	if err != nil {
		l.log.Warn("rate limit", slog.String("error", err.Error()))
		return false
	}
	return ok
}

// Undo gives back key's newest event.
func (l *Limiter) Undo(key string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := l.c.Undo(ctx, key); err != nil {
		l.log.Warn("rate limit undo", slog.String("error", err.Error()))
	}
}
