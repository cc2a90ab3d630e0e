#!/usr/bin/env bash
# The whole test suite, as CI runs it: set-up, formatting, vet, staticcheck,
# every test headless (Fyne's test driver via -tags ci), then a real cgo
# build of the desktop app so a broken GUI build cannot pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
command -v go >/dev/null 2>&1 || export PATH="/usr/local/go/bin:$PATH"

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "not gofmt-formatted:"; echo "$unformatted"; exit 1
fi

echo "== go.mod and go.sum are tidy"
go mod tidy -diff

echo "== go vet"
CGO_ENABLED=0 go vet -tags ci ./...

echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags ci ./...

echo "== the CLI builds without cgo"
CGO_ENABLED=0 go build -o /dev/null ./cmd/gapwise-cli

echo "== go test"
CGO_ENABLED=0 go test -tags ci -count=1 ./...

# The race detector (needs cgo) where goroutines really meet: the store's
# connection pool and concurrent writers (the whole package), the
# workspace's cache and change subscribers, and the UI's rating save queue
# and newest-wins loads. The rest of ui/ and workspace/ runs inline (the
# Fyne test driver runs fyne.Do on the calling goroutine, so a whole-UI run
# on real goroutines would report races the app cannot have); running them
# all under -race took 5 minutes more on this machine and found nothing more.
echo "== go test -race (store; workspace and ui concurrency tests)"
go test -race -tags ci -count=1 ./internal/store
go test -race -tags ci -count=1 -run 'TestConcurrentUse|TestChangesPublishEvents' ./internal/workspace
go test -race -tags ci -count=1 -run 'TestSaver|TestNewestLoadWins' ./ui

echo "== desktop app builds (cgo, real driver)"
go build -o /dev/null ./cmd/gapwise

# Most users are on Windows: a change that breaks either Windows program, or
# Windows-only code, must fail here.
echo "== Windows: the app (cgo with mingw-w64, GUI subsystem) and the CLI cross-compile"
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc go build -ldflags "-H windowsgui" -o /dev/null ./cmd/gapwise
scripts/wine-smoke.sh
echo "all checks passed"
