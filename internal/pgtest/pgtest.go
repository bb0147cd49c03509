// Package pgtest gives tests a fresh PostgreSQL database on the test server
// that $VERBATIM_TEST_PG names (scripts/pg-test-server starts one; .ci/run
// does it before the tests). Without it the test is skipped with a message,
// except under CI=true, where a missing server is a failure.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env names the variable holding the server's URL (any database on it; the
// user must be allowed to create databases).
const Env = "VERBATIM_TEST_PG"

// ServerURL is the test server's URL; the test is skipped (failed under
// CI=true) when none is set.
func ServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(Env)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("$%s is not set: .ci/run starts PostgreSQL with scripts/pg-test-server", Env)
		}
		t.Skipf("no PostgreSQL test server: run `eval \"$(scripts/pg-test-server start)\"` to set $%s", Env)
	}
	return u
}

// New creates an empty database on the test server and returns its URL;
// the database is dropped when the test ends.
func New(t testing.TB) string {
	t.Helper()
	server := ServerURL(t)
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "vt_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := exec(ctx, server, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := exec(ctx, server, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("pgtest: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("pgtest: $%s: %v", Env, err)
	}
	u.Path = "/" + name
	return u.String()
}

func exec(ctx context.Context, dsn, sql string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}
