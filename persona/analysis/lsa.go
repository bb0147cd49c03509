package analysis

import (
	"math"
	"math/rand"

	"gonum.org/v1/gonum/mat"
)

// lsa is a latent semantic projection: the top right singular vectors of
// a TF-IDF matrix, found by randomized SVD (Halko, Martinsson and Tropp,
// 2011) on a sample of documents.
type lsa struct {
	d     int
	basis []float32 // Dim x d, row-major: feature j's coordinates
}

// fitLSA computes a d-dimensional projection from documents ids of s.
func fitLSA(s *Space, ids []int, d int, rng *rand.Rand) *lsa {
	v := s.Dim()
	d = max(1, min(d, v, len(ids)))
	l := min(d+10, v, len(ids))
	// Y = A Ω, then power iterations with re-orthonormalization.
	omega := make([]float64, v*l)
	for i := range omega {
		omega[i] = rng.NormFloat64()
	}
	y := mulA(s, ids, omega, l)
	orthonormalize(y, len(ids), l)
	for range 2 {
		z := mulAt(s, ids, y, l)
		orthonormalize(z, v, l)
		y = mulA(s, ids, z, l)
		orthonormalize(y, len(ids), l)
	}
	bt := mulAt(s, ids, y, l) // V x l = (Qᵀ A)ᵀ
	// C = B Bᵀ (l x l), whose eigenvectors are B's left singular vectors.
	c := mat.NewSymDense(l, nil)
	for a := 0; a < l; a++ {
		for b := a; b < l; b++ {
			var sum float64
			for j := 0; j < v; j++ {
				sum += bt[j*l+a] * bt[j*l+b]
			}
			c.SetSym(a, b, sum)
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(c, true) {
		return nil
	}
	vals := eig.Values(nil) // ascending
	var w mat.Dense
	eig.VectorsTo(&w)
	p := &lsa{d: d, basis: make([]float32, v*d)}
	for k := 0; k < d; k++ {
		col := l - 1 - k
		sigma := math.Sqrt(max(vals[col], 1e-12))
		for j := 0; j < v; j++ {
			var sum float64
			for a := 0; a < l; a++ {
				sum += bt[j*l+a] * w.At(a, col)
			}
			p.basis[j*d+k] = float32(sum / sigma)
		}
	}
	return p
}

// project embeds documents ids of s as unit rows.
func (p *lsa) project(s *Space, ids []int) densePoints {
	out := densePoints{d: p.d, data: make([]float32, len(ids)*p.d)}
	parallel(len(ids), func(lo, hi, _ int) {
		for r := lo; r < hi; r++ {
			row := out.data[r*p.d : (r+1)*p.d]
			idx, val := s.Row(ids[r])
			for k, j := range idx {
				b := p.basis[int(j)*p.d : (int(j)+1)*p.d]
				for c, x := range b {
					row[c] += val[k] * x
				}
			}
			var norm float64
			for _, x := range row {
				norm += float64(x) * float64(x)
			}
			if norm > 0 {
				inv := float32(1 / math.Sqrt(norm))
				for c := range row {
					row[c] *= inv
				}
			}
		}
	})
	return out
}

// mulA returns A x for the rows ids of s and x a Dim x l row-major matrix.
func mulA(s *Space, ids []int, x []float64, l int) []float64 {
	y := make([]float64, len(ids)*l)
	parallel(len(ids), func(lo, hi, _ int) {
		for r := lo; r < hi; r++ {
			out := y[r*l : (r+1)*l]
			idx, val := s.Row(ids[r])
			for k, j := range idx {
				w := float64(val[k])
				for c, xv := range x[int(j)*l : (int(j)+1)*l] {
					out[c] += w * xv
				}
			}
		}
	})
	return y
}

// mulAt returns Aᵀ y for the rows ids of s and y a len(ids) x l matrix.
func mulAt(s *Space, ids []int, y []float64, l int) []float64 {
	z := make([]float64, s.Dim()*l)
	for r, i := range ids {
		idx, val := s.Row(i)
		in := y[r*l : (r+1)*l]
		for k, j := range idx {
			w := float64(val[k])
			out := z[int(j)*l : (int(j)+1)*l]
			for c, yv := range in {
				out[c] += w * yv
			}
		}
	}
	return z
}

// orthonormalize makes the l columns of the rows x l row-major matrix a
// orthonormal by modified Gram–Schmidt, twice for stability. Columns that
// vanish are left zero.
func orthonormalize(a []float64, rows, l int) {
	for range 2 {
		for c := 0; c < l; c++ {
			for p := 0; p < c; p++ {
				var dot float64
				for r := 0; r < rows; r++ {
					dot += a[r*l+c] * a[r*l+p]
				}
				for r := 0; r < rows; r++ {
					a[r*l+c] -= dot * a[r*l+p]
				}
			}
			var norm float64
			for r := 0; r < rows; r++ {
				norm += a[r*l+c] * a[r*l+c]
			}
			if norm < 1e-20 {
				for r := 0; r < rows; r++ {
					a[r*l+c] = 0
				}
				continue
			}
			inv := 1 / math.Sqrt(norm)
			for r := 0; r < rows; r++ {
				a[r*l+c] *= inv
			}
		}
	}
}
