package analysis

import (
	"maps"
	"math"
	"os"
	"runtime"
	"slices"
	"sync"
)

// Induced vectors for the words a corpus uses that the word vectors lack
// ("à la carte" embedding, Khodak et al. 2018). On StackOverflow titles
// the words that name the tags (drupal, magento, wordpress, linq) are
// exactly the ones the embedded 100k words do not hold, so a title's
// sentence vector came from its generic words alone ("create", "error").
//
// A word's contexts here are the documents it occurs in; its context
// vector u(w) is the mean of those documents' sentence vectors (SIF
// weighted, the word itself left out). Over the in-vocabulary words of
// the corpus, a linear map A with A·u(w) ≈ v(w) is fitted by least
// squares (weighted by log document frequency, as in the paper): it
// turns a context mean, which mostly points at the corpus' common
// direction, back into a word vector with that word's own directions.
// Each out-of-vocabulary word seen in at least two documents then gets
// A·u(w). Nothing is set by hand: A comes from the corpus and the
// vectors; a word seen once has no context beyond its own document and
// gets none.

// minContexts is the number of documents a word needs for its context
// vector: with one, the "context" is the document itself.
const minContexts = 2

// induced returns vectors for the out-of-vocabulary words of docs seen in
// at least minContexts documents that have an in-vocabulary word, keyed
// by word. means holds each document's SIF-weighted mean over its
// in-vocabulary words (row-major, len(docs)×dim) and counts the number
// of those words. Nil when the corpus has too few in-vocabulary words to
// fit the map (fewer than two per dimension).
func induced(docs [][]string, v *Vectors, means []float32, counts []int) map[string][]float32 {
	d := v.dim
	ctx, oovSeen := contexts(docs, v, means, counts)
	if !oovSeen {
		return nil
	}
	// Fit A by weighted least squares: A = M·G⁻¹ with
	// M = Σ α·v·uᵀ and G = Σ α·u·uᵀ over in-vocabulary words.
	g := make([]float64, d*d)
	m := make([]float64, d*d)
	vw := make([]float64, d)
	train := 0
	for w, a := range ctx {
		i, known := v.index[w]
		if !known || a.n < minContexts {
			continue
		}
		train++
		alpha := math.Log(float64(a.n))
		u := a.sum
		for j := range u {
			u[j] /= float64(a.n)
		}
		clear(vw)
		v.addScaled(int(i), 1, vw)
		for x := 0; x < d; x++ {
			ax := alpha * u[x]
			gx, mx := g[x*d:(x+1)*d], m[x*d:(x+1)*d]
			for y := 0; y < d; y++ {
				gx[y] += ax * u[y]
				mx[y] += alpha * vw[x] * u[y]
			}
		}
	}
	if train < 2*d {
		return nil
	}
	at := solveSPD(g, m, d) // Aᵀ = G⁻¹·Mᵀ
	if at == nil {
		return nil
	}
	out := map[string][]float32{}
	for w, a := range ctx {
		if _, known := v.index[w]; known || a.n < minContexts {
			continue
		}
		vec := make([]float32, d)
		for x := 0; x < d; x++ { // (A·u)_x = Σ_y A[x][y]·u_y = Σ_y Aᵀ[y][x]·u_y
			var s float64
			for y := 0; y < d; y++ {
				s += at[y*d+x] * a.sum[y] / float64(a.n)
			}
			vec[x] = float32(s)
		}
		out[w] = vec
	}
	return out
}

// solveSPD returns X = G⁻¹·Mᵀ for the symmetric positive semi-definite
// d×d matrix g (row-major), by Cholesky factorization of g plus a ridge
// of 1e-9 times its mean diagonal (for numerical safety only), or nil
// when g is singular even so.
func solveSPD(g, m []float64, d int) []float64 {
	var tr float64
	for j := 0; j < d; j++ {
		tr += g[j*d+j]
	}
	if tr <= 0 {
		return nil
	}
	l := make([]float64, d*d)
	copy(l, g)
	ridge := 1e-9 * tr / float64(d)
	for j := 0; j < d; j++ {
		l[j*d+j] += ridge
	}
	// In-place Cholesky: lower triangle of l becomes L with g = L·Lᵀ.
	for j := 0; j < d; j++ {
		s := l[j*d+j]
		for k := 0; k < j; k++ {
			s -= l[j*d+k] * l[j*d+k]
		}
		if s <= 0 {
			return nil
		}
		l[j*d+j] = math.Sqrt(s)
		for i := j + 1; i < d; i++ {
			t := l[i*d+j]
			for k := 0; k < j; k++ {
				t -= l[i*d+k] * l[j*d+k]
			}
			l[i*d+j] = t / l[j*d+j]
		}
	}
	x := make([]float64, d*d)
	col := make([]float64, d)
	for c := 0; c < d; c++ { // column c of Mᵀ is row c of M
		copy(col, m[c*d:(c+1)*d])
		for i := 0; i < d; i++ { // L·y = b
			t := col[i]
			for k := 0; k < i; k++ {
				t -= l[i*d+k] * col[k]
			}
			col[i] = t / l[i*d+i]
		}
		for i := d - 1; i >= 0; i-- { // Lᵀ·x = y
			t := col[i]
			for k := i + 1; k < d; k++ {
				t -= l[k*d+i] * col[k]
			}
			col[i] = t / l[i*d+i]
		}
		for i := 0; i < d; i++ {
			x[i*d+c] = col[i]
		}
	}
	return x
}

// induceOOV turns the induced vectors on (sifEmbed).
var induceOOV = os.Getenv("VERBATIM_INDUCE") != "off"

// addInduced adds to each document's mean the induced vectors of its
// out-of-vocabulary words, each at weight 1 (the SIF weight of a word
// rarer than every word with a vector), so that the row stays the
// weighted mean over all its words.
func addInduced(docs [][]string, v *Vectors, rows []float32, has []bool, counts []int) {
	ind := induced(docs, v, rows, counts)
	if len(ind) == 0 {
		return
	}
	d := v.dim
	parallel(len(docs), func(lo, hi, _ int) {
		for r := lo; r < hi; r++ {
			row := rows[r*d : (r+1)*d]
			c := float32(counts[r])
			added := 0
			for _, w := range docs[r] {
				vec, ok := ind[w]
				if !ok {
					continue
				}
				if added == 0 {
					for j := range row {
						row[j] *= c
					}
				}
				added++
				for j, x := range vec {
					row[j] += x
				}
			}
			if added > 0 {
				inv := 1 / (c + float32(added))
				for j := range row {
					row[j] *= inv
				}
				has[r] = true
			}
		}
	})
}

// wordContext is the sum of a word's context vectors over the n
// documents it occurs in (induced).
type wordContext struct {
	sum []float64
	n   int
}

// contexts sums each word's context vectors (induced), and reports
// whether docs hold a word without a vector. The words are shared out
// among the cores by a hash of the word, so each word's sums are still
// made in document order, as on one core.
func contexts(docs [][]string, v *Vectors, means []float32, counts []int) (map[string]*wordContext, bool) {
	shards := 1
	if len(docs) >= 2000 {
		shards = runtime.GOMAXPROCS(0)
	}
	ctxs, oov := make([]map[string]*wordContext, shards), make([]bool, shards)
	var wg sync.WaitGroup
	for k := range shards {
		wg.Go(func() { ctxs[k], oov[k] = shardContexts(docs, v, means, counts, k, shards) })
	}
	wg.Wait()
	for _, c := range ctxs[1:] {
		maps.Copy(ctxs[0], c)
	}
	return ctxs[0], slices.Contains(oov, true)
}

// shardContexts is contexts for the words whose hash is shard modulo
// shards.
func shardContexts(docs [][]string, v *Vectors, means []float32, counts []int, shard, shards int) (map[string]*wordContext, bool) {
	d := v.dim
	hn := math.Log(sifVocab) + 0.5772
	ctx := map[string]*wordContext{}
	oovSeen := false
	tmp := make([]float64, d)
	for r, doc := range docs {
		if counts[r] == 0 {
			continue
		}
		mean := means[r*d : (r+1)*d]
		for _, w := range doc {
			if shards > 1 && int(wordHash(w)%uint32(shards)) != shard {
				continue
			}
			i, known := v.index[w]
			if !known {
				oovSeen = true
			}
			if known && counts[r] < 2 {
				continue // no context left once w is taken out
			}
			a := ctx[w]
			if a == nil {
				a = &wordContext{sum: make([]float64, d)}
				ctx[w] = a
			}
			a.n++
			if !known {
				for j, x := range mean {
					a.sum[j] += float64(x)
				}
				continue
			}
			// The document's mean without this occurrence of w.
			clear(tmp)
			p := 1 / (float64(i+1) * hn)
			v.addScaled(int(i), sifA/(sifA+p), tmp)
			c := float64(counts[r])
			for j, x := range mean {
				a.sum[j] += (c*float64(x) - tmp[j]) / (c - 1)
			}
		}
	}
	return ctx, oovSeen
}

// wordHash is FNV-1a of w.
func wordHash(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	return h
}
