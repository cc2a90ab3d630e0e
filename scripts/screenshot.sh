#!/usr/bin/env bash
# Starts the desktop app under Xvfb at 1280x800 on a throwaway database and
# saves a PNG of the screen: screenshot.sh OUT.png [SECONDS] [-- xdotool steps...]
# Each extra argument after -- is one xdotool command line run in order, with
# a short pause between them, e.g. "mousemove 300 60 click 1".
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-screenshots/app.png}; shift || true
wait=${1:-4}; shift || true
[ "${1:-}" = "--" ] && shift
mkdir -p "$(dirname "$out")" bin
go build -tags no_emoji -o bin/gapwise ./cmd/gapwise # as make build does
tmp=$(mktemp -d)
steps=$(printf '%q ' "$@")
xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
  bin/gapwise --db '$tmp/gapwise.db' >'$tmp/app.log' 2>&1 &
  app=\$!
  sleep $wait
  for s in $steps; do xdotool \$s; sleep 1; done
  xwd -root -silent > '$tmp/screen.xwd'
  kill \$app
"
convert "$tmp/screen.xwd" "$out"
rm -rf "$tmp"
echo "wrote $out"
