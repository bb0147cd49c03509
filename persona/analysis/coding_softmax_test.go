package analysis

import (
	"context"
	"math"
	"testing"
)

// TestCoderFeaturesWeight checks that the word vectors' weight w scales a
// row's TF-IDF features by 2·(1−w) and its word-vector features by 2·w.
func TestCoderFeaturesWeight(t *testing.T) {
	quotes, _ := codingCorpus(10, 0, 1)
	c, err := NewCoder(context.Background(), quotes, CodingOptions{Vectors: EmbeddedVectors()}) // not the default: CI runs it with VERBATIM_VECTORS=off
	if err != nil {
		t.Fatal(err)
	}
	sd := int32(c.pts.s.sparseDim)
	idx, raw := c.features(0, 0.5, nil)
	var sparse, dense int
	for _, j := range idx {
		if j < sd {
			sparse++
		} else {
			dense++
		}
	}
	if sparse == 0 || dense == 0 {
		t.Fatalf("row 0 has %d TF-IDF and %d vector features; want both", sparse, dense)
	}
	raw = append([]float32(nil), raw...)
	tests := []struct {
		name          string
		w             float64
		tfidf, vector float64
	}{
		{"equal", 0.5, 1, 1},
		{"TF-IDF only", 0, 2, 0},
		{"vectors only", 1, 0, 2},
		{"a quarter vectors", 0.25, 1.5, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx2, val := c.features(0, tt.w, nil)
			if len(idx2) != len(idx) {
				t.Fatalf("%d features; want %d", len(idx2), len(idx))
			}
			for q, j := range idx2 {
				f := tt.tfidf
				if j >= sd {
					f = tt.vector
				}
				if want := float64(raw[q]) * f; math.Abs(float64(val[q])-want) > 1e-6 {
					t.Fatalf("feature %d = %g; want %g", j, val[q], want)
				}
			}
		})
	}
}

// TestCalibrateKeepsEqualWeight checks that the weight stays at ½ when no
// other is measurably better: without word vectors, w = 1 leaves nothing
// to learn from and w = 0 is the same features doubled.
func TestCalibrateKeepsEqualWeight(t *testing.T) {
	quotes, topic := codingCorpus(30, 0, 1)
	c, err := NewCoder(context.Background(), quotes, CodingOptions{NoVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	lab, names, err := c.seedLabels(codingSeeds(topic, 4))
	if err != nil {
		t.Fatal(err)
	}
	cal := c.calibrate(lab, len(names))
	if cal.dense != 0.5 || !cal.fitted {
		t.Errorf("calibrate = %+v; want the weight ½ and a fitted curve", cal)
	}
}

// TestSeededEvalProductView checks the product's view: scored on the same
// texts as the full coding, only when asked, and on clean topics as good
// as the codes.
func TestSeededEvalProductView(t *testing.T) {
	ctx := context.Background()
	e, _ := labelledCodingEval(t, 1)
	r, err := e.Run(ctx, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Product != nil {
		t.Errorf("product's view scored without Themes: %+v", r.Product)
	}
	e.Themes = true
	r, err = e.Run(ctx, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Product == nil {
		t.Fatal("no product's view with Themes")
	}
	if r.Product.N != r.N {
		t.Errorf("product's view scores %d texts; the coding %d", r.Product.N, r.N)
	}
	if r.Product.ACC < 0.9 {
		t.Errorf("product's view ACC %.2f on three clean topics; want ≥ .9 (coding: ACC %.2f, coverage %.2f)", r.Product.ACC, r.ACC, r.Coverage)
	}
}
