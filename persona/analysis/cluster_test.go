package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
)

func TestTerms(t *testing.T) {
	toks := []persona.Token{{Text: "I"}, {Text: "haven't"}, {Text: "received"}, {Text: "my"},
		{Text: "cards"}, {Text: "yet"}, {Text: "um"}, {Text: "the"}, {Text: "card's"}, {Text: "42"}}
	want := []string{"receiv", "card", "yet", "card"}
	if diff := cmp.Diff(want, Terms(toks)); diff != "" {
		t.Errorf("Terms mismatch (-want +got):\n%s", diff)
	}
}

func TestSimilarity(t *testing.T) {
	s := NewSpace([][]string{{"card", "arriv"}, {"card", "arriv"}, {"refund"}, {}})
	if got := s.Similarity(0, 1); got < 0.999 || got > 1.001 {
		t.Errorf("Similarity(0, 1) = %v; want 1", got)
	}
	if got := s.Similarity(0, 2); got != 0 {
		t.Errorf("Similarity(0, 2) = %v; want 0", got)
	}
	if got := s.Similarity(0, 3); got != 0 {
		t.Errorf("Similarity(0, 3) = %v; want 0", got)
	}
}

func TestClusterRecoversTopics(t *testing.T) {
	docs, topic := synthCorpus(600, 6, 500, 1)
	c := NewSpace(docs).Cluster(ClusterOptions{K: 6, Seed: 1})
	if c.K != 6 {
		t.Fatalf("K = %d; want 6", c.K)
	}
	if got := ARI(topic, c.Assign); got < 0.95 {
		t.Errorf("ARI = %.3f; want ≥ 0.95", got)
	}
	for i, v := range c.Centrality {
		if v < 0 || v > 1.0001 {
			t.Fatalf("Centrality[%d] = %v; want in [0,1]", i, v)
		}
	}
}

func TestClusterDeterministic(t *testing.T) {
	docs, _ := synthCorpus(800, 8, 500, 2)
	for _, k := range []int{0, 5} {
		a := NewSpace(docs).Cluster(ClusterOptions{K: k, Seed: 7})
		b := NewSpace(docs).Cluster(ClusterOptions{K: k, Seed: 7})
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("K=%d: same seed, different clusterings (-first +second):\n%s", k, diff)
		}
	}
}

func TestChooseK(t *testing.T) {
	// Corpora of 2 or 3 planted topics are left out: there the documents'
	// mean pairwise cosine is high (a third to a half of all pairs share a
	// topic), so the chance level merge compares against nears 1 for
	// groups of a few dozen and chooseK keeps 7–15 groups (docs/GROUPING.md,
	// known misses).
	tests := []struct{ n, topics int }{{1000, 8}, {3000, 20}}
	for _, tt := range tests {
		docs, topic := synthCorpus(tt.n, tt.topics, 1000, 3)
		c := NewSpace(docs).Cluster(ClusterOptions{Seed: 1})
		if c.K != tt.topics {
			t.Errorf("n=%d: chose k = %d; want %d (ARI %.3f)", tt.n, c.K, tt.topics, ARI(topic, c.Assign))
		}
		if got := ARI(topic, c.Assign); got < 0.9 {
			t.Errorf("n=%d, %d topics: ARI = %.3f; want ≥ 0.9", tt.n, tt.topics, got)
		}
	}
}

func TestClusterEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		docs [][]string
		opt  ClusterOptions
		k    int
	}{
		{"empty", nil, ClusterOptions{}, 0},
		{"no terms", [][]string{{}, {}}, ClusterOptions{}, 1},
		{"one doc", [][]string{{"a"}}, ClusterOptions{}, 1},
		{"k above n", [][]string{{"a"}, {"b"}}, ClusterOptions{K: 5}, 2},
		{"bounds", [][]string{{"a"}, {"b"}, {"c"}, {"d"}}, ClusterOptions{MinK: 1, MaxK: 2}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewSpace(tt.docs).Cluster(tt.opt)
			if c.K != tt.k || len(c.Assign) != len(tt.docs) || len(c.Centrality) != len(tt.docs) {
				t.Fatalf("Cluster = K %d, %d assignments; want K %d, %d", c.K, len(c.Assign), tt.k, len(tt.docs))
			}
			for _, a := range c.Assign {
				if a < 0 || a >= c.K {
					t.Fatalf("assignment %d out of 0..%d", a, c.K-1)
				}
			}
		})
	}
}
