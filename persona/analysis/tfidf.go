package analysis

import (
	"math"
	"sort"
	"strconv"

	"github.com/verbatimhq/verbatim/persona"
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
	// sparseDim is the number of TF-IDF features; features from sparseDim
	// on are the dense word-vector dimensions (none without Vectors).
	sparseDim int
	// dense, when not nil, holds the word-vector features of every row
	// (Dim()-sparseDim values a row, row-major) outside the CSR arrays,
	// which then hold only the TF-IDF features: half the memory of
	// storing each dense value with its feature id. hasDense reports the
	// rows that have them (the others are zero here and absent from the
	// row). Spaces derived from this one (smoothed) keep every feature in
	// CSR form and dense nil.
	dense    []float32
	hasDense []bool
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
	// Vectors, with Words, join each document's TF-IDF vector with its
	// SIF-weighted word-vector embedding (see sifEmbed), at equal weight:
	// both parts are L2-normalised and scaled by 1/√2, so cosine
	// similarity is the mean of the two cosines. The embedding's
	// dimensions become features after the TF-IDF ones, named "~vec0"...,
	// so every sparse code path handles them. A document with no known
	// word keeps its TF-IDF vector alone, and the reverse.
	Vectors *Vectors
	// Words are each document's lower-cased surface words, stop words
	// dropped (the second result of TermWords), parallel to docs. Vectors
	// are used only when len(Words) == len(docs).
	Words [][]string
}

// DefaultSpaceOptions are the options NewSpace uses.
var DefaultSpaceOptions = SpaceOptions{Bigrams: true, MinDF: 1, MaxFeatures: 20000}

// NewSpace builds the vector space of docs (each a list of terms).
func NewSpace(docs [][]string) *Space { return NewSpaceWith(docs, DefaultSpaceOptions) }

// NewTokenSpace builds the space of documents given as analysis tokens:
// their Terms, joined with word vectors v when v is not nil (as the theme
// clustering (clusterRing) does with DefaultVectors()).
func NewTokenSpace(docs [][]persona.Token, v *Vectors) *Space {
	terms := make([][]string, len(docs))
	var words [][]string
	if v != nil {
		words = make([][]string, len(docs))
	}
	parallel(len(docs), func(lo, hi, _ int) {
		for i, d := range docs[lo:hi] {
			if v != nil {
				terms[lo+i], words[lo+i] = TermWords(d)
			} else {
				terms[lo+i] = Terms(d)
			}
		}
	})
	opt := DefaultSpaceOptions
	opt.Vectors, opt.Words = v, words
	return NewSpaceWith(terms, opt)
}

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
	s.sparseDim = len(s.terms)
	if opt.Vectors != nil && len(opt.Words) == len(docs) {
		s.join(opt.Vectors, opt.Words)
	}
	return s
}

// denseShare is the word-vector part's share of a joined row's squared
// norm: equal weight. Measured on Banking77 train with k = 77, the
// neighbour search ranking candidates by the joined cosine, and the
// smoothing, all three help (SIF vectors alone: .591/.276/.396; joined
// without smoothing .634/.313/.446; joined and smoothed .670/.347/.468).
const denseShare = 0.5

// join adds each document's SIF word-vector embedding to its TF-IDF row
// as features sparseDim..sparseDim+dim-1, both parts at equal weight. The
// word-vector part is kept in the dense block (see Space.dense).
func (s *Space) join(v *Vectors, words [][]string) {
	dense, has := sifEmbed(words, v)
	d := v.Dim()
	base := len(s.terms)
	terms := make([]string, base, base+d)
	copy(terms, s.terms)
	for j := 0; j < d; j++ {
		terms = append(terms, "~vec"+strconv.Itoa(j))
		s.idf = append(s.idf, 1)
	}
	s.terms = terms
	s.hasDense = make([]bool, s.n)
	parallel(s.n, func(lo, hi, _ int) { s.joinRows(dense, has, d, lo, hi) })
	s.dense = dense
}

// joinRows weighs rows lo to hi of the sparse and dense parts (join).
func (s *Space) joinRows(dense []float32, has []bool, d, lo, hi int) {
	for i := lo; i < hi; i++ {
		row := dense[i*d : (i+1)*d]
		var norm float64
		for _, x := range row {
			norm += float64(x) * float64(x)
		}
		hasDense := has[i] && norm > 0
		sVal := s.val[s.ptr[i]:s.ptr[i+1]]
		ws, wd := 1.0, 0.0
		switch {
		case hasDense && len(sVal) > 0:
			ws, wd = math.Sqrt(1-denseShare), math.Sqrt(denseShare)/math.Sqrt(norm)
		case hasDense:
			ws, wd = 0, 1/math.Sqrt(norm)
		}
		for k := range sVal {
			sVal[k] = float32(ws * float64(sVal[k]))
		}
		s.hasDense[i] = hasDense
		for j, x := range row {
			if hasDense {
				row[j] = float32(wd * float64(x))
			} else {
				row[j] = 0
			}
		}
	}
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
// In a space with a dense block the row is assembled (allocated) on each
// call; the package's own loops use sparseRow and denseRow instead.
func (s *Space) Row(i int) ([]int32, []float32) {
	idx, val := s.idx[s.ptr[i]:s.ptr[i+1]], s.val[s.ptr[i]:s.ptr[i+1]]
	dr := s.denseRow(i)
	if s.dense == nil || dr == nil {
		return idx, val
	}
	fi := append(make([]int32, 0, len(idx)+len(dr)), idx...)
	fv := append(make([]float32, 0, len(val)+len(dr)), val...)
	for j, x := range dr {
		fi, fv = append(fi, int32(s.sparseDim+j)), append(fv, x)
	}
	return fi, fv
}

// parts is document i's row as its CSR features and, in a space with a
// dense block, its word-vector features (nil when it has none), which
// follow them in feature order. Without a dense block the CSR features
// are the whole row.
func (s *Space) parts(i int) ([]int32, []float32, []float32) {
	idx, val := s.idx[s.ptr[i]:s.ptr[i+1]], s.val[s.ptr[i]:s.ptr[i+1]]
	if s.dense == nil {
		return idx, val, nil
	}
	return idx, val, s.denseRow(i)
}

// sparseRow is document i's TF-IDF features (Row without the word-vector
// dimensions).
func (s *Space) sparseRow(i int) ([]int32, []float32) {
	idx, val := s.idx[s.ptr[i]:s.ptr[i+1]], s.val[s.ptr[i]:s.ptr[i+1]]
	if s.dense != nil {
		return idx, val
	}
	n := len(idx)
	for n > 0 && int(idx[n-1]) >= s.sparseDim {
		n--
	}
	return idx[:n], val[:n]
}

// denseRow is the word-vector part of document i's row, or nil when it has
// none.
func (s *Space) denseRow(i int) []float32 {
	d := len(s.terms) - s.sparseDim
	if d == 0 {
		return nil
	}
	if s.dense != nil {
		if !s.hasDense[i] {
			return nil
		}
		return s.dense[i*d : (i+1)*d]
	}
	idx, val := s.idx[s.ptr[i]:s.ptr[i+1]], s.val[s.ptr[i]:s.ptr[i+1]]
	if len(idx) < d || int(idx[len(idx)-d]) != s.sparseDim {
		return nil
	}
	return val[len(val)-d:]
}

// rowLen is the number of features stored for document i.
func (s *Space) rowLen(i int) int {
	n := s.ptr[i+1] - s.ptr[i]
	if s.dense != nil && s.hasDense[i] {
		n += len(s.terms) - s.sparseDim
	}
	return n
}

// Empty reports whether document i has no features.
func (s *Space) Empty(i int) bool {
	return s.ptr[i] == s.ptr[i+1] && (s.dense == nil || !s.hasDense[i])
}

// Similarity is the cosine similarity of documents i and j.
func (s *Space) Similarity(i, j int) float64 {
	ai, av := s.idx[s.ptr[i]:s.ptr[i+1]], s.val[s.ptr[i]:s.ptr[i+1]]
	bi, bv := s.idx[s.ptr[j]:s.ptr[j+1]], s.val[s.ptr[j]:s.ptr[j+1]]
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
	// A dense block's features come after the TF-IDF ones (those of the
	// CSR arrays), so they add in the same order as in one merged row.
	if s.dense == nil {
		return dot
	}
	if da, db := s.denseRow(i), s.denseRow(j); da != nil && db != nil {
		for k, x := range da {
			dot += float64(x) * float64(db[k])
		}
	}
	return dot
}
