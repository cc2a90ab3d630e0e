#!/usr/bin/env bash
# make release: builds, from Linux, everything a trust's IT or a Linux user
# needs, into dist/ (gitignored):
#   Gapwise-V-windows-amd64.zip   portable Windows app: Gapwise.exe (GUI
#                                 subsystem, icon and version resource),
#                                 gapwise-cli.exe, README, NOTICE
#   Gapwise-V-linux-amd64.tar.xz  the app and CLI, a .desktop file, the icon
#                                 and a Makefile that installs them
#   windows/ and linux/           the same programs unpacked
# V is the Version in FyneApp.toml (the one place it is written); when the
# commit being built carries a vX.Y.Z tag it must agree. The Windows version
# resource is made by go-winres (from the Go module proxy) into a temporary
# .syso beside cmd/*/main.go, removed afterwards: no tracked file changes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
command -v go >/dev/null 2>&1 || export PATH="/usr/local/go/bin:$PATH"

WINRES=github.com/tc-hib/go-winres@v0.3.3
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | head -1)
[ -n "$version" ] || { echo "release: no Version in FyneApp.toml" >&2; exit 1; }
if tag=$(git describe --tags --exact-match 2>/dev/null); then
  [ "${tag#v}" = "$version" ] || { echo "release: tag $tag does not match FyneApp.toml Version $version" >&2; exit 1; }
fi
# Windows wants four numbers: 0.1.0-rc.1 -> 0.1.0.0
numeric=$(echo "$version" | sed 's/[^0-9.].*//; s/\.$//')
while [ "$(echo "$numeric" | tr -cd . | wc -c)" -lt 3 ]; do numeric="$numeric.0"; done

dist=dist
rm -rf "$dist/windows" "$dist/linux" "$dist"/Gapwise-*
mkdir -p "$dist/windows" "$dist/linux"
work=$(mktemp -d)
sysos=()
cleanup() { rm -rf "$work"; for s in "${sysos[@]}"; do rm -f "$s"; done; }
trap cleanup EXIT

# winres DIR MANIFEST EXE DESCRIPTION: a version resource and icon for the
# program in DIR, as a .syso that go build links into the Windows binary.
winres() {
  local dir=$1 manifest=$2 exe=$3 desc=$4
  local syso="$dir/rsrc_windows_amd64.syso"
  if [ -e "$syso" ]; then echo "release: $syso exists; remove it first" >&2; exit 1; fi
  (cd "$work" && go run "$WINRES" simply --arch amd64 --manifest "$manifest" \
    --icon "$OLDPWD/assets/icon.png" --product-name Gapwise --file-description "$desc" \
    --product-version "$numeric" --file-version "$numeric" --original-filename "$exe" \
    --copyright "Gapwise contributors; framework texts: see NOTICE" --out rsrc)
  sysos+=("$syso")
  mv "$work/rsrc_windows_amd64.syso" "$syso"
}

echo "== Windows app (GUI subsystem, cgo with mingw-w64) $version"
winres cmd/gapwise gui Gapwise.exe "Gapwise: competency gap analysis"
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
  go build -trimpath -tags no_emoji -ldflags "-H windowsgui -s -w" -o "$dist/windows/Gapwise.exe" ./cmd/gapwise
echo "== Windows CLI"
winres cmd/gapwise-cli cli gapwise-cli.exe "Gapwise command line"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 \
  go build -trimpath -ldflags "-s -w" -o "$dist/windows/gapwise-cli.exe" ./cmd/gapwise-cli
cleanup; sysos=(); work=$(mktemp -d)

echo "== Linux app and CLI"
go build -trimpath -tags no_emoji -ldflags "-s -w" -o "$dist/linux/gapwise" ./cmd/gapwise
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$dist/linux/gapwise-cli" ./cmd/gapwise-cli

# Signing, when the trust's code-signing certificate is given:
# SIGN_PKCS12=cert.pfx SIGN_PASSFILE=file-holding-its-password [SIGN_TIMESTAMP=URL].
if [ -n "${SIGN_PKCS12:-}" ]; then
  echo "== signing the Windows programs with $SIGN_PKCS12"
  for exe in Gapwise.exe gapwise-cli.exe; do
    osslsigncode sign -pkcs12 "$SIGN_PKCS12" -readpass "${SIGN_PASSFILE:?SIGN_PASSFILE names the file holding the certificate password}" \
      -n Gapwise ${SIGN_TIMESTAMP:+-t "$SIGN_TIMESTAMP"} -in "$dist/windows/$exe" -out "$work/$exe" >/dev/null
    mv "$work/$exe" "$dist/windows/$exe"
  done
fi

# Archives: fixed file times and order, so one commit gives the same bytes.
stamp=$(git log -1 --format=%cI 2>/dev/null || date -u +%FT%TZ)

echo "== portable Windows zip"
win="$work/Gapwise-$version"
mkdir -p "$win"
cp "$dist/windows/Gapwise.exe" "$dist/windows/gapwise-cli.exe" NOTICE "$win/"
cp README.md "$win/README.md"
touch -d "$stamp" "$win" "$win"/*
(cd "$work" && TZ=UTC zip -q -X -r "Gapwise-$version-windows-amd64.zip" "Gapwise-$version")
mv "$work/Gapwise-$version-windows-amd64.zip" "$dist/"

echo "== Linux package"
lin="$work/Gapwise-$version-linux"
field() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | head -1; }
list() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\[\(.*\)\]/\1/p" FyneApp.toml | tr -d '"' | sed 's/, */;/g; s/$/;/'; }
id=$(field ID)
install -Dm755 "$dist/linux/gapwise" "$lin/usr/local/bin/gapwise"
install -Dm755 "$dist/linux/gapwise-cli" "$lin/usr/local/bin/gapwise-cli"
install -Dm644 assets/icon.png "$lin/usr/local/share/icons/hicolor/512x512/apps/$id.png"
install -Dm644 README.md "$lin/usr/local/share/doc/gapwise/README.md"
install -Dm644 NOTICE "$lin/usr/local/share/doc/gapwise/NOTICE"
mkdir -p "$lin/usr/local/share/applications"
cat >"$lin/usr/local/share/applications/$id.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Version=1.5
Name=$(field Name)
GenericName=$(field GenericName)
Comment=$(field Comment)
Exec=gapwise
Icon=$id
Terminal=false
Categories=$(list Categories)
Keywords=$(list Keywords)
DESKTOP
cat >"$lin/Makefile" <<'MAKE'
# Installs Gapwise: `sudo make install` (into /usr/local), or
# `make user-install` (into ~/.local, no admin rights). `make uninstall` /
# `make user-uninstall` remove it again. Your database is not touched.
PREFIX ?= /usr/local
files = bin/gapwise bin/gapwise-cli share/applications/uk.org.gapwise.app.desktop \
	share/icons/hicolor/512x512/apps/uk.org.gapwise.app.png share/doc/gapwise/README.md share/doc/gapwise/NOTICE
install:
	for f in $(files); do install -D -m $$(test -x usr/local/$$f && echo 755 || echo 644) usr/local/$$f $(DESTDIR)$(PREFIX)/$$f; done
	-update-desktop-database $(DESTDIR)$(PREFIX)/share/applications 2>/dev/null
	-gtk-update-icon-cache -q $(DESTDIR)$(PREFIX)/share/icons/hicolor 2>/dev/null
uninstall:
	for f in $(files); do rm -f $(DESTDIR)$(PREFIX)/$$f; done
user-install:
	$(MAKE) install PREFIX=$(HOME)/.local
user-uninstall:
	$(MAKE) uninstall PREFIX=$(HOME)/.local
.PHONY: install uninstall user-install user-uninstall
MAKE
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$lin/usr/local/share/applications/$id.desktop"
fi
find "$lin" -exec touch -h -d "$stamp" {} +
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$stamp" -C "$work" \
  -cJf "$dist/Gapwise-$version-linux-amd64.tar.xz" "Gapwise-$version-linux"

echo "== check"
if command -v x86_64-w64-mingw32-objdump >/dev/null 2>&1; then
  for exe in Gapwise.exe gapwise-cli.exe; do
    info=$(x86_64-w64-mingw32-objdump -p "$dist/windows/$exe")
    echo "$exe: $(echo "$info" | grep -m1 '^Subsystem'), resources: $(echo "$info" | grep -c 'Resource Directory')"
  done
  case "$(x86_64-w64-mingw32-objdump -p "$dist/windows/Gapwise.exe")" in
    *"(Windows GUI)"*) ;;
    *) echo "release: Gapwise.exe is not a Windows GUI program" >&2; exit 1 ;;
  esac
fi
(cd "$dist" && sha256sum Gapwise-"$version"-* | tee SHA256SUMS)
echo "release $version in $dist/${SIGN_PKCS12:+ (signed)}${SIGN_PKCS12:- (unsigned: see README, "What a trust's IT needs to know")}"
