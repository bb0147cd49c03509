package app

import (
	"context"
	"math/rand"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// Under the null hypothesis — interviews put into two waves at random —
// a theme is badged rising or falling in fewer than WaveAlpha of the tests
// (docs/LOOP.md has the rates over 100 splits a seed).
func TestWaveBadgesRareUnderRandomSplits(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	srcs, _ := a.store.Sources(ctx, st.ID)
	var ids []int64
	for _, s := range srcs {
		if s.Kind == persona.KindTranscript {
			ids = append(ids, s.ID)
		}
	}
	for _, seed := range []int64{1, 2, 3} {
		rng := rand.New(rand.NewSource(seed))
		tests, badged := 0, 0
		for range 15 {
			rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
			for k, id := range ids {
				w := "A"
				if k >= len(ids)/2 {
					w = "B"
				}
				if _, err := a.SetSourceWave(ctx, id, w, ""); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := a.Waves(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, th := range rep.Themes {
				if c := th.Changes[0]; c.Tested {
					tests++
					if c.Direction != "" {
						badged++
					}
				}
			}
		}
		if rate := float64(badged) / float64(tests); tests == 0 || rate >= WaveAlpha {
			t.Errorf("seed %d: %d of %d tests badged (%.1f%%) on random splits; want under %.0f%%", seed, badged, tests, 100*rate, 100*WaveAlpha)
		}
	}
}
