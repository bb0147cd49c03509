GO ?= go

.PHONY: run test lint bench eval build

# Run the product on its embedded default: ./verbatim-data + samples/.
run:
	$(GO) run ./cmd/verbatim serve

build:
	$(GO) build -o verbatim ./cmd/verbatim

# The test command (CI runs exactly this, see .ci/run). The evaluations on
# real labelled data are too slow under the race detector and skip there;
# the second line runs them without it.
test:
	$(GO) test -race -count=1 -timeout 20m ./...
	$(GO) test -count=1 -timeout 10m -run 'RealData' ./persona/analysis

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@if $(GO) list -deps ./persona | grep -E 'gin-gonic|gorm.io|blevesearch/bleve|net/http$$'; then echo "persona must not import gin, gorm, bleve or net/http"; exit 1; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./... | tee bench.txt
