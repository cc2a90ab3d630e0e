# The two commands in README.md: `make run` and `make test`.
.PHONY: run test setup build cli fuzz bench screenshots release

GO ?= go

run: setup
	$(GO) run ./cmd/gapwise

test:
	scripts/test.sh

setup:
	scripts/setup.sh

build: setup
	mkdir -p bin
	$(GO) build -o bin/gapwise ./cmd/gapwise
	CGO_ENABLED=0 $(GO) build -o bin/gapwise-cli ./cmd/gapwise-cli

cli:
	mkdir -p bin
	CGO_ENABLED=0 $(GO) build -o bin/gapwise-cli ./cmd/gapwise-cli

# Each fuzz target for FUZZTIME (default 30s).
FUZZTIME ?= 30s
fuzz:
	scripts/fuzz.sh $(FUZZTIME)

# -p 1: one package at a time, so benchmarks of different packages do not
# share the two cores and skew each other (figures were 2-30x worse).
bench:
	CGO_ENABLED=0 $(GO) test -p 1 -tags ci -run '^$$' -bench . -benchmem ./...

screenshots: setup
	scripts/screenshot.sh

# The Windows app and CLI (portable zip) and the Linux package, into dist/.
release:
	scripts/release.sh
