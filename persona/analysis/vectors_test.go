package analysis

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func tinyVectors(t *testing.T) *Vectors {
	t.Helper()
	v, err := NewVectors([]string{"card", "refund", "money", "back", "pin"}, 3, []float32{
		1, 0, 0,
		0, 1, 0,
		0, 0.9, 0.1,
		0.1, 0.2, 0.3,
		0.5, 0.5, 0,
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestLoadVectors(t *testing.T) {
	v := tinyVectors(t)
	path := filepath.Join(t.TempDir(), "tiny.f32")
	var buf bytes.Buffer
	if err := v.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadVectors(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Len() != 5 || got.Dim() != 3 {
		t.Fatalf("Len, Dim = %d, %d; want 5, 3", got.Len(), got.Dim())
	}
	if diff := cmp.Diff(v.words, got.words); diff != "" {
		t.Errorf("words (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(v.data, got.data); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if r := got.Rank("money"); r != 2 || got.Rank("cash") != -1 {
		t.Errorf("Rank(money), Rank(cash) = %d, %d; want 2, -1", r, got.Rank("cash"))
	}
	top, err := LoadVectorsTop(path, 2)
	if err != nil {
		t.Fatal(err)
	}
	if top.Len() != 2 || top.Rank("refund") != 1 || top.Rank("money") != -1 || top.Vector(1)[1] != 1 {
		t.Errorf("top 2: %v %v", top.words, top.data)
	}
	// Truncated and foreign files are errors, not panics.
	for _, bad := range [][]byte{buf.Bytes()[:len(buf.Bytes())-5], buf.Bytes()[:20], []byte("not a vectors file at all")} {
		if _, err := ReadVectors(bytes.NewReader(bad), 0); err == nil {
			t.Errorf("ReadVectors(%d bytes): no error", len(bad))
		}
	}
	if vectorsFrom("") != nil || vectorsFrom(filepath.Join(t.TempDir(), "missing")) != nil {
		t.Error("vectorsFrom of no file is not nil")
	}
	if vectorsFrom(path) == nil {
		t.Error("vectorsFrom(path) is nil")
	}
}

func TestSIFRemovesPrincipalComponent(t *testing.T) {
	v := tinyVectors(t)
	docs := [][]string{{"card"}, {"refund", "money"}, {"money", "back"}, {"pin", "card"}, {"unknown"}, {}}
	rows, has := sifEmbed(docs, v)
	if diff := cmp.Diff([]bool{true, true, true, true, false, false}, has); diff != "" {
		t.Errorf("has (-want +got):\n%s", diff)
	}
	for _, r := range []int{4, 5} {
		for _, x := range rows[r*3 : r*3+3] {
			if x != 0 {
				t.Errorf("row %d of a document without known words is not zero: %v", r, rows[r*3:r*3+3])
			}
		}
	}
	// energy is the share of the rows' squared norm along their leading
	// principal direction.
	energy := func(rows []float32) (top, total float64) {
		g := make([]float64, 9)
		for r := 0; r < len(rows)/3; r++ {
			for a := 0; a < 3; a++ {
				for b := 0; b < 3; b++ {
					g[a*3+b] += float64(rows[r*3+a]) * float64(rows[r*3+b])
				}
			}
		}
		u := principal(g, 3)
		for a := 0; a < 3; a++ {
			total += g[a*3+a]
			for b := 0; b < 3; b++ {
				top += u[a] * g[a*3+b] * u[b]
			}
		}
		return top, total
	}
	// The same rows without PC removal: rebuild them by hand (SIF weights
	// from rank, mean).
	hn := math.Log(sifVocab) + 0.5772
	w := func(rank int) float64 { p := 1 / (float64(rank+1) * hn); return sifA / (sifA + p) }
	raw := make([]float32, 0, 12)
	for _, d := range docs[:4] {
		var s [3]float64
		for _, word := range d {
			r := v.Rank(word)
			for j, x := range v.Vector(r) {
				s[j] += w(r) * float64(x) / float64(len(d))
			}
		}
		raw = append(raw, float32(s[0]), float32(s[1]), float32(s[2]))
	}
	topRaw, totRaw := energy(raw)
	// Before: the rows share a dominant direction.
	if topRaw/totRaw < 0.5 {
		t.Fatalf("test data has no dominant direction: %.2f", topRaw/totRaw)
	}
	// After: each row is the raw row minus its projection on raw's first
	// principal component u, so orthogonal to u.
	g := make([]float64, 9)
	for r := 0; r < 4; r++ {
		for a := 0; a < 3; a++ {
			for b := 0; b < 3; b++ {
				g[a*3+b] += float64(raw[r*3+a]) * float64(raw[r*3+b])
			}
		}
	}
	u := principal(g, 3)
	for r := 0; r < 4; r++ {
		var p float64
		for j := 0; j < 3; j++ {
			p += float64(rows[r*3+j]) * u[j]
			want := float64(raw[r*3+j])
			var pr float64
			for k := 0; k < 3; k++ {
				pr += float64(raw[r*3+k]) * u[k]
			}
			want -= pr * u[j]
			if math.Abs(float64(rows[r*3+j])-want) > 1e-5 {
				t.Errorf("row %d dim %d = %v; want %v", r, j, rows[r*3+j], want)
			}
		}
		if math.Abs(p) > 1e-5 {
			t.Errorf("row %d has projection %v on the first principal component", r, p)
		}
	}
}

func TestJoinedSpace(t *testing.T) {
	v := tinyVectors(t)
	words := [][]string{{"card", "pin"}, {"refund", "money"}, {"money", "back"}, {"zzz"}, {"card"}}
	docs := make([][]string, len(words))
	for i, d := range words {
		for _, w := range d {
			docs[i] = append(docs[i], stem(w))
		}
	}
	plain := NewSpace(docs)
	opt := DefaultSpaceOptions
	opt.Vectors, opt.Words = v, words
	s := NewSpaceWith(docs, opt)
	if s.Dim() != plain.Dim()+3 || s.sparseDim != plain.Dim() || s.Term(plain.Dim()) != "~vec0" {
		t.Fatalf("Dim %d sparseDim %d; want %d, %d", s.Dim(), s.sparseDim, plain.Dim()+3, plain.Dim())
	}
	for i := 0; i < s.Len(); i++ {
		idx, val := s.Row(i)
		var norm float64
		for _, x := range val {
			norm += float64(x) * float64(x)
		}
		if math.Abs(norm-1) > 1e-5 {
			t.Errorf("row %d norm² %v; want 1", i, norm)
		}
		si, sv := s.sparseRow(i)
		pi, pv := plain.Row(i)
		if i == 3 { // no known word: the TF-IDF row alone
			if s.denseRow(i) != nil || !cmp.Equal(si, pi) || !cmp.Equal(sv, pv) {
				t.Errorf("row 3 = %v %v; want the plain row %v %v", idx, val, pi, pv)
			}
			continue
		}
		if len(s.denseRow(i)) != 3 {
			t.Errorf("row %d has no word-vector part: %v", i, idx)
		}
		for k := range pv { // the TF-IDF part is the plain row scaled by √½
			if si[k] != pi[k] || math.Abs(float64(sv[k])-float64(pv[k])*math.Sqrt(0.5)) > 1e-6 {
				t.Errorf("row %d feature %d = %v; want %v·√½", i, si[k], sv[k], pv[k])
			}
		}
	}
	// Cosine is the mean of the TF-IDF and word-vector cosines.
	want := 0.5*plain.Similarity(0, 4) + 0.5*float64(dot32(s.denseRow(0), s.denseRow(4)))/
		math.Sqrt(float64(dot32(s.denseRow(0), s.denseRow(0)))*float64(dot32(s.denseRow(4), s.denseRow(4))))
	if got := s.Similarity(0, 4); math.Abs(got-want) > 1e-5 {
		t.Errorf("Similarity(0, 4) = %v; want %v", got, want)
	}
	// The clustering runs on the joined space and the vectors change
	// nothing without words.
	if c := s.Cluster(ClusterOptions{K: 2, Seed: 1}); c.K != 2 || len(c.Assign) != 5 {
		t.Errorf("Cluster: %+v", c)
	}
	opt.Words = nil
	if got := NewSpaceWith(docs, opt); !cmp.Equal(got.val, plain.val) || got.Dim() != plain.Dim() {
		t.Error("vectors without words changed the space")
	}
}

func TestVectorsFor(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiny.f32")
	var buf bytes.Buffer
	if err := tinyVectors(t).Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		setting string
		want    int // words; 0 for nil
	}{
		{"", 100000},
		{VectorsOff, 0},
		{"none", 0},
		{path, 5},
		{filepath.Join(t.TempDir(), "missing"), 100000},
	}
	for _, tt := range tests {
		got := 0
		if v := vectorsFor(tt.setting); v != nil {
			got = v.Len()
		}
		if got != tt.want {
			t.Errorf("vectorsFor(%q) has %d words; want %d", tt.setting, got, tt.want)
		}
	}
}

// TestEmbeddedVectorsMatchFull compares the embedded 8-bit vectors with the
// float32 file $VERBATIM_VECTORS names, when it names one: every sampled
// word's vector keeps cosine ≥ 0.999 with its original.
func TestEmbeddedVectorsMatchFull(t *testing.T) {
	full := vectorsFrom(os.Getenv(VectorsEnv))
	if full == nil {
		t.Skipf("$%s names no vectors file (make vectors)", VectorsEnv)
	}
	emb := EmbeddedVectors()
	for i := 0; i < emb.Len(); i += 997 {
		if full.Word(i) != emb.Word(i) {
			t.Fatalf("word %d: %q embedded, %q in the file", i, emb.Word(i), full.Word(i))
		}
		a, b := full.Vector(i), emb.Vector(i)
		var dot, na, nb float64
		for j := range a {
			dot += float64(a[j]) * float64(b[j])
			na += float64(a[j]) * float64(a[j])
			nb += float64(b[j]) * float64(b[j])
		}
		if c := dot / math.Sqrt(na*nb); c < 0.999 {
			t.Errorf("%q: cosine %.5f to the float32 vector; want ≥ 0.999", emb.Word(i), c)
		}
	}
}
