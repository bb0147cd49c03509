#!/usr/bin/env bash
# Regenerates persona/analysis/seed/sentiment.tsv, the sentiment lexicons the
# ring classifier embeds, from two npm packages:
#   vader-sentiment@1.1.3 (Apache-2.0, Copyright 2018 Comcast Cable
#     Communications Management, LLC; a port of VADER by C.J. Hutto and
#     E. Gilbert, whose lexicon is MIT-licensed): 7,337 words, negations, boosters
#   natural@8.1.1 (MIT): its English Pattern lexicon (from CLiPS Pattern,
#     BSD-3-Clause; T. De Smedt & W. Daelemans), 1,528 adjectives with the
#     polarity they carry in product reviews ("slow", "expensive", "complicated")
# Needs npm and node; run from the repository root:
#   bash scripts/gen_sentiment_lexicon.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent vader-sentiment@1.1.3 natural@8.1.1 >/dev/null &&
	mkdir vader natural && tar xzf vader-sentiment-1.1.3.tgz -C vader && tar xzf natural-8.1.1.tgz -C natural)
out="$root/persona/analysis/seed/sentiment.tsv"
node "$root/scripts/sentiment_to_tsv.js" "$tmp/vader/package" "$tmp/natural/package" > "$out"
echo "wrote persona/analysis/seed/sentiment.tsv ($(wc -l < "$out") lines)"
