package main

import (
	"io"
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/app"
)

// --max-upload used to change only the request total: the ingest kept its
// own 50 MB per-file limit. It is now the one per-file limit.
func TestServeFlags(t *testing.T) {
	o, err := parseServe(env{stderr: io.Discard}, []string{"--max-upload", "2000",
		"--trusted-proxy", "10.0.0.0/8, 192.168.1.1", "--trusted-proxy", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := app.DefaultConfig()
	o.appConfig(&cfg)
	if o.api.MaxUploadSize != 2000 || cfg.MaxFileSize != 2000 {
		t.Errorf("--max-upload 2000: api %d, ingest %d; want both 2000", o.api.MaxUploadSize, cfg.MaxFileSize)
	}
	if want := []string{"10.0.0.0/8", "192.168.1.1", "::1"}; !slices.Equal(o.api.TrustedProxies, want) {
		t.Errorf("trusted proxies = %q; want %q", o.api.TrustedProxies, want)
	}
	o, err = parseServe(env{stderr: io.Discard}, []string{"--search", "postgres", "--search-url", "postgres://db/verbatim"})
	if err != nil {
		t.Fatal(err)
	}
	cfg = o.data.config()
	if cfg.Search != app.SearchPostgres || cfg.SearchURL != "postgres://db/verbatim" {
		t.Errorf("--search postgres --search-url …: config %q %q", cfg.Search, cfg.SearchURL)
	}
	for _, bad := range [][]string{{"--trusted-proxy", "proxy.local"}, {"--max-upload", "0"},
		{"--search", "sphinx"}, {"--search", "postgres"}, {"--search", "postgres", "--db", "/tmp/x.db"}} {
		if _, err := parseServe(env{stderr: io.Discard}, bad); err == nil {
			t.Errorf("serve %q accepted; want an error", bad)
		}
	}
	if _, err := parseServe(env{stderr: io.Discard}, []string{"--search", "postgres", "--db", "postgres://db/verbatim"}); err != nil {
		t.Errorf("--search postgres on a postgres:// --db: %v; want it accepted (search in the same database)", err)
	}
	if o, _ := parseServe(env{stderr: io.Discard}, nil); len(o.api.TrustedProxies) != 0 {
		t.Errorf("default trusted proxies = %q; want none", o.api.TrustedProxies)
	}
}
