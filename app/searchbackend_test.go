package app

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/samples"
	"github.com/verbatimhq/verbatim/search"
)

// The demo study searched through PostgreSQL finds the quotes bleve finds;
// reopening finds the shared index in line and leaves it be; deleting a
// source takes its quotes out of it.
func TestPostgresSearchBackend(t *testing.T) {
	url := pgtest.New(t)
	ctx := context.Background()
	open := func(cfg Config) *App {
		t.Helper()
		a, err := Open(ctx, cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.LoadDemo(ctx, samples.FS, samples.StudyName); err != nil {
			t.Fatal(err)
		}
		return a
	}
	pgCfg := Config{DataDir: t.TempDir(), Search: SearchPostgres, SearchURL: url}
	pg := open(pgCfg)
	bl := open(Config{DataDir: t.TempDir()})
	defer bl.Close()
	for _, text := range []string{"price", "security review", `"too expensive"`, "pric*", "onboard*", "+budget -price", "budgt~1"} {
		q := search.Query{Match: search.MustParse(text), Size: 1000, Facets: []string{"ring", "kind"}}
		want, err := bl.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pg.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || !slices.Equal(hitIDs(got), hitIDs(want)) && !sameIDs(hitIDs(got), hitIDs(want)) {
			t.Errorf("%s: postgres %d hits %v; bleve %d %v", text, got.Total, hitIDs(got), want.Total, hitIDs(want))
		}
		if want.Total == 0 && text != "budgt~1" {
			t.Errorf("%s: no hits in the demo; pick a word it has", text)
		}
	}
	n, err := pg.index.Count(ctx)
	if err != nil || n == 0 {
		t.Fatalf("postgres index count %d, %v", n, err)
	}
	pg.Close()
	pg, err = Open(ctx, pgCfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if m, err := pg.index.Count(ctx); err != nil || m != n {
		t.Errorf("reopened: count %d, %v; want %d", m, err, n)
	}
	st, err := pg.store.StudyByName(ctx, samples.StudyName)
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := pg.store.Sources(ctx, st.ID)
	if err != nil || len(srcs) == 0 {
		t.Fatalf("sources %v, %v", srcs, err)
	}
	if err := pg.DeleteSource(ctx, srcs[0].ID); err != nil {
		t.Fatal(err)
	}
	res, err := pg.Search(ctx, search.Query{Filters: map[string][]string{"source": {strconv.FormatInt(srcs[0].ID, 10)}}})
	if err != nil || res.Total != 0 {
		t.Errorf("after deleting source %d: %d quotes of it still found (%v)", srcs[0].ID, res.Total, err)
	}
}

func hitIDs(r SearchResult) []int64 {
	out := make([]int64, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID
	}
	return out
}

func sameIDs(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
