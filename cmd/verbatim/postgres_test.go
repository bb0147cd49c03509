package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/internal/pgtest"
)

// demoOn ingests the demo samples into the store that args (--data, and
// --db when given) name, with the participants' attributes.
func demoOn(t *testing.T, args ...string) {
	t.Helper()
	in := append(append([]string{"ingest"}, args...), "--study", "Demo", "../../samples/interviews", "../../samples/survey")
	if code, _, errs := runCLI(t, in...); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	at := append(append([]string{"attributes"}, args...), "--study", "Demo", "../../samples/participants.csv")
	if code, _, errs := runCLI(t, at...); code != 0 {
		t.Fatalf("attributes: %s", errs)
	}
}

func goldenAnalysis(t *testing.T) string {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("testdata", "analyze_samples.json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(want)
}

// TestPostgresAnalysisEqualsSQLiteGolden runs the demo end to end on a
// PostgreSQL store — ingest, attributes, analyze, search — and requires
// the analysis JSON to be exactly SQLite's golden (same themes, personas,
// ids and order).
func TestPostgresAnalysisEqualsSQLiteGolden(t *testing.T) {
	db := pgtest.New(t)
	data := t.TempDir()
	demoOn(t, "--data", data, "--db", db)
	code, out, errs := runCLI(t, "analyze", "--data", data, "--db", db, "--study", "Demo", "--json")
	if code != 0 {
		t.Fatalf("analyze exit %d: %s", code, errs)
	}
	if diff := cmp.Diff(goldenAnalysis(t), out); diff != "" {
		t.Errorf("analysis on PostgreSQL differs from SQLite's golden (-sqlite +postgres):\n%s", diff)
	}
	if _, err := os.Stat(filepath.Join(data, "verbatim.db")); err == nil {
		t.Errorf("--db postgres:// still wrote a SQLite file in --data")
	}
	code, out, errs = runCLI(t, "search", "--data", data, "--db", db, "--study", "Demo", "security")
	if code != 0 || !strings.Contains(strings.ToLower(out), "security") {
		t.Errorf("search on PostgreSQL: exit %d, %s %s", code, out, errs)
	}
	t.Setenv("VERBATIM_PASSWORD", "correct horse battery")
	if code, _, errs := runCLI(t, "user", "add", "--data", data, "--db", db, "ana", "--role", "sales"); code != 0 {
		t.Fatalf("user add on PostgreSQL: %s", errs)
	}
	if code, out, _ := runCLI(t, "user", "list", "--data", data, "--db", db); code != 0 || !strings.Contains(out, "ana") {
		t.Errorf("user list on PostgreSQL: exit %d: %s", code, out)
	}
}

// TestMigrateSQLiteToPostgres ingests and analyses the demo on SQLite
// (a copy of analysedDemo's, the golden test's data),
// copies it with verbatim migrate into an empty PostgreSQL database, and
// runs from there: counts are equal (migrate checks them and a sample of
// quotes), the new ids continue past the copied ones, search finds the
// quotes (the index rebuilt from PostgreSQL), the analysis reads the same
// as SQLite's golden, accounts came across, and a second migrate into the
// now non-empty database is refused.
func TestMigrateSQLiteToPostgres(t *testing.T) {
	src, _ := analysedDemo(t) // demoOn and analyze on SQLite, made once
	t.Setenv("VERBATIM_PASSWORD", "correct horse battery")
	if code, _, errs := runCLI(t, "user", "add", "--data", src, "ana", "--role", "researcher"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	db := pgtest.New(t)
	code, out, errs := runCLI(t, "migrate", "--from", src, "--to", db)
	if code != 0 {
		t.Fatalf("migrate exit %d: %s\n%s", code, out, errs)
	}
	for _, want := range []string{"quotes", "users", "counts equal", "quotes identical byte for byte"} {
		if !strings.Contains(out, want) {
			t.Errorf("migrate report lacks %q:\n%s", want, out)
		}
	}
	data := t.TempDir() // a fresh --data: the index is rebuilt from PostgreSQL
	code, out, errs = runCLI(t, "search", "--data", data, "--db", db, "--study", "Demo", "security")
	if code != 0 || !strings.Contains(strings.ToLower(out), "security") {
		t.Errorf("search after migrate: exit %d, %s %s", code, out, errs)
	}
	code, out, errs = runCLI(t, "analyze", "--data", data, "--db", db, "--study", "Demo", "--json")
	if code != 0 {
		t.Fatalf("analyze after migrate: %s", errs)
	}
	if diff := cmp.Diff(goldenAnalysis(t), out); diff != "" {
		t.Errorf("re-analysis after migrate differs from SQLite's golden (-sqlite +postgres):\n%s", diff)
	}
	if code, out, _ := runCLI(t, "user", "list", "--data", data, "--db", db); code != 0 || !strings.Contains(out, "ana") {
		t.Errorf("user list after migrate: exit %d: %s", code, out)
	}
	// New rows take ids past the copied ones (sequences were reset).
	if code, _, errs := runCLI(t, "user", "add", "--data", data, "--db", db, "bo", "--role", "sales"); code != 0 {
		t.Errorf("user add after migrate: %s", errs)
	}
	if code, _, errs := runCLI(t, "ingest", "--data", data, "--db", db, "--study", "Second", "../../samples/interviews"); code != 0 {
		t.Errorf("ingest after migrate: %s", errs)
	}
	code, _, errs = runCLI(t, "migrate", "--from", src, "--to", db)
	if code == 0 || !strings.Contains(errs, "empty database only") {
		t.Errorf("migrate into a non-empty database: exit %d, %s; want refused", code, errs)
	}
}
