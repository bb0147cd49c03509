package glove

import (
	"bytes"
	"math"
	"testing"
)

func TestEncodeDecode(t *testing.T) {
	words := []string{"card", "refund", "zero"}
	data := []float32{
		1, -0.5, 0.25,
		-2, 0.001, 2,
		0, 0, 0,
	}
	var buf bytes.Buffer
	if err := Encode(&buf, words, 3, data); err != nil {
		t.Fatal(err)
	}
	s, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if s.Dim != 3 || len(s.Words) != 3 || s.Words[1] != "refund" {
		t.Fatalf("Dim %d, Words %q; want 3, [card refund zero]", s.Dim, s.Words)
	}
	for i := range words {
		for j := 0; j < 3; j++ {
			got := float64(s.Scale[i]) * float64(int8(s.Q[i*3+j]))
			want := float64(data[i*3+j])
			// Half a quantization step of the word's largest magnitude.
			if tol := float64(s.Scale[i])/2 + 1e-7; math.Abs(got-want) > tol {
				t.Errorf("word %d dim %d = %g; want %g ± %g", i, j, got, want, tol)
			}
		}
	}
	b := buf.Bytes()
	for _, bad := range [][]byte{b[:len(b)-1], b[:20], b[:10], []byte("VBVEC1\n\x00 not this one")} {
		if _, err := Decode(bad); err == nil {
			t.Errorf("Decode(%d bytes): no error", len(bad))
		}
	}
	if err := Encode(&buf, words, 2, data); err == nil {
		t.Error("Encode with a wrong dim: no error")
	}
}

func TestEmbedded(t *testing.T) {
	s, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if s.Dim != 100 || len(s.Words) != 100000 || len(s.Q) != 100*100000 {
		t.Fatalf("embedded: %d words × %d dims, %d values; want 100000 × 100", len(s.Words), s.Dim, len(s.Q))
	}
	// GloVe's order is by frequency: "the" comes first.
	if s.Words[0] != "the" {
		t.Errorf("first word %q; want the", s.Words[0])
	}
}
