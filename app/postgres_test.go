package app

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/samples"
)

// demoPages returns the analysis report of the demo study a holds and
// every persona page as JSON, with the one value that depends on when it
// ran (the study's creation time) zeroed.
func demoPages(t *testing.T, a *App) (report string, pages []string) {
	t.Helper()
	ctx := context.Background()
	st, _, err := a.ResolveStudy(ctx, samples.StudyName)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Report(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(rep, "", " ")
	report = string(b)
	for _, p := range rep.Personas {
		page, err := a.PersonaPage(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		page.Study.CreatedAt = time.Time{}
		b, _ := json.MarshalIndent(page, "", " ")
		pages = append(pages, string(b))
	}
	return report, pages
}

// TestDemoOnPostgresEqualsSQLite runs the app end to end on both drivers —
// the demo ingested, analysed, its personas read — and requires the same
// JSON from both: same themes, personas, ids, order and quotes.
func TestDemoOnPostgresEqualsSQLite(t *testing.T) {
	pg := pgtest.New(t)
	// On SQLite: the demo template, ingested (attributes, outcomes) and
	// analysed once for the package's tests.
	lite, _ := demoApp(t)
	liteReport, litePages := demoPages(t, lite)
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir(), DB: pg}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	start := time.Now()
	if loaded, err := a.LoadDemo(ctx, samples.FS, samples.StudyName); err != nil || !loaded {
		t.Fatalf("LoadDemo = %v, %v", loaded, err)
	}
	t.Logf("demo ingested and analysed on PostgreSQL in %v", time.Since(start).Round(time.Millisecond))
	pgReport, pgPages := demoPages(t, a)
	if len(litePages) == 0 {
		t.Fatal("the demo gave no personas on SQLite")
	}
	if diff := cmp.Diff(liteReport, pgReport); diff != "" {
		t.Errorf("analysis report differs (-sqlite +postgres):\n%s", diff)
	}
	if diff := cmp.Diff(litePages, pgPages); diff != "" {
		t.Errorf("persona pages differ (-sqlite +postgres):\n%s", diff)
	}
}
