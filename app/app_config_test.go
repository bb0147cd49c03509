package app

import "testing"

// On a PostgreSQL database, search follows it unless told otherwise, so
// replicas share one index; on SQLite it stays a bleve index in DataDir.
func TestSearchFollowsTheDatabase(t *testing.T) {
	tests := []struct {
		name                      string
		in                        Config
		wantSearch, wantSearchURL string
	}{
		{"sqlite default", Config{DataDir: "d"}, "", ""},
		{"postgres db", Config{DB: "postgres://h/db"}, SearchPostgres, "postgres://h/db"},
		{"postgresql scheme", Config{DB: "postgresql://h/db"}, SearchPostgres, "postgresql://h/db"},
		{"postgres db, bleve chosen", Config{DB: "postgres://h/db", Search: SearchBleve}, SearchBleve, ""},
		{"postgres db, other search database", Config{DB: "postgres://h/db", Search: SearchPostgres, SearchURL: "postgres://s/idx"}, SearchPostgres, "postgres://s/idx"},
		{"sqlite db, postgres search", Config{DB: "x.db", Search: SearchPostgres, SearchURL: "postgres://s/idx"}, SearchPostgres, "postgres://s/idx"},
	}
	for _, tt := range tests {
		got := tt.in.withSearchDefaults()
		if got.Search != tt.wantSearch || got.SearchURL != tt.wantSearchURL {
			t.Errorf("%s: search %q at %q, want %q at %q", tt.name, got.Search, got.SearchURL, tt.wantSearch, tt.wantSearchURL)
		}
	}
}
