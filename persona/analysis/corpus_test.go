package analysis

import (
	"fmt"
	"math/rand"
)

// synthCorpus generates n short documents about topics topics,
// deterministically from seed: each document mixes 4–8 words from its
// topic's own 40-word vocabulary with 2–4 words from vocab shared words.
// It returns the documents as terms and each document's topic.
func synthCorpus(n, topics, vocab int, seed int64) ([][]string, []int) {
	rng := rand.New(rand.NewSource(seed))
	docs := make([][]string, n)
	topic := make([]int, n)
	for i := range docs {
		t := rng.Intn(topics)
		topic[i] = t
		var d []string
		for range 4 + rng.Intn(5) {
			d = append(d, fmt.Sprintf("t%dw%d", t, zipf(rng, 40)))
		}
		for range 2 + rng.Intn(3) {
			d = append(d, fmt.Sprintf("c%d", zipf(rng, vocab)))
		}
		rng.Shuffle(len(d), func(a, b int) { d[a], d[b] = d[b], d[a] })
		docs[i] = d
	}
	return docs, topic
}

// zipf draws from 0..n-1 with roughly Zipfian frequencies.
func zipf(rng *rand.Rand, n int) int {
	return min(n-1, int(float64(n)*rng.Float64()*rng.Float64()))
}
