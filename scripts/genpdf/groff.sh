#!/bin/sh
# Renders interview.ms into a PDF written by a real PDF writer (groff's
# gropdf: embedded Type1 fonts, kerning, hyphenation) for the ingest
# fixtures. Needs groff (apt-get install groff); the tests do not.
set -e
cd "$(dirname "$0")/../.."
groff -ms -T pdf -dpaper=a6 -P-pa6 scripts/genpdf/interview.ms > persona/ingest/testdata/transcripts/groff_ms.pdf
