# The two commands in README.md: `make run` and `make test`.
.PHONY: run test setup build cli fuzz bench screenshots release

GO ?= go

# no_emoji: Fyne's bundled colour emoji font (10 MB, parsed at start-up for
# every text style) is left out; emoji in someone's text come from the
# system's fonts (issue 12: 33 MB of the app's resident memory).
APPTAGS ?= no_emoji

run: setup
	$(GO) run -tags $(APPTAGS) ./cmd/gapwise

test:
	scripts/test.sh

setup:
	scripts/setup.sh

build: setup
	mkdir -p bin
	$(GO) build -tags $(APPTAGS) -o bin/gapwise ./cmd/gapwise
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
