package cluster

import (
	"context"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/internal/pgtest"
)

// A replica forgets, at most every sweepEvery, the rate-limit events of
// keys nobody tries again once they are older than the longer of the
// window and an hour; the rest stay.
func TestPostgresSweepsOldRateLimitEvents(t *testing.T) {
	ctx := context.Background()
	p, err := NewPostgres(ctx, pgtest.New(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	put := func(key string, age time.Duration) {
		t.Helper()
		if _, err := p.pool.Exec(ctx, `INSERT INTO cluster_hits (key, at) VALUES ($1, clock_timestamp() - make_interval(secs => $2::float8))`,
			key, age.Seconds()); err != nil {
			t.Fatal(err)
		}
	}
	count := func(key string) int {
		t.Helper()
		var n int
		if err := p.pool.QueryRow(ctx, "SELECT count(*) FROM cluster_hits WHERE key = $1", key).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	cases := []struct {
		name   string
		window time.Duration
		due    bool // the last sweep is older than sweepEvery
		// age of the untouched key's event, and whether it survives
		age  time.Duration
		kept bool
	}{
		{"two hours old, short window", time.Minute, true, 2 * time.Hour, false},
		{"half an hour old, short window: an hour is kept", time.Minute, true, 30 * time.Minute, true},
		{"two hours old, three-hour window", 3 * time.Hour, true, 2 * time.Hour, true},
		{"four hours old, three-hour window", 3 * time.Hour, true, 4 * time.Hour, false},
		{"two hours old, swept a moment ago", time.Minute, false, 2 * time.Hour, true},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			key := "untouched:" + string(rune('a'+i))
			put(key, tc.age)
			p.mu.Lock()
			if tc.due {
				p.swept = time.Time{}
			} else {
				p.swept = time.Now()
			}
			p.mu.Unlock()
			if ok, err := p.Allow(ctx, "tried:"+key, 5, tc.window); err != nil || !ok {
				t.Fatalf("Allow: %v %v", ok, err)
			}
			if got := count(key) == 1; got != tc.kept {
				t.Errorf("event kept = %v; want %v", got, tc.kept)
			}
			if count("tried:"+key) != 1 {
				t.Errorf("the sweep took the event just allowed")
			}
		})
	}
}
