#!/bin/bash
# Reads four real sets as a user would (docs/OBJECTIONS.md, docs/VOICES.md
# "Session quotes8"): ingests each into OUT/TAG-SET, analyses it, asks
# four objections with --all-rings (queries.txt) and, when SHOOT is a
# screenshot binary (go build -o /tmp/shoot ./scripts/shoot), serves it
# and takes the persona page, the themes and the objection search.
# usage: scripts/readsets/read.sh BIN TAG PORTBASE [OUT]   (data in ../shared/data)
set -u
V=$1; T=$2; P=$3; OUT=${4:-/tmp/readsets}; D=${DATA:-$(dirname "$0")/../../../shared/data}; SHOOT=${SHOOT:-/tmp/shoot}
one() { # NAME PORT QUERY PATHS...
	local n=$1 port=$2 q=$3; shift 3
	local dir=$OUT/$T-$n; rm -rf "$dir"; mkdir -p "$dir/data" "$dir/shots"
	VERBATIM_PASSWORD=readpass123 $V user add lead --role admin --data "$dir/data" >/dev/null
	$V ingest --data "$dir/data" --study S "$@" > "$dir/ingest.txt" 2>&1
	$V analyze --data "$dir/data" --study S > "$dir/analyze.txt" 2>&1
	$V objections --data "$dir/data" --study S "$q" > "$dir/obj.txt" 2>&1
	if [ -x "$SHOOT" ]; then
		$V serve --data "$dir/data" --addr 127.0.0.1:$port --no-demo > "$dir/serve.log" 2>&1 &
		local sp=$!; sleep 3
		VERBATIM_PASSWORD=readpass123 $SHOOT -base http://127.0.0.1:$port -user lead -out "$dir/shots" -max-height 2400 \
			/personas/1 /studies/1/themes "/search?q=${q// /+}&study=1" > "$dir/shoot.log" 2>&1
		kill $sp
	fi
}
queries() { # NAME QUERY...
	local n=$1; shift
	for x in "$@"; do echo "=== $x"; $V objections --data "$OUT/$T-$n/data" --study S --all-rings "$x" 2>&1 | head -40; done > "$OUT/$T-$n/queries.txt"
}
one es2008 $((P+1)) "remote too expensive" $D/qmsum_meetings/Product/ES2008{a,b,c,d}.json
one icsi $((P+2)) "too slow" $D/qmsum_meetings/Academic/Bed01{0,1,2}.json
one ml $((P+3)) "labelling data is too expensive" $D/ml_practitioner_interviews/Interview_*.txt
one capterra $((P+4)) "too expensive" $D/capterra_azure_reviews/capterra_azure_reviews.csv
queries es2008 "remote too expensive" "buttons are hard to use" "the battery is unreliable" "we already have a remote"
queries icsi "too slow" "hard to use" "too expensive" "the recognizer is unreliable"
queries ml "labelling data is too expensive" "models are slow in production" "hard to explain to stakeholders" "deployment is risky"
queries capterra "too expensive" "support is slow" "security risk" "hard to learn"
