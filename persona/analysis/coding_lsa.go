package analysis

import (
	"math"
	"math/rand"
)

// The study's own representation (session seeded9): latent semantic
// analysis of the quotes' TF-IDF rows (Deerwester et al. 1990), a
// truncated SVD computed by a randomized range finder (Halko, Martinsson
// and Tropp 2011). Two quotes that share no word but whose words occur in
// the same other quotes of the study get close, which the word vectors
// cannot do for words GloVe lacks. Each quote's LSA vector is smoothed
// over its neighbours as its TF-IDF row is, and joined to the regression's
// features with the weight the seeds choose (lsaWeights).
const (
	lsaDim        = 100 // dimensions kept
	lsaOversample = 10  // extra random directions of the range finder
	lsaPower      = 2   // power iterations (sharper spectrum)
)

// lsaVectors are the rows' LSA vectors (n × d, row-major, each of unit
// length or zero), smoothed with the rows' neighbours (nb, nw) at share
// alpha, as smoothed does for the TF-IDF rows. It returns nil when the
// study has too few quotes or terms for d dimensions.
func lsaVectors(s *Space, ids []int, nb [][]int32, nw [][]float32, alpha float64) ([]float32, int) {
	n := len(ids)
	l := lsaDim + lsaOversample
	if n < 2*l || s.sparseDim < 2*l {
		return nil, 0
	}
	V := s.sparseDim
	rng := rand.New(rand.NewSource(1))
	// A is n × V (the TF-IDF rows); Y = A·Ω, Ω Gaussian V × l.
	omega := make([]float64, V*l)
	for i := range omega {
		omega[i] = rng.NormFloat64()
	}
	mulA := func(x []float64) []float64 { // A·x, x V × l, out n × l
		out := make([]float64, n*l)
		parallel(n, func(lo, hi, _ int) {
			for r := lo; r < hi; r++ {
				idx, val := s.sparseRow(ids[r])
				o := out[r*l : (r+1)*l]
				for q, j := range idx {
					v, xr := float64(val[q]), x[int(j)*l:int(j+1)*l]
					for c := range o {
						o[c] += v * xr[c]
					}
				}
			}
		})
		return out
	}
	mulAt := func(y []float64) []float64 { // Aᵀ·y, y n × l, out V × l
		out := make([]float64, V*l)
		for r := range n {
			idx, val := s.sparseRow(ids[r])
			yr := y[r*l : (r+1)*l]
			for q, j := range idx {
				v, o := float64(val[q]), out[int(j)*l:int(j+1)*l]
				for c := range o {
					o[c] += v * yr[c]
				}
			}
		}
		return out
	}
	Q := orthonormal(mulA(omega), n, l)
	for range lsaPower {
		Z := orthonormal(mulAt(Q), V, l)
		Q = orthonormal(mulA(Z), n, l)
	}
	// B = Qᵀ·A (l × V); B·Bᵀ = W·Λ·Wᵀ; the rows' vectors are Q·W·Λ^½ (U·S).
	Bt := mulAt(Q) // V × l, = Bᵀ
	bb := make([]float64, l*l)
	for j := range V {
		b := Bt[j*l : (j+1)*l]
		for a := range l {
			if b[a] == 0 {
				continue
			}
			for c := a; c < l; c++ {
				bb[a*l+c] += b[a] * b[c]
			}
		}
	}
	for a := range l {
		for c := 0; c < a; c++ {
			bb[a*l+c] = bb[c*l+a]
		}
	}
	lam, W := jacobiEigen(bb, l)
	order := make([]int, l)
	for i := range order {
		order[i] = i
	}
	// Largest eigenvalues first.
	for i := range order {
		for j := i + 1; j < l; j++ {
			if lam[order[j]] > lam[order[i]] {
				order[i], order[j] = order[j], order[i]
			}
		}
	}
	d := lsaDim
	proj := make([]float64, l*d) // W·Λ^½ restricted to the top d
	for c := range d {
		e := order[c]
		sq := math.Sqrt(math.Max(lam[e], 0))
		for a := range l {
			proj[a*d+c] = W[a*l+e] * sq
		}
	}
	raw := make([]float64, n*d)
	parallel(n, func(lo, hi, _ int) {
		for r := lo; r < hi; r++ {
			q, o := Q[r*l:(r+1)*l], raw[r*d:(r+1)*d]
			for a, x := range q {
				if x == 0 {
					continue
				}
				p := proj[a*d : (a+1)*d]
				for c := range o {
					o[c] += x * p[c]
				}
			}
			unitF64(o)
		}
	})
	out := make([]float32, n*d)
	parallel(n, func(lo, hi, _ int) {
		sum := make([]float64, d)
		for r := lo; r < hi; r++ {
			copy(sum, raw[r*d:(r+1)*d])
			for q, o := range nb[r] {
				w := alpha * float64(nw[r][q])
				for c, x := range raw[int(o)*d : int(o+1)*d] {
					sum[c] += w * x
				}
			}
			unitF64(sum)
			for c, x := range sum {
				out[r*d+c] = float32(x)
			}
		}
	})
	return out, d
}

// unitF64 scales x to unit length (a zero vector stays zero).
func unitF64(x []float64) {
	var s float64
	for _, v := range x {
		s += v * v
	}
	if s == 0 {
		return
	}
	inv := 1 / math.Sqrt(s)
	for i := range x {
		x[i] *= inv
	}
}

// orthonormal orthonormalises the l columns of the rows × l matrix x
// (row-major) in place by modified Gram-Schmidt, twice for stability; a
// column that vanishes is left zero.
func orthonormal(x []float64, rows, l int) []float64 {
	for range 2 {
		for c := range l {
			for p := 0; p < c; p++ {
				var dot float64
				for r := range rows {
					dot += x[r*l+c] * x[r*l+p]
				}
				for r := range rows {
					x[r*l+c] -= dot * x[r*l+p]
				}
			}
			var norm float64
			for r := range rows {
				norm += x[r*l+c] * x[r*l+c]
			}
			norm = math.Sqrt(norm)
			if norm < 1e-12 {
				for r := range rows {
					x[r*l+c] = 0
				}
				continue
			}
			for r := range rows {
				x[r*l+c] /= norm
			}
		}
	}
	return x
}

// jacobiEigen is the eigenvalues and eigenvectors (columns of the l × l
// row-major result) of the symmetric l × l matrix a, by cyclic Jacobi
// rotations.
func jacobiEigen(a []float64, l int) ([]float64, []float64) {
	a = append([]float64(nil), a...)
	v := make([]float64, l*l)
	for i := range l {
		v[i*l+i] = 1
	}
	for sweep := 0; sweep < 50; sweep++ {
		var off float64
		for p := range l {
			for q := p + 1; q < l; q++ {
				off += a[p*l+q] * a[p*l+q]
			}
		}
		if off < 1e-20 {
			break
		}
		for p := range l {
			for q := p + 1; q < l; q++ {
				apq := a[p*l+q]
				if math.Abs(apq) < 1e-300 {
					continue
				}
				theta := (a[q*l+q] - a[p*l+p]) / (2 * apq)
				t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				cs := 1 / math.Sqrt(t*t+1)
				sn := t * cs
				for k := range l {
					akp, akq := a[k*l+p], a[k*l+q]
					a[k*l+p], a[k*l+q] = cs*akp-sn*akq, sn*akp+cs*akq
				}
				for k := range l {
					apk, aqk := a[p*l+k], a[q*l+k]
					a[p*l+k], a[q*l+k] = cs*apk-sn*aqk, sn*apk+cs*aqk
				}
				for k := range l {
					vkp, vkq := v[k*l+p], v[k*l+q]
					v[k*l+p], v[k*l+q] = cs*vkp-sn*vkq, sn*vkp+cs*vkq
				}
			}
		}
	}
	lam := make([]float64, l)
	for i := range l {
		lam[i] = a[i*l+i]
	}
	return lam, v
}

// lsaOn builds the LSA view in newCoder.
var lsaOn = false
