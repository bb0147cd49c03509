package app

import (
	"context"
	"testing"
)

// BenchmarkSeededCoding measures "code the rest from my examples" on the
// demo (two promoted themes, three hand codings each):
//
//	go test -run '^$' -bench SeededCoding -benchtime 5x ./app
func BenchmarkSeededCoding(b *testing.B) {
	a, st := demoCopy(b)
	ctx := context.Background()
	seedDemo(b, a, st.ID, Actor{ID: 11, Name: "ann"})
	b.Run("run", func(b *testing.B) {
		for b.Loop() {
			if _, err := a.SuggestCodes(ctx, st.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	// One review decision: accept the queue's head, recoding the rest.
	b.Run("decision", func(b *testing.B) {
		if _, err := a.SuggestCodes(ctx, st.ID); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			rv, err := a.ReviewQueue(ctx, st.ID, 0, 1)
			if err != nil || len(rv.Items) == 0 {
				b.Fatalf("queue: %v", err)
			}
			if _, err := a.DecideSuggestion(ctx, rv.Items[0].Quote.ID, rv.Items[0].Suggested.ID, Actor{ID: 11, Name: "ann"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
