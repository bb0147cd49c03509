package app

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm/logger"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/samples"
	"github.com/verbatimhq/verbatim/search"
)

// queryCounter is a gorm logger that counts the statements the store runs
// (every statement reaches Trace) and keeps their SQL.
type queryCounter struct {
	logger.Interface
	mu  sync.Mutex
	sql []string
}

func (c *queryCounter) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	s, _ := fc()
	c.mu.Lock()
	c.sql = append(c.sql, s)
	c.mu.Unlock()
}

func (c *queryCounter) LogMode(logger.LogLevel) logger.Interface { return c }

// take returns the statements counted since the last take.
func (c *queryCounter) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.sql
	c.sql = nil
	return out
}

// countQueries installs a counter on the app's store.
func countQueries(t testing.TB, a *App) *queryCounter {
	t.Helper()
	g := a.store.DB().Gorm
	c := &queryCounter{Interface: g.Logger}
	old := g.Logger
	g.Logger = c
	t.Cleanup(func() { g.Logger = old })
	return c
}

// matching counts the statements holding every one of parts.
func matching(sql []string, parts ...string) int {
	n := 0
	for _, s := range sql {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(s, p)
		}
		if all {
			n++
		}
	}
	return n
}

// A sales rep's objection answer and search ask the store a fixed number
// of questions, however many themes the answer names: the themes of an
// answer are read in one query (not one each, as before), and the studies
// the rep may see once per answer (not once per search inside it). On the
// embedded SQLite store (the demo copy) and, with $VERBATIM_TEST_PG, on
// PostgreSQL (store and search there).
func TestObjectionAnswersBatchTheirStoreQueries(t *testing.T) {
	cases := map[string]func(t *testing.T) (*App, persona.Study){
		"sqlite": func(t *testing.T) (*App, persona.Study) { return demoCopy(t) },
		"postgres": func(t *testing.T) (*App, persona.Study) {
			a, err := Open(context.Background(), Config{DataDir: t.TempDir(), DB: pgtest.New(t)}, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { a.Close() })
			if _, err := a.LoadDemo(context.Background(), samples.FS, samples.StudyName); err != nil {
				t.Fatal(err)
			}
			st, _, err := a.ResolveStudy(context.Background(), samples.StudyName)
			if err != nil {
				t.Fatal(err)
			}
			return a, st
		},
	}
	for name, open := range cases {
		t.Run(name, func(t *testing.T) {
			a, st := open(t)
			ctx := WithViewer(context.Background(), Viewer{UserID: 5, Name: "sam", Role: "sales"})
			c := countQueries(t, a)
			var counts [2]int
			for i := range counts { // a cold theme cache, then a warm one
				obj, err := a.Objections(ctx, ObjectionQuery{Text: "too expensive", StudyID: st.ID, Size: 10})
				if err != nil {
					t.Fatal(err)
				}
				sql := c.take()
				counts[i] = len(sql)
				if len(obj.Themes) < 2 {
					t.Fatalf("the answer names %d themes; the test proves nothing", len(obj.Themes))
				}
				if n := matching(sql, "themes", "LIMIT 1"); n != 0 {
					t.Errorf("objection answer %d reads %d themes one by one", i, n)
				}
				if n := matching(sql, "study_members"); n != 1 {
					t.Errorf("objection answer %d looks up the rep's studies %d times; want once", i, n)
				}
				if i == 0 {
					a.Invalidate(st.ID) // the next answer finds the cache stale, as after a write
				}
			}
			if counts[0] > 20 || counts[1] > 20 {
				t.Errorf("objection answers ran %v statements; want at most 20 each", counts)
			}
			m, _ := search.Parse("price")
			if _, err := a.Search(ctx, search.Query{Match: m, Size: 20}); err != nil {
				t.Fatal(err)
			}
			sql := c.take()
			if len(sql) > 5 {
				t.Errorf("a search ran %d statements: %q", len(sql), sql)
			}
			t.Logf("%s: objection answer %d statements on a cold theme cache, %d after a write made it stale; search %d", name, counts[0], counts[1], len(sql))
		})
	}
}
