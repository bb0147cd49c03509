#!/usr/bin/env bash
# Regenerates persona/analysis/seed/vader.tsv, the sentiment lexicon the ring
# classifier embeds, from the npm package vader-sentiment@1.1.3 (Apache-2.0,
# Copyright 2018 Comcast Cable Communications Management, LLC; a port of
# VADER by C.J. Hutto and E. Gilbert, whose lexicon is MIT-licensed).
# Needs npm and node; run from the repository root: bash scripts/gen_vader_lexicon.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent vader-sentiment@1.1.3 >/dev/null && tar xzf vader-sentiment-1.1.3.tgz)
node "$root/scripts/vader_to_tsv.js" "$tmp/package" > "$root/persona/analysis/seed/vader.tsv"
echo "wrote persona/analysis/seed/vader.tsv ($(wc -l < "$root/persona/analysis/seed/vader.tsv") lines)"
