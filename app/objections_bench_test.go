package app

import (
	"context"
	"testing"

	"github.com/verbatimhq/verbatim/internal/pgtest"
	"github.com/verbatimhq/verbatim/samples"
)

// BenchmarkObjectionAnswer answers the same few objections about the demo
// study over and over, as reps asking about the usual objections do, on
// SQLite and (with $VERBATIM_TEST_PG) PostgreSQL; searches/op is how many
// searches reach the index per answer.
//
//	go test ./app -run '^$' -bench ObjectionAnswer -benchtime 40x -benchmem
func BenchmarkObjectionAnswer(b *testing.B) {
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			cfg := Config{DataDir: b.TempDir()}
			if db == "postgres" {
				cfg.DB = pgtest.New(b)
			}
			ctx := context.Background()
			a, err := Open(ctx, cfg, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer a.Close()
			if _, err := a.LoadDemo(ctx, samples.FS, samples.StudyName); err != nil {
				b.Fatal(err)
			}
			st, err := a.store.StudyByName(ctx, samples.StudyName)
			if err != nil {
				b.Fatal(err)
			}
			a.WaitAnalyses()
			ix := &countingIndex{Indexer: a.index}
			a.index = ix
			queries := []string{"too expensive", "onboarding was painful", "security review took months", "locked into a contract"}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if _, err := a.Objections(ctx, ObjectionQuery{Text: queries[i%len(queries)], StudyID: st.ID}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(ix.searches.Load())/float64(b.N), "searches/op")
		})
	}
}
