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

echo "== go vet"
CGO_ENABLED=0 go vet -tags ci ./...

echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags ci ./...

echo "== the CLI builds without cgo"
CGO_ENABLED=0 go build -o /dev/null ./cmd/gapwise-cli

echo "== go test"
CGO_ENABLED=0 go test -tags ci -count=1 ./...

echo "== desktop app builds (cgo, real driver)"
go build -o /dev/null ./cmd/gapwise

# Most users are on Windows: a change that breaks either Windows program, or
# Windows-only code, must fail here.
echo "== Windows: the app (cgo with mingw-w64, GUI subsystem) and the CLI cross-compile"
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc go build -ldflags "-H windowsgui" -o /dev/null ./cmd/gapwise
scripts/wine-smoke.sh
echo "all checks passed"
