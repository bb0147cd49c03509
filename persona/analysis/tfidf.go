package analysis

import (
	"math"
	"sort"
)

// Space is a set of documents as L2-normalised sublinear TF-IDF vectors
// over unigrams and adjacent-term bigrams. Vectors are sparse; the space
// keeps no document-by-document matrix.
type Space struct {
	n     int
	terms []string // feature names, by id
	idf   []float64
	// CSR rows: document i's features are idx[ptr[i]:ptr[i+1]] (ascending)
	// with weights val[...].
	ptr []int
	idx []int32
	val []float32
}

// SpaceOptions tune NewSpaceWith.
type SpaceOptions struct {
	// Bigrams adds adjacent-term pairs as features.
	Bigrams bool
	// MinDF drops features in fewer documents (bigrams always need 2).
	MinDF int
	// MaxFeatures keeps only the most frequent features (0: all), which
	// bounds centroid size on large corpora.
	MaxFeatures int
}

// DefaultSpaceOptions are the options NewSpace uses.
var DefaultSpaceOptions = SpaceOptions{Bigrams: true, MinDF: 1, MaxFeatures: 20000}

// NewSpace builds the vector space of docs (each a list of terms).
func NewSpace(docs [][]string) *Space { return NewSpaceWith(docs, DefaultSpaceOptions) }

// NewSpaceWith builds the vector space of docs with explicit options.
func NewSpaceWith(docs [][]string, opt SpaceOptions) *Space {
	s := &Space{n: len(docs)}
	features := func(d []string, f func(string, bool)) {
		for i, t := range d {
			f(t, false)
			if opt.Bigrams && i > 0 {
				f(d[i-1]+" "+t, true)
			}
		}
	}
	// Document frequencies.
	df := map[string]int{}
	seen := map[string]bool{}
	for _, d := range docs {
		clear(seen)
		features(d, func(t string, _ bool) {
			if !seen[t] {
				seen[t] = true
				df[t]++
			}
		})
	}
	// Vocabulary in sorted order, so ids are deterministic.
	vocab := make([]string, 0, len(df))
	for t, c := range df {
		if c >= max(opt.MinDF, 1) && (c >= 2 || !isBigram(t)) {
			vocab = append(vocab, t)
		}
	}
	if opt.MaxFeatures > 0 && len(vocab) > opt.MaxFeatures {
		sort.Slice(vocab, func(a, b int) bool {
			if df[vocab[a]] != df[vocab[b]] {
				return df[vocab[a]] > df[vocab[b]]
			}
			return vocab[a] < vocab[b]
		})
		vocab = vocab[:opt.MaxFeatures]
	}
	sort.Strings(vocab)
	id := make(map[string]int32, len(vocab))
	s.terms = vocab
	s.idf = make([]float64, len(vocab))
	for i, t := range vocab {
		id[t] = int32(i)
		s.idf[i] = math.Log(float64(1+s.n)/float64(1+df[t])) + 1
	}
	// Rows.
	s.ptr = make([]int, 1, s.n+1)
	tf := map[int32]int{}
	var keys []int32
	for _, d := range docs {
		clear(tf)
		features(d, func(t string, _ bool) {
			if j, ok := id[t]; ok {
				tf[j]++
			}
		})
		keys = keys[:0]
		for j := range tf {
			keys = append(keys, j)
		}
		sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
		var norm float64
		start := len(s.val)
		for _, j := range keys {
			w := (1 + math.Log(float64(tf[j]))) * s.idf[j]
			norm += w * w
			s.idx = append(s.idx, j)
			s.val = append(s.val, float32(w))
		}
		if norm > 0 {
			inv := 1 / math.Sqrt(norm)
			for k := start; k < len(s.val); k++ {
				s.val[k] *= float32(inv)
			}
		}
		s.ptr = append(s.ptr, len(s.val))
	}
	return s
}

func isBigram(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] == ' ' {
			return true
		}
	}
	return false
}

// Len is the number of documents.
func (s *Space) Len() int { return s.n }

// Dim is the number of features.
func (s *Space) Dim() int { return len(s.terms) }

// Term is the name of feature j.
func (s *Space) Term(j int) string { return s.terms[j] }

// Row returns document i's feature ids and weights; do not modify them.
func (s *Space) Row(i int) ([]int32, []float32) {
	return s.idx[s.ptr[i]:s.ptr[i+1]], s.val[s.ptr[i]:s.ptr[i+1]]
}

// Empty reports whether document i has no features.
func (s *Space) Empty(i int) bool { return s.ptr[i] == s.ptr[i+1] }

// Similarity is the cosine similarity of documents i and j.
func (s *Space) Similarity(i, j int) float64 {
	ai, av := s.Row(i)
	bi, bv := s.Row(j)
	var dot float64
	for a, b := 0, 0; a < len(ai) && b < len(bi); {
		switch {
		case ai[a] < bi[b]:
			a++
		case ai[a] > bi[b]:
			b++
		default:
			dot += float64(av[a]) * float64(bv[b])
			a++
			b++
		}
	}
	return dot
}
