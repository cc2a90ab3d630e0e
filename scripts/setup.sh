#!/usr/bin/env bash
# Installs what Gapwise needs to build and run on Debian/Ubuntu: the C
# libraries Fyne's desktop driver links (cgo), mingw-w64 to cross-build the
# Windows app (cgo), Xvfb for headless screenshots, poppler-utils and qpdf for
# checking PDFs, zip and xz for `make release`, and the Go modules. Safe to
# run again: it installs only what is missing. Uses sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(gcc pkg-config libc6-dev libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev libwayland-dev
  xvfb xauth libgl1-mesa-dri dbus-x11 x11-apps poppler-utils sqlite3
  gcc-mingw-w64-x86-64 qpdf zip xz-utils)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null 2>&1; then
  if [ -x /usr/local/go/bin/go ]; then
    export PATH="/usr/local/go/bin:$PATH"
  else
    echo "setup: Go is not installed. Install Go 1.26 or newer from your usual source (go.dev/dl), then run this again." >&2
    exit 1
  fi
fi
go mod download
