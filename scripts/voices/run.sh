#!/bin/bash
# run.sh TAG  -> runs the 4 sets with ./verbatim in cwd
TAG=$1; BIN=${BIN:-./verbatim}
Q=/work/shared/data/qmsum_meetings
run() { name=$1; shift; D=$(mktemp -d ${OUT:-/tmp/voices}/$name.XXXX); $BIN ingest --data $D --study s "$@" >/dev/null 2>&1; $BIN analyze --data $D --study s --json > ${OUT:-/tmp/voices}/$name.$TAG.an.json; $BIN export quotes --data $D --study s --format json > ${OUT:-/tmp/voices}/$name.$TAG.q.json; echo "== $name"; python3 scripts/voices/measure.py ${OUT:-/tmp/voices}/$name.$TAG.an.json ${OUT:-/tmp/voices}/$name.$TAG.q.json $EXTRA > ${OUT:-/tmp/voices}/$name.$TAG.txt; head -6 ${OUT:-/tmp/voices}/$name.$TAG.txt; rm -rf $D; }
run ml /work/shared/data/ml_practitioner_interviews/
EXTRA=$Q/Committee run committee $Q/Committee/covid_*.json
run product $Q/Product/ES200[2-5]*.json
run capterra /work/shared/data/capterra_azure_reviews/capterra_azure_reviews.csv
