package glove

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// magic opens a quantized vectors file; see Encode for the layout.
const magic = "VBVECQ8\n"

// Set is a decoded quantized vector set: word i's vector is
// Scale[i]·Q[i·Dim : (i+1)·Dim].
type Set struct {
	Dim   int
	Words []string  // most frequent first
	Scale []float32 // one per word
	Q     []byte    // int8 two's complement, row-major, len(Words)×Dim
}

// Encode quantizes the row-major float vectors data (len(words)×dim) to 8
// bits per value with one scale per vector (its largest magnitude / 127)
// and writes them little-endian: the 8-byte magic "VBVECQ8\n", uint32
// word count, uint32 dim, the words (uint16 byte length, then the bytes),
// count float32 scales, then count×dim int8 values.
func Encode(w io.Writer, words []string, dim int, data []float32) error {
	if dim <= 0 || len(data) != len(words)*dim {
		return fmt.Errorf("glove: encode: %d values for %d words of %d dims", len(data), len(words), dim)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(magic)
	var hdr [8]byte
	binary.LittleEndian.PutUint32(hdr[0:], uint32(len(words)))
	binary.LittleEndian.PutUint32(hdr[4:], uint32(dim))
	bw.Write(hdr[:])
	for _, word := range words {
		if len(word) > math.MaxUint16 {
			return fmt.Errorf("glove: encode: word of %d bytes", len(word))
		}
		var l [2]byte
		binary.LittleEndian.PutUint16(l[:], uint16(len(word)))
		bw.Write(l[:])
		bw.WriteString(word)
	}
	scales := make([]float32, len(words))
	for i := range words {
		var m float64
		for _, x := range data[i*dim : (i+1)*dim] {
			m = max(m, math.Abs(float64(x)))
		}
		scales[i] = float32(m / 127)
		var b [4]byte
		binary.LittleEndian.PutUint32(b[:], math.Float32bits(scales[i]))
		bw.Write(b[:])
	}
	row := make([]byte, dim)
	for i := range words {
		for j, x := range data[i*dim : (i+1)*dim] {
			q := 0.0
			if scales[i] > 0 {
				q = math.Round(float64(x) / float64(scales[i]))
			}
			row[j] = byte(int8(max(-127, min(127, q))))
		}
		bw.Write(row)
	}
	return bw.Flush()
}

// Decode reads a set written by Encode. The values alias b (not copied);
// words and scales are copied.
func Decode(b []byte) (*Set, error) {
	bad := func(what string) error {
		return fmt.Errorf("glove: decode %s: %w", what, io.ErrUnexpectedEOF)
	}
	if len(b) < 16 || !bytes.Equal(b[:8], []byte(magic)) {
		return nil, errors.New("glove: decode: not a quantized vectors file")
	}
	count := int(binary.LittleEndian.Uint32(b[8:]))
	dim := int(binary.LittleEndian.Uint32(b[12:]))
	if dim <= 0 || dim > 4096 || count > 1<<26 {
		return nil, fmt.Errorf("glove: decode: implausible header (%d words × %d dims)", count, dim)
	}
	s := &Set{Dim: dim, Words: make([]string, count), Scale: make([]float32, count)}
	off := 16
	for i := range s.Words {
		if off+2 > len(b) {
			return nil, bad("words")
		}
		n := int(binary.LittleEndian.Uint16(b[off:]))
		off += 2
		if off+n > len(b) {
			return nil, bad("words")
		}
		s.Words[i] = string(b[off : off+n])
		off += n
	}
	if off+4*count > len(b) {
		return nil, bad("scales")
	}
	for i := range s.Scale {
		s.Scale[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[off:]))
		off += 4
	}
	if len(b)-off != count*dim {
		return nil, bad("values")
	}
	s.Q = b[off:]
	return s, nil
}
