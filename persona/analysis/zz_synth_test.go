package analysis

import "testing"

func TestZZSynthK(t *testing.T) {
	for _, tt := range []struct{ n, topics int }{{300, 2}, {400, 3}, {600, 3}, {400, 5}, {1000, 8}, {3000, 20}} {
		docs, topic := synthCorpus(tt.n, tt.topics, 1000, 3)
		c := NewSpace(docs).Cluster(ClusterOptions{Seed: 1})
		size := make([]int, c.K)
		for _, a := range c.Assign {
			size[a]++
		}
		t.Logf("n=%d topics=%d k=%d ARI %.3f sizes %v", tt.n, tt.topics, c.K, ARI(topic, c.Assign), size)
	}
}
